"""The request's life through the services: kenmerk, statuses, notifications, what stays inside."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from fondsbeveiliging.audit.models import Inzage
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.tasks import bericht_versturen_task
from ondersteuning import services
from ondersteuning.constants import Beslissing, Hulpvorm, VerzoekStatus
from ondersteuning.models import Ondersteuningsverzoek, VerzoekHistorie
from tests.factories import UserFactory
from tests.meldingen.factories import png_bytes
from tests.ondersteuning.factories import TeamlidFactory, VerzoekFactory

pytestmark = pytest.mark.django_db
INTERN = "INTERN-MARKER-7731"


def png_upload(name="programma.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def _doorlopen(gemeente_medewerker, coordinator, *, debriefing=True):
    """File, accept, assign, plan and debrief one request through the services."""
    verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker)
    verzoek = services.verzoek_indienen(verzoek=verzoek, door=gemeente_medewerker)
    verzoek = services.verzoek_accepteren(verzoek=verzoek, door=coordinator, reden="Wij helpen.")
    lid = TeamlidFactory(naam="Karin Jansen")
    services.team_toewijzen(verzoek=verzoek, door=coordinator, teamleden=[lid, TeamlidFactory()])
    services.notitie_toevoegen(verzoek=verzoek, door=coordinator, tekst=INTERN)
    services.activiteit_plannen(
        verzoek=verzoek,
        door=coordinator,
        soort=Hulpvorm.SCENARIOSESSIE,
        begint_op=verzoek.bijeenkomst_op - timedelta(days=7),
        contact=lid,
        locatie="Stadhuis",
    )
    if debriefing:
        services.debriefing_vastleggen(
            verzoek=verzoek, door=coordinator, verloop=INTERN, lessen=INTERN
        )
    verzoek.refresh_from_db()
    return verzoek


class TestIndienen:
    def test_submission_gives_a_kenmerk_like_meldingen(self, gemeente_medewerker):
        """O-YYYY-NNNNNN, consecutive, the time of receipt set by the server."""
        jaar = timezone.localdate().year
        eerste = services.verzoek_indienen(
            verzoek=VerzoekFactory(aangemaakt_door=gemeente_medewerker), door=gemeente_medewerker
        )
        tweede = services.verzoek_indienen(
            verzoek=VerzoekFactory(aangemaakt_door=gemeente_medewerker), door=gemeente_medewerker
        )
        assert eerste.kenmerk == f"O-{jaar}-000001"
        assert tweede.kenmerk == f"O-{jaar}-000002"
        assert eerste.status == VerzoekStatus.INGEDIEND and eerste.ingediend_op is not None

    def test_an_incomplete_request_is_not_sent(self, gemeente_medewerker):
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, hulpvormen=[])
        with pytest.raises(ValidationError):
            services.verzoek_indienen(verzoek=verzoek, door=gemeente_medewerker)
        verzoek.contactpersonen.all().delete()
        assert "contactpersonen" in services.ontbrekende_velden(verzoek)

    def test_coordinators_get_a_mail_without_content(self, gemeente_medewerker, coordinator):
        """One outbox row per coordinator: the kenmerk and a link, no meeting details."""
        verzoek = services.verzoek_indienen(
            verzoek=VerzoekFactory(aangemaakt_door=gemeente_medewerker), door=gemeente_medewerker
        )
        bericht = Bericht.objects.get(sleutel=f"ondersteuning:{verzoek.pk}:nieuw:{coordinator.pk}")
        assert bericht.aan == coordinator.email
        assert verzoek.kenmerk in bericht.tekst
        for inhoud in (verzoek.titel, verzoek.onderwerp, verzoek.locatie, "Amsterdam"):
            assert inhoud not in bericht.tekst and inhoud not in bericht.onderwerp


class TestWorkflow:
    def test_the_whole_flow(self, gemeente_medewerker, coordinator):
        verzoek = _doorlopen(gemeente_medewerker, coordinator)
        assert verzoek.status == VerzoekStatus.AFGEROND
        assert verzoek.beslissing == Beslissing.GEACCEPTEERD
        assert verzoek.teamleden.count() == 2
        assert [h.gebeurtenis for h in verzoek.historie.all()] == [
            "ingediend",
            "geaccepteerd",
            "team_toegewezen",
            "notitie",
            "activiteit_gepland",
            "debriefing",
        ]

    def test_the_municipality_is_told_of_decisions_and_plans_without_content(
        self, gemeente_medewerker, coordinator
    ):
        verzoek = _doorlopen(gemeente_medewerker, coordinator)
        berichten = Bericht.objects.filter(aan=gemeente_medewerker.email)
        sleutels = set(berichten.values_list("sleutel", flat=True))
        activiteit = verzoek.activiteiten.get()
        assert sleutels == {
            f"ondersteuning:{verzoek.pk}:status:geaccepteerd",
            f"ondersteuning-activiteit:{activiteit.pk}:gemeente",
            f"ondersteuning:{verzoek.pk}:status:afgerond",
        }
        for bericht in berichten:
            assert INTERN not in bericht.tekst and "Karin" not in bericht.tekst
            assert "Stadhuis" not in bericht.tekst and "Wij helpen" not in bericht.tekst

    def test_declining_needs_a_reason(self, gemeente_medewerker, coordinator):
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
        with pytest.raises(ValidationError):
            services.verzoek_afwijzen(verzoek=verzoek, door=coordinator, reden=" ")
        verzoek = services.verzoek_afwijzen(verzoek=verzoek, door=coordinator, reden="Geen risico.")
        assert verzoek.status == VerzoekStatus.AFGEWEZEN
        assert verzoek.beslissing == Beslissing.AFGEWEZEN

    def test_information_added_tells_the_coordinators(self, gemeente_medewerker, coordinator):
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
        aanvulling = services.verzoek_aanvullen(
            verzoek=verzoek,
            door=gemeente_medewerker,
            tekst="Nieuwe oproep",
            bestanden=[png_upload()],
        )
        assert aanvulling.bijlagen.count() == 1
        assert Bericht.objects.filter(
            sleutel=f"ondersteuning-aanvulling:{aanvulling.pk}:{coordinator.pk}"
        ).exists()

    def test_the_history_is_append_only(self, gemeente_medewerker):
        VerzoekFactory(aangemaakt_door=gemeente_medewerker)
        services.verzoek_aanmaken(door=gemeente_medewerker)
        with pytest.raises(DatabaseError), transaction.atomic():
            VerzoekHistorie.objects.update(toelichting="gewijzigd")


class TestWhatTheMunicipalitySees:
    def test_the_plan_but_never_the_teams_internal_notes(
        self, gemeente_medewerker, coordinator, client_for
    ):
        """Activities with dates and contact; no notes, no debriefing, no team list."""
        verzoek = _doorlopen(gemeente_medewerker, coordinator)
        client = client_for(gemeente_medewerker)
        pagina = client.get(reverse("ondersteuning:detail", args=[verzoek.uuid])).content.decode()
        assert "Scenariosessie" in pagina and "Karin Jansen" in pagina and "Stadhuis" in pagina
        assert "Wij helpen." in pagina  # the reason is written for the municipality
        assert INTERN not in pagina
        andere_teamleden = verzoek.teamleden.exclude(naam="Karin Jansen")
        assert all(lid.naam not in pagina for lid in andere_teamleden)
        lijst = client.get(reverse("ondersteuning:lijst")).content.decode()
        assert INTERN not in lijst

    def test_the_coordinator_reads_everything_and_the_read_is_logged(
        self, gemeente_medewerker, coordinator, client_for
    ):
        verzoek = _doorlopen(gemeente_medewerker, coordinator)
        client = client_for(coordinator)
        url = reverse("admin:ondersteuning_ondersteuningsverzoek_change", args=[verzoek.pk])
        pagina = client.get(url).content.decode()
        assert INTERN in pagina
        assert Inzage.objects.filter(
            gebruiker=coordinator, object_id=str(verzoek.pk), omschrijving=verzoek.kenmerk
        ).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_get_unique_consecutive_kenmerken(monkeypatch):
    """Eight municipalities sending at the same moment get eight consecutive numbers."""
    monkeypatch.setattr(bericht_versturen_task, "delay", lambda *a: None)  # off the broker
    aantal = 8
    verzoeken = [
        VerzoekFactory(aangemaakt_door=UserFactory(gemeente_medewerker=True)) for _ in range(aantal)
    ]
    barrier = threading.Barrier(aantal)
    errors = []

    def indienen(verzoek_id):
        try:
            verzoek = Ondersteuningsverzoek.objects.select_related("aangemaakt_door").get(
                pk=verzoek_id
            )
            barrier.wait(timeout=10)
            services.verzoek_indienen(verzoek=verzoek, door=verzoek.aangemaakt_door)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=indienen, args=(v.pk,)) for v in verzoeken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    nummers = sorted(
        int(k.rsplit("-", 1)[1])
        for k in Ondersteuningsverzoek.objects.values_list("kenmerk", flat=True)
    )
    assert nummers == list(range(nummers[0], nummers[0] + aantal))


def test_a_meeting_in_the_past_is_not_sent(gemeente_medewerker):
    """A concept whose meeting date has passed counts as incomplete."""
    verzoek = VerzoekFactory(
        aangemaakt_door=gemeente_medewerker, bijeenkomst_op=timezone.now() - timedelta(hours=1)
    )
    assert services.ontbrekende_velden(verzoek) == ["bijeenkomst_op"]
    with pytest.raises(ValidationError):
        services.verzoek_indienen(verzoek=verzoek, door=gemeente_medewerker)
