"""Fixtures for the back-office tests: a fixed 'now', and the hooks recorded instead of run."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def nu(monkeypatch):
    """Fix timezone.now() (and so localdate()) at a given Amsterdam date and hour."""

    def zet(jaar, maand, dag, uur=10):
        moment = datetime(jaar, maand, dag, uur, tzinfo=AMS)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return zet


@pytest.fixture
def opsteller(db):
    """A second beoordelaar who drafts decisions in the tests."""
    from tests.factories import UserFactory

    return UserFactory(beoordelaar=True)


@pytest.fixture(autouse=True)
def hook_aanroepen(monkeypatch):
    """Record the side-effect hooks instead of storing letters: [(hook name, id), ...]."""
    from aanvragen.backoffice import hooks

    aanroepen = []
    for naam in ("besluit_goedgekeurd", "aanvulling_gevraagd", "verdaagd", "voornemen_verstuurd"):
        monkeypatch.setattr(hooks, naam, lambda pk, naam=naam: aanroepen.append((naam, pk)))
    return aanroepen
