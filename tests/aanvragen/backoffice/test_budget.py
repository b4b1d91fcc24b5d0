"""Budget per year: figures, and the approval warning that needs an explicit confirmation."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services import BudgetOverschrijding
from aanvragen.constants import AanvraagStatus, BesluitStatus
from aanvragen.models import Besluit, Betaling
from tests.aanvragen.factories import RegelingFactory

from .conftest import AMS
from .factories import BesluitFactory, aanvraag_in


def _goedgekeurd(bedrag, goedgekeurd_op, *, status=BesluitStatus.VERZONDEN):
    aanvraag = aanvraag_in(AanvraagStatus.VERZONDEN, bedragen=(bedrag,))
    besluit = BesluitFactory(aanvraag=aanvraag, verzonden=True)
    Besluit.objects.filter(pk=besluit.pk).update(goedgekeurd_op=goedgekeurd_op, status=status)
    return besluit


def _betaling(besluit, bedrag, betaald_op):
    return Betaling.objects.create(
        besluit=besluit,
        bedrag=bedrag,
        betaald_op=betaald_op,
        referentie="B",
        geregistreerd_door=besluit.opgesteld_door,
    )


class TestBudgetOverzicht:
    def test_figures(self, nu, regeling):
        """Committed = unpaid rest of this year's approvals; paid = this year's payments."""
        nu(2026, 6, 1)
        regeling.geldig_tot = date(2026, 6, 30)
        regeling.jaarbudget = Decimal("10000")
        regeling.save()
        RegelingFactory(geldig_van=date(2026, 7, 1), jaarbudget=Decimal("5000"))
        dit_jaar = _goedgekeurd(Decimal("3000"), datetime(2026, 3, 1, tzinfo=AMS))
        _betaling(dit_jaar, Decimal("1000"), date(2026, 4, 1))
        vorig_jaar = _goedgekeurd(Decimal("500"), datetime(2025, 12, 20, tzinfo=AMS))
        _betaling(vorig_jaar, Decimal("500"), date(2026, 1, 10))
        _goedgekeurd(
            Decimal("700"), datetime(2026, 5, 1, tzinfo=AMS), status=BesluitStatus.GOEDGEKEURD
        )
        BesluitFactory(aanvraag=aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT))  # not committed

        overzicht = selectors.budget_overzicht(jaar=2026)

        assert overzicht == selectors.BudgetOverzicht(
            jaar=2026,
            budget=Decimal("15000"),
            vastgelegd=Decimal("2700"),
            betaald=Decimal("1500"),
            resterend=Decimal("10800"),
        )
        assert selectors.budget_overzicht(jaar=2025).vastgelegd == Decimal("0")
        assert selectors.budget_overzicht(jaar=2027).budget == Decimal("5000")

    def test_year_without_a_regeling(self, regeling):
        assert selectors.budget_overzicht(jaar=2019).budget == Decimal("0")


class TestBudgetWaarschuwing:
    @pytest.fixture
    def concept(self, nu, regeling, beoordelaar):
        nu(2026, 6, 1)
        regeling.jaarbudget = Decimal("1500")
        regeling.save()
        _goedgekeurd(Decimal("1000"), datetime(2026, 2, 1, tzinfo=AMS))
        aanvraag = aanvraag_in(
            AanvraagStatus.BESLUIT_CONCEPT, behandelaar=beoordelaar, bedragen=(Decimal("1234.56"),)
        )
        return BesluitFactory(aanvraag=aanvraag, opgesteld_door=beoordelaar)

    def test_overrun_asks_for_confirmation(self, concept, tweede_beoordelaar):
        """Above the remaining budget, approval is refused with the figures, nothing changes."""
        with pytest.raises(BudgetOverschrijding) as fout:
            services.besluit_goedkeuren(besluit_id=concept.pk, door=tweede_beoordelaar)
        bericht = fout.value.messages[0]
        assert (
            "€\u00a01.234,56" in bericht and "resterende budget van 2026 (€\u00a0500,00" in bericht
        )
        assert fout.value.overzicht.resterend == Decimal("500")
        assert fout.value.bedrag == Decimal("1234.56")
        concept.refresh_from_db()
        assert concept.status == BesluitStatus.CONCEPT
        assert concept.aanvraag.status == AanvraagStatus.BESLUIT_CONCEPT

    def test_confirmed_is_approved_and_recorded(self, concept, tweede_beoordelaar):
        """With the confirmation the decision is approved and the confirmation stored."""
        services.besluit_goedkeuren(
            besluit_id=concept.pk, door=tweede_beoordelaar, budget_overschrijding_bevestigd=True
        )
        concept.refresh_from_db()
        assert concept.status == BesluitStatus.GOEDGEKEURD
        assert concept.budget_overschrijding_bevestigd is True
        assert selectors.budget_overzicht(jaar=2026).resterend == Decimal("-734.56")

    def test_no_warning_within_budget(self, concept, tweede_beoordelaar, regeling):
        regeling.jaarbudget = Decimal("100000")
        regeling.save()
        services.besluit_goedkeuren(besluit_id=concept.pk, door=tweede_beoordelaar)
        concept.refresh_from_db()
        assert concept.status == BesluitStatus.GOEDGEKEURD
        assert concept.budget_overschrijding_bevestigd is False
