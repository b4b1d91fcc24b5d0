"""The payment chain across decisions: paid so far, open batch rows, budget, closing, statistics."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from aanvragen import selectors as aanvraag_selectors
from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services.afsluiting import zaken_afsluiten
from aanvragen.constants import AanvraagStatus as S
from aanvragen.models import Aanvraag, Besluit, Betaling
from statistieken.periode import Periode
from statistieken.secties import tabel_zoeken
from tests.factories import UserFactory
from tests.statistieken import dossier

from .conftest import AMS
from .factories import BesluitFactory, aanvraag_in

pytestmark = pytest.mark.django_db


def _betaal(besluit, bedrag, door, dag=date(2027, 2, 3)):
    return Betaling.objects.create(
        besluit=besluit, betaald_op=dag, bedrag=bedrag, referentie="B", geregistreerd_door=door
    )


@pytest.fixture
def financieel(db):
    return UserFactory(financieel_medewerker=True)


def test_paid_so_far_counts_the_chain_but_not_the_dwangsom(regeling, financieel):
    """A correction continues the payments on the decision it replaces; a dwangsom decision
    of the same claim has its own, and neither counts for the other."""
    aanvraag = aanvraag_in(S.VERZONDEN)
    v1 = BesluitFactory(aanvraag=aanvraag, verzonden=True, bedrag_toegekend=Decimal("1000"))
    _betaal(v1, Decimal("600"), financieel)
    v2 = BesluitFactory(
        aanvraag=aanvraag,
        versie=2,
        verzonden=True,
        soort="herziening",
        vervangt=v1,
        bedrag_toegekend=Decimal("1500"),
    )
    dw = BesluitFactory(
        aanvraag=aanvraag,
        versie=3,
        verzonden=True,
        soort="dwangsom",
        regelt_aanvraag=False,
        bedrag_toegekend=Decimal("276"),
    )
    _betaal(dw, Decimal("76"), financieel)
    assert selectors.besluit_betaald(besluit=v2) == Decimal("600")
    assert selectors.besluit_betaald(besluit=dw) == Decimal("76")
    rijen = {b.pk: b.openstaand for b in selectors.te_betalen()}
    assert rijen == {v2.pk: Decimal("900.00"), dw.pk: Decimal("200.00")}
    # The applicant's list shows the claim's payments only, not the penalty.
    lijst = aanvraag_selectors.aanvragen_met_uitkomst(user=aanvraag.aanvrager).get(pk=aanvraag.pk)
    assert (lijst.besluit_toegekend, lijst.betaald) == (Decimal("1500"), Decimal("600"))


def test_an_open_batch_row_of_the_replaced_decision_holds_the_extra_back(regeling, financieel):
    """While the replaced decision's row waits in a batch, the correction is no new row."""
    aanvraag = aanvraag_in(S.VERZONDEN)
    v1 = BesluitFactory(aanvraag=aanvraag, verzonden=True, bedrag_toegekend=Decimal("1000"))
    services.betaalbatch_maken(door=financieel)
    v2 = BesluitFactory(
        aanvraag=aanvraag,
        versie=2,
        verzonden=True,
        soort="herziening",
        vervangt=v1,
        bedrag_toegekend=Decimal("1500"),
    )
    assert not selectors.te_betalen().filter(pk=v2.pk).exists()


def test_budget_commits_only_the_increase(regeling, financieel):
    """Approved correction of 1,000 -> 1,500 with 1,000 paid commits 500, not 1,500."""
    jaar = date.today().year
    voor = selectors.budget_overzicht(jaar=jaar).vastgelegd
    aanvraag = aanvraag_in(S.HERZIENING_GOEDGEKEURD)
    v1 = BesluitFactory(aanvraag=aanvraag, verzonden=True, bedrag_toegekend=Decimal("1000"))
    _betaal(v1, Decimal("1000"), financieel, dag=date.today())
    BesluitFactory(
        aanvraag=aanvraag,
        versie=2,
        goedgekeurd=True,
        soort="herziening",
        vervangt=v1,
        bedrag_toegekend=Decimal("1500"),
    )
    assert selectors.budget_overzicht(jaar=jaar).vastgelegd - voor == Decimal("500")


def test_bezwaar_beslist_closes_after_the_appeal_term_and_the_postal_week(regeling):
    """Decision on objection sent 1 Feb 2027: appeal by Mon 15 March; posted in time it may
    arrive until Mon 22 March, so the case closes from Tue 23 March."""
    aanvraag = aanvraag_in(S.BEZWAAR_BESLIST)
    v1 = BesluitFactory(
        aanvraag=aanvraag,
        verzonden=True,
        bedrag_toegekend=Decimal("0"),
        uitkomst="afgewezen",
        bezwaartermijn_einde=date(2026, 12, 1),
    )
    from aanvragen.models import Bezwaar

    bezwaar = Bezwaar.objects.create(
        besluit=v1, ontvangen_op=date(2026, 11, 20), geregistreerd_door=v1.opgesteld_door
    )
    BesluitFactory(
        aanvraag=aanvraag,
        versie=2,
        verzonden=True,
        soort="bezwaar",
        bezwaar=bezwaar,
        bezwaar_uitkomst="ongegrond",
        regelt_aanvraag=False,
        bedrag_toegekend=Decimal("0"),
        uitkomst="afgewezen",
        verzonden_op=datetime(2027, 2, 1, 10, tzinfo=AMS),
        bezwaartermijn_einde=None,
        betaaltermijn_einde=None,
        beroepstermijn_einde=date(2027, 3, 15),
    )
    assert zaken_afsluiten(vandaag=date(2027, 3, 22)) == []
    assert zaken_afsluiten(vandaag=date(2027, 3, 23)) == [aanvraag.pk]
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.AFGESLOTEN


def test_statistics_are_unaffected_by_a_dwangsom_decision(regeling, financieel):
    """Outcomes and amounts per province stay the same when a paid dwangsom decision is
    added to a claim of the period."""
    dossier.aanvragen_aanmaken()
    jaar = Periode(jaar=2025)

    def tabellen():
        return [
            [
                (r.label, [w.tekst for w in r.waarden])
                for r in tabel_zoeken(periode=jaar, sleutel=k).rijen
            ]
            for k in ("besluiten-per-uitkomst", "bedragen-per-provincie")
        ]

    voor = tabellen()
    besluit = Besluit.objects.filter(status="verzonden", verzonden_op__year=2025).first()
    dwangsom = BesluitFactory(
        aanvraag=Aanvraag.objects.get(pk=besluit.aanvraag_id),
        versie=99,
        verzonden=True,
        soort="dwangsom",
        regelt_aanvraag=False,
        bedrag_toegekend=Decimal("1442"),
        verzonden_op=besluit.verzonden_op,
    )
    _betaal(dwangsom, Decimal("1442"), financieel, dag=date(2025, 6, 1))
    assert tabellen() == voor
