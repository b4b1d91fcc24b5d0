"""Letter filters: Dutch dates and amounts whatever the active language."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from fondsbeveiliging.opmaak.formaat import datum_tijd, euro, iban, lange_datum

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("maand", "naam"),
    list(
        enumerate(
            [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ],
            start=1,
        )
    ),
)
def test_long_date_all_months(maand, naam):
    """Every month has its Dutch lower-case name; no leading zero on the day."""
    assert lange_datum(date(2026, maand, 5)) == f"5 {naam} 2026"


def test_long_date_example_from_the_domain():
    """The example from domain.md §7."""
    assert lange_datum(date(2026, 3, 12)) == "12 maart 2026"


def test_long_date_whatever_the_language():
    """An English request still gets a Dutch letter date."""
    with translation.override("en"):
        assert lange_datum(date(2026, 3, 12)) == "12 maart 2026"


def test_long_date_of_an_aware_datetime_in_local_time():
    """23:30 UTC on 11 March is 00:30 on 12 March in Amsterdam."""
    assert lange_datum(datetime(2026, 3, 11, 23, 30, tzinfo=UTC)) == "12 maart 2026"


def test_date_time():
    """Receipt time is shown in local time with 'uur'."""
    assert datum_tijd(datetime(2026, 3, 12, 13, 5, tzinfo=UTC)) == "12 maart 2026 om 14:05 uur"


@pytest.mark.parametrize("leeg", [None, ""])
def test_empty_values(leeg):
    """Missing values render as nothing, not 'None'."""
    assert lange_datum(leeg) == ""
    assert euro(leeg) == ""
    assert iban(leeg) == ""


@pytest.mark.parametrize(
    ("bedrag", "tekst"),
    [
        (Decimal("1234.56"), "€ 1.234,56"),
        (Decimal("0"), "€ 0,00"),
        (Decimal("5"), "€ 5,00"),
        (Decimal("999.999"), "€ 1.000,00"),
        (Decimal("12.345"), "€ 12,35"),  # half up, not banker's rounding
        (Decimal("1234567.891"), "€ 1.234.567,89"),
        (Decimal("-5"), "€ -5,00"),
        (1442, "€ 1.442,00"),
        ("750.5", "€ 750,50"),
    ],
)
def test_euro(bedrag, tekst):
    """Amounts use a dot for thousands, a comma for cents and a no-break space after €."""
    assert euro(bedrag) == tekst.replace(" ", NBSP)


def test_euro_whatever_the_language():
    """The format does not follow the active locale."""
    with translation.override("en"):
        assert euro(Decimal("1234.56")) == f"€{NBSP}1.234,56"


def test_iban_in_groups_of_four():
    """An IBAN is printed in groups of four, upper case."""
    assert iban("nl91abna0417164300") == "NL91 ABNA 0417 1643 00"
    assert iban("NL91 ABNA 0417 1643 00") == "NL91 ABNA 0417 1643 00"
