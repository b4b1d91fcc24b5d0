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
    """The return line repeats the postal address on one line; the contact is FONDS_CONTACT."""
    settings.FONDS_CONTACT = {
        **settings.FONDS_CONTACT,
        "email": "team@bzk.example",
        "telefoon": "070 000 0000",
    }
    afzender = Afzender.standaard()
    assert afzender.retouradres == "Retouradres Postbus 20011 2500 EA  Den Haag"
    assert afzender.contact_email == "team@bzk.example"
    assert afzender.contact_telefoon == "070 000 0000"


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


def test_a_notice_of_default_can_be_given_from_the_day_after_the_postponed_date():
    """A notice received on the last day is premature: the first day is the day after."""
    from datetime import date

    verdaging = voorbeelden.verdaging(nieuw_uiterlijk_op=date(2026, 12, 31))
    assert verdaging.ingebrekestelling_vanaf == date(2027, 1, 1)


def _brief_zonder_db(*, termijn_tot, ontvanger="aanvrager", uw_kenmerk="MIJN-REF 7"):
    """An information-request letter row with its claim, as plain objects (no database)."""
    from datetime import UTC, datetime
    from types import SimpleNamespace

    aanvraag = SimpleNamespace(
        kenmerk="FB-2026-000123",
        uw_kenmerk=uw_kenmerk,
        aanvrager_naam="Mevrouw J. de Vries",
        correspondentie_adres="Postbus 16200",
        correspondentie_postcode="3500 CE",
        correspondentie_plaats="Utrecht",
        woonadres=None,
        ingediend_op=datetime(2026, 3, 2, 9, tzinfo=UTC),
    )
    verzoek = SimpleNamespace(
        vraag="Stuur de factuur.",
        termijn_tot=termijn_tot,
        verzocht_op=datetime(2026, 3, 10, 9, tzinfo=UTC),
        verzocht_door=None,
    )
    return SimpleNamespace(
        soort="aanvulling", ontvanger=ontvanger, aanvraag=aanvraag, aanvulverzoek=verzoek
    )


@pytest.mark.parametrize("termijn_tot", [None, "2026-03-27"])
def test_the_aanvulling_letter_has_exactly_the_term_of_the_request(termijn_tot, monkeypatch):
    """No default term is filled in: the letter's term is the request's, or none."""
    from datetime import date

    from aanvragen.brieven import opbouw
    from aanvragen.brieven.opbouw import aanvulling

    # Whether the request suspends is the claim core's rule, tested with the database.
    monkeypatch.setattr(
        opbouw, "verzoek_schort_op", lambda verzoek: verzoek.termijn_tot is not None
    )

    termijn = date.fromisoformat(termijn_tot) if termijn_tot else None
    brief = aanvulling(_brief_zonder_db(termijn_tot=termijn), datum=date(2026, 3, 10))
    assert brief.termijn_tot == termijn


@pytest.mark.parametrize(
    ("ontvanger", "uw_kenmerk", "verwacht"),
    [
        ("aanvrager", "MIJN-REF 7", "MIJN-REF 7"),
        ("aanvrager", "", ""),
        ("gemeente", "MIJN-REF 7", ""),
    ],
)
def test_uw_kenmerk_comes_from_the_aanvraag_and_stays_off_a_copy(ontvanger, uw_kenmerk, verwacht):
    """The applicant's own reference is on their letters; a copy for the municipality has none."""
    from datetime import date

    from aanvragen.brieven.opbouw import aanvulling

    brief = _brief_zonder_db(termijn_tot=None, ontvanger=ontvanger, uw_kenmerk=uw_kenmerk)
    assert aanvulling(brief, datum=date(2026, 3, 10)).uw_kenmerk == verwacht
