"""Checks for uploaded files: by content, never by extension or browser-sent type.

Shared by meldingen (bijlagen) and aanvragen (bewijsstukken). Every accepted file is one of
PDF, JPEG, PNG, WebP or HEIC, fully decoded or parsed once, at most UPLOAD_MAX_BYTES large.
"""

import hashlib
import re
import threading
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Canonical extension and MIME type per format, as detected from the bytes.
PIL_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "HEIF": ("heic", "image/heic"),
}
PDF = ("pdf", "application/pdf")
MAX_NAME_LENGTH = 100
_TRUNCATION_LOCK = threading.Lock()


@dataclass(frozen=True)
class CheckedUpload:
    bestandsnaam: str  # sanitised, for display and download
    content_type: str
    grootte: int
    sha256: str


def sanitize_filename(name: str, extension: str) -> str:
    """Return a safe display name: no path parts, no control or odd characters, short."""
    name = unicodedata.normalize("NFKC", name or "")
    name = re.split(r"[\\/]", name)[-1]  # drop any directory part, "../" included
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\- ]+", "_", stem, flags=re.UNICODE).strip(" ._-")
    stem = re.sub(r"_+", "_", stem)[: MAX_NAME_LENGTH - len(extension) - 1]
    return f"{stem or 'bestand'}.{extension}"


def _detect_pdf(head: bytes, uploaded) -> tuple[str, str] | None:
    if not head.startswith(b"%PDF-"):
        return None
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    uploaded.seek(0)
    try:
        reader = PdfReader(uploaded, strict=False)
        if len(reader.pages) < 1:
            raise ValidationError(_("Het PDF-bestand heeft geen pagina's."), code="leeg")
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(
            _("Het PDF-bestand is beschadigd of onvolledig. Kies een ander bestand."),
            code="beschadigd",
        ) from exc
    return PDF


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


def _detect_image(uploaded) -> tuple[str, str] | None:
    from PIL import Image, UnidentifiedImageError
    from pillow_heif import register_heif_opener

    register_heif_opener()
    uploaded.seek(0)
    try:
        with warnings.catch_warnings(), _strict_truncation():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                fmt = image.format
                if fmt not in PIL_FORMATS:
                    return None
                image.load()  # full decode: catches truncated and corrupt images
    except UnidentifiedImageError:
        return None
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise ValidationError(
            _("De afbeelding is beschadigd of onvolledig. Kies een ander bestand."),
            code="beschadigd",
        ) from exc
    return PIL_FORMATS[fmt]


def check_upload(uploaded) -> CheckedUpload:
    """Validate an UploadedFile by size and content; raise ValidationError in Dutch."""
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
    uploaded.seek(0)
    head = uploaded.read(16)
    detected = _detect_pdf(head, uploaded) or _detect_image(uploaded)
    if detected is None:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Upload een PDF, JPG, PNG, WebP of HEIC."),
            code="type",
        )
    extension, content_type = detected
    uploaded.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedUpload(
        bestandsnaam=sanitize_filename(uploaded.name, extension),
        content_type=content_type,
        grootte=uploaded.size,
        sha256=digest.hexdigest(),
    )
