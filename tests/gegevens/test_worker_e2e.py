"""End to end with a real Celery worker: the demo office holder's export is ready within a minute.

The worker and its Redis are this test's own processes (a free port), so no other worker can
take the message. Worker and test share the temporary private-files folder.
"""

import io
import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvraag
from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.demo import demo_user
from fondsbeveiliging.celery import app as celery_app
from gegevens import services
from gegevens.constants import ExportStatus

ROOT = Path(__file__).resolve().parents[2]


def _start_worker(redis_url, media: Path):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": redis_url,
        "REDIS_URL": redis_url,
        "PRIVATE_MEDIA_ROOT": str(media),
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
def test_a_real_worker_makes_the_demo_office_holders_export(worker_redis, private_media):
    """The demo office holder asks; the worker makes a ZIP that lists the demo claims."""
    call_command("demo_data", stdout=io.StringIO())
    ambtsdrager = demo_user(Rol.AMBTSDRAGER)
    # The submitted claim (the other demo claim has a decision and an objection).
    kenmerk = Aanvraag.objects.get(aanvrager=ambtsdrager, status=AanvraagStatus.INGEDIEND).kenmerk
    celery_app.conf.task_always_eager = False  # from here on, the worker does the work
    worker = _start_worker(worker_redis.url, private_media)
    output = []
    reader = threading.Thread(target=lambda: output.extend(iter(worker.stdout.readline, "")))
    reader.start()
    try:
        begin = time.monotonic()
        export = services.export_aanvragen(eigenaar=ambtsdrager)
        while time.monotonic() - begin < 60:
            export.refresh_from_db()
            if export.status != ExportStatus.WACHTEND:
                break
            time.sleep(0.3)
        assert export.status == ExportStatus.KLAAR, "".join(output)[-2000:]
    finally:
        worker.terminate()
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
        reader.join(5)
    with export.bestand.open("rb") as bestand:
        archief = zipfile.ZipFile(io.BytesIO(bestand.read()))
    index = archief.read("index.html").decode()
    assert kenmerk in index and ambtsdrager.email in index
    assert "Twee camera's bij de voordeur en de achterom" in index.replace("&#x27;", "'")
    assert (
        sum(naam.startswith(f"aanvragen/{kenmerk}/bewijsstukken/") for naam in archief.namelist())
        >= 4
    )
