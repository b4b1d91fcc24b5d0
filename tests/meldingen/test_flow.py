"""Draft -> submit -> add information -> withdraw, through the screens, all in the history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fondsbeveiliging.berichten.models import Bericht
from meldingen.constants import Gebeurtenis, MeldingStatus
from meldingen.models import Melding
from tests.meldingen.factories import png_bytes
from tests.meldingen.test_formulier import geldig

pytestmark = pytest.mark.django_db


def test_full_life_of_a_melding(ambtsdrager, verified_client, django_capture_on_commit_callbacks):
    client = verified_client(ambtsdrager)
    # Draft through the steps, with a file on the last one.
    client.post(reverse("meldingen:nieuw"), geldig())
    melding = Melding.objects.get(eigenaar=ambtsdrager)
    for stap in ("beschrijving", "aangifte"):
        client.post(reverse("meldingen:bewerken", args=[melding.uuid, stap]), geldig())
    client.post(
        reverse("meldingen:bewerken", args=[melding.uuid, "bijlagen"]),
        {"actie": "opslaan", "bestanden": SimpleUploadedFile("foto.jpg", png_bytes())},
    )
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.CONCEPT and melding.bijlagen.count() == 1
    # Check and send.
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("meldingen:controleren", args=[melding.uuid]))
    assert len(callbacks) == 1  # the outbox message to the BZK team, stored with the send
    assert Bericht.objects.filter(sleutel=f"melding:{melding.pk}:bzk_team").count() == 1
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.ONTVANGEN
    # Add information with a file.
    response = client.post(
        reverse("meldingen:aanvullen", args=[melding.uuid]),
        {
            "tekst": "Er kwam nog een brief.",
            "bestanden": [SimpleUploadedFile("brief.png", png_bytes())],
        },
    )
    assert response.status_code == 302
    assert melding.bijlagen.count() == 2
    assert melding.aanvullingen.get().bijlagen.count() == 1
    # Withdraw.
    response = client.post(
        reverse("meldingen:intrekken", args=[melding.uuid]), {"toelichting": "Het is opgelost."}
    )
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.INGETROKKEN

    stappen = list(melding.historie.values_list("gebeurtenis", "van_status", "naar_status", "door"))
    assert stappen == [
        (Gebeurtenis.AANGEMAAKT, "", MeldingStatus.CONCEPT, ambtsdrager.pk),
        (Gebeurtenis.INGEDIEND, MeldingStatus.CONCEPT, MeldingStatus.ONTVANGEN, ambtsdrager.pk),
        (Gebeurtenis.AANGEVULD, MeldingStatus.ONTVANGEN, MeldingStatus.ONTVANGEN, ambtsdrager.pk),
        (
            Gebeurtenis.INGETROKKEN,
            MeldingStatus.ONTVANGEN,
            MeldingStatus.INGETROKKEN,
            ambtsdrager.pk,
        ),
    ]
    html = client.get(reverse("meldingen:detail", args=[melding.uuid])).content.decode()
    for label in ("Melding verstuurd", "Informatie toegevoegd", "Ingetrokken", "Het is opgelost."):
        assert label in html
    # Withdrawn: no more adding or withdrawing.
    assert client.get(reverse("meldingen:aanvullen", args=[melding.uuid])).status_code == 404
    assert client.get(reverse("meldingen:intrekken", args=[melding.uuid])).status_code == 404


def test_owner_does_not_see_internal_notes(melding, beoordelaar, verified_client, ambtsdrager):
    """BZK's internal note stays internal; the owner sees the new status only."""
    from meldingen import services

    services.melding_in_behandeling_nemen(
        melding=melding, door=beoordelaar, toelichting="Interne-notitie-xyz"
    )
    html = verified_client(ambtsdrager).get(reverse("meldingen:detail", args=[melding.uuid]))
    assert "In behandeling genomen" in html.content.decode()
    assert "Interne-notitie-xyz" not in html.content.decode()
    assert beoordelaar.last_name not in html.content.decode()
