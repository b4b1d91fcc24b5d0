"""A queryset compiled to SQL once per process, then run again with other values.

Django compiles a queryset to SQL every time it is evaluated. For the letter task's few
small queries that compilation costs more than PostgreSQL needs to plan and run them
(about 1 ms of the task's ~4 ms next to the render; `benchmarks/brieven_task.py`).
`VasteQuery` compiles a template queryset once, remembers where its placeholder values sit
among the SQL parameters, and turns rows into model instances the way Django's own
`ModelIterable` does: the same `from_db`, the fields' converters (so encrypted fields are
decrypted) and the `select_related` rows attached. Locks (`select_for_update`) stay in the
SQL exactly as the ORM wrote them.

Only for hot paths with a fixed shape; everything else uses the ORM as usual. Relies on the
compiler's `select`/`klass_info` and `get_related_populators`, internal to Django 5.2: the
tests compare its results with the ORM's, so an upgrade that changes them fails there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class _Gecompileerd:
    sql: str
    params: tuple
    posities: dict[str, int]
    compiler: object
    model: type[Model]
    velden: list[str]
    begin: int
    einde: int
    populators: list
    vergrendelt: bool


class VasteQuery:
    """`maak(**plaatshouders)` builds the queryset; call with real values to run it.

    Each placeholder value must appear exactly once among the compiled parameters (pick a
    value nothing else in the query uses, e.g. a negative id).
    """

    def __init__(self, maak: Callable[..., QuerySet], **plaatshouders):
        self._maak = maak
        self._plaatshouders = plaatshouders
        self._per_database: dict[str, _Gecompileerd] = {}

    def _compileren(self, using: str) -> _Gecompileerd:
        queryset = self._maak(**self._plaatshouders)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        posities = {}
        for naam, waarde in self._plaatshouders.items():
            gevonden = [i for i, param in enumerate(params) if param == waarde]
            if len(gevonden) != 1:
                raise ValueError(f"placeholder {naam}={waarde!r} found {len(gevonden)} times")
            posities[naam] = gevonden[0]
        select, klass_info = compiler.select, compiler.klass_info
        begin, einde = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _Gecompileerd(
            sql=sql,
            params=tuple(params),
            posities=posities,
            compiler=compiler,
            model=klass_info["model"],
            velden=[kolom[0].target.attname for kolom in select[begin:einde]],
            begin=begin,
            einde=einde,
            populators=get_related_populators(klass_info, select, using),
            vergrendelt=bool(queryset.query.select_for_update),
        )

    def __call__(self, *, using: str = "default", **waarden) -> list[Model]:
        vast = self._per_database.get(using)
        if vast is None:
            vast = self._per_database[using] = self._compileren(using)
        verbinding = connections[using]
        if vast.vergrendelt and not verbinding.in_atomic_block:
            # The same refusal the ORM gives: a lock outside a transaction ends at once.
            raise RuntimeError("select_for_update needs a transaction (transaction.atomic)")
        params = list(vast.params)
        for naam, positie in vast.posities.items():
            params[positie] = waarden[naam]
        with verbinding.cursor() as cursor:
            cursor.execute(vast.sql, params)
            rijen = cursor.fetchall()
        objecten = []
        for rij in vast.compiler.results_iter([rijen]):
            obj = vast.model.from_db(using, vast.velden, rij[vast.begin : vast.einde])
            for populator in vast.populators:
                populator.populate(rij, obj)
            objecten.append(obj)
        return objecten
