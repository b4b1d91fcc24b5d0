"""Fixtures for the aanvragen tests: private files in a temporary folder, eager Celery."""

import pytest

from aanvragen.models import Bewijsstuk
from fondsbeveiliging.celery import app as celery_app
from tests.aanvragen.factories import AanvraagFactory, RegelingFactory


@pytest.fixture(autouse=True)
def private_media(tmp_path, monkeypatch):
    """Write uploads under tmp_path instead of var/private."""
    storage = Bewijsstuk._meta.get_field("bestand").storage
    monkeypatch.setitem(storage.__dict__, "base_location", str(tmp_path))
    monkeypatch.setitem(storage.__dict__, "location", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hashing a password per factory user dominates run time; these tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def celery_eager():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def regeling(db):
    return RegelingFactory()


@pytest.fixture
def concept(regeling, ambtsdrager):
    """A complete draft of `ambtsdrager`, ready to submit."""
    return AanvraagFactory(aanvrager=ambtsdrager, compleet=True)


@pytest.fixture
def ingediende_aanvraag(regeling, ambtsdrager):
    return AanvraagFactory(aanvrager=ambtsdrager, ingediend=True)
