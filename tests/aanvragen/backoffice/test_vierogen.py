"""Four-eyes approval: the service, the database constraint and two approvers at once."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from aanvragen.backoffice import services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus, BesluitStatus, Uitkomst
from aanvragen.models import Aanvraag, Besluit, StatusWijziging
from tests.aanvragen.factories import RegelingFactory
from tests.factories import UserFactory

from .factories import BesluitFactory, aanvraag_in, alles_beoordelen


def _concept(regeling, opsteller, *, drempel=Decimal("0"), bedragen=(Decimal("1000.00"),)):
    """A claim in assessment, lines assessed in full, decision drafted by `opsteller`."""
    regeling.drempel_tweede_beoordelaar = drempel
    regeling.save(update_fields=["drempel_tweede_beoordelaar"])
    aanvraag = aanvraag_in(AanvraagStatus.IN_BEHANDELING, behandelaar=opsteller, bedragen=bedragen)
    alles_beoordelen(aanvraag, opsteller)
    return services.besluit_opstellen(
        aanvraag_id=aanvraag.pk, door=opsteller, uitkomst=Uitkomst.TOEGEKEND, motivering="Akkoord."
    )


class TestVierogenVereist:
    def test_threshold_zero_always(self, regeling, beoordelaar):
        """With threshold 0 every decision needs a second person."""
        besluit = _concept(regeling, beoordelaar, drempel=Decimal("0"))
        assert besluit.vierogen_vereist is True
        assert besluit.bedrag_toegekend == Decimal("1000.00")

    def test_not_up_to_the_threshold(self, regeling, beoordelaar):
        """An amount up to the threshold needs no second person."""
        besluit = _concept(regeling, beoordelaar, drempel=Decimal("1000.00"))
        assert besluit.vierogen_vereist is False

    def test_above_the_threshold(self, regeling, beoordelaar):
        """An amount above the threshold needs a second person."""
        besluit = _concept(regeling, beoordelaar, drempel=Decimal("999.99"))
        assert besluit.vierogen_vereist is True


class TestBesluitGoedkeuren:
    def test_drafter_may_not_approve_the_besluit(self, regeling, tweede_beoordelaar):
        """A teamleider who drafted the decision cannot approve it: Dutch reason, no change."""
        besluit = _concept(regeling, tweede_beoordelaar)
        with pytest.raises(WorkflowFout, match="zelf opgesteld"):
            services.besluit_goedkeuren(besluit_id=besluit.pk, door=tweede_beoordelaar)
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.CONCEPT and besluit.goedgekeurd_door is None
        assert besluit.aanvraag.statushistorie.last().naar == AanvraagStatus.BESLUIT_CONCEPT

    def test_drafter_may_not_return_the_besluit(self, regeling, tweede_beoordelaar):
        """Nor return their own draft when four-eyes applies."""
        besluit = _concept(regeling, tweede_beoordelaar)
        with pytest.raises(WorkflowFout, match="vier-ogenprincipe"):
            services.besluit_terugsturen(besluit_id=besluit.pk, door=tweede_beoordelaar, reden="x")

    def test_tweede_beoordelaar_approves(
        self,
        regeling,
        beoordelaar,
        tweede_beoordelaar,
        hook_aanroepen,
        django_capture_on_commit_callbacks,
    ):
        """A second person approves; history is written and the letter hook runs with it."""
        besluit = _concept(regeling, beoordelaar)
        with django_capture_on_commit_callbacks(execute=True):
            services.besluit_goedkeuren(besluit_id=besluit.pk, door=tweede_beoordelaar)
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.GOEDGEKEURD
        assert besluit.goedgekeurd_door == tweede_beoordelaar
        rij = besluit.aanvraag.statushistorie.last()
        assert (rij.van, rij.naar, rij.door) == (
            AanvraagStatus.BESLUIT_CONCEPT,
            AanvraagStatus.BESLUIT_GOEDGEKEURD,
            tweede_beoordelaar,
        )
        assert hook_aanroepen == [("besluit_goedgekeurd", besluit.pk)]

    def test_beoordelaar_below_threshold_approves_own_besluit(self, regeling, beoordelaar):
        """Below the threshold the assigned beoordelaar settles the decision alone."""
        besluit = _concept(regeling, beoordelaar, drempel=Decimal("5000"))
        services.besluit_goedkeuren(besluit_id=besluit.pk, door=beoordelaar)
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.GOEDGEKEURD

    def test_beoordelaar_above_threshold_may_not_approve(self, regeling, beoordelaar, opsteller):
        """A beoordelaar cannot approve a decision that needs four eyes, even someone else's."""
        besluit = _concept(regeling, opsteller)
        Aanvraag.objects.filter(pk=besluit.aanvraag_id).update(behandelaar=beoordelaar)
        with pytest.raises(WorkflowFout, match="mag deze actie niet"):
            services.besluit_goedkeuren(besluit_id=besluit.pk, door=beoordelaar)

    def test_database_refuses_approval_by_the_drafter(self, regeling, beoordelaar):
        """A forced write of approver = drafter violates the besluit_vierogen constraint."""
        besluit = _concept(regeling, beoordelaar)
        with pytest.raises(IntegrityError, match="besluit_vierogen"), transaction.atomic():
            Besluit.objects.filter(pk=besluit.pk).update(
                goedgekeurd_door=beoordelaar,
                goedgekeurd_op=timezone.now(),
                status=BesluitStatus.GOEDGEKEURD,
            )

    def test_returned_besluit_becomes_a_new_version(
        self, regeling, beoordelaar, tweede_beoordelaar
    ):
        """A returned draft goes back to assessment; the next draft is version 2."""
        besluit = _concept(regeling, beoordelaar)
        services.besluit_terugsturen(
            besluit_id=besluit.pk, door=tweede_beoordelaar, reden="Motivering te kort."
        )
        aanvraag = Aanvraag.objects.get(pk=besluit.aanvraag_id)
        assert aanvraag.status == AanvraagStatus.IN_BEHANDELING
        assert "Motivering te kort." in aanvraag.statushistorie.last().toelichting
        nieuw = services.besluit_opstellen(
            aanvraag_id=aanvraag.pk, door=beoordelaar, uitkomst=Uitkomst.TOEGEKEND, motivering="B"
        )
        assert nieuw.versie == 2
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.TERUGGESTUURD


def _parallel(taken):
    """Run callables at the same moment, one thread and one DB connection each."""
    barrier = threading.Barrier(len(taken))
    resultaten, fouten = [], []

    def run(taak):
        try:
            barrier.wait(timeout=30)
            resultaten.append(taak())
        except Exception as exc:  # collected and inspected by the test
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(taak,)) for taak in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return resultaten, fouten


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvers_at_once_give_one_approval(hook_aanroepen):
    """Two teamleiders approving at the same moment: exactly one approval and one history row."""
    RegelingFactory()
    opsteller = UserFactory(beoordelaar=True)
    besluit = BesluitFactory(
        aanvraag=aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT, behandelaar=opsteller),
        opgesteld_door=opsteller,
    )
    goedkeurders = [UserFactory(tweede_beoordelaar=True) for _ in range(2)]

    def goedkeuren(door):
        return lambda: services.besluit_goedkeuren(besluit_id=besluit.pk, door=door)

    resultaten, fouten = _parallel([goedkeuren(d) for d in goedkeurders])

    assert len(resultaten) == 1 and len(fouten) == 1
    assert isinstance(fouten[0], WorkflowFout)
    besluit.refresh_from_db()
    assert besluit.status == BesluitStatus.GOEDGEKEURD
    assert besluit.goedgekeurd_door_id == resultaten[0].goedgekeurd_door_id
    assert (
        StatusWijziging.objects.filter(
            aanvraag_id=besluit.aanvraag_id, naar=AanvraagStatus.BESLUIT_GOEDGEKEURD
        ).count()
        == 1
    )
    assert hook_aanroepen == [("besluit_goedgekeurd", besluit.pk)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_drafter_and_approver_at_once(hook_aanroepen):
    """The drafter and a teamleider at once: only the teamleider's approval counts."""
    RegelingFactory()
    opsteller = UserFactory(tweede_beoordelaar=True)
    besluit = BesluitFactory(
        aanvraag=aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT, behandelaar=opsteller),
        opgesteld_door=opsteller,
    )
    teamleider = UserFactory(tweede_beoordelaar=True)

    resultaten, fouten = _parallel(
        [
            lambda: services.besluit_goedkeuren(besluit_id=besluit.pk, door=opsteller),
            lambda: services.besluit_goedkeuren(besluit_id=besluit.pk, door=teamleider),
        ]
    )

    assert len(resultaten) == 1 and len(fouten) == 1
    besluit.refresh_from_db()
    assert besluit.goedgekeurd_door_id == teamleider.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_once_do_not_share_the_budget(hook_aanroepen):
    """Two decisions approved at once that together exceed the budget: the second one waits for
    the first and then gets the budget warning (approvals of a year are serialised)."""
    RegelingFactory(jaarbudget=Decimal("1500"))
    opsteller = UserFactory(beoordelaar=True)
    besluiten = [
        BesluitFactory(
            aanvraag=aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT, behandelaar=opsteller),
            opgesteld_door=opsteller,
        )
        for _ in range(2)
    ]
    teamleiders = [UserFactory(tweede_beoordelaar=True) for _ in range(2)]

    resultaten, fouten = _parallel(
        [
            lambda b=b, t=t: services.besluit_goedkeuren(besluit_id=b.pk, door=t)
            for b, t in zip(besluiten, teamleiders, strict=True)
        ]
    )

    assert len(resultaten) == 1
    assert len(fouten) == 1 and isinstance(fouten[0], services.BudgetOverschrijding)
    assert Besluit.objects.filter(status=BesluitStatus.GOEDGEKEURD).count() == 1
