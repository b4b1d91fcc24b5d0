"""Helpers for the back-office admin tests: cases in a given status, quickly and in bulk."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvraag
from tests.aanvragen.factories import AanvraagFactory
from tests.factories import UserFactory, gemeente

_nummer = iter(range(1, 10**7))


def bulk_aanvragen(n, *, regeling, status=AanvraagStatus.IN_BEHANDELING, behandelaar=None):
    """Insert `n` submitted claims in one statement (no cost lines): queue rows only."""
    aanvrager = UserFactory(ambtsdrager=True)
    gemeenten = [gemeente("GM0363"), gemeente("GM0599"), gemeente("GM0344")]
    nu = timezone.now()
    return Aanvraag.objects.bulk_create(
        Aanvraag(
            aanvrager=aanvrager,
            regeling=regeling,
            aanvrager_naam=f"Aanvrager {i}",
            ambtstype=aanvrager.ambtstype,
            gemeente=gemeenten[i % 3],
            status=status,
            kenmerk=f"FB-2026-{next(_nummer):06d}",
            ingediend_op=nu,
            beslistermijn_einde=timezone.localdate() + timedelta(days=i % 90 - 30),
            behandelaar=behandelaar if i % 2 else None,
            bedrag_aangevraagd=100 + i,
        )
        for i in range(n)
    )


@pytest.fixture
def in_behandeling(regeling, beoordelaar):
    """A submitted claim with one cost line, assigned to `beoordelaar` and being assessed."""
    return AanvraagFactory(
        ingediend=True, status=AanvraagStatus.IN_BEHANDELING, behandelaar=beoordelaar
    )


# --- Cases brought to a state through the real services ----------------------------------


def in_behandeling_door(beoordelaar, **kwargs):
    """A submitted claim (one alarm line of 1234.56) that `beoordelaar` started assessing."""
    from aanvragen.backoffice import services

    aanvraag = AanvraagFactory(ingediend=True, **kwargs)
    services.behandeling_starten(aanvraag_id=aanvraag.pk, door=beoordelaar)
    aanvraag.refresh_from_db()
    return aanvraag


def volledig_beoordeeld(aanvraag, beoordelaar):
    from aanvragen.backoffice import services
    from aanvragen.constants import RedenCode

    for kostenpost in aanvraag.kostenposten.all():
        services.kostenpost_beoordelen(
            kostenpost_id=kostenpost.pk,
            door=beoordelaar,
            bedrag_toegekend=kostenpost.bedrag,
            reden_code=RedenCode.VOLLEDIG,
        )
    return aanvraag


def met_concept_besluit(beoordelaar, **kwargs):
    """A claim with a draft 'toegekend' decision drafted by `beoordelaar` (four-eyes)."""
    from aanvragen.backoffice import services
    from aanvragen.constants import Uitkomst

    aanvraag = volledig_beoordeeld(in_behandeling_door(beoordelaar, **kwargs), beoordelaar)
    besluit = services.besluit_opstellen(
        aanvraag_id=aanvraag.pk,
        door=beoordelaar,
        uitkomst=Uitkomst.TOEGEKEND,
        motivering="Alle kosten komen voor vergoeding in aanmerking.",
    )
    aanvraag.refresh_from_db()
    return aanvraag, besluit


def met_verzonden_besluit(beoordelaar, tweede_beoordelaar, **kwargs):
    """A claim whose granted decision was approved by a second person and sent today."""
    from aanvragen.backoffice import services

    aanvraag, besluit = met_concept_besluit(beoordelaar, **kwargs)
    services.besluit_goedkeuren(besluit_id=besluit.pk, door=tweede_beoordelaar)
    besluit = services.besluit_verzenden(besluit_id=besluit.pk, verzonden_op=timezone.now())
    aanvraag.refresh_from_db()
    return aanvraag, besluit
