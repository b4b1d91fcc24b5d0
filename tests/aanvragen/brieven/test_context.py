"""The plain letter context."""

from decimal import Decimal

import pytest

from aanvragen.brieven import voorbeelden
from aanvragen.brieven.context import Afzender, Kostenregel
from aanvragen.constants import Uitkomst


@pytest.mark.parametrize(
    ("aangevraagd", "toegekend", "beoordeling"),
    [
        ("100", "100", "toegekend"),
        ("100", "60", "gedeeltelijk toegekend"),
        ("100", "0", "afgewezen"),
    ],
)
def test_beoordeling_per_cost_line(aangevraagd, toegekend, beoordeling):
    """A cost line's decision follows from claimed versus approved."""
    regel = Kostenregel(
        categorie="Alarmsysteem",
        omschrijving="Alarm",
        aangevraagd=Decimal(aangevraagd),
        toegekend=Decimal(toegekend),
    )
    assert regel.beoordeling == beoordeling


def test_besluit_totals_are_the_sum_of_the_lines():
    """The granted amount is the sum of the approved lines."""
    besluit = voorbeelden.besluit()
    assert besluit.bedrag_aangevraagd == Decimal("3999.51")
    assert besluit.bedrag_toegekend == Decimal("3229.51")
    assert besluit.is_toekenning
    assert not voorbeelden.besluit(uitkomst=Uitkomst.AFGEWEZEN).is_toekenning


def test_return_address(settings):
    """The return line repeats the postal address on one line; the default mail is the team's."""
    settings.BZK_TEAM_EMAIL = "team@bzk.example"
    afzender = Afzender.standaard()
    assert afzender.retouradres == "Retouradres Postbus 20011 2500 EA  Den Haag"
    assert afzender.contact_email == "team@bzk.example"


@pytest.mark.parametrize(
    ("grondslag", "artikel"),
    [
        ("artikel 3", "3"),
        ("Artikel 4, eerste lid", "4, eerste lid"),
        ("artikel 3 van de regeling", "3"),
        ("  artikel  5  van deze regeling ", "5"),
        ("3", "3"),
    ],
)
def test_legal_basis_gives_only_the_article(grondslag, artikel):
    """The letter writes "artikel <nr> van de <regeling>": the field's own phrase is trimmed."""
    from types import SimpleNamespace

    from aanvragen.brieven.opbouw import regeling

    versie = SimpleNamespace(naam="Regeling X", code="2026", grondslag=grondslag, geldig_van=None)
    assert regeling(SimpleNamespace(regeling=versie)).artikel == artikel
