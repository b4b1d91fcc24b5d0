"""Fault tests with real worker processes on a private Redis (own port, never 6379).

- kill -9 the worker while it renders, start a new one: exactly one letter afterwards;
- FLUSHALL after scheduling (Redis runs without persistence): the sweeper still makes it.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.utils import timezone

from aanvragen.brieven import services
from aanvragen.brieven.models import Brief, BriefStatus
from aanvragen.brieven.tasks import brief_genereren_task, brieven_nasturen_task
from tests.aanvragen.brieven import zaken
from tests.core.test_health import PrivateRedis

ROOT = Path(__file__).resolve().parents[3]
LAUNCHER = Path(__file__).resolve().parent / "trage_worker.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def celery_eager():
    """A real worker runs these tasks, never the test process (overrides the eager fixture of
    tests/aanvragen/conftest.py)."""
    yield


def _reset_pools(app):
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker_redis(tmp_path, monkeypatch):
    server = PrivateRedis(tmp_path)
    server.start()
    app = brief_genereren_task.app
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
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "BRIEVEN_TEST_VERTRAGING": str(vertraging),
            "BRIEVEN_TEST_MARKER": str(marker or ""),
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


def _verdagingsbrief():
    aanvraag = zaken.ingediende_aanvraag(
        verdaagd_op=timezone.localdate(),
        verdaagd_tot=timezone.localdate() + timedelta(weeks=6),
        verdaging_reden="Wij wachten op het advies.",
    )
    return services.verdagingsbrief_aanmaken(aanvraag_id=aanvraag.pk)  # queued on commit


def _status(brief):
    brief.refresh_from_db()
    return brief.status


def _nasturen(settings):
    settings.BRIEVEN_NAZENDEN_NA_SECONDEN = 0
    Brief.objects.update(ingepland_op=timezone.now() - timedelta(minutes=5))
    return brieven_nasturen_task()


def _een_brief_klaar(brief, media):
    brief.refresh_from_db()
    assert brief.status == BriefStatus.KLAAR
    assert Brief.objects.filter(bron=brief.bron).count() == 1
    bestanden = list((media / "brieven").rglob("*.pdf"))
    assert [p.name for p in bestanden] == [Path(brief.bestand.name).name]


def test_kill_9_while_rendering(worker_redis, private_media, settings):
    """The worker dies mid-render; a new worker plus the sweeper makes exactly one letter."""
    marker = private_media / "rendert.pid"
    traag = Worker(worker_redis.url, private_media, vertraging=60, marker=marker)
    try:
        brief = _verdagingsbrief()
        _wacht(marker.exists, 60, "the worker to start rendering")
        traag.kill9()
    finally:
        traag.stop()
    assert _status(brief) == BriefStatus.WACHTEND
    assert not list(private_media.glob("brieven/**/*.pdf"))
    nieuw = Worker(worker_redis.url, private_media)
    try:
        assert _nasturen(settings) == 1
        _wacht(lambda: _status(brief) == BriefStatus.KLAAR, 60, "the letter")
    finally:
        nieuw.stop()
    _een_brief_klaar(brief, private_media)


def test_flushall_after_queueing(worker_redis, private_media, settings):
    """Redis loses the queued message; the sweeper queues the letter again."""
    brief = _verdagingsbrief()
    client = redis.Redis.from_url(worker_redis.url)
    assert client.dbsize() > 0, "the task was not queued on the private Redis"
    client.flushall()
    worker = Worker(worker_redis.url, private_media)
    try:
        time.sleep(3)
        assert _status(brief) == BriefStatus.WACHTEND
        assert _nasturen(settings) == 1
        _wacht(lambda: _status(brief) == BriefStatus.KLAAR, 60, "the letter")
    finally:
        worker.stop()
    _een_brief_klaar(brief, private_media)
