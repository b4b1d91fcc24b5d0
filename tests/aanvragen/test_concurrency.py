"""Kenmerken under concurrent submissions: real threads, each with its own connection."""

import threading

import pytest
from django.db import connection, transaction
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_losing_submit_of_a_double_click_shows_the_status_page():
    """Two submits of one claim: the one that waited for the lock gets the status page.

    The first submit holds the claim's row lock while the second request passes its draft
    check and waits; when the first commits, the second finds the claim sent. It used to get
    the 403 "Geen toegang" page.
    """
    from django.test import Client
    from django.urls import reverse

    RegelingFactory()
    aanvraag = AanvraagFactory(compleet=True)
    vergrendeld, klaar = threading.Event(), threading.Event()
    antwoorden = []

    def eerste_indiening():
        try:
            with transaction.atomic():
                services.aanvraag_indienen(aanvraag=aanvraag, door=aanvraag.aanvrager)
                vergrendeld.set()
                klaar.wait(timeout=5)  # let the second request reach the lock first
        finally:
            connection.close()

    def tweede_indiening():
        try:
            vergrendeld.wait(timeout=30)
            client = Client()
            client.force_login(aanvraag.aanvrager)
            threading.Timer(1.0, klaar.set).start()
            antwoorden.append(
                client.post(
                    reverse("aanvragen:controleren", args=[aanvraag.pk]), {"verklaring": "on"}
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=eerste_indiening), threading.Thread(target=tweede_indiening)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    [antwoord] = antwoorden
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("aanvragen:detail", args=[aanvraag.pk])
    aanvraag.refresh_from_db()
    assert aanvraag.kenmerk is not None
