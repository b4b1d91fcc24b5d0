"""/health/ reports database, Redis and a worker; 503 when Redis is down.

The Redis and worker here are this test's own processes on a free port, never the shared
Redis, so stopping them disturbs nobody.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.procs import PrivateRedis
from tests.procs import wait as _wait

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def private_redis(tmp_path, settings):
    redis = PrivateRedis(tmp_path)
    redis.start()
    settings.CELERY_BROKER_URL = redis.url
    settings.HEALTH_WORKER_TIMEOUT = 1.0
    yield redis
    redis.stop()


def _health(client):
    response = client.get("/health/")
    return response.status_code, response.json()


def test_healthy_database_and_redis_without_worker_is_503(client, private_redis):
    """No worker answering is a failure: 503 with worker down, database and Redis ok."""
    status, body = _health(client)
    assert status == 503
    assert body == {"database": "ok", "redis": "ok", "worker": "niet bereikbaar"}


def test_redis_stopped_gives_503(client, private_redis):
    """With Redis stopped the endpoint answers 503 quickly and names Redis."""
    private_redis.stop()
    started = time.monotonic()
    status, body = _health(client)
    assert status == 503
    assert body["redis"] == "niet bereikbaar" and body["database"] == "ok"
    assert time.monotonic() - started < 3


def test_health_needs_no_login(client, private_redis):
    """Load balancers call it anonymously; it does not redirect to the login page."""
    assert client.get("/health/").status_code in (200, 503)


@pytest.mark.slow
def test_worker_ok_then_redis_stopped_then_restarted(client, private_redis):
    """A real worker answers (200); stopping Redis gives 503; restarting it recovers."""
    env = {**os.environ, "CELERY_BROKER_URL": private_redis.url, "REDIS_URL": private_redis.url}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "fondsbeveiliging",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--without-mingle",
            "--without-gossip",
            "--loglevel",
            "WARNING",
            "--hostname",
            f"health-test-{private_redis.port}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(lambda: _health(client)[0] == 200, 60, "the worker to answer")
        assert _health(client)[1] == {"database": "ok", "redis": "ok", "worker": "ok"}

        private_redis.stop()
        status, body = _health(client)
        assert status == 503 and body["redis"] == "niet bereikbaar"
        assert body["worker"] == "niet bereikbaar"

        private_redis.start()
        _wait(lambda: _health(client)[0] == 200, 60, "the worker to reconnect")
    finally:
        worker.terminate()
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
