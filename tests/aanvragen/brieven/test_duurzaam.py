"""Every letter kind is as durable as the decision letter, with a broker that is down.

Real commits (transactional tests) and a broker URL where nothing listens: the business
action commits its pending letter although queueing it fails; a rolled-back action leaves no
letter; the sweeper then makes exactly one letter. The receipt letter comes with submitting
a claim, the four back-office letters with their actions, and the municipality's notice
with the dispatch of the decision letter (inside the letter task's transaction).
"""

import logging
from decimal import Decimal

import pytest
from django.db import transaction

from aanvragen import services as aanvraag_services
from aanvragen.brieven import services
from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus
from aanvragen.brieven.tasks import brieven_nasturen_task
from fondsbeveiliging.celery import app as celery_app
from tests import procs
from tests.aanvragen.brieven import test_aanmaken as acties
from tests.aanvragen.factories import AanvraagFactory, RegelingFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Terugdraaien(Exception):
    """Raised to roll back the surrounding transaction after the action returned."""


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks are published, not run inline (overrides tests/aanvragen/conftest.py)."""
    yield


def ontvangstbevestiging(ambtsdrager, beoordelaar, tweede_beoordelaar):
    """Submitting a claim: the receipt letter (4:3a)."""
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
    return aanvraag, lambda: aanvraag_services.aanvraag_indienen(
        aanvraag=aanvraag, door=ambtsdrager
    )


def _backoffice(bouwer):
    def maken(ambtsdrager, beoordelaar, tweede_beoordelaar):
        return bouwer(beoordelaar, tweede_beoordelaar)

    maken.__doc__ = bouwer.__name__
    return maken


def kennisgeving(ambtsdrager, beoordelaar, tweede_beoordelaar):
    """Dispatching the decision letter: the municipality's notice, in the task's transaction."""
    aanvraag, goedkeuren = acties.besluit(beoordelaar, tweede_beoordelaar)
    goedkeuren()
    besluitbrief = Brief.objects.get(aanvraag=aanvraag, soort=BriefSoort.BESLUIT)
    return aanvraag, lambda: services.brief_genereren(brief_id=besluitbrief.pk)


SOORTEN = [
    pytest.param(ontvangstbevestiging, BriefSoort.ONTVANGSTBEVESTIGING, id="ontvangst"),
    pytest.param(_backoffice(acties.aanvulling), BriefSoort.AANVULLING, id="aanvulling"),
    pytest.param(_backoffice(acties.verdaging), BriefSoort.VERDAGING, id="verdaging"),
    pytest.param(_backoffice(acties.voornemen), BriefSoort.VOORNEMEN_AFWIJZING, id="voornemen"),
    pytest.param(_backoffice(acties.besluit), BriefSoort.BESLUIT, id="besluit"),
    pytest.param(kennisgeving, BriefSoort.KENNISGEVING, id="kennisgeving"),
]


@pytest.fixture
def zaak(request, ambtsdrager, beoordelaar, tweede_beoordelaar):
    """(claim, action) for the parametrized builder; the policy needs four eyes always."""
    RegelingFactory(drempel_tweede_beoordelaar=Decimal("0"))
    return request.param(ambtsdrager, beoordelaar, tweede_beoordelaar)


def _vastgelegd(aanvraag_id: int, soort: str) -> list[str]:
    sql = "SELECT status FROM brieven_brief WHERE aanvraag_id = %s AND soort = %s"
    return [status for (status,) in procs.vastgelegd(sql, [aanvraag_id, soort])]


@pytest.mark.parametrize(("zaak", "soort"), SOORTEN, indirect=["zaak"])
def test_letter_is_committed_although_the_broker_is_down(dode_broker, zaak, soort, caplog):
    """The pending letter is part of the action's commit; the failed queueing is only logged."""
    aanvraag, actie = zaak
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"):
        actie()
    assert _vastgelegd(aanvraag.pk, soort) == [BriefStatus.WACHTEND]
    assert procs.broker_faalde(caplog), "queueing did not fail: the broker was reachable"


@pytest.mark.parametrize(("zaak", "soort"), SOORTEN, indirect=["zaak"])
def test_rolled_back_action_leaves_no_letter(dode_broker, zaak, soort, caplog):
    """An action rolled back after it returned leaves no letter and queues nothing."""
    aanvraag, actie = zaak
    with caplog.at_level(logging.ERROR), pytest.raises(Terugdraaien), transaction.atomic():
        actie()
        assert Brief.objects.filter(aanvraag=aanvraag, soort=soort).count() == 1
        raise Terugdraaien
    assert _vastgelegd(aanvraag.pk, soort) == []
    assert not procs.broker_faalde(caplog)


@pytest.mark.parametrize(("zaak", "soort"), SOORTEN, indirect=["zaak"])
def test_sweeper_makes_exactly_one_letter_afterwards(dode_broker, zaak, soort, settings):
    """With the broker back, the sweeper queues the pending letter; it is made once."""
    aanvraag, actie = zaak
    actie()
    settings.BRIEVEN_NAZENDEN_NA_SECONDEN = 0
    celery_app.conf.task_always_eager = True  # the broker is back: tasks run
    brieven_nasturen_task()
    assert brieven_nasturen_task() == 0  # nothing left pending, nothing queued twice
    [brief] = Brief.objects.filter(aanvraag=aanvraag, soort=soort)
    assert brief.status == BriefStatus.KLAAR
    with brief.bestand.open("rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
