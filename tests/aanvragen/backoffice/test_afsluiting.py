"""Closing finished cases: objection term plus a week over, no objection, nothing left to pay."""

import threading
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from aanvragen.backoffice import services
from aanvragen.backoffice.services import zaken_afsluiten
from aanvragen.backoffice.tasks import zaken_afsluiten_task
from aanvragen.constants import AanvraagStatus as S
from aanvragen.constants import Uitkomst
from aanvragen.models import Aanvraag, Betaling, Bezwaar, StatusWijziging
from tests.factories import UserFactory

from .factories import BEDRAG, BesluitFactory, aanvraag_in

AMS = ZoneInfo("Europe/Amsterdam")
# A decision sent on Monday 2 March 2026: objections until Monday 13 April; an objection
# posted in time may arrive until Monday 20 April (Awb 6:9(2)); the case closes from 21 April.
VERZONDEN_OP = datetime(2026, 3, 2, 10, tzinfo=AMS)
EINDE = date(2026, 4, 13)
EERSTE_SLUITDAG = date(2026, 4, 21)


def zaak(status=S.BETAALD, *, bedrag=BEDRAG, betaald=(), einde=EINDE, behandelaar=None):
    """A claim in `status` with a sent decision granting `bedrag`, paid in parts `betaald`."""
    aanvraag = aanvraag_in(status, behandelaar=behandelaar)
    besluit = BesluitFactory(
        aanvraag=aanvraag,
        verzonden=True,
        verzonden_op=VERZONDEN_OP,
        uitkomst=Uitkomst.TOEGEKEND if bedrag else Uitkomst.AFGEWEZEN,
        bedrag_toegekend=bedrag,
        bezwaartermijn_einde=einde,
    )
    financien = UserFactory(financieel_medewerker=True) if betaald else None
    for deel in betaald:
        Betaling.objects.create(
            besluit=besluit,
            betaald_op=date(2026, 3, 20),
            bedrag=Decimal(deel),
            referentie="BET-1",
            geregistreerd_door=financien,
        )
    return aanvraag


def _status(aanvraag):
    aanvraag.refresh_from_db()
    return aanvraag.status


def _historie(aanvraag):
    return list(aanvraag.statushistorie.order_by("pk").values_list("van", "naar", "door"))


pytestmark = pytest.mark.usefixtures("regeling")


class TestBezwaartermijn:
    @pytest.mark.parametrize(
        ("vandaag", "gesloten"),
        [
            (EINDE, False),  # last day of the objection term
            (EINDE + timedelta(days=1), False),  # inside the week for posted objections
            (EERSTE_SLUITDAG - timedelta(days=1), False),  # last day of that week
            (EERSTE_SLUITDAG, True),
        ],
    )
    def test_closes_only_a_week_after_the_term(self, vandaag, gesloten):
        """A case stays open until a week after the objection term, then it closes."""
        aanvraag = zaak(betaald=["1000.00"])
        assert zaken_afsluiten(vandaag=vandaag) == ([aanvraag.pk] if gesloten else [])
        assert _status(aanvraag) == (S.AFGESLOTEN if gesloten else S.BETAALD)

    @pytest.mark.parametrize(("vandaag", "gesloten"), [(28, False), (29, True)])
    def test_week_ending_on_a_holiday_runs_on(self, vandaag, gesloten):
        """Term ends 20 April 2026; the week ends on King's Day (27 April), so 28 April counts."""
        aanvraag = zaak(betaald=["1000.00"], einde=date(2026, 4, 20))
        assert zaken_afsluiten(vandaag=date(2026, 4, vandaag)) == (
            [aanvraag.pk] if gesloten else []
        )


class TestBetaling:
    @pytest.mark.parametrize("betaald", [(), ("400.00",), ("400.00", "599.99")])
    def test_not_fully_paid_stays_open(self, betaald):
        """A granted amount not fully paid keeps the case open, however old."""
        aanvraag = zaak(S.VERZONDEN, betaald=betaald)
        assert zaken_afsluiten(vandaag=date(2027, 1, 1)) == []
        assert _status(aanvraag) == S.VERZONDEN
        assert not aanvraag.statushistorie.exists()

    def test_fully_paid_is_closed_by_the_system(self):
        """A paid case is closed by the system (no person), with the reason in the history."""
        aanvraag = zaak(S.BETAALD, betaald=["400.00", "600.00"])
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG) == [aanvraag.pk]
        assert _status(aanvraag) == S.AFGESLOTEN
        assert _historie(aanvraag) == [(S.BETAALD, S.AFGESLOTEN, None)]
        assert "13 april 2026" in aanvraag.statushistorie.get().toelichting

    def test_verzonden_and_fully_paid_first_gets_betaald(self):
        """Paid in full but never marked betaald: the missing step is recorded, then closed."""
        aanvraag = zaak(S.VERZONDEN, betaald=["1000.00"])
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG) == [aanvraag.pk]
        assert _historie(aanvraag) == [
            (S.VERZONDEN, S.BETAALD, None),
            (S.BETAALD, S.AFGESLOTEN, None),
        ]

    def test_afwijzing_without_an_amount_after_the_term(self):
        """A refusal (nothing granted) closes after the term, straight from verzonden."""
        aanvraag = zaak(S.VERZONDEN, bedrag=Decimal("0.00"))
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG - timedelta(days=1)) == []
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG) == [aanvraag.pk]
        assert _historie(aanvraag) == [(S.VERZONDEN, S.AFGESLOTEN, None)]


class TestBlijftOpen:
    def test_bezwaar_keeps_the_case_open(self, beoordelaar):
        """A registered objection keeps the case open, also if the status still says verzonden."""
        met_status = zaak(S.BEZWAAR, betaald=["1000.00"])
        zonder_status = zaak(S.VERZONDEN, bedrag=Decimal("0.00"))
        for aanvraag in (met_status, zonder_status):
            Bezwaar.objects.create(
                besluit=aanvraag.besluiten.get(),
                ontvangen_op=date(2026, 4, 1),
                geregistreerd_door=beoordelaar,
            )
        assert zaken_afsluiten(vandaag=date(2027, 1, 1)) == []
        assert (_status(met_status), _status(zonder_status)) == (S.BEZWAAR, S.VERZONDEN)

    @pytest.mark.parametrize(
        "status",
        [s for s in S if s not in (S.VERZONDEN, S.BETAALD, S.BEZWAAR_BESLIST, S.CONCEPT)],
        ids=lambda s: s.value,
    )
    def test_only_verzonden_or_betaald(self, status):
        """Only a claim in verzonden, betaald or bezwaar beslist is closed; other statuses are
        left as they are."""
        aanvraag = zaak(status, bedrag=Decimal("0.00"))
        assert zaken_afsluiten(vandaag=date(2027, 1, 1)) == []
        assert _status(aanvraag) == status

    def test_newer_besluit_in_concept(self):
        """A newer decision (a correction in progress) is the current one: not sent, so open."""
        aanvraag = zaak(S.VERZONDEN, bedrag=Decimal("0.00"))
        BesluitFactory(aanvraag=aanvraag, versie=2)
        assert zaken_afsluiten(vandaag=date(2027, 1, 1)) == []


class TestBatch:
    def test_running_twice_closes_once(self):
        """A second run closes nothing and writes no second history row."""
        aanvraag = zaak(betaald=["1000.00"])
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG) == [aanvraag.pk]
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG + timedelta(days=1)) == []
        assert StatusWijziging.objects.filter(aanvraag=aanvraag).count() == 1

    def test_limit_takes_the_oldest_terms_first(self):
        """At most `limiet` claims per run, the oldest objection term first."""
        zaken = [zaak(betaald=["1000.00"], einde=EINDE - timedelta(weeks=n)) for n in (1, 2, 0)]
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG, limiet=2) == [zaken[1].pk, zaken[0].pk]
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG, limiet=2) == [zaken[2].pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_locked_case_is_skipped(regeling):
    """A claim another action holds is skipped (not waited for) and closed on the next run."""
    bezet, vrij = zaak(betaald=["1000.00"]), zaak(betaald=["1000.00"])
    vergrendeld, loslaten = threading.Event(), threading.Event()

    def vasthouden():
        try:
            with transaction.atomic():
                Aanvraag.objects.select_for_update().get(pk=bezet.pk)
                vergrendeld.set()
                loslaten.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=vasthouden)
    thread.start()
    try:
        assert vergrendeld.wait(timeout=30)
        assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG) == [vrij.pk]
    finally:
        loslaten.set()
        thread.join(timeout=30)
    assert zaken_afsluiten(vandaag=EERSTE_SLUITDAG) == [bezet.pk]


class TestTaak:
    def test_daily_in_the_beat_schedule(self):
        regel = settings.CELERY_BEAT_SCHEDULE["zaken-afsluiten"]
        assert regel["task"] == zaken_afsluiten_task.name
        assert regel["schedule"] == crontab(hour=6, minute=30)

    def test_task_closes_a_finished_case(self):
        """The task closes, today, a case whose term ended more than a week ago."""
        aanvraag = zaak(
            bedrag=Decimal("0.00"), status=S.VERZONDEN, einde=timezone.localdate() - timedelta(30)
        )
        open_ = zaak(S.VERZONDEN, einde=timezone.localdate() - timedelta(30))  # not paid
        assert zaken_afsluiten_task.apply().get() == [aanvraag.pk]
        assert (_status(aanvraag), _status(open_)) == (S.AFGESLOTEN, S.VERZONDEN)


def test_bezwaar_after_closing_can_still_be_registered(beoordelaar):
    """A late objection must still be registered (and decided on), also on a closed case."""
    aanvraag = zaak(
        S.VERZONDEN,
        bedrag=Decimal("0.00"),
        einde=timezone.localdate() - timedelta(30),
        behandelaar=beoordelaar,
    )
    assert zaken_afsluiten() == [aanvraag.pk]
    services.bezwaar_registreren(
        besluit_id=aanvraag.besluiten.get().pk, door=beoordelaar, ontvangen_op=timezone.localdate()
    )
    assert _status(aanvraag) == S.BEZWAAR
    assert "na de bezwaartermijn" in aanvraag.statushistorie.last().toelichting
