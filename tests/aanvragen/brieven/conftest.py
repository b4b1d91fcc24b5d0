"""Letter tests: a fontTools fallback is an error here, never a silent slowdown."""

import pytest
from pdfminer.high_level import extract_text

from fondsbeveiliging.opmaak import pdf as pdf_module


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


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    """Write letters under tmp_path instead of var/private."""
    from fondsbeveiliging.core.files import private_storage

    storage = private_storage()
    before = (storage.__dict__.get("base_location"), storage.__dict__.get("location"))
    storage.__dict__["base_location"] = str(tmp_path)
    storage.__dict__["location"] = str(tmp_path)
    yield tmp_path
    for key, value in zip(("base_location", "location"), before, strict=True):
        if value is None:
            storage.__dict__.pop(key, None)
        else:
            storage.__dict__[key] = value


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
