"""Checks for uploaded files: by content, never by extension or browser-sent type.

Shared by meldingen (bijlagen), aanvragen (bewijsstukken) and ondersteuning. Every accepted
file is a PDF, JPEG, PNG, WebP or HEIC of at most UPLOAD_MAX_BYTES, fully decoded or
parsed once, within the PDF limits of `pdf_check`, and found clean by ClamAV (`scanner`).
Images are then re-encoded from their pixels, which drops EXIF (GPS included), XMP and
comments; HEIC becomes JPEG, which every browser can show.

`check_upload` raises nothing but ValidationError: an unexpected decoder exception is
logged and answered with the "beschadigd" message, never a server error.
"""

import hashlib
import io
import logging
import re
import threading
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import scanner
from .pdf_check import check_pdf

logger = logging.getLogger(__name__)

# Canonical extension and MIME type per stored format (HEIF is stored as JPEG).
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "HEIF": ("jpg", "image/jpeg"),
}
PDF = ("pdf", "application/pdf")
MAX_NAME_LENGTH = 100
JPEG_QUALITY = 90  # when the original's quantisation tables cannot be reused
_TRUNCATION_LOCK = threading.Lock()


@dataclass(frozen=True)
class CheckedUpload:
    """The outcome of `check_upload`: what to store and how to describe it.

    `inhoud` is the file to store: the upload itself for a PDF, the re-encoded image
    otherwise. `grootte` and `sha256` are of `inhoud`, i.e. of the stored bytes, so a hash
    comparison between stored files (double claims) compares what is on disk.
    """

    bestandsnaam: str  # sanitised, for display and download
    content_type: str
    grootte: int
    sha256: str
    inhoud: File


def sanitize_filename(name: str, extension: str) -> str:
    """Return a safe display name: no path parts, no control or odd characters, short."""
    name = unicodedata.normalize("NFKC", name or "")
    name = re.split(r"[\\/]", name)[-1]  # drop any directory part, "../" included
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\- ]+", "_", stem, flags=re.UNICODE).strip(" ._-")
    stem = re.sub(r"_+", "_", stem)[: MAX_NAME_LENGTH - len(extension) - 1]
    return f"{stem or 'bestand'}.{extension}"


def _beschadigd(soort: str) -> ValidationError:
    if soort == "pdf":
        tekst = _("Het PDF-bestand is beschadigd of onvolledig. Kies een ander bestand.")
    else:
        tekst = _("De afbeelding is beschadigd of onvolledig. Kies een ander bestand.")
    return ValidationError(tekst, code="beschadigd")


def _check_pdf(uploaded) -> None:
    from pypdf import PdfReader

    uploaded.seek(0)
    try:
        check_pdf(PdfReader(uploaded, strict=False), uploaded.size)
    except ValidationError:
        raise
    except Exception as exc:  # any parser failure, pypdf's LimitReachedError included
        logger.warning("upload_pdf_unreadable error=%s", type(exc).__name__, exc_info=True)
        raise _beschadigd("pdf") from exc


@contextmanager
def _strict_truncation():
    """Make Pillow refuse truncated images while decoding an upload.

    WeasyPrint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES to True when it
    is imported (in any process that renders a letter), after which a cut-off upload would
    decode without error. The lock keeps concurrent checks from restoring it too early.
    """
    from PIL import ImageFile

    with _TRUNCATION_LOCK:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _decode_image(uploaded):
    """Return the fully decoded image, or None when the bytes are no accepted image type.

    Only the accepted formats' decoders are tried, so a DDS, ICO or other header never
    reaches a plugin that would raise something else than "not my format".
    """
    from PIL import Image, UnidentifiedImageError
    from pillow_heif import register_heif_opener

    register_heif_opener()
    uploaded.seek(0)
    try:
        with warnings.catch_warnings(), _strict_truncation():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(uploaded, formats=list(IMAGE_FORMATS))
            image.load()  # full decode: catches truncated and corrupt images
            return image
    except UnidentifiedImageError:
        return None
    except Exception as exc:  # OSError, EOFError, RuntimeError, bombs, and the unforeseen
        logger.warning("upload_image_unreadable error=%s", type(exc).__name__, exc_info=True)
        raise _beschadigd("afbeelding") from exc


def _scan(uploaded) -> None:
    if not settings.CLAMAV_ENABLED:
        return
    uploaded.seek(0)
    try:
        signature = scanner.scan(uploaded)
    except scanner.ScannerNietBeschikbaar as exc:
        raise ValidationError(
            _(
                "Het bestand kan nu niet gecontroleerd worden op virussen en is niet "
                "opgeslagen. Probeer het later opnieuw."
            ),
            code="scanner",
        ) from exc
    if signature is not None:
        raise ValidationError(
            _(
                "In het bestand is mogelijk een virus of andere schadelijke inhoud gevonden. "
                "Het is niet opgeslagen."
            ),
            code="virus",
        )


def _check_size(uploaded) -> None:
    max_bytes = settings.UPLOAD_MAX_BYTES
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("Het bestand %(naam)s is te groot (%(grootte)s). Het maximum is %(max)s.")
            % {
                "naam": sanitize_filename(uploaded.name, "").rstrip("."),
                "grootte": filesizeformat(uploaded.size),
                "max": filesizeformat(max_bytes),
            },
            code="te_groot",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")


def check_upload(uploaded) -> CheckedUpload:
    """Validate an UploadedFile by size, content and virus scan; return what to store.

    Raises ValidationError (in Dutch) and nothing else. The order keeps the cheap checks
    first: size, then type and structure, then clamd, then the image re-encode.
    """
    _check_size(uploaded)
    uploaded.seek(0)
    image = None
    head = uploaded.read(16)
    if head.startswith(b"%PDF-"):
        _check_pdf(uploaded)
        extension, content_type = PDF
    else:
        image = _decode_image(uploaded)
        if image is None:
            raise ValidationError(
                _("Dit bestandstype is niet toegestaan. Upload een PDF, JPG, PNG, WebP of HEIC."),
                code="type",
            )
        extension, content_type = IMAGE_FORMATS[image.format]
    try:
        _scan(uploaded)
        inhoud = _reencode(image, uploaded) if image is not None else uploaded
    finally:
        if image is not None:
            image.close()
    inhoud.seek(0)
    digest, grootte = hashlib.sha256(), 0
    for chunk in inhoud.chunks():
        digest.update(chunk)
        grootte += len(chunk)
    inhoud.seek(0)
    return CheckedUpload(
        bestandsnaam=sanitize_filename(uploaded.name, extension),
        content_type=content_type,
        grootte=grootte,
        sha256=digest.hexdigest(),
        inhoud=inhoud,
    )


def _is_lossless_webp(uploaded) -> bool:
    """Whether the WebP's image chunk is VP8L (lossless) rather than VP8 (lossy).

    Walks the RIFF chunks (VP8X, ICCP, ANIM, ...) up to the first image chunk.
    """
    offset = 12
    for _chunk in range(16):
        uploaded.seek(offset)
        header = uploaded.read(8)
        if len(header) < 8:
            return False
        if header[:4] in (b"VP8 ", b"VP8L", b"ANMF"):
            return header[:4] == b"VP8L"
        offset += 8 + int.from_bytes(header[4:], "little") + (header[4] & 1)
    return False


def _reencode(image, uploaded) -> ContentFile:
    """Write the image's pixels into a fresh file of the stored format, without metadata."""
    lossless_webp = image.format == "WEBP" and _is_lossless_webp(uploaded)
    try:
        return ContentFile(_clean_image_bytes(image, lossless_webp=lossless_webp))
    except Exception as exc:  # an encoder refusing an odd mode or size
        logger.warning("upload_image_reencode_failed error=%s", type(exc).__name__, exc_info=True)
        raise _beschadigd("afbeelding") from exc


def _clean_image_bytes(image, *, lossless_webp: bool) -> bytes:
    """Return the image re-encoded: orientation applied, EXIF/XMP/comments dropped.

    The colour profile (ICC) and PNG transparency are kept: they are how the image looks,
    not data about who made it. HEIC is written as JPEG.
    """
    from PIL import ImageOps

    fmt = image.format
    options = _save_options(image, lossless_webp=lossless_webp)
    try:
        clean = ImageOps.exif_transpose(image)
    except Exception:  # unreadable EXIF: keep the pixels as they are
        logger.info("upload_image_exif_unreadable", exc_info=True)
        clean = image.copy()
    clean.info = {}  # Pillow falls back to info for XMP, comments and more when saving
    if fmt in ("JPEG", "HEIF") and clean.mode not in ("RGB", "L", "CMYK"):
        clean = clean.convert("RGB")
    output = io.BytesIO()
    clean.save(output, {"HEIF": "JPEG"}.get(fmt, fmt), **options)
    return output.getvalue()


def _save_options(image, *, lossless_webp: bool) -> dict:
    """Encoder options that keep the look: JPEGs keep their quantisation tables (quality
    and size stay close to the original), WebP keeps lossless, PNG keeps transparency."""
    from PIL import JpegImagePlugin

    options = {}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if image.format == "JPEG":
        options["qtables"] = image.quantization
        sampling = JpegImagePlugin.get_sampling(image)
        if sampling >= 0:
            options["subsampling"] = sampling
    elif image.format == "HEIF":
        options["quality"] = JPEG_QUALITY
    elif image.format == "WEBP":
        options.update(quality=JPEG_QUALITY, lossless=lossless_webp)
    elif image.info.get("transparency") is not None:
        options["transparency"] = image.info["transparency"]
    return options
