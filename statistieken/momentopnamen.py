"""Reading and storing snapshots (`Momentopname`): a section's suppressed tables per period.

A snapshot is read in one query for all sections of a period and written in one statement.
It is keyed by (period, section, language); a snapshot of another `versie` (a table's
shape changed in a release) counts as missing, so it is computed again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils.translation import get_language

from .models import Momentopname
from .tabellen import Tabel

# Bump when a table's shape changes, so no snapshot of the old shape is shown.
VERSIE = 1


@dataclass
class Bewaard:
    tabellen: list[Tabel]
    berekend_op: datetime


def lezen(periode) -> dict[str, Bewaard]:
    """The current snapshots of `periode` in the active language, by section key."""
    rijen = Momentopname.objects.filter(
        periode=periode.slug, taal=get_language(), versie=VERSIE
    ).values_list("sectie", "tabellen", "berekend_op")
    return {
        sectie: Bewaard([Tabel.uit_json(t) for t in tabellen], berekend_op)
        for sectie, tabellen, berekend_op in rijen
    }


_OPSLAAN = """
    INSERT INTO {tabel} (periode, sectie, taal, versie, tabellen, berekend_op)
    VALUES {waarden}
    ON CONFLICT (periode, sectie, taal) DO UPDATE
       SET versie = EXCLUDED.versie, tabellen = EXCLUDED.tabellen,
           berekend_op = EXCLUDED.berekend_op
     WHERE {tabel}.berekend_op <= EXCLUDED.berekend_op OR {tabel}.versie <> EXCLUDED.versie
"""


def opslaan(periode, secties: dict[str, list[Tabel]], *, berekend_op: datetime) -> None:
    """Store (insert or replace) the tables of `secties` for `periode`, in one statement.

    Concurrent writers (the refresh task and a page that computed a missing snapshot) never
    put older figures over newer ones: a row is only replaced by a later computation.
    """
    if not secties:
        return
    tabel = connection.ops.quote_name(Momentopname._meta.db_table)
    waarden, params = [], []
    for sectie, tabellen in secties.items():
        waarden.append("(%s, %s, %s, %s, %s::jsonb, %s)")
        inhoud = json.dumps([t.naar_json() for t in tabellen], ensure_ascii=False)
        params += [periode.slug, sectie, get_language(), VERSIE, inhoud, berekend_op]
    sql = _OPSLAAN.format(tabel=tabel, waarden=", ".join(waarden))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
