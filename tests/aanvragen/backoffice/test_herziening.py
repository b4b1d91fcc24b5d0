"""Correcting decisions outside objection (herziening): drafting, four-eyes, dispatch, money."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus as S
from aanvragen.constants import BesluitSoort, BesluitStatus, Uitkomst
from aanvragen.models import Betaling, Kostenpost
from fondsbeveiliging.termijnen.berekening import bezwaartermijn_einde, termijn_einde
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


@pytest.fixture
def financieel(db):
    return UserFactory(financieel_medewerker=True)


def _betaald_besluit(beoordelaar, opsteller, *, deel=Decimal("1")):
    """Two lines of EUR 1,000, assessed at `deel`, decision sent on 1 Feb 2027 and paid."""
    aanvraag = aanvraag_in(
        S.BETAALD, behandelaar=beoordelaar, bedragen=(Decimal("1000"), Decimal("1000"))
    )
    alles_beoordelen(aanvraag, beoordelaar, deel=deel)
    bedrag = Decimal("2000.00") * deel
    besluit = BesluitFactory(
        aanvraag=aanvraag,
        opgesteld_door=opsteller,
        verzonden=True,
        bedrag_toegekend=bedrag,
        verzonden_op=datetime(2027, 2, 1, 10, tzinfo=AMS),
    )
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=date(2027, 2, 3),
        bedrag=bedrag,
        referentie="B-1",
        geregistreerd_door=beoordelaar,
    )
    return aanvraag, besluit


def _herbeoordelen(aanvraag, door, bedrag, reden="boven_maximum"):
    for post in Kostenpost.objects.filter(aanvraag=aanvraag):
        services.kostenpost_beoordelen(
            kostenpost_id=post.pk,
            door=door,
            bedrag_toegekend=bedrag,
            reden_code=reden,
            motivering="" if reden == "volledig" else "Herzien.",
        )


def _goedkeuren_en_verzenden(besluit, door, dag):
    services.besluit_goedkeuren(besluit_id=besluit.pk, door=door)
    services.besluit_verzenden(
        besluit_id=besluit.pk, verzonden_op=datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMS)
    )
    besluit.refresh_from_db()
    return besluit


def test_lower_amount_reclaims_with_its_own_term(
    nu, beoordelaar, opsteller, teamleider, financieel, regeling
):
    """Paid EUR 2,000, corrected to EUR 1,200: EUR 800 to reclaim, due six weeks after
    dispatch (Atw); finance sees it and registers the repayment."""
    nu(2027, 3, 1)
    aanvraag, vorige = _betaald_besluit(beoordelaar, opsteller)
    services.herziening_starten(aanvraag_id=aanvraag.pk, door=beoordelaar, grond="rekenfout")
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.HERZIENING
    _herbeoordelen(aanvraag, beoordelaar, Decimal("600"))
    besluit = services.herziening_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, grond="rekenfout", motivering="Rekenfout."
    )
    assert (besluit.soort, besluit.vervangt, besluit.versie) == (BesluitSoort.HERZIENING, vorige, 2)
    assert besluit.uitkomst == Uitkomst.GEDEELTELIJK_TOEGEKEND
    assert (besluit.bedrag_toegekend, besluit.terugvordering) == (Decimal("1200"), Decimal("800"))

    besluit = _goedkeuren_en_verzenden(besluit, teamleider, date(2027, 3, 2))
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.VERZONDEN
    assert besluit.bezwaartermijn_einde == bezwaartermijn_einde(date(2027, 3, 2))
    assert besluit.terugbetaaltermijn_einde == termijn_einde(date(2027, 3, 2), weken=6)
    assert besluit.betaaltermijn_einde is None
    assert not selectors.te_betalen().filter(aanvraag=aanvraag).exists()
    assert list(selectors.terug_te_vorderen()) == [besluit]

    nu(2027, 3, 3)
    services.terugbetaling_registreren(
        besluit_id=besluit.pk, door=financieel, terugbetaald_op=date(2027, 3, 3)
    )
    assert not selectors.terug_te_vorderen().exists()
    assert selectors.besluit_betaald(besluit=besluit) == Decimal("1200")


def test_higher_amount_pays_only_the_extra_in_a_batch(
    nu, beoordelaar, opsteller, teamleider, financieel, regeling
):
    """Granted and paid EUR 1,000, corrected to EUR 2,000: finance's queue shows EUR 1,000,
    it goes in a batch, and paying it makes the claim betaald."""
    nu(2027, 3, 1)
    aanvraag, _vorige = _betaald_besluit(beoordelaar, opsteller, deel=Decimal("0.5"))
    services.herziening_starten(aanvraag_id=aanvraag.pk, door=beoordelaar, grond="latere_factuur")
    _herbeoordelen(aanvraag, beoordelaar, Decimal("1000"), reden="volledig")
    besluit = services.herziening_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, grond="latere_factuur", motivering="Factuur."
    )
    assert (besluit.uitkomst, besluit.terugvordering) == (Uitkomst.TOEGEKEND, Decimal("0"))
    besluit = _goedkeuren_en_verzenden(besluit, teamleider, date(2027, 3, 2))
    assert besluit.betaaltermijn_einde is not None

    rij = selectors.te_betalen().get(aanvraag=aanvraag)
    assert (rij.pk, rij.openstaand) == (besluit.pk, Decimal("1000.00"))
    batch = services.betaalbatch_maken(door=financieel)
    regel = batch.regels.get()
    assert regel.bedrag == Decimal("1000.00")
    nu(2027, 3, 4)
    services.betaalbatch_betaald(batch_id=batch.pk, door=financieel, betaald_op=date(2027, 3, 4))
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.BETAALD


def test_returned_draft_keeps_herziening_and_allows_a_new_draft(
    nu, beoordelaar, opsteller, teamleider, regeling
):
    """Returning leaves the claim in herziening and frees the replaced decision."""
    nu(2027, 3, 1)
    aanvraag, vorige = _betaald_besluit(beoordelaar, opsteller)
    eerste = services.herziening_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, grond="overig", motivering="Eerste."
    )
    services.herziening_terugsturen(besluit_id=eerste.pk, door=teamleider, reden="Motiveer.")
    aanvraag.refresh_from_db()
    eerste.refresh_from_db()
    assert aanvraag.status == S.HERZIENING
    assert (eerste.status, eerste.vervangt) == (BesluitStatus.TERUGGESTUURD, None)
    tweede = services.herziening_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, grond="overig", motivering="Tweede."
    )
    assert (tweede.versie, tweede.vervangt) == (3, vorige)


def test_four_eyes_and_kind_checks(nu, beoordelaar, opsteller, teamleider, regeling):
    """The drafter never approves a draft that needs four eyes; the kind-specific entry
    points refuse another kind."""
    nu(2027, 3, 1)
    aanvraag, vorige = _betaald_besluit(beoordelaar, opsteller)
    besluit = services.herziening_opstellen(
        aanvraag_id=aanvraag.pk, door=teamleider, grond="overig", motivering="M."
    )
    if besluit.vierogen_vereist:
        with pytest.raises(WorkflowFout, match="vier-ogenprincipe"):
            services.herziening_goedkeuren(besluit_id=besluit.pk, door=teamleider)
    with pytest.raises(WorkflowFout):
        services.dwangsom_goedkeuren(
            besluit_id=besluit.pk, door=UserFactory(tweede_beoordelaar=True)
        )
    with pytest.raises(WorkflowFout):
        services.herziening_opstellen(
            aanvraag_id=aanvraag.pk, door=beoordelaar, grond="overig", motivering="Nog een."
        )


def test_payment_on_a_replaced_decision_is_refused(
    nu, beoordelaar, opsteller, teamleider, financieel, regeling
):
    """Once a correction is approved, finance pays on it, not on the decision it replaces."""
    nu(2027, 3, 1)
    aanvraag, vorige = _betaald_besluit(beoordelaar, opsteller, deel=Decimal("0.5"))
    _herbeoordelen_status = services.herziening_starten(
        aanvraag_id=aanvraag.pk, door=beoordelaar, grond="latere_factuur"
    )
    assert _herbeoordelen_status.status == S.HERZIENING
    _herbeoordelen(aanvraag, beoordelaar, Decimal("1000"), reden="volledig")
    besluit = services.herziening_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, grond="latere_factuur", motivering="F."
    )
    _goedkeuren_en_verzenden(besluit, teamleider, date(2027, 3, 2))
    with pytest.raises(WorkflowFout):
        services.betaling_registreren(
            besluit_id=vorige.pk,
            door=financieel,
            betaald_op=date(2027, 3, 1),
            bedrag=Decimal("10"),
            referentie="X",
        )
