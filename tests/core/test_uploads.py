"""Upload checks by content: type from the bytes, full decode, size limit, safe names."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from fondsbeveiliging.core.uploads import check_upload, sanitize_filename


def _png(size=(200, 200)) -> bytes:
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_valid_png_is_accepted_with_type_from_content():
    """A real PNG named .jpg is accepted as PNG, with a hash and a sanitised name."""
    data = _png()
    checked = check_upload(_upload("../../foto.jpg", data))
    assert checked.content_type == "image/png"
    assert checked.bestandsnaam == "foto.png"
    assert checked.grootte == len(data) and len(checked.sha256) == 64


def test_truncated_png_is_refused():
    """A cut-off image fails the full decode."""
    data = _png()
    with pytest.raises(ValidationError, match="beschadigd of onvolledig"):
        check_upload(_upload("kapot.png", data[: len(data) * 2 // 3]))


def test_truncated_png_is_refused_after_weasyprint_was_imported():
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES globally; uploads stay strict."""
    import weasyprint  # noqa: F401 - imported for its side effect on Pillow

    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        data = _png()
        with pytest.raises(ValidationError, match="beschadigd of onvolledig"):
            check_upload(_upload("kapot.png", data[: len(data) * 2 // 3]))
        assert ImageFile.LOAD_TRUNCATED_IMAGES is True, "the global is restored afterwards"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500),
        ("plaatje.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ],
)
def test_other_types_are_refused_whatever_the_name(name, content):
    """An executable or HTML file with an innocent extension is refused."""
    with pytest.raises(ValidationError, match="niet toegestaan"):
        check_upload(_upload(name, content))


def test_too_large_is_refused(settings):
    """Files over UPLOAD_MAX_BYTES are refused before decoding."""
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="te groot"):
        check_upload(_upload("groot.pdf", b"%PDF-1.4\n" + b"0" * 2000))


def test_empty_file_is_refused():
    with pytest.raises(ValidationError, match="leeg"):
        check_upload(_upload("leeg.pdf", b""))


def test_sanitize_filename_strips_paths_and_odd_characters():
    """No directory parts, control characters or markup survive in the display name."""
    assert sanitize_filename("..\\..\\<script>x.pdf", "pdf") == "script_x.pdf"
    assert sanitize_filename("", "png") == "bestand.png"
    assert len(sanitize_filename("a" * 300 + ".pdf", "pdf")) <= 100
