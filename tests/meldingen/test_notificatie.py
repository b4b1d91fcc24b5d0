"""The BZK team hears that a melding arrived, and nothing about what happened."""

import pytest
from django.core import mail

from meldingen import services
from meldingen.tasks import bzk_team_informeren_task
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verstuurd(ambtsdrager):
    melding = MeldingFactory(
        eigenaar=ambtsdrager,
        omschrijving="Geheime-omschrijving bij de voordeur",
        categorie_anders="Geheime-categorie",
        categorieen=["doxing", "anders"],
    )
    return services.melding_indienen(melding=melding, door=ambtsdrager)


def test_submit_queues_the_task_after_commit(
    ambtsdrager, django_capture_on_commit_callbacks, monkeypatch
):
    """The task is queued only once the transaction commits, with the id only."""
    queued = []
    monkeypatch.setattr(bzk_team_informeren_task, "delay", lambda *a: queued.append(a))
    melding = MeldingFactory(eigenaar=ambtsdrager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.melding_indienen(melding=melding, door=ambtsdrager)
    assert queued == [] and len(callbacks) == 1
    callbacks[0]()
    assert queued == [(melding.pk,)]


def test_mail_holds_reference_and_link_only(verstuurd, ambtsdrager, settings):
    settings.SITE_URL = "https://fonds.example"
    settings.BZK_TEAM_EMAIL = "team@bzk.example"
    mail.outbox.clear()
    assert bzk_team_informeren_task(verstuurd.pk) is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@bzk.example"]
    tekst = message.subject + message.body
    assert verstuurd.referentie in message.subject
    assert f"https://fonds.example/backoffice/meldingen/melding/{verstuurd.pk}/change/" in tekst
    for geheim in (
        "Geheime",
        "voordeur",
        "doxing",
        "Doxing",
        ambtsdrager.first_name,
        ambtsdrager.last_name,
        ambtsdrager.email,
        "Amsterdam",
        "wethouder",
    ):
        assert geheim.lower() not in tekst.lower()


def test_task_is_idempotent(verstuurd):
    mail.outbox.clear()
    assert bzk_team_informeren_task(verstuurd.pk) is True
    assert bzk_team_informeren_task(verstuurd.pk) is False
    assert len(mail.outbox) == 1


@pytest.fixture
def celery_eager():
    conf = bzk_team_informeren_task.app.conf
    before = conf.task_always_eager
    conf.task_always_eager = True
    yield
    conf.task_always_eager = before


def test_eager_end_to_end(ambtsdrager, django_capture_on_commit_callbacks, celery_eager):
    """Submitting with an eager Celery sends exactly one mail after commit."""
    mail.outbox.clear()
    melding = MeldingFactory(eigenaar=ambtsdrager)
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_indienen(melding=melding, door=ambtsdrager)
    assert len(mail.outbox) == 1
    melding.refresh_from_db()
    assert melding.referentie in mail.outbox[0].subject
    assert melding.omschrijving not in mail.outbox[0].body
