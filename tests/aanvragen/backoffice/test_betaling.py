"""Payments: finance only, never more than granted; a full payment marks the claim paid."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus
from aanvragen.models import Betaling

from .factories import BesluitFactory, aanvraag_in


@pytest.fixture
def verzonden(regeling, beoordelaar):
    aanvraag = aanvraag_in(AanvraagStatus.VERZONDEN, behandelaar=beoordelaar)
    return BesluitFactory(aanvraag=aanvraag, verzonden=True)


def _betalen(besluit, door, bedrag, **kw):
    return services.betaling_registreren(
        besluit_id=besluit.pk,
        door=door,
        betaald_op=kw.get("betaald_op", timezone.localdate()),
        bedrag=Decimal(bedrag),
        referentie=kw.get("referentie", "BET-2026-1"),
    )


@pytest.mark.parametrize(
    "rol", ["beoordelaar", "tweede_beoordelaar", "functioneel_beheerder", "gemeente_medewerker"]
)
def test_only_finance_registers_payments(verzonden, rol, request):
    """Nobody but a financieel medewerker registers a payment."""
    with pytest.raises(WorkflowFout, match="mag deze actie niet"):
        _betalen(verzonden, request.getfixturevalue(rol), "1000.00")
    assert not Betaling.objects.exists()


def test_partial_payment_and_the_rest(verzonden, financieel_medewerker):
    """A partial payment keeps the claim 'verzonden'; paying the rest makes it 'betaald'."""
    _betalen(verzonden, financieel_medewerker, "400.00")
    verzonden.aanvraag.refresh_from_db()
    assert verzonden.aanvraag.status == AanvraagStatus.VERZONDEN
    assert selectors.te_betalen().get().openstaand == Decimal("600.00")
    _betalen(verzonden, financieel_medewerker, "600.00", referentie="BET-2026-2")
    verzonden.aanvraag.refresh_from_db()
    assert verzonden.aanvraag.status == AanvraagStatus.BETAALD
    assert verzonden.aanvraag.statushistorie.last().door == financieel_medewerker
    assert not selectors.te_betalen().exists()


def test_not_more_than_granted(verzonden, financieel_medewerker):
    with pytest.raises(WorkflowFout, match="openstaat"):
        _betalen(verzonden, financieel_medewerker, "1000.01")
    with pytest.raises(WorkflowFout, match="openstaat"):
        _betalen(verzonden, financieel_medewerker, "0")
    assert not Betaling.objects.exists()


def test_not_in_the_future(verzonden, financieel_medewerker):
    with pytest.raises(WorkflowFout, match="toekomst"):
        _betalen(
            verzonden,
            financieel_medewerker,
            "10",
            betaald_op=timezone.localdate() + timedelta(days=1),
        )


def test_afwijzing_has_nothing_to_pay(regeling, financieel_medewerker):
    aanvraag = aanvraag_in(AanvraagStatus.VERZONDEN)
    besluit = BesluitFactory(
        aanvraag=aanvraag, verzonden=True, uitkomst="afgewezen", bedrag_toegekend=0
    )
    with pytest.raises(WorkflowFout):
        _betalen(besluit, financieel_medewerker, "1")


def test_not_before_the_dispatch_date(verzonden, financieel_medewerker):
    """A payment dated before the decision was sent (a typo in the year) is refused."""
    verzonden.verzonden_op = timezone.now() - timedelta(days=10)
    verzonden.save(update_fields=["verzonden_op"])
    with pytest.raises(WorkflowFout, match="vóór de verzenddatum van het besluit"):
        _betalen(
            verzonden,
            financieel_medewerker,
            "10",
            betaald_op=date(1900, 1, 1),
        )
    with pytest.raises(WorkflowFout, match="vóór de verzenddatum"):
        _betalen(
            verzonden,
            financieel_medewerker,
            "10",
            betaald_op=timezone.localdate() - timedelta(days=11),
        )
    assert not Betaling.objects.exists()
    _betalen(
        verzonden, financieel_medewerker, "10", betaald_op=timezone.localdate() - timedelta(days=10)
    )
    assert Betaling.objects.count() == 1


def test_the_same_payment_twice_is_refused(verzonden, financieel_medewerker):
    """The payment form sent twice registers one payment; a second instalment still can."""
    _betalen(verzonden, financieel_medewerker, "400.00", referentie="BET-2026-1")
    with pytest.raises(WorkflowFout, match="al geregistreerd"):
        _betalen(verzonden, financieel_medewerker, "400.00", referentie="bet-2026-1")
    assert Betaling.objects.count() == 1
    _betalen(verzonden, financieel_medewerker, "400.00", referentie="BET-2026-2")
    assert Betaling.objects.count() == 2
