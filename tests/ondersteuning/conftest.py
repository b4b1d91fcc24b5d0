"""Support-request fixtures: private files in a temporary folder, users per role."""

import pytest

from ondersteuning.models import Bijlage
from tests.factories import UserFactory, gemeente


@pytest.fixture(autouse=True)
def private_media(tmp_path, monkeypatch):
    """Keep uploaded test files out of var/private (the storage is resolved at import)."""
    storage = Bijlage._meta.get_field("bestand").storage
    monkeypatch.setattr(storage, "_location", str(tmp_path))
    for attr in ("base_location", "location"):
        storage.__dict__.pop(attr, None)
    yield tmp_path
    for attr in ("base_location", "location"):
        storage.__dict__.pop(attr, None)


@pytest.fixture
def andere_gemeente_medewerker(db):
    """A municipal employee of Utrecht (the `gemeente_medewerker` fixture is Amsterdam's)."""
    return UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))


@pytest.fixture
def coordinator(tweede_beoordelaar):
    """The coordinator is the teamleider's role (permission in the role matrix)."""
    return tweede_beoordelaar


@pytest.fixture
def role_user(request):
    """Resolve a role name to its fixture user (None for anonymous)."""

    def get(name):
        if name == "anoniem":
            return None
        return request.getfixturevalue(name)

    return get


@pytest.fixture
def client_for(client, verified_client):
    """A test client logged in as the user (2FA-verified), or anonymous for None."""

    def make(user):
        return client if user is None else verified_client(user)

    return make
