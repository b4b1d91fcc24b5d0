"""The applicant deletes their own draft claim, with cost lines and evidence; nobody else can."""

from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from aanvragen import services
from aanvragen.models import Aanvraag, Bewijsstuk, Kostenpost, StatusWijziging
from tests.aanvragen.factories import KostenpostFactory

pytestmark = pytest.mark.django_db


def test_applicant_deletes_draft_with_evidence_after_confirmation(
    verified_client, ambtsdrager, regeling, private_media, django_capture_on_commit_callbacks
):
    concept = services.aanvraag_aanmaken(aanvrager=ambtsdrager)
    KostenpostFactory(aanvraag=concept)
    paden = [
        Path(private_media) / b.bestand.name
        for b in Bewijsstuk.objects.filter(kostenpost__aanvraag=concept)
    ]
    assert paden and all(p.exists() for p in paden)
    client = verified_client(ambtsdrager)
    url = reverse("aanvragen:verwijderen", args=[concept.pk])
    assert "Concept verwijderen" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url)
    assert antwoord.url == reverse("aanvragen:lijst")
    assert not Aanvraag.objects.filter(pk=concept.pk).exists()
    assert not Kostenpost.objects.filter(aanvraag_id=concept.pk).exists()
    assert not StatusWijziging.objects.filter(aanvraag_id=concept.pk).exists()
    assert not LogEntry.objects.filter(
        content_type__model="aanvraag", object_pk=str(concept.pk)
    ).exists()
    assert not any(p.exists() for p in paden)


def test_someone_elses_draft_is_a_404(verified_client, andere_ambtsdrager, concept):
    client = verified_client(andere_ambtsdrager)
    url = reverse("aanvragen:verwijderen", args=[concept.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Aanvraag.objects.filter(pk=concept.pk).exists()


def test_a_submitted_claim_cannot_be_deleted(verified_client, ambtsdrager, ingediende_aanvraag):
    client = verified_client(ambtsdrager)
    url = reverse("aanvragen:verwijderen", args=[ingediende_aanvraag.pk])
    assert client.post(url).status_code == 404
    assert Aanvraag.objects.filter(pk=ingediende_aanvraag.pk).exists()


def test_withdraw_page_of_a_draft_leads_to_deleting_it(verified_client, ambtsdrager, concept):
    """It no longer says a draft "can no longer be withdrawn": it offers deleting it."""
    antwoord = verified_client(ambtsdrager).get(reverse("aanvragen:intrekken", args=[concept.pk]))
    assert antwoord.url == reverse("aanvragen:verwijderen", args=[concept.pk])
