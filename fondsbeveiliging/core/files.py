"""Private files: a storage with no public URL and one way out, `private_file_response`.

Callers decide *whether* the user may have the file (their app's permissions.py); this
module decides *how* it is sent: always as a download, never sniffed, never cached.
"""

import uuid

from django.core.files.storage import storages
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible


def private_storage():
    """The storage for uploads and letters (filesystem outside static, or private S3)."""
    return storages["private"]


@deconstructible
class PrivateUploadTo:
    """upload_to that stores under `prefix/yyyy/mm/<uuid>.<ext>`: no user-chosen name on disk."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename):
        now = timezone.now()
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        return f"{self.prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix


def private_file_response(fieldfile, *, download_name: str, content_type: str) -> FileResponse:
    """Stream a private file as an attachment with headers that stop sniffing and caching."""
    response = FileResponse(
        fieldfile.open("rb"),
        as_attachment=True,
        filename=download_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
