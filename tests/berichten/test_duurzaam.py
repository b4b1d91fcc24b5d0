"""Every e-mail is an outbox row of its business transaction, with a broker that is down.

Real commits and a broker URL where nothing listens: the action commits its message
although queueing it fails; a rolled-back action leaves none; the sweeper then sends each
message exactly once. Covered: the claim's acknowledgement, the BZK team's notice of a
melding, the coordinators' notice of a support request and the "a letter is ready" notice
(written by the letter task's transaction).
"""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from aanvragen import services as aanvraag_services
from aanvragen.brieven import services as brieven
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.tasks import berichten_nasturen_task
from fondsbeveiliging.celery import app as celery_app
from meldingen import services as melding_services
from ondersteuning import services as ondersteuning_services
from tests import procs
from tests.aanvragen.brieven import zaken
from tests.aanvragen.brieven.conftest import private_media  # noqa: F401 (letters are rendered)
from tests.aanvragen.factories import AanvraagFactory, RegelingFactory
from tests.meldingen.factories import MeldingFactory
from tests.ondersteuning.factories import VerzoekFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Terugdraaien(Exception):
    """Raised to roll back the surrounding transaction after the action returned."""


def ontvangstbevestiging(ambtsdrager, **_):
    RegelingFactory()
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
    return (
        lambda: aanvraag_services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager),
        [aanvraag_services.ontvangstbevestiging_sleutel(aanvraag.pk)],
    )


def melding(ambtsdrager, **_):
    concept = MeldingFactory(eigenaar=ambtsdrager)
    return (
        lambda: melding_services.melding_indienen(melding=concept, door=ambtsdrager),
        [melding_services.bzk_team_sleutel(concept.pk)],
    )


def ondersteuningsverzoek(gemeente_medewerker, tweede_beoordelaar, **_):
    verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker)
    return (
        lambda: ondersteuning_services.verzoek_indienen(verzoek=verzoek, door=gemeente_medewerker),
        [f"ondersteuning:{verzoek.pk}:nieuw:{tweede_beoordelaar.pk}"],
    )


def brief_klaar(ambtsdrager, **_):
    vandaag = timezone.localdate()
    aanvraag = zaken.ingediende_aanvraag(
        aanvrager=ambtsdrager,
        verdaagd_op=vandaag,
        verdaagd_tot=vandaag + timedelta(weeks=6),
        verdaging_reden="Wij wachten op het advies.",
    )
    brief = brieven.verdagingsbrief_aanmaken(aanvraag_id=aanvraag.pk)
    return (
        lambda: brieven.brief_genereren(brief_id=brief.pk),
        [f"brief-klaar:{brief.pk}:aanvrager"],
    )


SOORTEN = [
    pytest.param(ontvangstbevestiging, id="ontvangstbevestiging"),
    pytest.param(melding, id="melding-bzk-team"),
    pytest.param(ondersteuningsverzoek, id="ondersteuning-coordinatoren"),
    pytest.param(brief_klaar, id="brief-klaar"),
]


@pytest.fixture
def zaak(request, ambtsdrager, gemeente_medewerker, tweede_beoordelaar):
    """(action, outbox keys it writes) for the parametrized builder."""
    return request.param(
        ambtsdrager=ambtsdrager,
        gemeente_medewerker=gemeente_medewerker,
        tweede_beoordelaar=tweede_beoordelaar,
    )


def _vastgelegd(sleutels: list[str]) -> list[tuple]:
    sql = "SELECT sleutel, verstuurd_op FROM berichten_bericht WHERE sleutel = ANY(%s)"
    return procs.vastgelegd(sql, [sleutels])


@pytest.mark.parametrize("zaak", SOORTEN, indirect=True)
def test_message_is_committed_although_the_broker_is_down(dode_broker, zaak, caplog):
    """The message is part of the action's commit; the failed queueing is only logged."""
    actie, sleutels = zaak
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"):
        actie()
    assert _vastgelegd(sleutels) == [(sleutel, None) for sleutel in sleutels]
    assert procs.broker_faalde(caplog), "queueing did not fail: the broker was reachable"


@pytest.mark.parametrize("zaak", SOORTEN, indirect=True)
def test_rolled_back_action_leaves_no_message(dode_broker, zaak, caplog):
    """An action rolled back after it returned leaves no message and queues nothing."""
    actie, sleutels = zaak
    with caplog.at_level(logging.ERROR), pytest.raises(Terugdraaien), transaction.atomic():
        actie()
        assert Bericht.objects.filter(sleutel__in=sleutels).count() == len(sleutels)
        raise Terugdraaien
    assert _vastgelegd(sleutels) == []
    assert not procs.broker_faalde(caplog)


@pytest.mark.parametrize("zaak", SOORTEN, indirect=True)
def test_sweeper_sends_each_message_exactly_once(dode_broker, zaak, settings):
    """With the broker back, the sweeper sends the waiting message; a second sweep sends none."""
    actie, sleutels = zaak
    actie()
    mail.outbox.clear()
    settings.BERICHTEN_NAZENDEN_NA_SECONDEN = 0
    celery_app.conf.task_always_eager = True  # the broker is back: tasks run
    berichten_nasturen_task()
    assert berichten_nasturen_task() == 0
    berichten = Bericht.objects.filter(sleutel__in=sleutels)
    assert all(bericht.verstuurd_op for bericht in berichten)
    assert sorted(m.subject for m in mail.outbox) == sorted(b.onderwerp for b in berichten)
