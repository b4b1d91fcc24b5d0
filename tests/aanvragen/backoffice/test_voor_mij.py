"""Internal notices (issue 15): the "Voor mij" page and the "er wacht iets op u" e-mails."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import services
from aanvragen.backoffice.tasks import signaleringen_klaarzetten_task
from aanvragen.constants import AanvraagStatus as S
from aanvragen.models import StatusWijziging
from aanvragen.services import aanvulverzoek_beantwoorden
from fondsbeveiliging.berichten.models import Bericht
from tests.aanvragen.admin.conftest import met_concept_besluit
from tests.factories import UserFactory

from .factories import aanvraag_in, verzoek, voornemen

pytestmark = pytest.mark.django_db
URL = reverse("admin:aanvragen_aanvraag_voor_mij")


def _sleutels(prefix="voor-mij:"):
    return sorted(
        Bericht.objects.filter(sleutel__startswith=prefix).values_list("sleutel", flat=True)
    )


def _berichten_aan(user):
    return list(Bericht.objects.filter(sleutel__startswith="voor-mij:", aan=user.email))


class TestConcept:
    def test_a_draft_tells_each_teamleider_once_but_not_the_drafter(
        self, beoordelaar, tweede_beoordelaar, regeling
    ):
        """Drafting queues one notice per teamleider at once; a later scan adds nothing."""
        andere_teamleider = UserFactory(tweede_beoordelaar=True)
        aanvraag, besluit = met_concept_besluit(beoordelaar)
        assert _sleutels() == sorted(
            f"voor-mij:concept:{besluit.pk}:{tl.pk}"
            for tl in (tweede_beoordelaar, andere_teamleider)
        )
        assert _berichten_aan(beoordelaar) == []
        assert services.signaleringen_klaarzetten() == 0
        assert Bericht.objects.filter(sleutel__startswith="voor-mij:").count() == 2

    def test_the_mail_has_no_case_content_only_a_link(
        self, beoordelaar, tweede_beoordelaar, regeling
    ):
        aanvraag, _besluit = met_concept_besluit(beoordelaar)
        [bericht] = _berichten_aan(tweede_beoordelaar)
        assert bericht.onderwerp == "Er wacht iets op u in de backoffice"
        assert "Er wacht iets op u" in bericht.tekst
        assert settings.SITE_URL + URL in bericht.tekst
        for inhoud in (
            aanvraag.kenmerk,
            aanvraag.aanvrager_naam,
            aanvraag.gemeente.naam,
            "Inbraakalarm",
        ):
            assert inhoud not in bericht.tekst + bericht.onderwerp

    def test_a_redrafted_decision_is_a_new_event(self, beoordelaar, tweede_beoordelaar, regeling):
        from aanvragen.constants import Uitkomst

        aanvraag, besluit = met_concept_besluit(beoordelaar)
        services.besluit_terugsturen(
            besluit_id=besluit.pk, door=tweede_beoordelaar, reden="Motivering aanvullen."
        )
        nieuw = services.besluit_opstellen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            uitkomst=Uitkomst.TOEGEKEND,
            motivering="Alles komt in aanmerking.",
        )
        assert len(_berichten_aan(tweede_beoordelaar)) == 2
        assert f"voor-mij:concept:{nieuw.pk}:{tweede_beoordelaar.pk}" in _sleutels()


class TestReacties:
    def test_an_answer_of_the_applicant_tells_the_assessor_once(self, beoordelaar, regeling):
        aanvraag = aanvraag_in(S.AANVULLING_GEVRAAGD, behandelaar=beoordelaar)
        open_verzoek = verzoek(aanvraag, door=beoordelaar)
        aanvulverzoek_beantwoorden(
            aanvulverzoek=open_verzoek, door=aanvraag.aanvrager, antwoord="De factuur zit erbij."
        )
        assert services.signaleringen_klaarzetten() == 1
        assert services.signaleringen_klaarzetten() == 0
        [bericht] = _berichten_aan(beoordelaar)
        wijziging = StatusWijziging.objects.get(aanvraag=aanvraag, naar=S.AANGEVULD)
        assert bericht.sleutel == f"voor-mij:status:{wijziging.pk}:{beoordelaar.pk}"
        assert "De factuur" not in bericht.tekst

    def test_an_objection_registered_by_someone_else_tells_the_assessor(
        self, beoordelaar, tweede_beoordelaar, regeling
    ):
        door_teamleider = aanvraag_in(S.BEZWAAR, behandelaar=beoordelaar)
        StatusWijziging.objects.create(
            aanvraag=door_teamleider, van=S.VERZONDEN, naar=S.BEZWAAR, door=tweede_beoordelaar
        )
        zelf = aanvraag_in(S.BEZWAAR, behandelaar=beoordelaar)
        StatusWijziging.objects.create(
            aanvraag=zelf, van=S.VERZONDEN, naar=S.BEZWAAR, door=beoordelaar
        )
        assert services.signaleringen_klaarzetten() == 1
        assert len(_berichten_aan(beoordelaar)) == 1

    def test_a_view_given_online_tells_the_assessor_once(self, beoordelaar, regeling):
        aanvraag = aanvraag_in(S.VOORNEMEN_AFWIJZING, behandelaar=beoordelaar)
        v = voornemen(aanvraag, beoordelaar)
        v.zienswijze_ontvangen_op = timezone.now()
        v.save(update_fields=["zienswijze_ontvangen_op"])
        assert services.signaleringen_klaarzetten() == 1
        assert services.signaleringen_klaarzetten() == 0
        assert _sleutels() == [f"voor-mij:zienswijze:{v.pk}:{beoordelaar.pk}"]

    def test_a_notice_of_default_and_a_near_decision_date_each_tell_once(
        self, beoordelaar, regeling
    ):
        vandaag = timezone.localdate()
        gebreke = aanvraag_in(
            S.IN_BEHANDELING,
            behandelaar=beoordelaar,
            beslistermijn_einde=vandaag - timedelta(days=5),
            ingebrekestelling_op=vandaag,
        )
        binnenkort = aanvraag_in(
            S.IN_BEHANDELING,
            behandelaar=beoordelaar,
            beslistermijn_einde=vandaag + timedelta(days=7),
        )
        aanvraag_in(
            S.IN_BEHANDELING,
            behandelaar=beoordelaar,
            beslistermijn_einde=vandaag + timedelta(days=8),
        )
        aanvraag_in(
            S.IN_BEHANDELING, behandelaar=None, beslistermijn_einde=vandaag + timedelta(days=1)
        )
        assert signaleringen_klaarzetten_task() == 2
        assert signaleringen_klaarzetten_task() == 0
        assert _sleutels() == sorted(
            [
                f"voor-mij:ingebrekestelling:{gebreke.pk}:{vandaag.isoformat()}:{beoordelaar.pk}",
                f"voor-mij:termijn:{binnenkort.pk}:{binnenkort.beslistermijn_einde.isoformat()}:{beoordelaar.pk}",
            ]
        )

    def test_the_notices_run_every_five_minutes(self):
        regel = settings.CELERY_BEAT_SCHEDULE["voor-mij-signaleringen"]
        assert regel["task"] == signaleringen_klaarzetten_task.name
        assert regel["schedule"] == 300.0


class TestVoorMijPagina:
    def test_the_teamleider_sees_the_waiting_draft_and_others_do_not(
        self, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker, regeling
    ):
        aanvraag, _besluit = met_concept_besluit(beoordelaar)
        html = verified_client(tweede_beoordelaar).get(URL).content.decode()
        concepten = html.split('id="voor-mij-concepten"', 1)[1].split("</table>", 1)[0]
        assert aanvraag.kenmerk in concepten
        for ander in (beoordelaar, UserFactory(beoordelaar=True), financieel_medewerker):
            response = verified_client(ander).get(URL)
            assert response.status_code == 200
            assert aanvraag.kenmerk not in response.content.decode()

    def test_reactions_and_deadlines_of_my_cases_only(self, verified_client, beoordelaar, regeling):
        vandaag = timezone.localdate()
        aangevuld = aanvraag_in(S.AANGEVULD, behandelaar=beoordelaar)
        bezwaar = aanvraag_in(S.BEZWAAR, behandelaar=beoordelaar)
        termijn = aanvraag_in(
            S.IN_BEHANDELING,
            behandelaar=beoordelaar,
            beslistermijn_einde=vandaag + timedelta(days=3),
        )
        van_ander = aanvraag_in(S.AANGEVULD, behandelaar=UserFactory(beoordelaar=True))
        html = verified_client(beoordelaar).get(URL).content.decode()
        reacties = html.split('id="voor-mij-reacties"', 1)[1].split("</table>", 1)[0]
        assert aangevuld.kenmerk in reacties and "Aanvulling ontvangen" in reacties
        assert bezwaar.kenmerk in reacties and "Bezwaar ingediend" in reacties
        termijnen = html.split('id="voor-mij-termijnen"', 1)[1].split("</table>", 1)[0]
        assert termijn.kenmerk in termijnen
        assert van_ander.kenmerk not in html

    def test_nothing_waiting(self, verified_client, beoordelaar):
        assert "Er wacht nu niets op u." in verified_client(beoordelaar).get(URL).content.decode()

    def test_query_count_does_not_grow_with_the_number_of_items(
        self, verified_client, beoordelaar, tweede_beoordelaar, regeling
    ):
        client = verified_client(tweede_beoordelaar)
        vandaag = timezone.localdate()

        def meer(n):
            for _ in range(n):
                met_concept_besluit(beoordelaar)
                aanvraag_in(S.AANGEVULD, behandelaar=tweede_beoordelaar)
                aanvraag_in(
                    S.IN_BEHANDELING, behandelaar=tweede_beoordelaar, beslistermijn_einde=vandaag
                )

        def tellen():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(URL).status_code == 200
            return len(queries)

        meer(1)
        een = tellen()
        meer(4)
        assert tellen() == een


def test_the_daily_digest_folds_in_the_waiting_draft(
    beoordelaar, tweede_beoordelaar, regeling, django_capture_on_commit_callbacks
):
    """A teamleider with only a waiting draft still gets the digest, counting it."""
    met_concept_besluit(beoordelaar)
    assert services.deadline_overzicht_versturen() == 1
    bericht = Bericht.objects.get(
        sleutel__startswith=f"deadline-overzicht:{tweede_beoordelaar.pk}:"
    )
    assert "Conceptbesluiten die wachten op uw goedkeuring: 1" in bericht.tekst
    assert settings.SITE_URL + URL in bericht.tekst


class TestBezwaartermijn:
    """A running objection's own 7:10 date (not the claim's old decision date) waits too."""

    def _bezwaar(self, beoordelaar, tweede_beoordelaar, dagen: int):
        from aanvragen.models import Bezwaar
        from tests.aanvragen.admin.conftest import met_verzonden_besluit

        aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
        bezwaar = services.bezwaar_registreren(
            besluit_id=besluit.pk, door=beoordelaar, ontvangen_op=timezone.localdate()
        )
        einde = timezone.localdate() + timedelta(days=dagen)
        Bezwaar.objects.filter(pk=bezwaar.pk).update(beslistermijn_einde=einde)
        return aanvraag, bezwaar, einde

    def test_voor_mij_lists_an_objection_due_within_7_days(
        self, verified_client, beoordelaar, tweede_beoordelaar, regeling
    ):
        binnenkort, _bezwaar, einde = self._bezwaar(beoordelaar, tweede_beoordelaar, 6)
        later, _ander, _einde = self._bezwaar(beoordelaar, tweede_beoordelaar, 8)
        html = verified_client(beoordelaar).get(URL).content.decode()
        termijnen = html.split('id="voor-mij-termijnen"', 1)[1].split("</table>", 1)[0]
        assert binnenkort.kenmerk in termijnen
        assert f"{einde:%d-%m-%Y} (beslissing op bezwaar)" in termijnen
        assert later.kenmerk not in termijnen

    def test_the_assessor_is_told_once_per_objection_date(
        self, beoordelaar, tweede_beoordelaar, regeling
    ):
        _aanvraag, bezwaar, einde = self._bezwaar(beoordelaar, tweede_beoordelaar, 3)
        self._bezwaar(beoordelaar, tweede_beoordelaar, 9)
        services.signaleringen_klaarzetten()
        services.signaleringen_klaarzetten()
        assert _sleutels("voor-mij:bezwaartermijn:") == [
            f"voor-mij:bezwaartermijn:{bezwaar.pk}:{einde.isoformat()}:{beoordelaar.pk}"
        ]
