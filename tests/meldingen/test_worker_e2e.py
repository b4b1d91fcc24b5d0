"""End to end with a real Celery worker: sending a melding mails the BZK team once (outbox).

The worker and its Redis are this test's own processes (a free port), never the shared
Redis, so no other worker can take the message and this worker takes nobody else's.
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from fondsbeveiliging.berichten.models import Bericht
from meldingen import services
from tests.meldingen.factories import MeldingFactory

ROOT = Path(__file__).resolve().parents[2]


def _start_worker(redis_url):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": redis_url,
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "fondsbeveiliging", "worker", "--pool", "solo"]
        + ["--without-mingle", "--without-gossip", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_mails_the_team_after_commit(worker_redis, ambtsdrager):
    melding = MeldingFactory(eigenaar=ambtsdrager, omschrijving="Worker-geheim-detail")
    worker = _start_worker(worker_redis.url)
    output = []
    reader = threading.Thread(target=lambda: output.extend(iter(worker.stdout.readline, "")))
    reader.start()
    try:
        melding = services.melding_indienen(melding=melding, door=ambtsdrager)
        bericht = Bericht.objects.get(sleutel=f"melding:{melding.pk}:bzk_team")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            bericht.refresh_from_db()
            if bericht.verstuurd_op is not None:
                break
            time.sleep(0.3)
        assert bericht.verstuurd_op is not None, "".join(output)[-2000:]
    finally:
        worker.terminate()
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
        reader.join(5)
    mail = "".join(output)
    assert f"Nieuwe melding {melding.referentie}" in mail
    assert "Worker-geheim-detail" not in mail
