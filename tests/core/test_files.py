"""Private files: no public URL, stored under random names, sent only as downloads."""

import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from fondsbeveiliging.core.files import PrivateUploadTo, private_file_response, private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def tmp_private_storage(settings, tmp_path):
    from django.core.files.storage import storages

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }
    storages._storages.pop("private", None)
    yield private_storage()
    storages._storages.pop("private", None)


def test_private_root_is_outside_static():
    """Private files never sit where WhiteNoise serves static files."""
    private = settings.PRIVATE_MEDIA_ROOT.resolve()
    static = settings.STATIC_ROOT.resolve()
    assert static not in private.parents and private != static


def test_a_stored_file_has_no_working_url(client, tmp_private_storage):
    """Whatever URL the storage would make, the site does not serve the file there."""
    name = tmp_private_storage.save("bijlagen/geheim.pdf", ContentFile(b"%PDF-1.4 geheim"))
    response = client.get(tmp_private_storage.url(name))
    assert response.status_code in (302, 404)
    assert b"geheim" not in response.content


def test_upload_to_ignores_the_users_file_name():
    """Stored as prefix/yyyy/mm/<uuid>.<ext>: no user-chosen name on disk."""
    path = PrivateUploadTo("bijlagen")(None, "../../mijn adres.PDF")
    assert re.fullmatch(r"bijlagen/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", path)
    assert PrivateUploadTo("a") == PrivateUploadTo("a") and PrivateUploadTo("a") != PrivateUploadTo(
        "b"
    )


def test_response_is_a_non_cacheable_sandboxed_download(tmp_private_storage):
    """Headers stop sniffing, caching and script execution; the name is ours."""
    storage = tmp_private_storage
    name = storage.save("brieven/x.pdf", ContentFile(b"%PDF-1.4 test"))

    class FieldFile:
        def open(self, mode):
            return storage.open(name, mode)

    response = private_file_response(
        FieldFile(), download_name="besluit.pdf", content_type="application/pdf"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="besluit.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    response.close()
