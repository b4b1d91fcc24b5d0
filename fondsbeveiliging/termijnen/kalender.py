"""Algemene termijnenwet (Atw) calendar: which days are working days.

Atw art. 1: a statutory term that ends on a Saturday, Sunday or generally recognised
public holiday is extended up to and including the next day that is none of these.
Atw art. 3: the holidays are New Year's Day, Easter Monday, Whit Monday, Christmas Day and
Boxing Day, Ascension Day, the day the King's birthday is celebrated and 5 May (every year,
not only in lustrum years); Good Friday is added by Royal Decree. Further days added by Royal
Decree are configured as `ExtraFeestdag` rows in the admin.

Pure functions take `extra`: a collection of additional holidays. `extra=None` reads the
configured `ExtraFeestdag` days (cached per process for a minute); pass `extra=frozenset()`
to compute without the database.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

_CACHE_SECONDS = 60
_extra_cache: dict[str, tuple[float, frozenset[date]]] = {}


def paasdatum(jaar: int) -> date:
    """Return Easter Sunday of `jaar` (Gregorian calendar; anonymous/Meeus algorithm)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> date:
    """Return the day the King's birthday is celebrated: 27 April, or 26 April if that is a Sunday.

    Since 2014 (King Willem-Alexander). Earlier years are not supported by this product.
    """
    dag = date(jaar, 4, 27)
    return dag - timedelta(days=1) if dag.weekday() == 6 else dag


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> dict[date, str]:
    """Return the Atw public holidays of `jaar` (without configured extra days), by date."""
    pasen = paasdatum(jaar)
    return {
        date(jaar, 1, 1): "Nieuwjaarsdag",
        pasen - timedelta(days=2): "Goede Vrijdag",
        pasen + timedelta(days=1): "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        date(jaar, 5, 5): "Bevrijdingsdag",
        pasen + timedelta(days=39): "Hemelvaartsdag",
        pasen + timedelta(days=50): "Tweede Pinksterdag",
        date(jaar, 12, 25): "Eerste Kerstdag",
        date(jaar, 12, 26): "Tweede Kerstdag",
    }


def extra_feestdagen() -> frozenset[date]:
    """Return the configured extra holidays (Royal Decree), cached per process for a minute."""
    cached = _extra_cache.get("dagen")
    now = time.monotonic()
    if cached and now - cached[0] < _CACHE_SECONDS:
        return cached[1]
    from fondsbeveiliging.termijnen.models import ExtraFeestdag

    dagen = frozenset(ExtraFeestdag.objects.values_list("datum", flat=True))
    _extra_cache["dagen"] = (now, dagen)
    return dagen


def clear_extra_cache() -> None:
    """Forget the cached extra holidays (called when an ExtraFeestdag changes)."""
    _extra_cache.clear()


def _extra(extra: Collection[date] | None) -> Collection[date]:
    return extra_feestdagen() if extra is None else extra


def is_feestdag(d: date, extra: Collection[date] | None = None) -> bool:
    """Return True if `d` is an Atw public holiday or a configured extra holiday."""
    return d in feestdagen(d.year) or d in _extra(extra)


def is_werkdag(d: date, extra: Collection[date] | None = None) -> bool:
    """Return True if `d` is not a Saturday, Sunday or (extra) public holiday."""
    return d.weekday() < 5 and not is_feestdag(d, extra)


def volgende_werkdag(d: date, extra: Collection[date] | None = None) -> date:
    """Return `d` if it is a working day, else the next working day (Atw art. 1)."""
    extra = _extra(extra)
    while not is_werkdag(d, extra):
        d += timedelta(days=1)
    return d
