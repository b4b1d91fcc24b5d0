"""An upload whose transaction fails leaves no file without a row; a retry stores it whole.

The file is written before its row. Here PostgreSQL really cuts the connection right after
the file is written (pg_terminate_backend from another connection, as a restart does).
"""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError, connection

from aanvragen import services
from aanvragen.constants import Bewijstype
from aanvragen.models import Bewijsstuk
from tests import procs
from tests.aanvragen.factories import KostenpostFactory, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def regel(concept):
    return KostenpostFactory(aanvraag=concept, bewijs=False)


@pytest.fixture
def verbinding_weg_na_schrijven(monkeypatch):
    """After the next file is written, the server terminates this process's connection."""
    storage = Bewijsstuk._meta.get_field("bestand").storage
    origineel = storage.save
    geschreven = []

    def save(*args, **kwargs):
        naam = origineel(*args, **kwargs)
        geschreven.append(naam)
        pid = connection.connection.get_backend_pid()
        procs.vastgelegd("SELECT pg_terminate_backend(%s)", [pid])
        monkeypatch.setattr(storage, "save", origineel)  # once
        return naam

    monkeypatch.setattr(storage, "save", save)
    return geschreven


def _upload(regel, door):
    bestand = SimpleUploadedFile("factuur.pdf", pdf_bytes(), content_type="application/pdf")
    return services.bewijsstuk_toevoegen(
        kostenpost=regel, door=door, bestand=bestand, soort=Bewijstype.FACTUUR
    )


def _bestanden(map_):
    return {pad for pad in map_.rglob("*") if pad.is_file()}


def test_lost_connection_mid_upload_leaves_no_file_and_a_retry_succeeds(
    regel, ambtsdrager, private_media, verbinding_weg_na_schrijven, settings
):
    """The failed upload raises a database error and its written file is deleted."""
    settings.CLAMAV_ENABLED = False  # the scan is not what is tested here
    voor = _bestanden(private_media)
    with pytest.raises((OperationalError, InterfaceError)):
        _upload(regel, ambtsdrager)
    [geschreven] = verbinding_weg_na_schrijven
    assert not (private_media / geschreven).exists()
    assert _bestanden(private_media) == voor
    assert not regel.bewijsstukken.exists()

    bewijs = _upload(regel, ambtsdrager)  # the applicant tries again
    [opgeslagen] = _bestanden(private_media) - voor
    assert opgeslagen == private_media / bewijs.bestand.name
    assert hashlib.sha256(opgeslagen.read_bytes()).hexdigest() == bewijs.sha256
