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
