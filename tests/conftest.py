"""Shared fixtures: one per role, so each test says who acts."""

import uuid
from contextlib import contextmanager

import pytest

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _eigen_inlogpogingen(settings):
    """Per-account failure counts live in Redis for a day: every test counts in its own keys
    (test users of earlier runs and of parallel runs have the same addresses)."""
    settings.ACCOUNT_VERTRAGING_SLEUTEL = f"test-inlogpogingen-{uuid.uuid4().hex}"


@pytest.fixture
def ambtsdrager(db):
    return UserFactory(ambtsdrager=True)


@pytest.fixture
def andere_ambtsdrager(db):
    return UserFactory(ambtsdrager=True)


@pytest.fixture
def gemeente_medewerker(db):
    return UserFactory(gemeente_medewerker=True)


@pytest.fixture
def beoordelaar(db):
    return UserFactory(beoordelaar=True)


@pytest.fixture
def tweede_beoordelaar(db):
    return UserFactory(tweede_beoordelaar=True)


@pytest.fixture
def financieel_medewerker(db):
    return UserFactory(financieel_medewerker=True)


@pytest.fixture
def functioneel_beheerder(db):
    return UserFactory(functioneel_beheerder=True)


@pytest.fixture
def verified_client(client):
    """Log a user in as if they passed the two-factor step (a real TOTP device is created)."""

    def login(user):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
            user=user, name="default", confirmed=True
        )
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return login


@contextmanager
def _broker(url, monkeypatch):
    """Make `url` the broker of this test process and of the workers it starts."""
    from fondsbeveiliging.celery import app
    from tests.procs import reset_broker_pools

    before = app.conf.broker_url
    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    app.conf.broker_url = url
    reset_broker_pools(app)
    try:
        yield
    finally:
        app.conf.broker_url = before
        reset_broker_pools(app)


@pytest.fixture
def worker_redis(tmp_path, monkeypatch):
    """A private Redis as the broker of this test process and of the workers it starts."""
    from tests.procs import PrivateRedis

    server = PrivateRedis(tmp_path)
    server.start()
    with _broker(server.url, monkeypatch):
        yield server
    server.stop()


@pytest.fixture
def dode_broker(monkeypatch):
    """A broker URL where nothing listens: every publish fails, as with Redis down.

    Tasks are not run eagerly: they are published (and fail to be).
    """
    from fondsbeveiliging.celery import app
    from tests.procs import free_port

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with _broker(f"redis://127.0.0.1:{free_port()}/0", monkeypatch):
        yield
    app.conf.task_always_eager = eager
