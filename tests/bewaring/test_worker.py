"""Fault test with real worker processes on a private Redis: the purge worker is killed with
SIGKILL between a committed batch and wiping its files; the next run completes the list."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from bewaring import services
from bewaring.constants import ItemStatus, LijstStatus, Soort
from bewaring.models import TeWissenBestand, Vernietigingslijst
from bewaring.tasks import vernietigingslijst_uitvoeren_task
from bewaring.verslag import verslag_regels
from meldingen.constants import Gebeurtenis, MeldingStatus
from meldingen.models import Bijlage, Melding, MeldingHistorie
from tests.bewaring import dossiers
from tests.core.test_health import PrivateRedis
from tests.meldingen.factories import MeldingFactory

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).resolve().parent / "trage_worker.py"
AANTAL = 12
BATCH = 5

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _reset_pools(app):
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker_redis(tmp_path, monkeypatch):
    server = PrivateRedis(tmp_path)
    server.start()
    app = vernietigingslijst_uitvoeren_task.app
    before = app.conf.broker_url
    monkeypatch.setenv("CELERY_BROKER_URL", server.url)
    app.conf.broker_url = server.url
    _reset_pools(app)
    yield server
    app.conf.broker_url = before
    _reset_pools(app)
    server.stop()


class Worker:
    """One worker process in its own process group (so kill -9 takes all of it)."""

    def __init__(self, redis_url, media, vertraging=0.0, marker=None):
        db = connection.settings_dict
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": redis_url,
            "REDIS_URL": redis_url,
            "PRIVATE_MEDIA_ROOT": str(media),
            "PRIVATE_STORAGE_BACKEND": "filesystem",
            "BEWARING_BATCH_GROOTTE": str(BATCH),
            "BEWARING_TEST_VERTRAGING": str(vertraging),
            "BEWARING_TEST_MARKER": str(marker or ""),
            "PYTHONUNBUFFERED": "1",
        }
        self.log = open(media / f"worker-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, str(LAUNCHER)],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill9(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.log.close()


def _wacht(conditie, seconden, wat):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if conditie():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {wat}")


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
    traag = Worker(worker_redis.url, private_media, vertraging=60, marker=marker)
    try:
        services.vernietigingslijst_goedkeuren(lijst=lijst, door=archiefbeheerder)  # queued
        _wacht(marker.exists, 90, "the worker to commit a batch and start wiping its files")
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

    snel = Worker(worker_redis.url, private_media)
    try:
        assert services.vernietigingslijsten_hervatten() == [lijst.pk]
        _wacht(lambda: _status(lijst) == LijstStatus.VOLTOOID, 90, "the purge to finish")
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
