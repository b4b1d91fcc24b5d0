"""The dwangsom fixed by decision (Awb 4:18): exact dates and amounts, four-eyes, payment."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus as S
from aanvragen.constants import BesluitSoort, BesluitStatus
from tests.factories import UserFactory

from .conftest import AMS
from .factories import BesluitFactory, aanvraag_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def beoordelaar(db):
    return UserFactory(beoordelaar=True)


@pytest.fixture
def teamleider(db):
    return UserFactory(tweede_beoordelaar=True)


def _te_laat_beslist(beoordelaar, opsteller, *, verzonden=date(2027, 2, 8)):
    """Deadline Mon 11 Jan 2027, notice received Wed 13 Jan, decision sent `verzonden`."""
    aanvraag = aanvraag_in(
        S.VERZONDEN,
        behandelaar=beoordelaar,
        beslistermijn_einde=date(2027, 1, 11),
        ingebrekestelling_op=date(2027, 1, 13),
    )
    BesluitFactory(
        aanvraag=aanvraag,
        opgesteld_door=opsteller,
        verzonden=True,
        verzonden_op=datetime(verzonden.year, verzonden.month, verzonden.day, 10, tzinfo=AMS),
    )
    return aanvraag


def test_amount_days_and_due_date_follow_the_engine(nu, beoordelaar, opsteller, regeling):
    """Notice 13 Jan 2027 -> first day Wed 27 Jan; decision sent Mon 8 Feb: 12 days of
    EUR 23 = EUR 276, last day Sun 7 Feb; fix by decision within two weeks after it: Sun
    21 Feb moves to Mon 22 Feb (Atw)."""
    nu(2027, 2, 10)
    aanvraag = _te_laat_beslist(beoordelaar, opsteller)
    stand = selectors.dwangsom_stand_van(aanvraag=aanvraag)
    assert (stand.dagen, stand.bedrag, stand.laatste_dag) == (12, Decimal("276"), date(2027, 2, 7))
    assert stand.vaststellen_uiterlijk == date(2027, 2, 22)

    besluit = services.dwangsom_vaststellen(aanvraag_id=aanvraag.pk, door=beoordelaar)

    assert besluit.soort == BesluitSoort.DWANGSOM and not besluit.regelt_aanvraag
    assert besluit.bedrag_toegekend == Decimal("276.00")
    assert (besluit.dwangsom_dagen, besluit.dwangsom_laatste_dag) == (12, date(2027, 2, 7))
    assert besluit.vierogen_vereist and besluit.versie == 2
    assert "276,00" in besluit.motivering
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.VERZONDEN
    rij = aanvraag.statushistorie.last()
    assert (rij.van, rij.naar, rij.door) == (S.VERZONDEN, S.VERZONDEN, beoordelaar)


def test_after_42_days_it_is_fixed_at_the_maximum_without_a_decision(nu, beoordelaar, regeling):
    """42 days after the first day (27 Jan) the penalty stops: EUR 1,442, last day 9 March."""
    aanvraag = aanvraag_in(
        S.IN_BEHANDELING,
        behandelaar=beoordelaar,
        beslistermijn_einde=date(2027, 1, 11),
        ingebrekestelling_op=date(2027, 1, 13),
    )
    nu(2027, 3, 9)
    with pytest.raises(WorkflowFout, match="loopt nog"):
        services.dwangsom_vaststellen(aanvraag_id=aanvraag.pk, door=beoordelaar)
    nu(2027, 3, 10)
    besluit = services.dwangsom_vaststellen(aanvraag_id=aanvraag.pk, door=beoordelaar)
    assert besluit.bedrag_toegekend == Decimal("1442.00")
    assert (besluit.dwangsom_dagen, besluit.dwangsom_laatste_dag) == (42, date(2027, 3, 9))
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.IN_BEHANDELING


def test_refused_without_notice_or_twice(nu, beoordelaar, opsteller, regeling):
    """No notice of default: refused; a second dwangsom decision for the same claim too."""
    nu(2027, 2, 10)
    zonder = aanvraag_in(S.VERZONDEN, behandelaar=beoordelaar)
    with pytest.raises(WorkflowFout, match="ingebrekestelling"):
        services.dwangsom_vaststellen(aanvraag_id=zonder.pk, door=beoordelaar)
    aanvraag = _te_laat_beslist(beoordelaar, opsteller)
    services.dwangsom_vaststellen(aanvraag_id=aanvraag.pk, door=beoordelaar)
    with pytest.raises(WorkflowFout):
        services.dwangsom_vaststellen(aanvraag_id=aanvraag.pk, door=beoordelaar)


def test_four_eyes_always(nu, beoordelaar, opsteller, teamleider, regeling, hook_aanroepen):
    """Neither the drafter nor the assigned assessor approves; a teamleider does, the letter
    hook runs and the claim status stays."""
    nu(2027, 2, 10)
    aanvraag = _te_laat_beslist(beoordelaar, opsteller)
    besluit = services.dwangsom_vaststellen(aanvraag_id=aanvraag.pk, door=teamleider)
    with pytest.raises(WorkflowFout, match="vier-ogenprincipe"):
        services.besluit_goedkeuren(besluit_id=besluit.pk, door=teamleider)
    with pytest.raises(WorkflowFout):
        services.besluit_goedkeuren(besluit_id=besluit.pk, door=beoordelaar)
    tweede = UserFactory(tweede_beoordelaar=True)
    services.dwangsom_goedkeuren(besluit_id=besluit.pk, door=tweede)
    besluit.refresh_from_db()
    assert besluit.status == BesluitStatus.GOEDGEKEURD
    assert ("besluit_goedgekeurd", besluit.pk) in hook_aanroepen
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.VERZONDEN


def test_sent_and_paid_through_a_batch_without_a_status_change(
    nu, beoordelaar, opsteller, regeling
):
    """Sent: a history row, payment and objection terms; then it is a row of finance's
    batch, and paying it changes no claim status."""
    nu(2027, 2, 10)
    aanvraag = _te_laat_beslist(beoordelaar, opsteller)
    besluit = services.dwangsom_vaststellen(aanvraag_id=aanvraag.pk, door=beoordelaar)
    services.besluit_goedkeuren(besluit_id=besluit.pk, door=UserFactory(tweede_beoordelaar=True))
    services.besluit_verzenden(
        besluit_id=besluit.pk, verzonden_op=datetime(2027, 2, 11, tzinfo=AMS)
    )
    besluit.refresh_from_db()
    assert besluit.betaaltermijn_einde is not None and besluit.bezwaartermijn_einde is not None
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.VERZONDEN
    assert aanvraag.statushistorie.last().naar == S.VERZONDEN

    rijen = {b.pk: b.openstaand for b in selectors.te_betalen()}
    assert rijen[besluit.pk] == Decimal("276.00")
    financieel = UserFactory(financieel_medewerker=True)
    nu(2027, 2, 12)
    batch = services.betaalbatch_maken(door=financieel)
    regel = batch.regels.get(besluit=besluit)
    assert regel.bedrag == Decimal("276.00")
    services.batchregel_betaald(regel_id=regel.pk, door=financieel, betaald_op=date(2027, 2, 12))
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.VERZONDEN
    assert besluit.pk not in {b.pk for b in selectors.te_betalen()}


def test_the_penalty_on_a_late_decision_on_objection_by_its_button(
    nu, verified_client, beoordelaar, opsteller, regeling
):
    """The 7:10 term ended Mon 11 Jan 2027, the notice came Wed 13 Jan, the decision on the
    objection was sent Mon 8 Feb: the same 12 days and EUR 276, now on the objection."""
    from django.urls import reverse

    from aanvragen.models import Bezwaar

    nu(2027, 2, 10)
    aanvraag = aanvraag_in(S.BEZWAAR_BESLIST, behandelaar=beoordelaar)
    eerste = BesluitFactory(aanvraag=aanvraag, opgesteld_door=opsteller, verzonden=True)
    bezwaar = Bezwaar.objects.create(
        besluit=eerste,
        ontvangen_op=date(2026, 11, 2),
        beslistermijn_einde=date(2027, 1, 11),
        ingebrekestelling_op=date(2027, 1, 13),
        geregistreerd_door=beoordelaar,
    )
    BesluitFactory(
        aanvraag=aanvraag,
        versie=2,
        soort=BesluitSoort.BEZWAAR,
        regelt_aanvraag=False,
        bezwaar=bezwaar,
        bezwaar_uitkomst="ongegrond",
        bedrag_toegekend=Decimal("0"),
        opgesteld_door=opsteller,
        verzonden=True,
        verzonden_op=datetime(2027, 2, 8, 10, tzinfo=AMS),
    )
    client = verified_client(beoordelaar)
    zaak = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
    assert "Dwangsom bezwaar vaststellen" in client.get(zaak).content.decode()

    url = reverse(
        "admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "bezwaar-dwangsom-vaststellen"]
    )
    assert client.post(url, {}).status_code == 302
    besluit = aanvraag.besluiten.get(soort=BesluitSoort.DWANGSOM)
    assert besluit.bezwaar == bezwaar and besluit.bedrag_toegekend == Decimal("276.00")
    assert (besluit.dwangsom_dagen, besluit.dwangsom_laatste_dag) == (12, date(2027, 2, 7))
    # Fixed once: the button is gone.
    assert "Dwangsom bezwaar vaststellen" not in client.get(zaak).content.decode()
