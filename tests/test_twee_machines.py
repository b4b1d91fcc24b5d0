"""Two machines by configuration: the web tier is stateless and the workers are independent.

The module starts, on 127.0.0.1 and free ports: two gunicorn processes (web A and web B, one
worker each), two Celery workers (`a@…` and `b@…`, concurrency 1 each), one private Redis
(broker and cache), and moto in standalone server mode as the S3-compatible store of the
private files (django-storages' S3 backend over HTTP, as against a bucket in production).
All of them use this test run's PostgreSQL database and the same secret and field keys,
and share nothing else: no folder, no process memory.

- a session made by logging in on A is valid on B (sessions live in the database);
- evidence uploaded through A is downloaded through B, byte for byte, from the bucket;
- 50 letters queued at once are made by both workers, each exactly once, each file in the
  bucket.

The web processes run as in production, with DEBUG off: their static files (and WhiteNoise's
manifest) are collected first into this module's own folder (`STATIC_ROOT`), never into the
shared `var/staticfiles`.
"""

import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection, transaction

from aanvragen.brieven import services as brieven
from aanvragen.brieven.models import Brief, BriefStatus, Verzending
from aanvragen.models import Bewijsstuk
from fondsbeveiliging.celery import app as celery_app
from tests import procs
from tests.aanvragen.brieven import zaken
from tests.aanvragen.factories import RegelingFactory, pdf_bytes
from tests.factories import DEFAULT_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUCKET = "fonds-twee-machines"
LOGIN = "/account/login/"
AANTAL_BRIEVEN = 50

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Machines:
    web: list[str]
    workers: dict[str, procs.Worker]
    s3: procs.MotoS3
    processen: list[procs.Worker] = field(default_factory=list)

    def sleutels(self) -> set[str]:
        """Every object key in the bucket."""
        pagina = self.s3.client().list_objects_v2(Bucket=BUCKET, MaxKeys=1000)
        return {o["Key"] for o in pagina.get("Contents", [])}


def _env(redis_url: str, s3_url: str) -> dict[str, str]:
    """What every machine is given: the shared services and the shared keys, nothing else."""
    db = connection.settings_dict
    return {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.SALT_KEY),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "PRIVATE_STORAGE_BACKEND": "s3",
        "PRIVATE_MEDIA_ROOT": "/nonexistent",  # a file written to a local folder fails
        "S3_ENDPOINT_URL": s3_url,
        "S3_BUCKET": BUCKET,
        "S3_ACCESS_KEY": "test",
        "S3_SECRET_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def _web_op(url: str) -> bool:
    try:
        return requests.get(url + LOGIN, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _statische_bestanden(env: dict[str, str], map_: Path) -> None:
    """Collect the static files and manifest that DEBUG off needs, into this test's folder."""
    env["STATIC_ROOT"] = str(map_ / "static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        timeout=120,
    )


def _starten(machines: Machines, env: dict[str, str], map_: Path) -> None:
    _statische_bestanden(env, map_)
    for _ in range(2):
        poort = procs.free_port()
        machines.processen.append(
            procs.Worker(
                [str(BIN / "gunicorn"), "fondsbeveiliging.wsgi", "--bind", f"127.0.0.1:{poort}",
                 "--workers", "1", "--timeout", "60", "--log-level", "warning"],
                env, map_, ROOT,
            )
        )  # fmt: skip
        machines.web.append(f"http://127.0.0.1:{poort}")
    for naam in ("a", "b"):
        worker = procs.Worker(
            [str(BIN / "celery"), "-A", "fondsbeveiliging", "worker", "-n", f"{naam}@%h",
             "--concurrency", "1", "--without-mingle", "--without-gossip", "--loglevel", "INFO"],
            env, map_, ROOT,
        )  # fmt: skip
        machines.processen.append(worker)
        machines.workers[naam] = worker
    for url in machines.web:
        procs.wait(lambda url=url: _web_op(url), 60, f"gunicorn at {url}")
    for naam, worker in machines.workers.items():
        procs.wait(lambda w=worker: " ready." in w.log_path.read_text(), 60, f"worker {naam}")


@pytest.fixture(scope="module")
def machines(django_db_setup, tmp_path_factory):
    """Web A and B, workers a and b, a private Redis and an S3 server; stopped afterwards."""
    map_ = tmp_path_factory.mktemp("twee-machines")
    s3 = procs.MotoS3()
    redis = procs.PrivateRedis(map_)
    machines = Machines(web=[], workers={}, s3=s3)
    eager = celery_app.conf.task_always_eager
    try:
        s3.start()
        s3.client().create_bucket(Bucket=BUCKET)
        redis.start()
        with pytest.MonkeyPatch.context() as monkeypatch:
            # This process queues letters on the workers' broker (Celery reads the env first).
            monkeypatch.setenv("CELERY_BROKER_URL", redis.url)
            celery_app.conf.broker_url = redis.url
            celery_app.conf.task_always_eager = False
            procs.reset_broker_pools(celery_app)
            _starten(machines, _env(redis.url, s3.url), map_)
            yield machines
    finally:
        for proces in machines.processen:
            proces.stop()
        celery_app.conf.broker_url = settings.CELERY_BROKER_URL
        celery_app.conf.task_always_eager = eager
        procs.reset_broker_pools(celery_app)
        redis.stop()
        s3.stop()


def _inloggen(web: str, user) -> requests.Session:
    """Log in through the real login form; the session cookie is for host 127.0.0.1."""
    sessie = requests.Session()
    sessie.get(web + LOGIN, timeout=10).raise_for_status()
    antwoord = _post(
        sessie,
        web + LOGIN,
        {
            "login_view-current_step": "auth",
            "auth-username": user.email,
            "auth-password": DEFAULT_PASSWORD,
        },
    )
    assert antwoord.status_code == 302, antwoord.text[-2000:]
    return sessie


def _post(sessie: requests.Session, url: str, data: dict, **kwargs) -> requests.Response:
    data = {**data, "csrfmiddlewaretoken": sessie.cookies.get("csrftoken", "")}
    return sessie.post(url, data=data, allow_redirects=False, timeout=30, **kwargs)


def test_a_login_on_web_a_is_valid_on_web_b(machines, ambtsdrager):
    """The session made by A's login form opens the office holder's page on B."""
    web_a, web_b = machines.web
    sessie = _inloggen(web_a, ambtsdrager)

    pagina = sessie.get(web_b + "/aanvragen/", allow_redirects=False, timeout=10)
    assert pagina.status_code == 200
    assert ambtsdrager.get_full_name() in pagina.text
    assert requests.get(web_b + "/aanvragen/", allow_redirects=False, timeout=10).status_code == 302


def test_an_upload_through_a_is_downloaded_through_b(machines, ambtsdrager):
    """Evidence uploaded to a draft claim on A is served by B from the bucket, byte for byte."""
    regeling = RegelingFactory()
    web_a, web_b = machines.web
    sessie = _inloggen(web_a, ambtsdrager)
    concept = _post(sessie, web_a + "/aanvragen/nieuw/", {})
    pk = re.search(r"/aanvragen/(\d+)/", concept.headers["Location"]).group(1)
    regel = _post(sessie, f"{web_a}/aanvragen/{pk}/kosten/", {"actie": "toevoegen"})
    pdf = pdf_bytes()
    upload = _post(
        sessie,
        web_a + regel.headers["Location"],
        {
            "categorie": regeling.categorieen.get(code="alarm").pk,
            "omschrijving": "Inbraakalarm met doormelding",
            "leverancier": "Veilig Thuis B.V.",
            "bedrag": "1.234,56",
            "aard": "betaald",
            "bewijs-soort": "factuur",
            "actie": "uploaden",
        },
        files={"bewijs-bestanden": ("factuur.pdf", pdf, "application/pdf")},
    )
    assert upload.status_code == 302, upload.text[-2000:]
    bewijsstuk = Bewijsstuk.objects.get(kostenpost__aanvraag_id=pk)

    download = sessie.get(f"{web_b}/aanvragen/{pk}/bestanden/{bewijsstuk.pk}/", timeout=10)
    assert download.status_code == 200
    assert download.content == pdf
    assert bewijsstuk.bestand.name in machines.sleutels()


def test_fifty_letters_are_made_by_both_workers_each_once(machines):
    """Letters queued at once go to whichever worker is free; each is made once, in the bucket."""
    aanvragen = [zaken.ingediende_aanvraag() for _ in range(AANTAL_BRIEVEN)]
    with transaction.atomic():  # all queued on one commit: both workers compete for them
        ids = [brieven.ontvangstbevestiging_inplannen(aanvraag_id=a.pk).pk for a in aanvragen]

    def klaar() -> int:
        return Brief.objects.filter(pk__in=ids, status=BriefStatus.KLAAR).count()

    procs.wait(lambda: klaar() == AANTAL_BRIEVEN, 60, "the letters to be klaar")

    gemaakt = {
        naam: Counter(map(int, re.findall(r"brief_klaar brief_id=(\d+)", w.log_path.read_text())))
        for naam, w in machines.workers.items()
    }
    assert gemaakt["a"] and gemaakt["b"], gemaakt  # both workers made letters
    assert gemaakt["a"] + gemaakt["b"] == Counter(ids)  # each letter exactly once, by one
    sleutels = machines.sleutels()
    for brief in Brief.objects.filter(pk__in=ids):
        assert brief.bestand.name in sleutels
        assert [k for k in sleutels if k.startswith(f"{Path(brief.bestand.name).parent}/")] == [
            brief.bestand.name
        ]  # one stored file per letter
    assert Verzending.objects.filter(brief_id__in=ids).count() == AANTAL_BRIEVEN
