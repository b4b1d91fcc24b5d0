"""Fault tests with real worker processes on a private Redis (own port, never 6379).

- kill -9 the worker while it renders, start a new one: exactly one letter afterwards;
- FLUSHALL after scheduling (Redis runs without persistence): the sweeper still makes it;
- letters one after another keep their database session (Celery's fixup opened one per task).
"""

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
from aanvragen.brieven.tasks import brieven_nasturen_task
from tests import procs
from tests.aanvragen.brieven import zaken

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


def _worker(redis_url, media, vertraging=0.0, marker=None):
    """A worker on this test's database and private Redis, through the slow launcher."""
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": redis_url,
        "REDIS_URL": redis_url,
        "PRIVATE_MEDIA_ROOT": str(media),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "BRIEVEN_TEST_VERTRAGING": str(vertraging),
        "BRIEVEN_TEST_MARKER": str(marker or ""),
    }
    return procs.Worker([sys.executable, str(LAUNCHER)], env, media, ROOT)


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
    traag = _worker(worker_redis.url, private_media, vertraging=60, marker=marker)
    try:
        brief = _verdagingsbrief()
        procs.wait(marker.exists, 60, "the worker to start rendering")
        traag.kill9()
    finally:
        traag.stop()
    assert _status(brief) == BriefStatus.WACHTEND
    assert not list(private_media.glob("brieven/**/*.pdf"))
    nieuw = _worker(worker_redis.url, private_media)
    try:
        assert _nasturen(settings) == 1
        procs.wait(lambda: _status(brief) == BriefStatus.KLAAR, 60, "the letter")
    finally:
        nieuw.stop()
    _een_brief_klaar(brief, private_media)


def test_flushall_after_queueing(worker_redis, private_media, settings):
    """Redis loses the queued message; the sweeper queues the letter again."""
    brief = _verdagingsbrief()
    client = redis.Redis.from_url(worker_redis.url)
    assert client.dbsize() > 0, "the task was not queued on the private Redis"
    client.flushall()
    worker = _worker(worker_redis.url, private_media)
    try:
        time.sleep(3)
        assert _status(brief) == BriefStatus.WACHTEND
        assert _nasturen(settings) == 1
        procs.wait(lambda: _status(brief) == BriefStatus.KLAAR, 60, "the letter")
    finally:
        worker.stop()
    _een_brief_klaar(brief, private_media)


def _sessies() -> int:
    """Sessions ever opened on this database (PostgreSQL's statistics, flushed at session end)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_letters_keep_the_workers_database_session(worker_redis, private_media):
    """Django's rules decide when a worker's connection closes (CONN_MAX_AGE, errors, health
    check), not Celery's fixup, which closed it around every task: six letters, one session
    (and the prepared statements on it) instead of six."""
    voor = _sessies()
    worker = _worker(worker_redis.url, private_media)
    try:
        brieven = [_verdagingsbrief() for _ in range(6)]
        procs.wait(
            lambda: all(_status(brief) == BriefStatus.KLAAR for brief in brieven), 60, "letters"
        )
    finally:
        worker.stop()
    # Statistics of a session reach the view when it ends; wait until the worker's has.
    procs.wait(lambda: _sessies() > voor, 10, "the worker's session in the statistics")
    assert _sessies() - voor <= 2
