"""Deadlines stored on the claim and the decision, with fixed dates (Awb, Atw calendar)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvraag, StatusWijziging

from .conftest import AMS
from .factories import BesluitFactory, aanvraag_in

ONTVANGEN = datetime(2026, 2, 25, 10, tzinfo=AMS)  # a Wednesday; 8 weeks: Wed 22 April 2026
EINDE = date(2026, 4, 22)


@pytest.fixture
def in_behandeling(regeling, beoordelaar):
    return aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        ingediend_op=ONTVANGEN,
        beslistermijn_einde=EINDE,
    )


def _einde(aanvraag):
    return Aanvraag.objects.values_list("beslistermijn_einde", flat=True).get(pk=aanvraag.pk)


class TestOpschorting:
    def test_ten_days_suspension_plus_atw(self, nu, in_behandeling, beoordelaar):
        """A request with a term, answered after 10 suspended days, moves the deadline 10 days
        (Sat 2 May 2026) and then to the next working day (Mon 4 May)."""
        nu(2026, 3, 2)
        services.aanvulling_vragen(
            aanvraag_id=in_behandeling.pk,
            door=beoordelaar,
            vraag="Factuur?",
            termijn_tot=date(2026, 3, 16),
        )
        # While unanswered: suspended 3..16 March (14 days) as a forecast.
        assert _einde(in_behandeling) == date(2026, 5, 6)
        nu(2026, 3, 13)
        verzoek_id = in_behandeling.aanvulverzoeken.get().pk
        services.aanvulling_registreren(
            aanvulverzoek_id=verzoek_id, door=beoordelaar, antwoord="Per post ontvangen."
        )
        # Suspended 3..12 March: 10 days. 22 April + 10 = Saturday 2 May -> Monday 4 May.
        assert _einde(in_behandeling) == date(2026, 5, 4)

    @pytest.mark.parametrize(
        ("antwoord_op", "verwacht"),
        [
            (date(2026, 3, 13), date(2026, 5, 4)),  # 10 days: Sat 2 May -> Mon 4 May
            (date(2026, 3, 16), date(2026, 5, 6)),  # 13 days: 5 May (Atw holiday) -> 6 May
            (date(2026, 3, 3), date(2026, 4, 22)),  # answered the next day: nothing suspended
        ],
    )
    def test_stored_end_after_the_answer(
        self, nu, in_behandeling, beoordelaar, antwoord_op, verwacht
    ):
        """The stored deadline is receipt + 8 weeks + suspended days, rolled by the Atw."""
        nu(2026, 3, 2)
        verzoek = services.aanvulling_vragen(
            aanvraag_id=in_behandeling.pk,
            door=beoordelaar,
            vraag="Factuur?",
            termijn_tot=date(2026, 3, 20),
        )
        nu(antwoord_op.year, antwoord_op.month, antwoord_op.day)
        services.aanvulling_registreren(
            aanvulverzoek_id=verzoek.pk, door=beoordelaar, antwoord="Ontvangen."
        )
        assert _einde(in_behandeling) == verwacht

    def test_request_without_a_term_does_not_suspend(self, nu, in_behandeling, beoordelaar):
        """A request without a term leaves the decision deadline where it was."""
        nu(2026, 3, 2)
        services.aanvulling_vragen(
            aanvraag_id=in_behandeling.pk, door=beoordelaar, vraag="Factuur?"
        )
        assert _einde(in_behandeling) == EINDE
        nu(2026, 3, 20)
        services.aanvulling_registreren(
            aanvulverzoek_id=in_behandeling.aanvulverzoeken.get().pk,
            door=beoordelaar,
            antwoord="Alsnog.",
        )
        assert _einde(in_behandeling) == EINDE
        toelichtingen = list(
            StatusWijziging.objects.filter(aanvraag=in_behandeling).values_list(
                "toelichting", flat=True
            )
        )
        assert any("loopt door" in t for t in toelichtingen)

    def test_term_passed_buiten_behandeling_within_four_weeks(
        self, nu, in_behandeling, beoordelaar
    ):
        """After an unused completion term the claim goes 'buiten behandeling'; that decision is
        due four weeks after the term (16 March 2026 -> 13 April 2026)."""
        nu(2026, 3, 2)
        services.aanvulling_vragen(
            aanvraag_id=in_behandeling.pk,
            door=beoordelaar,
            vraag="Factuur?",
            termijn_tot=date(2026, 3, 16),
        )
        nu(2026, 3, 16)
        with pytest.raises(WorkflowFout, match="geen onbeantwoord verzoek"):
            services.aanvulling_termijn_verstreken(aanvraag_id=in_behandeling.pk, door=beoordelaar)
        nu(2026, 3, 17)
        services.aanvulling_termijn_verstreken(aanvraag_id=in_behandeling.pk, door=beoordelaar)
        in_behandeling.refresh_from_db()
        assert in_behandeling.status == AanvraagStatus.BUITEN_BEHANDELING
        assert in_behandeling.beslistermijn_einde == date(2026, 4, 13)


class TestVerdagen:
    def test_refused_after_the_term(self, nu, in_behandeling, beoordelaar):
        """A postponement the day after the term ended is refused in Dutch; nothing changes."""
        nu(2026, 4, 23)
        with pytest.raises(WorkflowFout, match="beslistermijn is op 22 april 2026 verstreken"):
            services.verdagen(
                aanvraag_id=in_behandeling.pk,
                door=beoordelaar,
                nieuwe_datum=date(2026, 5, 20),
                reden="Extern advies nodig.",
            )
        in_behandeling.refresh_from_db()
        assert in_behandeling.status == AanvraagStatus.IN_BEHANDELING
        assert in_behandeling.verdaagd_tot is None and in_behandeling.beslistermijn_einde == EINDE

    def test_allowed_on_the_last_day(
        self, nu, in_behandeling, beoordelaar, hook_aanroepen, django_capture_on_commit_callbacks
    ):
        """On the last day of the term a postponement is in time and names the new deadline."""
        nu(2026, 4, 22)
        with django_capture_on_commit_callbacks(execute=True):
            services.verdagen(
                aanvraag_id=in_behandeling.pk,
                door=beoordelaar,
                nieuwe_datum=date(2026, 5, 20),
                reden="Extern advies nodig.",
            )
        in_behandeling.refresh_from_db()
        assert in_behandeling.status == AanvraagStatus.VERDAAGD
        assert in_behandeling.verdaagd_op == date(2026, 4, 22)
        assert in_behandeling.verdaagd_tot == date(2026, 5, 20)
        assert in_behandeling.verdaging_reden == "Extern advies nodig."
        assert in_behandeling.beslistermijn_einde == date(2026, 5, 20)
        assert hook_aanroepen == [("verdaagd", in_behandeling.pk)]

    def test_new_date_must_be_later(self, nu, in_behandeling, beoordelaar):
        """The new date must lie after the current deadline."""
        nu(2026, 4, 1)
        with pytest.raises(WorkflowFout, match="na de huidige uiterste beslisdatum"):
            services.verdagen(
                aanvraag_id=in_behandeling.pk,
                door=beoordelaar,
                nieuwe_datum=EINDE,
                reden="Advies.",
            )


class TestDwangsom:
    @pytest.fixture
    def in_gebreke(self, nu, in_behandeling, beoordelaar):
        nu(2026, 4, 24)
        return services.ingebrekestelling_registreren(
            aanvraag_id=in_behandeling.pk, door=beoordelaar, ontvangen_op=date(2026, 4, 24)
        )

    @pytest.mark.parametrize(
        ("dag", "bedrag"),
        [
            (date(2026, 5, 8), Decimal("0")),  # two weeks after the notice: first day
            (date(2026, 5, 9), Decimal("23")),
            (date(2026, 5, 22), Decimal("322")),  # 14 x 23
            (date(2026, 6, 5), Decimal("812")),  # + 14 x 35
            (date(2026, 6, 19), Decimal("1442")),  # + 14 x 45: 42 days, the maximum
            (date(2026, 9, 1), Decimal("1442")),  # capped
        ],
    )
    def test_accrual_after_the_ingebrekestelling(self, nu, in_gebreke, dag, bedrag):
        """The penalty accrues from two weeks after the notice, capped at 42 days / EUR 1,442."""
        nu(dag.year, dag.month, dag.day)
        assert selectors.dwangsom_stand(aanvraag=in_gebreke) == bedrag

    def test_stops_at_a_sent_besluit(self, nu, in_gebreke):
        """A sent decision stops the accrual: 7 days until 15 May."""
        BesluitFactory(aanvraag=in_gebreke, verzonden=True)
        from aanvragen.models import Besluit

        Besluit.objects.filter(aanvraag=in_gebreke).update(
            verzonden_op=datetime(2026, 5, 15, 9, tzinfo=AMS)
        )
        nu(2026, 8, 1)
        assert selectors.dwangsom_stand(aanvraag=in_gebreke) == Decimal("161")

    def test_zero_without_an_ingebrekestelling(self, in_behandeling):
        assert selectors.dwangsom_stand(aanvraag=in_behandeling) == Decimal("0")

    def test_premature_ingebrekestelling_is_refused(self, nu, in_behandeling, beoordelaar):
        """A notice received on the last day of the term is premature and refused."""
        nu(2026, 4, 22)
        with pytest.raises(WorkflowFout, match="te vroeg"):
            services.ingebrekestelling_registreren(
                aanvraag_id=in_behandeling.pk, door=beoordelaar, ontvangen_op=EINDE
            )
        in_behandeling.refresh_from_db()
        assert in_behandeling.ingebrekestelling_op is None

    def test_second_ingebrekestelling_is_refused(self, in_gebreke, beoordelaar):
        with pytest.raises(WorkflowFout, match="al een ingebrekestelling"):
            services.ingebrekestelling_registreren(
                aanvraag_id=in_gebreke.pk, door=beoordelaar, ontvangen_op=date(2026, 4, 24)
            )


class TestBesluitVerzenden:
    def test_payment_and_bezwaar_terms_are_stored(self, nu, regeling, beoordelaar):
        """Sent on Monday 2 March 2026: objection and payment terms end Monday 13 April 2026."""
        nu(2026, 3, 2)
        aanvraag = aanvraag_in(AanvraagStatus.BESLUIT_GOEDGEKEURD, behandelaar=beoordelaar)
        besluit = BesluitFactory(aanvraag=aanvraag, goedgekeurd=True)
        services.besluit_verzenden(
            besluit_id=besluit.pk, verzonden_op=datetime(2026, 3, 2, 9, tzinfo=AMS)
        )
        besluit.refresh_from_db()
        assert besluit.bezwaartermijn_einde == date(2026, 4, 13)
        assert besluit.betaaltermijn_einde == date(2026, 4, 13)
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.VERZONDEN
        rij = aanvraag.statushistorie.last()
        assert rij.door is None and "13 april 2026" in rij.toelichting

    def test_sending_again_changes_nothing(self, nu, regeling, beoordelaar):
        """The letters code may call twice: the second call returns the decision unchanged."""
        nu(2026, 3, 2)
        aanvraag = aanvraag_in(AanvraagStatus.BESLUIT_GOEDGEKEURD, behandelaar=beoordelaar)
        besluit = BesluitFactory(aanvraag=aanvraag, goedgekeurd=True)
        eerste = datetime(2026, 3, 2, 9, tzinfo=AMS)
        services.besluit_verzenden(besluit_id=besluit.pk, verzonden_op=eerste)
        services.besluit_verzenden(
            besluit_id=besluit.pk, verzonden_op=datetime(2026, 3, 5, 9, tzinfo=AMS)
        )
        besluit.refresh_from_db()
        assert besluit.verzonden_op == eerste
        assert aanvraag.statushistorie.filter(naar=AanvraagStatus.VERZONDEN).count() == 1

    def test_afwijzing_without_a_payment_term(self, nu, regeling, beoordelaar):
        nu(2026, 3, 2)
        aanvraag = aanvraag_in(AanvraagStatus.BESLUIT_GOEDGEKEURD, behandelaar=beoordelaar)
        besluit = BesluitFactory(
            aanvraag=aanvraag, goedgekeurd=True, uitkomst="afgewezen", bedrag_toegekend=0
        )
        services.besluit_verzenden(
            besluit_id=besluit.pk, verzonden_op=datetime(2026, 3, 2, 9, tzinfo=AMS)
        )
        besluit.refresh_from_db()
        assert besluit.betaaltermijn_einde is None
        assert besluit.bezwaartermijn_einde == date(2026, 4, 13)

    def test_concept_cannot_be_sent(self, regeling, beoordelaar):
        aanvraag = aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT, behandelaar=beoordelaar)
        besluit = BesluitFactory(aanvraag=aanvraag)
        with pytest.raises(WorkflowFout, match="goedgekeurd besluit"):
            services.besluit_verzenden(
                besluit_id=besluit.pk, verzonden_op=datetime(2026, 3, 2, 9, tzinfo=AMS)
            )


def test_no_zienswijze_only_after_the_term(regeling, beoordelaar):
    """'Term passed without a view' can only be recorded after the view term."""
    from .factories import voornemen

    aanvraag = aanvraag_in(AanvraagStatus.VOORNEMEN_AFWIJZING, behandelaar=beoordelaar)
    open_voornemen = voornemen(aanvraag, beoordelaar, termijn_over=0)
    with pytest.raises(WorkflowFout, match="loopt nog"):
        services.zienswijze_vastleggen(
            voornemen_id=open_voornemen.pk, door=beoordelaar, zienswijze=None
        )
    verlopen = voornemen(aanvraag, beoordelaar, termijn_over=-1)
    services.zienswijze_vastleggen(voornemen_id=verlopen.pk, door=beoordelaar, zienswijze=None)
    verlopen.refresh_from_db()
    assert verlopen.zienswijze_ingediend is False


# --- Issue 12: a request for information suspends only a running decision term -------------

ZES_MAART = datetime(2026, 3, 6, 10, tzinfo=AMS)  # a Friday; 8 weeks: Friday 1 May 2026
EINDE_1_MEI = date(2026, 5, 1)


@pytest.fixture
def ontvangen_6_maart(regeling, beoordelaar):
    return aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        ingediend_op=ZES_MAART,
        beslistermijn_einde=EINDE_1_MEI,
    )


def _laatste_toelichting(aanvraag):
    return aanvraag.statushistorie.order_by("pk").last().toelichting


class TestRequestAfterTheTerm:
    def test_a_late_request_keeps_the_deadline_and_the_notice_counts(
        self, nu, ontvangen_6_maart, beoordelaar
    ):
        """Issue 12, item 1: the term ended 1 May 2026. A request on 10 May with a term to
        24 May, answered 20 May, leaves the stored deadline at 1 May; a notice of default
        received 4 May is valid, and a decision on 15 June owes 28 days: EUR 812."""
        aanvraag = ontvangen_6_maart
        nu(2026, 5, 10)
        verzoek = services.aanvulling_vragen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            vraag="Stuur de factuur.",
            termijn_tot=date(2026, 5, 24),
        )
        assert _einde(aanvraag) == EINDE_1_MEI
        assert "beslistermijn niet opgeschort" in _laatste_toelichting(aanvraag)
        nu(2026, 5, 20)
        services.aanvulling_registreren(
            aanvulverzoek_id=verzoek.pk, door=beoordelaar, antwoord="Per post ontvangen."
        )
        assert _einde(aanvraag) == EINDE_1_MEI
        nu(2026, 5, 21)
        services.ingebrekestelling_registreren(
            aanvraag_id=aanvraag.pk, door=beoordelaar, ontvangen_op=date(2026, 5, 4)
        )
        aanvraag = Aanvraag.objects.get(pk=aanvraag.pk)
        from aanvragen.models import Besluit

        BesluitFactory(aanvraag=aanvraag, verzonden=True)
        Besluit.objects.filter(aanvraag=aanvraag).update(
            verzonden_op=datetime(2026, 6, 15, 9, tzinfo=AMS)
        )
        nu(2026, 8, 1)
        assert selectors.dwangsom_stand(aanvraag=aanvraag) == Decimal("812")

    @pytest.mark.parametrize(
        "antwoord", ["backoffice", "online"], ids=["geregistreerd", "online-beantwoord"]
    )
    def test_a_request_on_the_last_day_keeps_the_deadline(
        self, nu, ontvangen_6_maart, beoordelaar, antwoord
    ):
        """Issue 12, item 2: a request on the last day (Friday 1 May 2026), answered 8 May,
        suspends nothing: the stored deadline stays 1 May 2026, whoever registers the answer."""
        from aanvragen import services as aanvrager_services

        aanvraag = ontvangen_6_maart
        nu(2026, 5, 1)
        verzoek = services.aanvulling_vragen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            vraag="Stuur de factuur.",
            termijn_tot=date(2026, 5, 15),
        )
        assert _einde(aanvraag) == EINDE_1_MEI
        nu(2026, 5, 8)
        if antwoord == "online":
            aanvrager_services.aanvulverzoek_beantwoorden(
                aanvulverzoek=verzoek, door=aanvraag.aanvrager, antwoord="In de bijlage."
            )
        else:
            services.aanvulling_registreren(
                aanvulverzoek_id=verzoek.pk, door=beoordelaar, antwoord="Per post."
            )
        assert _einde(aanvraag) == EINDE_1_MEI

    def test_a_request_within_the_term_still_suspends(self, nu, ontvangen_6_maart, beoordelaar):
        """The day before the last day a request still suspends: asked Thursday 30 April,
        answered Friday 8 May, the one day left runs on 8 May, the new deadline."""
        nu(2026, 4, 30)
        verzoek = services.aanvulling_vragen(
            aanvraag_id=ontvangen_6_maart.pk,
            door=beoordelaar,
            vraag="Stuur de factuur.",
            termijn_tot=date(2026, 5, 14),
        )
        assert "(beslistermijn opgeschort)" in _laatste_toelichting(ontvangen_6_maart)
        nu(2026, 5, 8)
        services.aanvulling_registreren(
            aanvulverzoek_id=verzoek.pk, door=beoordelaar, antwoord="Per post."
        )
        assert _einde(ontvangen_6_maart) == date(2026, 5, 8)


class TestWarningForTheAssessor:
    @pytest.mark.parametrize(
        ("dag", "verwacht"),
        [
            (date(2026, 4, 30), ""),
            (date(2026, 5, 1), "de beslistermijn eindigt op 1 mei 2026"),
            (date(2026, 5, 10), "de beslistermijn is op 1 mei 2026 verstreken"),
        ],
    )
    def test_the_warning_says_whether_a_request_today_would_suspend(
        self, ontvangen_6_maart, dag, verwacht
    ):
        """No warning while the term runs; on the last day and after it, the warning says in
        Dutch that the deadline stays."""
        from aanvragen.backoffice.services.behandeling import opschorting_waarschuwing

        tekst = opschorting_waarschuwing(ontvangen_6_maart, vandaag=dag)
        if verwacht:
            assert verwacht in tekst and "blijft 1 mei 2026" in tekst
        else:
            assert tekst == ""

    def test_the_action_page_and_its_result_warn_after_the_term(
        self, nu, verified_client, ontvangen_6_maart, beoordelaar
    ):
        """On 10 May the form warns that the term passed on 1 May and is not suspended; the
        request is still sent, and the result repeats the warning."""
        from django.urls import reverse

        nu(2026, 5, 10)
        client = verified_client(beoordelaar)
        url = reverse(
            "admin:aanvragen_aanvraag_actie", args=[ontvangen_6_maart.pk, "aanvulling-vragen"]
        )
        html = client.get(url).content.decode()
        assert "de beslistermijn is op 1 mei 2026 verstreken" in html
        response = client.post(
            url, {"vraag": "Stuur de factuur.", "termijn_tot": "24-05-2026"}, follow=True
        )
        berichten = [str(m) for m in response.context["messages"]]
        assert any("is gelukt" in m for m in berichten), berichten
        assert any("op 1 mei 2026 verstreken" in m for m in berichten), berichten
        assert ontvangen_6_maart.aanvulverzoeken.count() == 1
        assert _einde(ontvangen_6_maart) == EINDE_1_MEI

    def test_no_warning_while_the_term_runs(
        self, nu, verified_client, ontvangen_6_maart, beoordelaar
    ):
        """Before the last day the form shows no warning."""
        from django.urls import reverse

        nu(2026, 4, 20)
        url = reverse(
            "admin:aanvragen_aanvraag_actie", args=[ontvangen_6_maart.pk, "aanvulling-vragen"]
        )
        html = verified_client(beoordelaar).get(url).content.decode()
        assert "Let op: de beslistermijn" not in html


class TestDwangsomFromAWorkingDay:
    def test_notice_on_a_saturday_case_page_and_amount_agree(
        self, nu, ontvangen_6_maart, beoordelaar
    ):
        """Issue 12, item 6: a notice received Saturday 2 May 2026: the two weeks end on
        Saturday 16 May, so the penalty runs from Monday 18 May (the case page says so) and a
        decision on 20 May owes 2 days, EUR 46."""
        from aanvragen.backoffice.admin_views.zaakpagina import dwangsom_rijen
        from aanvragen.models import Besluit

        nu(2026, 5, 4)
        aanvraag = services.ingebrekestelling_registreren(
            aanvraag_id=ontvangen_6_maart.pk, door=beoordelaar, ontvangen_op=date(2026, 5, 2)
        )
        rijen = dict(dwangsom_rijen(aanvraag))
        assert rijen["Dwangsom loopt vanaf"] == "18-05-2026"
        BesluitFactory(aanvraag=aanvraag, verzonden=True)
        Besluit.objects.filter(aanvraag=aanvraag).update(
            verzonden_op=datetime(2026, 5, 20, 9, tzinfo=AMS)
        )
        nu(2026, 6, 1)
        assert selectors.dwangsom_stand(aanvraag=aanvraag) == Decimal("46")
        assert dict(dwangsom_rijen(aanvraag))["Dwangsom tot nu toe"] == "€\u00a046,00"


class TestCasePageSuspension:
    def test_a_late_request_shows_no_suspended_days(
        self, nu, verified_client, ontvangen_6_maart, beoordelaar
    ):
        """The case page agrees with the stored deadline: a request after the term ended is
        shown as no suspension, not as the days it asked for."""
        from django.urls import reverse

        nu(2026, 5, 10)
        services.aanvulling_vragen(
            aanvraag_id=ontvangen_6_maart.pk,
            door=beoordelaar,
            vraag="Stuur de factuur.",
            termijn_tot=date(2026, 5, 24),
        )
        url = reverse("admin:aanvragen_aanvraag_change", args=[ontvangen_6_maart.pk])
        html = verified_client(beoordelaar).get(url).content.decode()
        assert "geen opschorting, verzocht op of na de laatste dag van de beslistermijn" in html
        assert "dagen opgeschort" not in html


class TestExtraFeestdagInEveryComputation:
    @pytest.fixture(autouse=True)
    def _schone_cache(self):
        from fondsbeveiliging.termijnen import kalender

        kalender.clear_extra_cache()
        yield
        kalender.clear_extra_cache()

    def test_a_day_by_royal_decree_moves_the_stored_deadline_and_the_penalty(
        self, nu, ontvangen_6_maart, beoordelaar
    ):
        """Issue 12, item 7: with 1 May and 19 May 2026 configured as extra holidays, the
        claim's core stores Monday 4 May as the deadline, and for a notice received 5 May the
        two weeks end on the extra day 19 May, so the case page and the amount start the
        penalty on Wednesday 20 May (2 days by 22 May: EUR 46)."""
        from fondsbeveiliging.termijnen.models import ExtraFeestdag

        for dag in (date(2026, 5, 1), date(2026, 5, 19)):
            ExtraFeestdag.objects.create(
                datum=dag, omschrijving="Nationale rouwdag", koninklijk_besluit="Stb. 2026, 1"
            )
        nu(2026, 4, 20)
        services.aanvulling_vragen(
            aanvraag_id=ontvangen_6_maart.pk, door=beoordelaar, vraag="Stuur de factuur."
        )
        assert _einde(ontvangen_6_maart) == date(2026, 5, 4)
        nu(2026, 5, 6)
        aanvraag = services.ingebrekestelling_registreren(
            aanvraag_id=ontvangen_6_maart.pk, door=beoordelaar, ontvangen_op=date(2026, 5, 5)
        )
        from aanvragen.backoffice.admin_views.zaakpagina import dwangsom_rijen

        assert dict(dwangsom_rijen(aanvraag))["Dwangsom loopt vanaf"] == "20-05-2026"
        nu(2026, 5, 22)
        assert selectors.dwangsom_stand(aanvraag=aanvraag) == Decimal("46")
