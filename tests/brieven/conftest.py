"""Letter tests: a fontTools fallback is an error here, never a silent slowdown."""

import pytest
from pdfminer.high_level import extract_text

from fondsbeveiliging.brieven import pdf as pdf_module


@pytest.fixture(autouse=True)
def _strenge_fonts(settings):
    settings.BRIEVEN_STRICT_FONTS = True


@pytest.fixture
def verse_renderer():
    """Start from an empty per-process cache (fetcher, fonts, stylesheet rebuilt)."""
    pdf_module._cache.clear()
    yield
    pdf_module._cache.clear()


def pdf_tekst(pdf_bytes: bytes) -> str:
    """Return the PDF's text with all whitespace (no-break spaces too) collapsed to one space."""
    from io import BytesIO

    return " ".join(extract_text(BytesIO(pdf_bytes)).split())


def woorden_in_volgorde(tekst: str, verwacht: str, venster: int = 400) -> bool:
    """Return True if the words of `verwacht` occur in order, close together, in `tekst`."""
    positie = 0
    begin = None
    for woord in verwacht.split():
        positie = tekst.find(woord, positie)
        if positie < 0:
            return False
        begin = positie if begin is None else begin
        if positie - begin > venster:
            return False
        positie += len(woord)
    return True
