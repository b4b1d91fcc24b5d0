"""The BZK team hears that a melding arrived, and nothing about what happened."""

import pytest
from django.core import mail
from django.db import transaction

from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.services import bericht_versturen
from fondsbeveiliging.berichten.tasks import bericht_versturen_task
from meldingen import services
from meldingen.constants import MeldingStatus
from meldingen.models import Melding
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db


class Terugdraaien(Exception):
    """Raised to roll back the surrounding transaction after the service returned."""


def test_submit_stores_the_mail_before_commit_and_queues_it_after(
    ambtsdrager, django_capture_on_commit_callbacks, monkeypatch, settings
):
    """The outbox row is written by the sending transaction; only its sending waits for commit."""
    settings.BZK_TEAM_EMAIL = "team@bzk.example"
    queued = []
    monkeypatch.setattr(bericht_versturen_task, "delay", lambda *a: queued.append(a))
    melding = MeldingFactory(eigenaar=ambtsdrager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.melding_indienen(melding=melding, door=ambtsdrager)
        bericht = Bericht.objects.get()  # exists before any on-commit callback ran
    assert bericht.sleutel == f"melding:{melding.pk}:bzk_team"
    assert bericht.aan == "team@bzk.example" and bericht.verstuurd_op is None
    assert queued == [] and mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert queued == [(bericht.pk,)]


def test_a_rolled_back_submission_leaves_no_mail(ambtsdrager, django_capture_on_commit_callbacks):
    """If the sending transaction does not commit, no message is stored or queued."""
    melding = MeldingFactory(eigenaar=ambtsdrager)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Terugdraaien),
        transaction.atomic(),
    ):
        services.melding_indienen(melding=melding, door=ambtsdrager)
        assert Bericht.objects.count() == 1
        raise Terugdraaien
    assert not Bericht.objects.exists()
    assert callbacks == [] and mail.outbox == []
    assert Melding.objects.get(pk=melding.pk).status == MeldingStatus.CONCEPT


@pytest.fixture
def verstuurd(ambtsdrager, settings):
    settings.SITE_URL = "https://fonds.example"
    settings.BZK_TEAM_EMAIL = "team@bzk.example"
    melding = MeldingFactory(
        eigenaar=ambtsdrager,
        omschrijving="Geheime-omschrijving bij de voordeur",
        categorie_anders="Geheime-categorie",
        categorieen=["doxing", "anders"],
    )
    return services.melding_indienen(melding=melding, door=ambtsdrager)


def test_mail_holds_reference_and_link_only(verstuurd, ambtsdrager):
    """The stored message, once sent, names the reference and the link and nothing else."""
    assert bericht_versturen(bericht_id=Bericht.objects.get().pk) is True
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


@pytest.fixture
def celery_eager():
    conf = bericht_versturen_task.app.conf
    before = conf.task_always_eager
    conf.task_always_eager = True
    yield
    conf.task_always_eager = before


def test_eager_end_to_end(ambtsdrager, django_capture_on_commit_callbacks, celery_eager):
    """Submitting with an eager Celery sends exactly one mail after commit."""
    melding = MeldingFactory(eigenaar=ambtsdrager)
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_indienen(melding=melding, door=ambtsdrager)
    assert len(mail.outbox) == 1
    melding.refresh_from_db()
    assert melding.referentie in mail.outbox[0].subject
    assert melding.omschrijving not in mail.outbox[0].body
    assert Bericht.objects.get().verstuurd_op is not None
