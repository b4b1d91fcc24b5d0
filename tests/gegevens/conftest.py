"""Fixtures for "Mijn gegevens": private files in a temporary folder, eager Celery, Utrecht."""

import pytest

from fondsbeveiliging.celery import app as celery_app
from tests.factories import gemeente

UTRECHT = "GM0344"


@pytest.fixture(autouse=True)
def private_media(tmp_path):
    """Write uploads, letters and exports under tmp_path instead of var/private."""
    from gegevens.models import GegevensExport

    # The field's own storage object (every private FileField shares the one evaluated at
    # import): `storages["private"]` may be a newer instance once a test reset the storages.
    storage = GegevensExport._meta.get_field("bestand").storage
    before = (storage.__dict__.get("base_location"), storage.__dict__.get("location"))
    storage.__dict__["base_location"] = str(tmp_path)
    storage.__dict__["location"] = str(tmp_path)
    yield tmp_path
    for key, value in zip(("base_location", "location"), before, strict=True):
        if value is None:
            storage.__dict__.pop(key, None)
        else:
            storage.__dict__[key] = value


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
def utrecht(ambtsdrager, gemeente_medewerker, beoordelaar):
    """The office holder and the municipal employee both of Utrecht; staff with known names.

    The staff names are fixed and unusual, so a test can look for them anywhere.
    """
    utrecht = gemeente(UTRECHT)
    for user in (ambtsdrager, gemeente_medewerker):
        user.gemeente = utrecht
        user.save(update_fields=["gemeente"])
    beoordelaar.first_name, beoordelaar.last_name = "Xandrijn", "Medewerkersnaam"
    beoordelaar.save(update_fields=["first_name", "last_name"])
    return utrecht
