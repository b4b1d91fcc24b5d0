"""Upload checks by content: type from the bytes, full decode, size limit, safe names."""

import hashlib
import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from fondsbeveiliging.core.uploads import check_upload, sanitize_filename
from tests.core import hostile_files


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


# Hardening (issue 22): every decoder failure is a ValidationError; images are re-encoded.


@pytest.mark.parametrize(
    "error", [NotImplementedError("dds"), EOFError(), RuntimeError("heif"), KeyError("x")]
)
def test_any_decoder_exception_becomes_the_beschadigd_message(monkeypatch, error):
    """Whatever a decoder raises, the user gets a message (logged), never a server error."""
    from PIL import Image as PilImage

    def broken_open(*args, **kwargs):
        raise error

    monkeypatch.setattr(PilImage, "open", broken_open)
    with pytest.raises(ValidationError, match="beschadigd of onvolledig"):
        check_upload(_upload("foto.jpg", _png()))


def test_unexpected_pdf_parser_exception_becomes_the_beschadigd_message(monkeypatch):
    import pypdf

    def broken_reader(*args, **kwargs):
        raise RecursionError("deep")

    monkeypatch.setattr(pypdf, "PdfReader", broken_reader)
    with pytest.raises(ValidationError, match="PDF-bestand is beschadigd"):
        check_upload(_upload("scan.pdf", hostile_files.simple_pdf()))


@pytest.mark.parametrize(
    ("builder", "code"),
    [
        (hostile_files.dds_header, "type"),
        (hostile_files.truncated_heic, "beschadigd"),
        (hostile_files.malformed_heic, "beschadigd"),
        (hostile_files.deep_pdf, "pdf_boom"),
        (hostile_files.flate_bomb_pdf, "pdf_uitgepakt"),
        (hostile_files.eicar_pdf, "virus"),
    ],
)
def test_hostile_files_are_refused_with_their_own_reason(builder, code):
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload("bestand", builder()))
    assert refused.value.code == code


def test_flate_bomb_is_refused_without_inflating_it_into_memory():
    """512 MB packed in ~510 KB: refused after inflating a bounded part, in chunks."""
    import time
    import tracemalloc

    data = hostile_files.flate_bomb_pdf()
    assert len(data) < 600_000
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="uitgepakt veel te groot"):
        check_upload(_upload("bom.pdf", data))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 30 * 1024 * 1024, peak
    assert elapsed < 5, elapsed


def test_pdf_with_too_many_objects_is_refused(monkeypatch):
    from fondsbeveiliging.core import pdf_check

    monkeypatch.setattr(pdf_check, "MAX_OBJECTS", 3)
    with pytest.raises(ValidationError, match="te veel onderdelen"):
        check_upload(_upload("scan.pdf", hostile_files.simple_pdf()))


def test_pdf_page_tree_within_the_depth_limit_is_accepted():
    checked = check_upload(_upload("scan.pdf", hostile_files.deep_pdf(levels=20)))
    assert checked.content_type == "application/pdf"


def test_ordinary_compressed_pdf_is_accepted_and_stored_as_sent():
    """A PDF is stored byte for byte; its hash is of those bytes."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=612, height=792)
    writer.compress_identical_objects()
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    checked = check_upload(_upload("scan.pdf", data))
    assert checked.inhoud.read() == data
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


def test_password_protected_pdf_is_refused_with_its_own_message():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    writer.encrypt(user_password="geheim", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ValidationError, match="beveiligd met een wachtwoord"):
        check_upload(_upload("scan.pdf", buffer.getvalue()))


def test_heic_is_stored_as_jpeg():
    checked = check_upload(_upload("foto.heic", hostile_files.heic()))
    assert checked.content_type == "image/jpeg" and checked.bestandsnaam == "foto.jpg"
    assert Image.open(checked.inhoud).format == "JPEG"


def test_png_keeps_transparency_and_loses_its_text_chunks():
    from PIL import PngImagePlugin

    image = Image.new("RGBA", (20, 20), (255, 0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jan Jansen, Kerkstraat 1")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    checked = check_upload(_upload("scherm.png", buffer.getvalue()))
    stored = checked.inhoud.read()
    assert b"Kerkstraat" not in stored
    clean = Image.open(io.BytesIO(stored))
    assert clean.mode == "RGBA" and clean.getpixel((0, 0))[3] == 0


def test_lossless_webp_stays_lossless_and_loses_its_exif():
    image = Image.frombytes("RGB", (32, 32), os.urandom(32 * 32 * 3))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", lossless=True, exif=exif.tobytes())
    checked = check_upload(_upload("foto.webp", buffer.getvalue()))
    clean = Image.open(checked.inhoud)
    assert clean.format == "WEBP" and not clean.getexif()
    assert clean.convert("RGB").tobytes() == image.tobytes()


def test_the_same_photo_gives_the_same_stored_hash_twice():
    """Re-encoding is deterministic, so a double upload of one photo is still recognisable."""
    data = hostile_files.jpeg_with_gps()
    first = check_upload(_upload("a.jpg", data))
    second = check_upload(_upload("b.jpg", data))
    assert first.sha256 == second.sha256
