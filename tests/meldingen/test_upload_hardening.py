"""Hostile uploads at /meldingen/nieuw/ (issue 22): a message and the form back, never a 500.

The crafted files are made in memory (tests/core/hostile_files.py); the virus scan is the
real clamd that `make test` starts (scripts/clamd.sh), with its EICAR test signature.
"""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from meldingen.models import Bijlage, Melding
from tests.core import hostile_files
from tests.meldingen.factories import BijlageFactory, png_bytes
from tests.meldingen.test_formulier import OMSCHRIJVING, geldig

pytestmark = pytest.mark.django_db

HOSTILE = [
    ("texture.jpg", hostile_files.dds_header, "Dit bestandstype is niet toegestaan"),
    ("foto.heic", hostile_files.truncated_heic, "De afbeelding is beschadigd of onvolledig"),
    ("foto2.heic", hostile_files.malformed_heic, "De afbeelding is beschadigd of onvolledig"),
    ("diep.pdf", hostile_files.deep_pdf, "te diep genest"),
    ("bom.pdf", hostile_files.flate_bomb_pdf, "uitgepakt veel te groot"),
    ("eicar.pdf", hostile_files.eicar_pdf, "mogelijk een virus"),
]


@pytest.fixture
def owner_client(ambtsdrager, verified_client):
    return verified_client(ambtsdrager)


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _nieuw(client, name, content):
    """A new melding: answers on its first two steps, then a file on the attachments step."""
    client.post(reverse("meldingen:nieuw"), geldig())
    melding = Melding.objects.latest("pk")
    client.post(reverse("meldingen:bewerken", args=[melding.uuid, "beschrijving"]), geldig())
    data = geldig(actie="uploaden", bestanden=_upload(name, content))
    return client.post(reverse("meldingen:bewerken", args=[melding.uuid, "bijlagen"]), data)


def _stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(("name", "builder", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_file_on_new_melding_gets_a_message_and_nothing_is_stored(
    owner_client, private_media, name, builder, message
):
    """Each crafted file is refused with a Dutch message; the answers stay, no file is kept."""
    response = _nieuw(owner_client, name, builder())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{name} is niet toegevoegd." in html and message in html
    assert Melding.objects.get().omschrijving == OMSCHRIJVING  # the answers are kept
    assert not Bijlage.objects.exists()
    assert _stored_files(private_media) == []


def test_scanner_down_refuses_the_file_with_a_message(owner_client, private_media, settings):
    """With clamd unreachable the upload is refused (fail closed), the answers are kept."""
    settings.CLAMAV_SOCKET = str(private_media / "geen-clamd.sock")
    response = _nieuw(owner_client, "foto.png", png_bytes())
    html = response.content.decode()
    assert response.status_code == 200
    assert "kan nu niet gecontroleerd worden" in html and "Probeer het later opnieuw" in html
    assert Melding.objects.get().omschrijving == OMSCHRIJVING
    assert not Bijlage.objects.exists() and _stored_files(private_media) == []


def test_stored_jpeg_has_no_exif_or_gps_and_keeps_its_orientation(owner_client, private_media):
    """A phone photo with GPS EXIF comes back without any EXIF, turned upright."""
    original = hostile_files.jpeg_with_gps(size=(120, 80), orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    response = _nieuw(owner_client, "thuis.jpg", original)
    assert response.status_code == 302
    bijlage = Bijlage.objects.get()
    with bijlage.bestand.open("rb") as handle:
        stored = handle.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and bijlage.content_type == "image/jpeg"
    assert not image.getexif() and "exif" not in image.info
    assert b"Exif" not in stored and b"Telefoonmerk" not in stored
    assert image.size == (80, 120)  # orientation 6 applied before the tag was dropped
    assert bijlage.sha256 == hashlib.sha256(stored).hexdigest()
    assert bijlage.grootte == len(stored)


def test_total_size_per_melding_is_capped(owner_client, private_media, settings, ambtsdrager):
    """Files of one melding together stay under UPLOAD_MAX_TOTAL_BYTES; the message says it."""
    settings.UPLOAD_MAX_TOTAL_BYTES = 1024 * 1024
    owner_client.post(reverse("meldingen:nieuw"), geldig(actie="opslaan"))
    melding = Melding.objects.get(eigenaar=ambtsdrager)
    BijlageFactory(melding=melding, grootte=1024 * 1024 - 10)
    response = owner_client.post(
        reverse("meldingen:bewerken", args=[melding.uuid, "bijlagen"]),
        geldig(actie="uploaden", bestanden=_upload("foto.png", png_bytes())),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "samen hooguit 1,0\xa0MB zijn" in html
    assert melding.bijlagen.count() == 1
