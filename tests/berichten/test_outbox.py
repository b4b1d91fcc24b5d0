from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.services import (
    bericht_klaarzetten,
    bericht_versturen,
    onverstuurde_berichten,
)
from fondsbeveiliging.berichten.tasks import berichten_nasturen_task

pytestmark = pytest.mark.django_db


def _klaarzetten(sleutel="brief-klaar:1:aanvrager"):
    return bericht_klaarzetten(
        sleutel=sleutel, aan="a@example.nl", onderwerp="Er staat een brief klaar", tekst="Log in."
    )


def test_same_key_is_queued_once(django_capture_on_commit_callbacks):
    """A second message with the same key is neither stored nor queued again."""
    with django_capture_on_commit_callbacks() as callbacks:
        eerste = _klaarzetten()
        tweede = _klaarzetten()
    assert eerste.pk == tweede.pk
    assert Bericht.objects.count() == 1
    assert len(callbacks) == 1


def test_sending_twice_delivers_one_mail():
    """Sending marks the row; a repeated send (a duplicate task) does nothing."""
    bericht = _klaarzetten()
    assert bericht_versturen(bericht_id=bericht.pk) is True
    assert bericht_versturen(bericht_id=bericht.pk) is False
    assert len(mail.outbox) == 1
    bericht.refresh_from_db()
    assert bericht.verstuurd_op is not None and bericht.pogingen == 1


def test_failed_send_is_recorded_and_left_for_the_sweeper(settings):
    """An SMTP failure keeps the message unsent with the reason, for a later retry."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    bericht = _klaarzetten()
    assert bericht_versturen(bericht_id=bericht.pk) is False
    bericht.refresh_from_db()
    assert bericht.verstuurd_op is None
    assert bericht.pogingen == 1 and bericht.laatste_fout


def test_sweeper_requeues_only_old_unsent_messages(settings):
    """Messages lost from Redis are sent by the sweeper; fresh and sent ones are left."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from fondsbeveiliging.celery import app

    app.conf.task_always_eager = True
    try:
        oud = _klaarzetten("oud")
        vers = _klaarzetten("vers")
        Bericht.objects.filter(pk=oud.pk).update(
            aangemaakt_op=timezone.now() - timedelta(minutes=5)
        )
        assert onverstuurde_berichten(ouder_dan=timedelta(minutes=2)) == [oud.pk]
        assert berichten_nasturen_task() == 1
    finally:
        app.conf.task_always_eager = False
    assert [m.to for m in mail.outbox] == [["a@example.nl"]]
    vers.refresh_from_db()
    assert vers.verstuurd_op is None


def test_a_broker_that_is_down_after_commit_is_no_error(
    monkeypatch, django_capture_on_commit_callbacks
):
    """The business action stays committed; the stored message waits for the sweeper."""
    from fondsbeveiliging.berichten.tasks import bericht_versturen_task

    def broker_weg(*args, **kwargs):
        raise ConnectionError("redis weg")

    monkeypatch.setattr(bericht_versturen_task, "delay", broker_weg)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bericht = _klaarzetten()
    assert len(callbacks) == 1
    bericht.refresh_from_db()
    assert bericht.verstuurd_op is None
