"""The daily deadline digest: one mail per assessor, kenmerken and dates only, once a day."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail

from aanvragen.backoffice import services
from aanvragen.backoffice.tasks import deadline_overzicht_versturen_task
from aanvragen.constants import AanvraagStatus
from fondsbeveiliging.berichten.models import Bericht

from .factories import aanvraag_in

VANDAAG = date(2026, 6, 1)


@pytest.fixture
def zaken(nu, regeling, beoordelaar, tweede_beoordelaar):
    nu(2026, 6, 1, 7)

    def zaak(behandelaar, dagen, status=AanvraagStatus.IN_BEHANDELING):
        return aanvraag_in(
            status, behandelaar=behandelaar, beslistermijn_einde=VANDAAG + timedelta(days=dagen)
        )

    return {
        "binnenkort": zaak(beoordelaar, 3),
        "te_laat": zaak(beoordelaar, -2),
        "later": zaak(beoordelaar, 20),
        "beslist": zaak(beoordelaar, -10, AanvraagStatus.VERZONDEN),
        "van_teamleider": zaak(tweede_beoordelaar, 7),
        "niet_toegewezen": zaak(None, 1),
    }


def test_one_mail_per_beoordelaar_with_only_kenmerken(
    zaken, beoordelaar, tweede_beoordelaar, django_capture_on_commit_callbacks
):
    """Each assessor gets one mail with kenmerk and date of their urgent cases, nothing more."""
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadline_overzicht_versturen(vandaag=VANDAAG) == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [beoordelaar.email, tweede_beoordelaar.email]
    )
    bericht = Bericht.objects.get(sleutel=f"deadline-overzicht:{beoordelaar.pk}:2026-06-01")
    tekst = bericht.tekst
    assert f"{zaken['binnenkort'].kenmerk}: uiterlijk 04-06-2026" in tekst
    assert f"{zaken['te_laat'].kenmerk}: uiterlijk 30-05-2026" in tekst
    assert tekst.index("verstreken") < tekst.index(zaken["te_laat"].kenmerk)
    for andere in ("later", "beslist", "van_teamleider", "niet_toegewezen"):
        assert zaken[andere].kenmerk not in tekst
    for aanvraag in (zaken["binnenkort"], zaken["te_laat"]):
        assert aanvraag.aanvrager_naam not in tekst + bericht.onderwerp
        assert aanvraag.aanvrager.email not in tekst
        assert aanvraag.gemeente.naam not in tekst
    assert "Inbraakalarm" not in tekst
    teamleider = Bericht.objects.get(
        sleutel__startswith=f"deadline-overzicht:{tweede_beoordelaar.pk}:"
    )
    assert zaken["van_teamleider"].kenmerk in teamleider.tekst


def test_second_run_on_the_same_day_sends_nothing(zaken, django_capture_on_commit_callbacks):
    """A second run the same day queues and sends nothing new; the next day it does."""
    with django_capture_on_commit_callbacks(execute=True):
        services.deadline_overzicht_versturen(vandaag=VANDAAG)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.deadline_overzicht_versturen(vandaag=VANDAAG)
    assert callbacks == []
    assert len(mail.outbox) == 2 and Bericht.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.deadline_overzicht_versturen(vandaag=VANDAAG + timedelta(days=1))
    assert Bericht.objects.count() == 4


def test_no_mail_without_urgent_cases(nu, regeling, beoordelaar):
    nu(2026, 6, 1)
    aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        beslistermijn_einde=VANDAAG + timedelta(days=30),
    )
    assert services.deadline_overzicht_versturen() == 0
    assert not Bericht.objects.exists()


def test_task_uses_today(zaken, django_capture_on_commit_callbacks):
    """The beat task queues today's digest (called directly)."""
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_overzicht_versturen_task() == 2
    assert Bericht.objects.filter(sleutel__endswith=":2026-06-01").count() == 2


def test_daily_at_seven_amsterdam_time():
    """Beat runs the digest daily at 07:00 Europe/Amsterdam, and the worker knows the task."""
    from fondsbeveiliging.celery import app

    regel = settings.CELERY_BEAT_SCHEDULE["deadline-overzicht"]
    assert regel["task"] == deadline_overzicht_versturen_task.name
    assert regel["schedule"].hour == {7} and regel["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    assert "aanvragen.backoffice.tasks" in app.conf.imports
