"""Fixtures for the statistics tests: private files in a temporary folder, eager Celery,
fast password hashing, and a small hand-counted data set (`dossier`)."""

import pytest

from fondsbeveiliging.celery import app as celery_app
from statistieken.models import Kwartaalrapport


@pytest.fixture(autouse=True)
def private_media(tmp_path, monkeypatch):
    storage = Kwartaalrapport._meta.get_field("bestand").storage
    monkeypatch.setitem(storage.__dict__, "base_location", str(tmp_path))
    monkeypatch.setitem(storage.__dict__, "location", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def celery_eager():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
