"""Hostile evidence uploads on a claim's cost line (issue 22), and the per-claim limits.

Through the real kostenpost step: a refused file is named with its reason next to the upload
field (the claim steps answer a form with errors with 400, never 500), the typed fields are
kept and nothing is stored. The virus scan is the real clamd that `make test` starts.
"""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from aanvragen.models import Bewijsstuk, Kostenpost
from tests.aanvragen.factories import (
    AanvraagFactory,
    BewijsstukFactory,
    KostenpostFactory,
    png_bytes,
)
from tests.aanvragen.test_views import _kostenpost_data
from tests.core import hostile_files
from tests.meldingen.test_upload_hardening import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def eigen_client(client, ambtsdrager):
    client.force_login(ambtsdrager)
    return client


@pytest.fixture
def regel(regeling, ambtsdrager):
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
    return KostenpostFactory(aanvraag=aanvraag, bewijs=False, omschrijving="")


def _upload(client, regel, *bestanden):
    return client.post(
        reverse("aanvragen:kostenpost", args=[regel.aanvraag_id, regel.pk]),
        _kostenpost_data(
            categorie=regel.categorie_id,
            omschrijving="Camerabewaking voordeur",
            actie="uploaden",
            **{"bewijs-bestanden": list(bestanden)},
        ),
    )


def _file(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(("name", "builder", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_evidence_gets_a_message_and_nothing_is_stored(
    eigen_client, regel, private_media, name, builder, message
):
    """Each crafted file is refused with its reason; the cost line's fields are saved."""
    response = _upload(eigen_client, regel, _file(name, builder()))
    html = response.content.decode()
    assert response.status_code == 400
    assert f"{name}: " in html and message in html
    assert "Camerabewaking voordeur" in html
    assert not Bewijsstuk.objects.exists() and _stored_files(private_media) == []
    regel.refresh_from_db()
    assert regel.omschrijving == "Camerabewaking voordeur"


def test_scanner_down_refuses_evidence_with_a_message(eigen_client, regel, private_media, settings):
    settings.CLAMAV_SOCKET = "tcp://127.0.0.1:9"  # nothing listens on the discard port
    response = _upload(eigen_client, regel, _file("factuur.png", png_bytes()))
    assert response.status_code == 400
    assert "kan nu niet gecontroleerd worden" in response.content.decode()
    assert not Bewijsstuk.objects.exists() and _stored_files(private_media) == []


def test_stored_evidence_photo_has_no_gps_and_its_hash_is_of_the_stored_bytes(eigen_client, regel):
    """The back office compares sha256 of stored files: it is the hash of the clean copy."""
    original = hostile_files.jpeg_with_gps()
    response = _upload(eigen_client, regel, _file("bon.jpg", original))
    assert response.status_code == 302
    bewijs = Bewijsstuk.objects.get()
    with bewijs.bestand.open("rb") as handle:
        stored = handle.read()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert (
        bewijs.sha256 == hashlib.sha256(stored).hexdigest() != hashlib.sha256(original).hexdigest()
    )
    assert bewijs.grootte == len(stored)


def test_evidence_files_per_claim_are_capped_over_all_cost_lines(eigen_client, regel, settings):
    """The claim-wide cap counts the evidence of every cost line; the message names it."""
    settings.AANVRAAG_MAX_BESTANDEN = 3
    andere = KostenpostFactory(aanvraag=regel.aanvraag, bewijs=False)
    BewijsstukFactory.create_batch(3, kostenpost=andere)
    response = _upload(eigen_client, regel, _file("factuur.png", png_bytes()))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Een aanvraag kan hooguit 3 bestanden als bewijs hebben." in html
    assert regel.bewijsstukken.count() == 0


def test_evidence_total_size_per_claim_is_capped(eigen_client, regel, settings):
    settings.UPLOAD_MAX_TOTAL_BYTES = 1024 * 1024
    BewijsstukFactory(kostenpost=regel, grootte=1024 * 1024 - 10)
    response = _upload(eigen_client, regel, _file("factuur.png", png_bytes()))
    assert response.status_code == 400
    assert "samen hooguit 1,0\xa0MB zijn" in response.content.decode()
    assert regel.bewijsstukken.count() == 1


def test_evidence_files_per_cost_line_are_capped(eigen_client, regel, settings):
    settings.UPLOAD_MAX_FILES = 2
    BewijsstukFactory.create_batch(2, kostenpost=regel)
    response = _upload(eigen_client, regel, _file("factuur.png", png_bytes()))
    assert response.status_code == 400
    assert "hooguit 2 bestanden per kostenpost" in response.content.decode()


def test_cost_lines_per_claim_are_capped(eigen_client, regel, settings):
    """Adding a cost line past the cap answers the list with the limit, not a server error."""
    settings.AANVRAAG_MAX_KOSTENPOSTEN = 2
    KostenpostFactory(aanvraag=regel.aanvraag, bewijs=False)
    response = eigen_client.post(
        reverse("aanvragen:kostenposten", args=[regel.aanvraag_id]), {"actie": "toevoegen"}
    )
    assert response.status_code == 400
    assert "Een aanvraag kan hooguit 2 kostenposten hebben." in response.content.decode()
    assert Kostenpost.objects.filter(aanvraag=regel.aanvraag).count() == 2
