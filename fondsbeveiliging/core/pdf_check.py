"""Structural limits for uploaded PDFs, checked before anyone opens the file.

A PDF may be small on disk and still hurt the reader that opens it: a page tree nested
deeper than a parser's stack, hundreds of thousands of objects, or a 512 MB Flate stream
packed into a few hundred KB ("zip bomb"). Each limit below is far above what a scanner,
phone or office suite writes. Streams are inflated incrementally and only counted, so a bomb
costs at most the budget's worth of CPU and one chunk of memory.

Every problem is a ValidationError with a Dutch message; the caller turns any other
exception into the "beschadigd" message.
"""

import base64
import binascii
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PAGE_TREE_DEPTH = 32  # /Pages levels; writers use fewer than 10
MAX_PAGES = 5_000
MAX_OBJECTS = 50_000  # entries in the cross-reference table(s)
MAX_INFLATION_RATIO = 100  # inflated stream bytes per byte of file...
INFLATION_FLOOR = 20 * 1024 * 1024  # ...though a small file may always inflate to this
MAX_INFLATED_BYTES = 200 * 1024 * 1024  # and no file beyond this
INFLATE_CHUNK = 1024 * 1024

# Filters that shrink data (text encodings) may precede one decompressing filter; image
# codecs after it (DCT, JPX, CCITT, JBIG2) are not inflated here.
TEXT_FILTERS = {"/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"}
COMPRESSING_FILTERS = {"/FlateDecode", "/Fl", "/LZWDecode", "/LZW", "/RunLengthDecode", "/RL"}


def _refuse(message, code):
    return ValidationError(message, code=code)


@dataclass
class _Budget:
    """Inflated bytes still allowed for this file."""

    remaining: int

    def spend(self, count: int) -> None:
        self.remaining -= count
        if self.remaining < 0:
            raise _refuse(
                _(
                    "Het PDF-bestand bevat sterk samengeperste inhoud die uitgepakt veel te "
                    "groot wordt. Sla het opnieuw op als gewone PDF en probeer het nog eens."
                ),
                "pdf_uitgepakt",
            )


def inflation_budget(file_size: int) -> int:
    """Return how many inflated bytes a PDF of `file_size` bytes may hold in all."""
    return min(MAX_INFLATED_BYTES, max(INFLATION_FLOOR, MAX_INFLATION_RATIO * file_size))


def check_pdf(reader, file_size: int) -> int:
    """Check a pypdf reader's file against the limits above; return its number of pages."""
    if reader.is_encrypted and not reader.decrypt(""):
        raise _refuse(
            _("Het PDF-bestand is beveiligd met een wachtwoord. Upload een versie zonder."),
            "pdf_wachtwoord",
        )
    _check_object_count(reader)
    _check_streams(reader, _Budget(inflation_budget(file_size)))
    pages = _count_pages(reader)
    if pages < 1:
        raise _refuse(_("Het PDF-bestand heeft geen pagina's."), "leeg")
    return pages


def _check_object_count(reader) -> None:
    count = sum(len(entries) for entries in reader.xref.values()) + len(reader.xref_objStm)
    if count > MAX_OBJECTS:
        raise _refuse(
            _("Het PDF-bestand bestaat uit te veel onderdelen (meer dan %(max)s).")
            % {"max": f"{MAX_OBJECTS:,}".replace(",", ".")},
            "pdf_objecten",
        )


def _count_pages(reader) -> int:
    """Walk the page tree without recursion, refusing deep, cyclic or huge trees."""
    from pypdf.generic import DictionaryObject, IndirectObject

    root = reader.trailer["/Root"].get_object()
    stack = [(root.get("/Pages"), 1)]
    seen, pages = set(), 0
    while stack:
        ref, depth = stack.pop()
        if isinstance(ref, IndirectObject):
            if ref.idnum in seen:
                raise _refuse(_("De paginastructuur van het PDF-bestand klopt niet."), "pdf_boom")
            seen.add(ref.idnum)
        node = ref.get_object() if ref is not None else None
        if not isinstance(node, DictionaryObject):
            continue
        if "/Kids" not in node:
            pages += 1
            continue
        if depth > MAX_PAGE_TREE_DEPTH:
            raise _refuse(
                _("De paginastructuur van het PDF-bestand is te diep genest."), "pdf_boom"
            )
        kids = node["/Kids"].get_object()
        stack.extend((kid, depth + 1) for kid in kids)
        if pages + len(stack) > MAX_PAGES:
            raise _refuse(
                _("Het PDF-bestand heeft te veel pagina's (meer dan %(max)s).")
                % {"max": MAX_PAGES},
                "pdf_paginas",
            )
    return pages


def _top_level_refs(reader):
    """The objects stored directly in the file; streams are never inside object streams, so
    these are all the streams, and no object stream is opened (inflated whole) to find them."""
    from pypdf.generic import IndirectObject

    for generation, entries in reader.xref.items():
        for number in entries:
            yield IndirectObject(number, generation, reader)


def _check_streams(reader, budget: _Budget) -> None:
    from pypdf.generic import StreamObject

    for ref in _top_level_refs(reader):
        obj = ref.get_object()
        if isinstance(obj, StreamObject):
            budget.spend(_inflated_size(obj, budget))


def _filters(stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    value = value.get_object()
    return [str(f) for f in value] if isinstance(value, list) else [str(value)]


def _inflated_size(stream, budget: _Budget) -> int:
    """Return the size of the stream after its decompressing filter, stopping past budget."""
    data = stream._data  # still encoded (decrypted when the file was)
    filters = _filters(stream)
    while filters and filters[0] in TEXT_FILTERS:
        data = _decode_text(filters.pop(0), data)
    if not filters or filters[0] not in COMPRESSING_FILTERS:
        return len(data)
    if any(f in COMPRESSING_FILTERS for f in filters[1:]):
        raise _refuse(
            _("Het PDF-bestand bevat dubbel samengeperste inhoud. Sla het opnieuw op als PDF."),
            "pdf_uitgepakt",
        )
    if filters[0] in ("/FlateDecode", "/Fl"):
        return _flate_size(data, limit=budget.remaining + 1)
    return _other_size(filters[0], data)


def _flate_size(data: bytes, *, limit: int) -> int:
    """Count inflated bytes chunk by chunk; stop once past `limit`. Damaged data counts
    what inflated before the damage (viewers do the same)."""
    inflater = zlib.decompressobj()
    total, pending = 0, data
    try:
        while True:
            chunk = inflater.decompress(pending, INFLATE_CHUNK)
            total += len(chunk)
            pending = inflater.unconsumed_tail
            if total > limit or inflater.eof or (not pending and len(chunk) < INFLATE_CHUNK):
                return total
    except zlib.error:
        return total


def _other_size(name: str, data: bytes) -> int:
    """LZW and run-length streams: rare, decoded by pypdf within its own output limits."""
    from pypdf.filters import LZWDecode, RunLengthDecode

    decoder = RunLengthDecode if name in ("/RunLengthDecode", "/RL") else LZWDecode
    return len(decoder.decode(data))


def _decode_text(name: str, data: bytes) -> bytes:
    try:
        if name in ("/ASCIIHexDecode", "/AHx"):
            text = bytes(b for b in data.split(b">", 1)[0] if not chr(b).isspace())
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        text = data.strip()
        text = text.removeprefix(b"<~").split(b"~>", 1)[0]
        return base64.a85decode(b"".join(text.split()), adobe=False)
    except (ValueError, binascii.Error):
        return b""
