"""Fixtures for retention tests: private files in a temporary folder, a records manager."""

import pytest

from fondsbeveiliging.core.files import private_storage


@pytest.fixture(autouse=True)
def private_media(tmp_path, monkeypatch):
    """Every private file (uploads, letters, reports) under tmp_path.

    All private FileFields and `private_storage()` share one storage object; point it there.
    """
    storage = private_storage()
    monkeypatch.setitem(storage.__dict__, "base_location", str(tmp_path))
    monkeypatch.setitem(storage.__dict__, "location", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def archiefbeheerder(functioneel_beheerder):
    """The records manager: the functioneel beheerder, whose group carries the approval right."""
    return functioneel_beheerder
