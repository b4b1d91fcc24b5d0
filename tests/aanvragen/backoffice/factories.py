"""Factories and helpers for back-office tests: claims in any status, decisions, requests."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from aanvragen.constants import AanvraagStatus, BesluitStatus, Uitkomst
from aanvragen.models import (
    Aanvulverzoek,
    Besluit,
    Kostenpost,
    KostenpostBeoordeling,
    Voornemen,
)
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory
from tests.factories import UserFactory

BEDRAG = Decimal("1000.00")


def aanvraag_in(status=AanvraagStatus.INGEDIEND, *, behandelaar=None, bedragen=(BEDRAG,), **kw):
    """A submitted claim in `status` with cost lines of `bedragen` (no evidence files)."""
    aanvraag = AanvraagFactory(
        ingediend=True, kostenpost=None, status=status, behandelaar=behandelaar, **kw
    )
    for bedrag in bedragen:
        KostenpostFactory(aanvraag=aanvraag, bedrag=bedrag, bewijs=False)
    aanvraag.bedrag_aangevraagd = sum(bedragen, Decimal("0"))
    aanvraag.save(update_fields=["bedrag_aangevraagd"])
    return aanvraag


def alles_beoordelen(aanvraag, door, *, deel=Decimal("1")):
    """Assess every line of `aanvraag` in full (or a fraction `deel`, reason 'boven maximum')."""
    for post in Kostenpost.objects.filter(aanvraag=aanvraag):
        bedrag = (post.bedrag * deel).quantize(Decimal("0.01"))
        KostenpostBeoordeling.objects.update_or_create(
            kostenpost=post,
            defaults={
                "bedrag_toegekend": bedrag,
                "reden_code": "volledig" if bedrag == post.bedrag else "boven_maximum",
                "motivering": "" if bedrag == post.bedrag else "Boven het maximum.",
                "beoordeeld_door": door,
            },
        )


class BesluitFactory(factory.django.DjangoModelFactory):
    """A draft decision granting the claimed amount, four-eyes required; traits for later states."""

    class Meta:
        model = Besluit

    aanvraag = factory.LazyFunction(lambda: aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT))
    uitkomst = Uitkomst.TOEGEKEND
    motivering = "U komt in aanmerking voor een vergoeding."
    bedrag_toegekend = factory.LazyAttribute(lambda o: o.aanvraag.bedrag_aangevraagd)
    vierogen_vereist = True
    opgesteld_door = factory.SubFactory(UserFactory, beoordelaar=True)
    opgesteld_op = factory.LazyFunction(timezone.now)

    class Params:
        goedgekeurd = factory.Trait(
            status=BesluitStatus.GOEDGEKEURD,
            goedgekeurd_door=factory.SubFactory(UserFactory, tweede_beoordelaar=True),
            goedgekeurd_op=factory.LazyFunction(timezone.now),
        )
        verzonden = factory.Trait(
            goedgekeurd=True,
            status=BesluitStatus.VERZONDEN,
            verzonden_op=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
            betaaltermijn_einde=factory.LazyFunction(
                lambda: timezone.localdate() + timedelta(weeks=6)
            ),
            bezwaartermijn_einde=factory.LazyFunction(
                lambda: timezone.localdate() + timedelta(weeks=6)
            ),
        )


def verzoek(aanvraag, *, dagen_geleden=2, termijn_over=12, door=None):
    """An open request for information sent `dagen_geleden` days ago, term `termijn_over` days."""
    return Aanvulverzoek.objects.create(
        aanvraag=aanvraag,
        vraag="Wilt u de factuur sturen?",
        verzocht_op=timezone.now() - timedelta(days=dagen_geleden),
        termijn_tot=timezone.localdate() + timedelta(days=termijn_over),
        verzocht_door=door,
    )


def voornemen(aanvraag, door, *, termijn_over=10, afgerond=None):
    """An intended refusal; `afgerond` True/False closes it (view given / term passed)."""
    return Voornemen.objects.create(
        aanvraag=aanvraag,
        reden="De kosten zijn al door de gemeente vergoed.",
        termijn_tot=timezone.localdate() + timedelta(days=termijn_over),
        verzonden_op=timezone.now() - timedelta(days=1),
        door=door,
        zienswijze_ingediend=afgerond,
    )
