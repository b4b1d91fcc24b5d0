"""The author deletes their own draft melding, with its attachments; nobody else can."""

from pathlib import Path

import pytest
from django.urls import reverse

from meldingen import services
from meldingen.models import Bijlage, Melding, MeldingHistorie
from tests.meldingen.factories import BijlageFactory, MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept_met_bijlage(ambtsdrager):
    concept = services.melding_aanmaken(eigenaar=ambtsdrager)  # with its history row
    bijlage = BijlageFactory(melding=concept)
    return concept, bijlage


def test_author_deletes_draft_with_attachments_after_confirmation(
    verified_client,
    ambtsdrager,
    concept_met_bijlage,
    private_media,
    django_capture_on_commit_callbacks,
):
    concept, bijlage = concept_met_bijlage
    pad = Path(private_media) / bijlage.bestand.name
    assert pad.exists()
    client = verified_client(ambtsdrager)
    url = reverse("meldingen:verwijderen", args=[concept.uuid])
    pagina = client.get(url)
    assert "Concept verwijderen" in pagina.content.decode()
    assert Melding.objects.filter(pk=concept.pk).exists()  # a GET deletes nothing
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url)
    assert antwoord.url == reverse("meldingen:lijst")
    assert not Melding.objects.filter(pk=concept.pk).exists()
    assert not Bijlage.objects.filter(pk=bijlage.pk).exists()
    assert not MeldingHistorie.objects.filter(melding_id=concept.pk).exists()
    assert not pad.exists()


def test_someone_elses_draft_is_a_404(verified_client, andere_ambtsdrager, concept_met_bijlage):
    concept, _bijlage = concept_met_bijlage
    client = verified_client(andere_ambtsdrager)
    url = reverse("meldingen:verwijderen", args=[concept.uuid])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Melding.objects.filter(pk=concept.pk).exists()


def test_a_sent_melding_cannot_be_deleted(verified_client, ambtsdrager):
    melding = MeldingFactory(eigenaar=ambtsdrager, ingediend=True)
    client = verified_client(ambtsdrager)
    assert client.post(reverse("meldingen:verwijderen", args=[melding.uuid])).status_code == 404
    assert Melding.objects.filter(pk=melding.pk).exists()


def test_withdraw_page_of_a_draft_leads_to_deleting_it(verified_client, ambtsdrager):
    """A draft was never sent: the withdraw link offers deleting instead of an error."""
    concept = MeldingFactory(eigenaar=ambtsdrager)
    client = verified_client(ambtsdrager)
    antwoord = client.get(reverse("meldingen:intrekken", args=[concept.uuid]))
    assert antwoord.url == reverse("meldingen:verwijderen", args=[concept.uuid])
