"""Crafted upload files for the hardening tests, made in memory (no binary blobs committed).

Each builder returns bytes that once reached a server error or was stored unchecked
(issue 22): crafted image headers, a deep PDF page tree, a Flate bomb, the EICAR test file.
"""

import io
import os
import struct
import zlib
from functools import cache

from PIL import Image


def eicar() -> bytes:
    """The EICAR anti-virus test string, built from halves so this file does not carry it."""
    return (r"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").encode()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF with `objects` as objects 1..n (1 is the catalog) and a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def simple_pdf(content: bytes = b"BT /F1 12 Tf 72 720 Td (Factuur) Tj ET") -> bytes:
    """A valid one-page PDF whose page shows `content` (an uncompressed content stream)."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(content),
        ]
    )


def deep_pdf(levels: int = 150) -> bytes:
    """A PDF whose page tree is `levels` /Pages nodes deep above its one page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        number = 2 + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    page = len(objects) + 1
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>"
        % (page - 1, page + 1)
    )
    objects.append(_stream(b"BT ET"))
    return raw_pdf(objects)


@cache
def flate_bomb_pdf(inflated_mb: int = 512) -> bytes:
    """A valid one-page PDF carrying a Flate stream of `inflated_mb` MB of zeros (~1000:1)."""
    deflater = zlib.compressobj(9)
    block = bytes(1024 * 1024)
    packed = b"".join(deflater.compress(block) for _ in range(inflated_mb)) + deflater.flush()
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(packed, b"/Filter /FlateDecode "),
        ]
    )


def eicar_pdf() -> bytes:
    """A valid PDF with the EICAR test string in its page content (as a comment line)."""
    return simple_pdf(b"%" + eicar() + b"\nBT /F1 12 Tf 72 720 Td (Factuur) Tj ET")


def dds_header() -> bytes:
    """A DDS texture header with a pixel format Pillow's DDS plugin does not implement."""
    header = struct.pack("<7I", 124, 0x1007, 4, 4, 0, 0, 0) + bytes(44)
    pixel_format = struct.pack("<2I", 32, 0x4) + b"ABCD" + bytes(20)
    return b"DDS " + header + pixel_format + struct.pack("<4I", 0x1000, 0, 0, 0) + bytes(68)


def heic(size=(64, 64)) -> bytes:
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="HEIF", quality=50)
    return buffer.getvalue()


def truncated_heic() -> bytes:
    """A HEIC cut off inside its image data."""
    data = heic()
    return data[: data.find(b"mdat") + 40]


def malformed_heic() -> bytes:
    """A HEIC whose image item points at data beyond the end of the file."""
    data = bytearray(heic())
    start = data.find(b"iloc")
    # The extent length of the one item (the last four bytes of the iloc box) made huge.
    box_end = start - 4 + int.from_bytes(data[start - 4 : start], "big")
    data[box_end - 4 : box_end] = (0x7FFFFFFF).to_bytes(4, "big")
    return bytes(data)


def jpeg_with_gps(size=(120, 80), orientation: int = 6) -> bytes:
    """A JPEG with EXIF GPS coordinates (the Binnenhof) and an orientation tag."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1] // 4))  # a marker top-left
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Telefoonmerk"
    exif[0x8825] = {1: "N", 2: (52.0, 4.0, 48.0), 3: "E", 4: (4.0, 18.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes(), quality=95)
    return buffer.getvalue()
