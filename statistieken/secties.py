"""The sections of the statistics page, the CSV export and the quarterly report, in order.

Adding a section is one entry here: a selector `(*, periode) -> list[Tabel]` (build its
tables with `tabellen.tel_tabel` / `tabellen.lijst_tabel`, so they are suppressed) and,
only if the generic layout does not fit, its own template include. The page, the CSV
download (by table key), the report PDF and the tests of 'every table' all read this list.

The page and the CSV reuse a section's tables for `STATISTIEKEN_CACHE_SECONDEN` (default 600)
from the cache (Redis): the figures are aggregates that need not be up to the second, and a
cold page at 100,000 meldingen and claims costs several full scans (README, benchmark). The
quarterly report always computes fresh. What is cached is already suppressed. Sections
that are computed run in one transaction tuned for aggregates (`aggregatie_instellen`),
opened only when a section misses the cache.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .selectors import (
    aanvragen_tabellen,
    afhandeling_tabellen,
    meldingen_tabellen,
    ondersteuning_tabellen,
)
from .selectors._sql import aggregatie_instellen

logger = logging.getLogger(__name__)

STANDAARD_INCLUDE = "statistieken/_sectie.html"
# Bump when a table's shape changes, so no cached table of the old shape is shown.
CACHE_VERSIE = 1


@dataclass(frozen=True)
class Sectie:
    sleutel: str
    titel: str
    tabellen: Callable  # (*, periode) -> list[Tabel]
    include: str = STANDAARD_INCLUDE


SECTIES: list[Sectie] = [
    Sectie("meldingen", _("Meldingen"), meldingen_tabellen),
    Sectie("aanvragen", _("Aanvragen en bedragen"), aanvragen_tabellen),
    Sectie("afhandeling", _("Afhandeling"), afhandeling_tabellen),
    Sectie("ondersteuning", _("Ondersteuningsverzoeken"), ondersteuning_tabellen),
]


@dataclass
class GevuldeSectie:
    sectie: Sectie
    tabellen: list


def cache_seconden() -> int:
    """How long the page and the CSV may show figures of a moment ago (0: never cached)."""
    return int(getattr(settings, "STATISTIEKEN_CACHE_SECONDEN", 600))


def _sleutel(sectie: Sectie, periode) -> str:
    return f"statistieken:{CACHE_VERSIE}:{sectie.sleutel}:{periode.slug}:{get_language()}"


def _tabellen(sectie: Sectie, periode, *, vers: bool, instellen: Callable) -> list:
    """The section's tables, from the cache unless `vers` (a cache outage only costs time)."""
    seconden = 0 if vers else cache_seconden()
    if seconden:
        try:
            bewaard = cache.get(_sleutel(sectie, periode))
        except Exception:  # noqa: BLE001 - the cache is an optimisation, never a failure
            logger.warning("statistieken_cache_onbereikbaar", exc_info=True)
            bewaard, seconden = None, 0
        if bewaard is not None:
            return bewaard
    instellen()
    tabellen = sectie.tabellen(periode=periode)
    if seconden:
        try:
            cache.set(_sleutel(sectie, periode), tabellen, seconden)
        except Exception:  # noqa: BLE001
            logger.warning("statistieken_cache_onbereikbaar", exc_info=True)
    return tabellen


def _lui_instellen(stapel: ExitStack) -> Callable:
    """A function that, on its first call only, opens a transaction tuned for aggregates
    (`aggregatie_instellen`) that lasts until `stapel` closes: when every section comes from
    the cache, no query at all."""
    gedaan = []

    def instellen():
        if not gedaan:
            stapel.enter_context(transaction.atomic(savepoint=False))
            aggregatie_instellen()
            gedaan.append(True)

    return instellen


def secties_vullen(*, periode, vers: bool = False) -> list[GevuldeSectie]:
    """Every section's tables for `periode`; `vers=True` skips the cache (the report)."""
    with ExitStack() as stapel:
        instellen = _lui_instellen(stapel)
        return [
            GevuldeSectie(s, _tabellen(s, periode, vers=vers, instellen=instellen)) for s in SECTIES
        ]


def tabel_zoeken(*, periode, sleutel: str, vers: bool = False):
    """The table with key `sleutel` for `periode`, or None (runs only its own section)."""
    with ExitStack() as stapel:
        instellen = _lui_instellen(stapel)
        for sectie in SECTIES:
            for tabel in _tabellen(sectie, periode, vers=vers, instellen=instellen):
                if tabel.sleutel == sleutel:
                    return tabel
    return None
