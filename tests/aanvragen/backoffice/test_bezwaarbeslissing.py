"""The decision on an objection (7:11): outcomes, hearing rule, four-eyes, appeal term, money."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from aanvragen import selectors as aanvraag_selectors
from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus as S
from aanvragen.constants import BesluitSoort, Hoorzitting
from aanvragen.models import Betaling, Bezwaar, Kostenpost
from fondsbeveiliging.termijnen.berekening import bezwaartermijn_einde
from tests.factories import UserFactory

from .conftest import AMS
from .factories import BesluitFactory, aanvraag_in, alles_beoordelen

pytestmark = pytest.mark.django_db


@pytest.fixture
def beoordelaar(db):
    return UserFactory(beoordelaar=True)


@pytest.fixture
def teamleider(db):
    return UserFactory(tweede_beoordelaar=True)


def _bezwaar(beoordelaar, opsteller, *, hoorzitting=Hoorzitting.GEHOUDEN):
    """Lines of 1,000 + 1,000 granted half (EUR 1,000, paid); an objection, heard."""
    aanvraag = aanvraag_in(
        S.BEZWAAR, behandelaar=beoordelaar, bedragen=(Decimal("1000"), Decimal("1000"))
    )
    alles_beoordelen(aanvraag, beoordelaar, deel=Decimal("0.5"))
    besluit = BesluitFactory(
        aanvraag=aanvraag,
        opgesteld_door=opsteller,
        verzonden=True,
        uitkomst="gedeeltelijk_toegekend",
        bedrag_toegekend=Decimal("1000.00"),
        verzonden_op=datetime(2027, 2, 1, 10, tzinfo=AMS),
    )
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=date(2027, 2, 3),
        bedrag=Decimal("1000.00"),
        referentie="B-1",
        geregistreerd_door=beoordelaar,
    )
    bezwaar = Bezwaar.objects.create(
        besluit=besluit,
        ontvangen_op=date(2027, 2, 20),
        hoorzitting=hoorzitting,
        geregistreerd_door=beoordelaar,
    )
    return aanvraag, besluit, bezwaar


def _verzenden(besluit, dag):
    services.besluit_verzenden(
        besluit_id=besluit.pk, verzonden_op=datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMS)
    )
    besluit.refresh_from_db()
    return besluit


def test_unfounded_changes_no_amount(nu, beoordelaar, opsteller, teamleider, regeling):
    """Unfounded: the objected decision stays the claim's decision; appeal term six weeks
    from the day after dispatch; nothing to pay or reclaim."""
    nu(2027, 3, 15)
    aanvraag, bestreden, bezwaar = _bezwaar(beoordelaar, opsteller)
    besluit = services.beslissing_op_bezwaar_opstellen(
        bezwaar_id=bezwaar.pk, door=beoordelaar, bezwaar_uitkomst="ongegrond", motivering="M."
    )
    assert (besluit.soort, besluit.regelt_aanvraag, besluit.vervangt) == (
        BesluitSoort.BEZWAAR,
        False,
        None,
    )
    assert (besluit.bedrag_toegekend, besluit.uitkomst) == (Decimal("0"), bestreden.uitkomst)
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.BEZWAAR_CONCEPT
    services.beslissing_op_bezwaar_goedkeuren(besluit_id=besluit.pk, door=teamleider)
    besluit = _verzenden(besluit, date(2027, 3, 16))
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.BEZWAAR_BESLIST
    assert besluit.beroepstermijn_einde == bezwaartermijn_einde(date(2027, 3, 16))
    assert (besluit.bezwaartermijn_einde, besluit.betaaltermijn_einde) == (None, None)
    assert aanvraag_selectors.verzonden_besluit(aanvraag=aanvraag) == bestreden
    assert not selectors.te_betalen().filter(aanvraag=aanvraag).exists()


def test_partly_founded_replaces_and_pays_the_extra(
    nu, beoordelaar, opsteller, teamleider, regeling
):
    """Partly founded after re-assessment (EUR 1,500 of 2,000): a new decision replacing
    the objected one; EUR 500 to pay with a payment term."""
    nu(2027, 3, 15)
    aanvraag, bestreden, bezwaar = _bezwaar(beoordelaar, opsteller)
    posten = list(Kostenpost.objects.filter(aanvraag=aanvraag).order_by("pk"))
    services.kostenpost_beoordelen(
        kostenpost_id=posten[0].pk,
        door=beoordelaar,
        bedrag_toegekend=Decimal("1000"),
        reden_code="volledig",
    )
    besluit = services.beslissing_op_bezwaar_opstellen(
        bezwaar_id=bezwaar.pk,
        door=beoordelaar,
        bezwaar_uitkomst="gedeeltelijk_gegrond",
        motivering="Heroverweging.",
    )
    assert (besluit.regelt_aanvraag, besluit.vervangt, besluit.bedrag_toegekend) == (
        True,
        bestreden,
        Decimal("1500.00"),
    )
    services.besluit_goedkeuren(besluit_id=besluit.pk, door=teamleider)
    besluit = _verzenden(besluit, date(2027, 3, 16))
    assert besluit.betaaltermijn_einde is not None
    rij = selectors.te_betalen().get(aanvraag=aanvraag)
    assert (rij.pk, rij.openstaand) == (besluit.pk, Decimal("500.00"))


def test_a_planned_hearing_blocks_unless_inadmissible(nu, beoordelaar, opsteller, regeling):
    """Not heard yet: only 'niet-ontvankelijk' may be drafted (7:3 onder a)."""
    nu(2027, 3, 15)
    _aanvraag, _b, bezwaar = _bezwaar(beoordelaar, opsteller, hoorzitting=Hoorzitting.GEPLAND)
    with pytest.raises(WorkflowFout, match="7:2"):
        services.beslissing_op_bezwaar_opstellen(
            bezwaar_id=bezwaar.pk, door=beoordelaar, bezwaar_uitkomst="ongegrond", motivering="M."
        )
    besluit = services.beslissing_op_bezwaar_opstellen(
        bezwaar_id=bezwaar.pk,
        door=beoordelaar,
        bezwaar_uitkomst="niet_ontvankelijk",
        motivering="Te laat.",
    )
    assert besluit.bezwaar_uitkomst == "niet_ontvankelijk"


def test_four_eyes_always_and_return_goes_back_to_bezwaar(
    nu, beoordelaar, opsteller, teamleider, regeling
):
    """Even without a policy threshold the drafter and the assigned assessor cannot approve;
    a second teamleider returns it and the claim is back in bezwaar."""
    nu(2027, 3, 15)
    aanvraag, _b, bezwaar = _bezwaar(beoordelaar, opsteller)
    besluit = services.beslissing_op_bezwaar_opstellen(
        bezwaar_id=bezwaar.pk, door=teamleider, bezwaar_uitkomst="ongegrond", motivering="M."
    )
    assert besluit.vierogen_vereist
    with pytest.raises(WorkflowFout, match="vier-ogenprincipe"):
        services.besluit_goedkeuren(besluit_id=besluit.pk, door=teamleider)
    with pytest.raises(WorkflowFout):
        services.besluit_goedkeuren(besluit_id=besluit.pk, door=beoordelaar)
    services.besluit_terugsturen(
        besluit_id=besluit.pk, door=UserFactory(tweede_beoordelaar=True), reden="Horen."
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.BEZWAAR
