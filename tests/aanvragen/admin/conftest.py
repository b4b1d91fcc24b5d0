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
