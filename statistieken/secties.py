"""The sections of the statistics page, the CSV export and the quarterly report, in order.

Adding a section is one entry here: a selector `(*, periode) -> list[Tabel]` (build its
tables with `tabellen.tel_tabel` / `tabellen.lijst_tabel`, so they are suppressed) and,
only if the generic layout does not fit, its own template include. The page, the CSV
download (by table key), the report PDF and the tests of 'every table' all read this list.

The page and the CSV read each section's tables from a stored snapshot (`Momentopname`,
`momentopnamen.py`), refreshed every 10 minutes by `momentopnamen_verversen_task`: a cold
page at 100,000 meldingen and claims costs ~500 ms of PostgreSQL CPU (README, benchmark),
a page of snapshots one query. A missing snapshot is computed at once and stored. What is
stored is already suppressed. The quarterly report always computes fresh (`vers=True`).
Sections that are computed run in one transaction tuned for aggregates
(`aggregatie_instellen`), opened only when a section has no snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import momentopnamen
from .selectors import (
    aanvragen_tabellen,
    afhandeling_tabellen,
    meldingen_tabellen,
    ondersteuning_tabellen,
)
from .selectors._sql import aggregatie_instellen

STANDAARD_INCLUDE = "statistieken/_sectie.html"


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
    berekend_op: datetime


@transaction.atomic(savepoint=False)
def berekenen(secties: list[Sectie], periode, *, opslaan: bool) -> dict[str, GevuldeSectie]:
    """Compute `secties` for `periode` now, in one transaction tuned for aggregates, and
    store them as snapshots if `opslaan`."""
    berekend_op = timezone.now()
    aggregatie_instellen()
    gevuld = {
        s.sleutel: GevuldeSectie(s, s.tabellen(periode=periode), berekend_op) for s in secties
    }
    if opslaan:
        momentopnamen.opslaan(
            periode, {k: g.tabellen for k, g in gevuld.items()}, berekend_op=berekend_op
        )
    return gevuld


def secties_vullen(*, periode, vers: bool = False) -> list[GevuldeSectie]:
    """Every section's tables for `periode`: from the snapshots, the missing ones computed
    (and stored); `vers=True` computes every section and stores nothing (the report)."""
    if vers:
        return list(berekenen(SECTIES, periode, opslaan=False).values())
    bewaard = momentopnamen.lezen(periode)
    ontbrekend = [s for s in SECTIES if s.sleutel not in bewaard]
    berekend = berekenen(ontbrekend, periode, opslaan=True) if ontbrekend else {}
    return [
        berekend.get(s.sleutel)
        or GevuldeSectie(s, bewaard[s.sleutel].tabellen, bewaard[s.sleutel].berekend_op)
        for s in SECTIES
    ]


def tabel_zoeken(*, periode, sleutel: str, vers: bool = False):
    """The table with key `sleutel` for `periode`, or None; sections without a snapshot are
    computed (and stored) one by one, only up to the one that holds the table."""
    bewaard = {} if vers else momentopnamen.lezen(periode)
    for sectie in SECTIES:
        if sectie.sleutel in bewaard:
            tabellen = bewaard[sectie.sleutel].tabellen
        else:
            tabellen = berekenen([sectie], periode, opslaan=not vers)[sectie.sleutel].tabellen
        for tabel in tabellen:
            if tabel.sleutel == sleutel:
                return tabel
    return None
