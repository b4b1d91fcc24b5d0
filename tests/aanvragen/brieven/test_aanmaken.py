"""A back-office action stores its letter in its own transaction, with the real hooks.

No after-commit step stands between the action and its letter row, so a process that dies
right after commit cannot lose the letter: the row exists before any on-commit callback
has run, disappears with an action that is rolled back, and is stored once per source.
Only the letter's generation is queued after commit.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from aanvragen.backoffice import hooks, services
from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus
from aanvragen.brieven.tasks import brief_genereren_task
from aanvragen.constants import AanvraagStatus, Uitkomst
from tests.aanvragen.backoffice.factories import aanvraag_in, alles_beoordelen
from tests.aanvragen.factories import RegelingFactory

pytestmark = pytest.mark.django_db


class Terugdraaien(Exception):
    """Raised to roll back the surrounding transaction after the action returned."""


def _in_behandeling(beoordelaar):
    vandaag = timezone.localdate()
    return aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        beslistermijn_einde=vandaag + timedelta(days=20),
    )


def aanvulling(beoordelaar, tweede_beoordelaar):
    aanvraag = _in_behandeling(beoordelaar)

    def actie():
        verzoek = services.aanvulling_vragen(
            aanvraag_id=aanvraag.pk, door=beoordelaar, vraag="Stuur de factuur."
        )
        return lambda: hooks.aanvulling_gevraagd(verzoek.pk)

    return aanvraag, actie


def verdaging(beoordelaar, tweede_beoordelaar):
    aanvraag = _in_behandeling(beoordelaar)

    def actie():
        services.verdagen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            nieuwe_datum=timezone.localdate() + timedelta(days=60),
            reden="Extern advies nodig.",
        )
        return lambda: hooks.verdaagd(aanvraag.pk)

    return aanvraag, actie


def voornemen(beoordelaar, tweede_beoordelaar):
    aanvraag = _in_behandeling(beoordelaar)

    def actie():
        vn = services.voornemen_afwijzing_versturen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            reden="Al vergoed.",
            termijn_tot=services.zienswijzetermijn_voorstel(aanvraag),
        )
        return lambda: hooks.voornemen_verstuurd(vn.pk)

    return aanvraag, actie


def besluit(beoordelaar, tweede_beoordelaar):
    aanvraag = _in_behandeling(beoordelaar)
    alles_beoordelen(aanvraag, beoordelaar)
    concept = services.besluit_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, uitkomst=Uitkomst.TOEGEKEND, motivering="Ja."
    )

    def actie():
        services.besluit_goedkeuren(besluit_id=concept.pk, door=tweede_beoordelaar)
        return lambda: hooks.besluit_goedgekeurd(concept.pk)

    return aanvraag, actie


ACTIES = [
    pytest.param(aanvulling, BriefSoort.AANVULLING, id="aanvulling_vragen"),
    pytest.param(verdaging, BriefSoort.VERDAGING, id="verdagen"),
    pytest.param(voornemen, BriefSoort.VOORNEMEN_AFWIJZING, id="voornemen_afwijzing_versturen"),
    pytest.param(besluit, BriefSoort.BESLUIT, id="besluit_goedkeuren"),
]


@pytest.fixture
def zaak(request, beoordelaar, tweede_beoordelaar):
    """(claim, action) for the parametrized builder; the policy needs four eyes always."""
    RegelingFactory(drempel_tweede_beoordelaar=Decimal("0"))
    return request.param(beoordelaar, tweede_beoordelaar)


@pytest.fixture
def ingepland(monkeypatch):
    """Record the queued letter ids instead of sending them to the broker."""
    ids = []
    monkeypatch.setattr(brief_genereren_task, "delay", lambda brief_id: ids.append(brief_id))
    return ids


@pytest.mark.parametrize(("zaak", "soort"), ACTIES, indirect=["zaak"])
def test_brief_exists_before_anything_runs_after_commit(
    zaak, soort, ingepland, django_capture_on_commit_callbacks
):
    """The pending letter is a row of the action's transaction; only its task waits."""
    aanvraag, actie = zaak
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actie()
        brief = Brief.objects.get(aanvraag=aanvraag)  # no callback has run yet
    assert (brief.soort, brief.status) == (soort, BriefStatus.WACHTEND)
    assert ingepland == []
    for callback in callbacks:
        callback()
    assert ingepland == [brief.pk]


@pytest.mark.parametrize(("zaak", "soort"), ACTIES, indirect=["zaak"])
def test_rolled_back_action_leaves_no_brief(
    zaak, soort, ingepland, django_capture_on_commit_callbacks
):
    """An action whose transaction rolls back after the service returned leaves no letter."""
    aanvraag, actie = zaak
    aanvraag.refresh_from_db()
    status = aanvraag.status
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Terugdraaien),
        transaction.atomic(),
    ):
        actie()
        assert Brief.objects.filter(aanvraag=aanvraag, soort=soort).count() == 1
        raise Terugdraaien
    assert not Brief.objects.filter(aanvraag=aanvraag).exists()
    assert callbacks == [] and ingepland == []
    aanvraag.refresh_from_db()
    assert aanvraag.status == status


@pytest.mark.parametrize(("zaak", "soort"), ACTIES, indirect=["zaak"])
def test_second_call_of_the_hook_makes_no_second_brief(
    zaak, soort, ingepland, django_capture_on_commit_callbacks
):
    """The hook is keyed on its source: running it again stores and queues nothing new."""
    aanvraag, actie = zaak
    with django_capture_on_commit_callbacks(execute=True):
        nog_eens = actie()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        nog_eens()
    assert Brief.objects.filter(aanvraag=aanvraag).count() == 1
    assert callbacks == [] and len(ingepland) == 1
