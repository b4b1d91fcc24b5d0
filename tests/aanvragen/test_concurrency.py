"""Kenmerken under concurrent submissions: real threads, each with its own connection."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from aanvragen import services
from aanvragen.models import Aanvraag, KenmerkTeller
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory, RegelingFactory

AANTAL = 20


def _parallel(taken):
    """Run callables at the same moment, one thread and one DB connection each."""
    barrier = threading.Barrier(len(taken))
    fouten = []

    def run(taak):
        try:
            barrier.wait(timeout=30)
            taak()
        except Exception as exc:  # collected and inspected by the test
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(taak,)) for taak in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return fouten


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_kenmerken_unique_and_gapless_under_20_concurrent_submissions():
    """20 submissions at once get FB-<year>-000001..000020; failed ones leave no gap."""
    RegelingFactory()
    goed = [AanvraagFactory(compleet=True) for _ in range(AANTAL)]
    slecht = []
    for _ in range(2):  # no IBAN: these roll back after taking the counter lock
        aanvraag = AanvraagFactory(iban="")
        KostenpostFactory(aanvraag=aanvraag)
        slecht.append(aanvraag)

    def indienen(aanvraag):
        return lambda: services.aanvraag_indienen(aanvraag=aanvraag, door=aanvraag.aanvrager)

    fouten = _parallel([indienen(a) for a in goed + slecht])

    assert len(fouten) == 2 and all("IBAN" in str(f) for f in fouten)
    jaar = timezone.localdate().year
    kenmerken = sorted(Aanvraag.objects.exclude(kenmerk=None).values_list("kenmerk", flat=True))
    assert kenmerken == [f"FB-{jaar}-{n:06d}" for n in range(1, AANTAL + 1)]
    assert KenmerkTeller.objects.get(jaar=jaar).laatste == AANTAL
    assert not Aanvraag.objects.filter(pk__in=[a.pk for a in slecht]).exclude(kenmerk=None)
