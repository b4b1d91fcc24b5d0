"""Algemene termijnenwet calendar."""

from datetime import date

import pytest

from fondsbeveiliging.termijnen import kalender
from fondsbeveiliging.termijnen.kalender import (
    feestdagen,
    is_werkdag,
    koningsdag,
    paasdatum,
    volgende_werkdag,
)
from fondsbeveiliging.termijnen.models import ExtraFeestdag

GEEN = frozenset()


@pytest.mark.parametrize(
    ("jaar", "pasen"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_date(jaar, pasen):
    """Easter Sunday matches the published dates, including the extreme ones."""
    assert paasdatum(jaar) == pasen


def test_holidays_2026():
    """The 2026 list is exactly the Atw holidays, 5 May included."""
    assert sorted(feestdagen(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


@pytest.mark.parametrize(
    ("jaar", "dag"),
    [
        (2014, date(2014, 4, 26)),  # 27 April 2014 was a Sunday
        (2025, date(2025, 4, 26)),  # 27 April 2025 was a Sunday
        (2026, date(2026, 4, 27)),
        (2031, date(2031, 4, 26)),  # 27 April 2031 is a Sunday
    ],
)
def test_kings_day(jaar, dag):
    """King's Day is 27 April, or 26 April when 27 April is a Sunday."""
    assert koningsdag(jaar) == dag
    assert dag in feestdagen(jaar)


def test_27_april_is_no_holiday_when_kings_day_moves():
    """In a year King's Day moves to the 26th, the 27th is only a Sunday."""
    assert date(2025, 4, 27) not in feestdagen(2025)


@pytest.mark.parametrize("jaar", [2025, 2026, 2027, 2028, 2029, 2030])
def test_fifth_of_may_every_year(jaar):
    """5 May is an Atw holiday every year, not only in lustrum years."""
    assert date(jaar, 5, 5) in feestdagen(jaar)
    assert not is_werkdag(date(jaar, 5, 5), GEEN)


@pytest.mark.parametrize(
    ("dag", "werkdag"),
    [
        (date(2026, 3, 6), True),  # Friday
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
        (date(2026, 1, 1), False),
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 7), True),
        (date(2026, 4, 27), False),  # King's Day
        (date(2026, 5, 1), True),
        (date(2026, 5, 5), False),  # Tuesday, Liberation Day
        (date(2027, 5, 5), False),  # Wednesday, non-lustrum year
        (date(2026, 5, 14), False),  # Ascension
        (date(2026, 5, 25), False),  # Whit Monday
        (date(2026, 12, 24), True),
        (date(2026, 12, 25), False),
        (date(2026, 12, 31), True),
    ],
)
def test_is_working_day(dag, werkdag):
    """Weekends and Atw holidays are not working days; everything else is."""
    assert is_werkdag(dag, GEEN) is werkdag


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2026, 3, 6), date(2026, 3, 6)),  # a working day stays
        (date(2026, 3, 7), date(2026, 3, 9)),  # Saturday -> Monday
        (date(2026, 5, 5), date(2026, 5, 6)),  # 5 May 2026 (Tuesday)
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday -> Tuesday after Easter Monday
        (date(2026, 12, 25), date(2026, 12, 28)),  # Christmas (Friday) -> Monday
        (date(2025, 4, 26), date(2025, 4, 28)),  # King's Day on Saturday 26 April
        (date(2026, 5, 23), date(2026, 5, 26)),  # Whitsun weekend + Whit Monday
    ],
)
def test_next_working_day(dag, verwacht):
    """A day that is no working day moves to the next working day."""
    assert volgende_werkdag(dag, GEEN) == verwacht


def test_extra_day_as_argument():
    """An extra holiday passed in is skipped like a statutory one."""
    extra = {date(2026, 3, 9)}
    assert not is_werkdag(date(2026, 3, 9), extra)
    assert volgende_werkdag(date(2026, 3, 7), extra) == date(2026, 3, 10)


@pytest.mark.django_db
class TestExtraFeestdagUitDatabase:
    @pytest.fixture(autouse=True)
    def _schone_cache(self):
        kalender.clear_extra_cache()
        yield
        kalender.clear_extra_cache()

    def test_configured_day_counts(self):
        """A day configured in the admin is no working day when no explicit list is given."""
        assert is_werkdag(date(2026, 3, 9))
        ExtraFeestdag.objects.create(datum=date(2026, 3, 9), omschrijving="Bij KB aangewezen")
        assert not is_werkdag(date(2026, 3, 9))
        assert volgende_werkdag(date(2026, 3, 7)) == date(2026, 3, 10)

    def test_deleting_clears_the_cache(self):
        """Deleting a configured day takes effect in this process at once."""
        dag = ExtraFeestdag.objects.create(datum=date(2026, 3, 9), omschrijving="Tijdelijk")
        assert not is_werkdag(date(2026, 3, 9))
        dag.delete()
        assert is_werkdag(date(2026, 3, 9))

    def test_explicit_list_does_not_read_the_database(self, django_assert_num_queries):
        """An explicit extra list needs no query."""
        with django_assert_num_queries(0):
            assert is_werkdag(date(2026, 3, 9), frozenset())
