"""Fault test with real worker processes on a private Redis: the purge worker is killed with
SIGKILL between a committed batch and wiping its files; the next run completes the list."""

import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from bewaring import services
from bewaring.constants import ItemStatus, LijstStatus, Soort
from bewaring.models import TeWissenBestand, Vernietigingslijst
from bewaring.verslag import verslag_regels
from meldingen.constants import Gebeurtenis, MeldingStatus
from meldingen.models import Bijlage, Melding, MeldingHistorie
from tests import procs
from tests.bewaring import dossiers
from tests.meldingen.factories import MeldingFactory

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).resolve().parent / "trage_worker.py"
AANTAL = 12
BATCH = 5

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _worker(redis_url, media, vertraging=0.0, marker=None):
    """A worker on this test's database and private Redis, through the slow launcher."""
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": redis_url,
        "REDIS_URL": redis_url,
        "PRIVATE_MEDIA_ROOT": str(media),
        "PRIVATE_STORAGE_BACKEND": "filesystem",
        "BEWARING_BATCH_GROOTTE": str(BATCH),
        "BEWARING_TEST_VERTRAGING": str(vertraging),
        "BEWARING_TEST_MARKER": str(marker or ""),
    }
    return procs.Worker([sys.executable, str(LAUNCHER)], env, media, ROOT)


def _verlaten_concepten() -> list[str]:
    """AANTAL abandoned drafts (past 90 days by the real clock), each with one attachment."""
    namen = []
    for _ in range(AANTAL):
        melding = MeldingFactory()
        MeldingHistorie.objects.create(
            melding=melding,
            gebeurtenis=Gebeurtenis.AANGEMAAKT,
            naar_status=MeldingStatus.CONCEPT,
            door=melding.eigenaar,
        )
        bijlage = Bijlage.objects.create(
            melding=melding,
            bestand=dossiers.bestand("meldingen"),
            bestandsnaam="foto.pdf",
            content_type="application/pdf",
            grootte=10,
            sha256="0" * 64,
            geupload_door=melding.eigenaar,
        )
        namen.append(bijlage.bestand.name)
    Melding.objects.update(gewijzigd_op=timezone.now() - timedelta(days=200))
    return namen


def _status(lijst):
    lijst.refresh_from_db()
    return lijst.status


def test_kill_9_midway_then_the_next_run_completes_the_list(
    worker_redis, private_media, archiefbeheerder
):
    namen = _verlaten_concepten()
    lijst = services.vernietigingslijst_opstellen()
    assert lijst.items.filter(soort=Soort.CONCEPT_MELDING).count() == AANTAL
    marker = private_media / "wist.pid"
    traag = _worker(worker_redis.url, private_media, vertraging=60, marker=marker)
    try:
        services.vernietigingslijst_goedkeuren(lijst=lijst, door=archiefbeheerder)  # queued
        procs.wait(marker.exists, 90, "the worker to commit a batch and start wiping its files")
        traag.kill9()
    finally:
        traag.stop()

    # Killed after the first batch committed, before its files were wiped.
    assert _status(lijst) == LijstStatus.BEZIG
    eerste = dict(
        lijst.items.filter(status=ItemStatus.VERNIETIGD).values_list("object_id", "vernietigd_op")
    )
    assert len(eerste) == BATCH
    assert Melding.objects.count() == AANTAL - BATCH
    assert TeWissenBestand.objects.count() == BATCH  # files known, still to wipe
    assert all(dossiers.bestaat(naam) for naam in namen)  # no record points at a lost file

    snel = _worker(worker_redis.url, private_media)
    try:
        assert services.vernietigingslijsten_hervatten() == [lijst.pk]
        procs.wait(lambda: _status(lijst) == LijstStatus.VOLTOOID, 90, "the purge to finish")
    finally:
        snel.stop()

    assert not Melding.objects.exists()
    assert not Bijlage.objects.exists()
    assert not any(dossiers.bestaat(naam) for naam in namen)
    assert not TeWissenBestand.objects.exists()
    items = lijst.items.all()
    assert {i.status for i in items} == {ItemStatus.VERNIETIGD}
    # Nothing deleted twice: the first batch kept its moment of destruction.
    na = dict(items.filter(object_id__in=eerste).values_list("object_id", "vernietigd_op"))
    assert na == eerste
    [regel] = verslag_regels(Vernietigingslijst.objects.get(pk=lijst.pk))
    assert (regel["vernietigd"], regel["bestanden"]) == (AANTAL, AANTAL)
