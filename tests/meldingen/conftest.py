"""Meldingen fixtures: private files in a temporary folder, a melding per state."""

import pytest

from meldingen.models import Bijlage
from tests.meldingen.factories import BijlageFactory, MeldingFactory


@pytest.fixture(autouse=True)
def private_media(tmp_path, monkeypatch):
    """Keep uploaded test files out of var/private.

    The FileField resolved its storage at import time, so point that storage object at a
    temporary folder instead of overriding settings.
    """
    storage = Bijlage._meta.get_field("bestand").storage
    monkeypatch.setattr(storage, "_location", str(tmp_path))
    for attr in ("base_location", "location"):
        storage.__dict__.pop(attr, None)
    yield tmp_path
    for attr in ("base_location", "location"):
        storage.__dict__.pop(attr, None)


@pytest.fixture
def concept(ambtsdrager):
    return MeldingFactory(eigenaar=ambtsdrager)


@pytest.fixture
def melding(ambtsdrager):
    """A sent melding of the `ambtsdrager` fixture."""
    return MeldingFactory(eigenaar=ambtsdrager, ingediend=True)


@pytest.fixture
def bijlage(melding):
    return BijlageFactory(melding=melding)


@pytest.fixture
def role_user(request):
    """Resolve a role name to its fixture user (None for anonymous)."""

    def get(name):
        if name == "anoniem":
            return None
        if name == "eigenaar":
            return request.getfixturevalue("ambtsdrager")
        return request.getfixturevalue(name)

    return get


@pytest.fixture
def client_for(client, verified_client):
    """A test client logged in as the user (2FA-verified), or anonymous for None."""

    def make(user):
        return client if user is None else verified_client(user)

    return make
