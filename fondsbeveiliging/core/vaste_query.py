"""Queries compiled to SQL once per process and prepared once per database session.

Django compiles a queryset to SQL every time it is evaluated, and PostgreSQL plans that SQL
every time it arrives. For the letter task's few small statements both cost more than
running them: measured between renders, the lock on the letter (a five-table join) spent
0.5-1 ms of its 1.8 ms in planning, and the ORM's `save(update_fields=...)` 0.6 ms in Python
(`benchmarks/brieven_task.py`, issue 21 item 5).

`VasteQuery` (a read), `VasteUpdate` and `VasteInsert` compile an ORM statement once, remember
where their placeholder values sit among the SQL parameters, and send it to PostgreSQL once
per database session as a prepared statement (`PREPARE`); each call is then an `EXECUTE`
with the real values. Prepared statements outlive a rolled-back transaction and end with the
session, so they are tracked per driver connection: a reconnect (`CONN_MAX_AGE`, a restarted
server) prepares again. The SQL is the ORM's own, so the lock (`select_for_update`), the
joins and the filters stay exactly what the queryset says; reads turn rows into model
instances the way Django's `ModelIterable` does (`from_db`, the fields' converters, so
encrypted fields are decrypted, and the `select_related` rows attached).

Needs a session of its own per connection: a direct connection or a pooler in session mode.
A pooler in transaction mode hands statements to server sessions that never saw the
PREPARE; set `DATABASE_PREPARED_STATEMENTS=false` there, and the same SQL is sent as a
plain statement.

Only for hot paths with a fixed shape; everything else uses the ORM as usual. Relies on the
compiler's `select`/`klass_info` and `get_related_populators`, internal to Django 5.2: the
tests compare the results with the ORM's, so an upgrade that changes them fails there.
"""

from __future__ import annotations

import hashlib
import inspect
import itertools
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql import InsertQuery, UpdateQuery

# Django writes parameters as %s and a literal percent sign as %%; PREPARE numbers them.
_PLAATSHOUDER = re.compile(r"%%|%s")


def _genummerd(sql: str) -> str:
    """The SQL with Django's %s placeholders as PostgreSQL's $1, $2, ..."""
    teller = itertools.count(1)
    return _PLAATSHOUDER.sub(lambda m: "%" if m.group() == "%%" else f"${next(teller)}", sql)


def _posities(params, plaatshouders: dict) -> dict[str, int]:
    posities = {}
    for naam, waarde in plaatshouders.items():
        gevonden = [i for i, param in enumerate(params) if param == waarde]
        if len(gevonden) != 1:
            raise ValueError(f"placeholder {naam}={waarde!r} found {len(gevonden)} times")
        posities[naam] = gevonden[0]
    return posities


# The statements prepared per driver connection, by name (the same SQL gets the same name,
# whichever object prepared it). Keys die with their connection: a new session starts empty.
_VOORBEREID: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Voorbereid:
    """One statement, prepared on each driver connection the first time it runs there."""

    def __init__(self, sql: str, params: tuple, posities: dict[str, int]):
        self.sql = sql
        self.params = params
        self.posities = posities
        self.naam = "vq_" + hashlib.sha1(sql.encode(), usedforsecurity=False).hexdigest()[:16]
        self._uitvoeren = f"EXECUTE {self.naam} ({', '.join(['%s'] * len(params))})"

    def uitvoeren(self, verbinding, cursor, waarden: dict) -> None:
        params = list(self.params)
        for naam, positie in self.posities.items():
            params[positie] = waarden[naam]
        if not getattr(settings, "DATABASE_PREPARED_STATEMENTS", True):
            cursor.execute(self.sql, params)
            return
        voorbereid = _VOORBEREID.setdefault(verbinding.connection, set())
        if self.naam not in voorbereid:
            # Sent without parameters: the driver leaves the SQL (and its %) as it is.
            cursor.execute(f"PREPARE {self.naam} AS {_genummerd(self.sql)}")
            voorbereid.add(self.naam)
        cursor.execute(self._uitvoeren, params)


@dataclass(frozen=True)
class _Lezen:
    opdracht: _Voorbereid
    compiler: object
    converters: dict
    model: type[Model]
    velden: list[str]
    begin: int
    einde: int
    populators: list
    vergrendelt: bool


class _PerDatabase:
    """Compile once per database alias, on first use (the apps must be loaded)."""

    def __init__(self):
        self._per_database: dict[str, object] = {}

    def _gecompileerd(self, using: str):
        vast = self._per_database.get(using)
        if vast is None:
            vast = self._per_database[using] = self._compileren(using)
        return vast

    def _compileren(self, using: str):
        raise NotImplementedError

    def _schrijven(self, using: str, waarden: dict) -> int:
        """Run a compiled write statement; the number of rows it changed."""
        verbinding = connections[using]
        with verbinding.cursor() as cursor:
            self._gecompileerd(using).uitvoeren(verbinding, cursor, waarden)
            return cursor.rowcount


class VasteQuery(_PerDatabase):
    """`maak(**plaatshouders)` builds the queryset; call with real values to run it.

    Each placeholder value must appear exactly once among the compiled parameters (pick a
    value nothing else in the query uses, e.g. a negative id).
    """

    def __init__(self, maak: Callable[..., QuerySet], **plaatshouders):
        super().__init__()
        self._maak = maak
        self._plaatshouders = plaatshouders

    def _compileren(self, using: str) -> _Lezen:
        queryset = self._maak(**self._plaatshouders)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        select, klass_info = compiler.select, compiler.klass_info
        kolommen = [kolom[0] for kolom in select[: compiler.col_count]]
        if compiler.has_composite_fields(kolommen):
            raise ValueError("composite fields are not supported")
        begin, einde = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _Lezen(
            opdracht=_Voorbereid(sql, tuple(params), _posities(params, self._plaatshouders)),
            compiler=compiler,
            # Looked up once: Django's results_iter does it again for every query.
            converters=compiler.get_converters(kolommen),
            model=klass_info["model"],
            velden=[kolom[0].target.attname for kolom in select[begin:einde]],
            begin=begin,
            einde=einde,
            populators=get_related_populators(klass_info, select, using),
            vergrendelt=bool(queryset.query.select_for_update),
        )

    def __call__(self, *, using: str = "default", **waarden) -> list[Model]:
        vast = self._gecompileerd(using)
        verbinding = connections[using]
        if vast.vergrendelt and not verbinding.in_atomic_block:
            # The same refusal the ORM gives: a lock outside a transaction ends at once.
            raise RuntimeError("select_for_update needs a transaction (transaction.atomic)")
        with verbinding.cursor() as cursor:
            vast.opdracht.uitvoeren(verbinding, cursor, waarden)
            rijen = cursor.fetchall()
        objecten = []
        if vast.converters:
            rijen = vast.compiler.apply_converters(rijen, vast.converters)
        for rij in rijen:
            obj = vast.model.from_db(using, vast.velden, rij[vast.begin : vast.einde])
            for populator in vast.populators:
                populator.populate(rij, obj)
            objecten.append(obj)
        return objecten


class VasteUpdate(_PerDatabase):
    """`queryset.update(...)`, compiled once.

    `maak` builds the queryset from the placeholders named as its parameters; the other
    placeholders are fields set to the value given at each call; `vast` holds the fields
    set to the same value or expression every time (`F("pogingen") + 1` stays one). Returns
    the number of rows changed, as `update()` does. Each placeholder value must appear
    exactly once among the compiled parameters, as for `VasteQuery`. Values are sent as
    given, without the field's own conversion: plain columns only (no encrypted field).
    """

    def __init__(self, maak: Callable[..., QuerySet], *, vast: dict, **plaatshouders):
        super().__init__()
        self._maak = maak
        self._vast = vast
        self._plaatshouders = plaatshouders

    def _compileren(self, using: str) -> _Voorbereid:
        filter_namen = inspect.signature(self._maak).parameters
        filter_ = {n: w for n, w in self._plaatshouders.items() if n in filter_namen}
        velden = {n: w for n, w in self._plaatshouders.items() if n not in filter_namen}
        query = self._maak(**filter_).query.chain(UpdateQuery)
        query.add_update_values({**velden, **self._vast})
        sql, params = query.get_compiler(using=using).as_sql()
        return _Voorbereid(sql, tuple(params), _posities(params, self._plaatshouders))

    def __call__(self, *, using: str = "default", **waarden) -> int:
        return self._schrijven(using, waarden)


class VasteInsert(_PerDatabase):
    """`Model.objects.create(...)` without the returned instance, compiled once.

    `vast` holds the fields with the same value every time, the placeholders the others;
    fields left out get their default. No signals are sent and nothing is returned: for
    plain log rows only (no encrypted field; values are sent as given, as `VasteUpdate`).
    """

    def __init__(self, model: type[Model], *, vast: dict, **plaatshouders):
        super().__init__()
        self._model = model
        self._vast = vast
        self._plaatshouders = plaatshouders

    def _compileren(self, using: str) -> _Voorbereid:
        voorbeeld = self._model(**self._vast, **self._plaatshouders)
        velden = [veld for veld in self._model._meta.concrete_fields if not veld.generated]
        velden = [veld for veld in velden if veld is not self._model._meta.auto_field]
        gegeven = {*self._vast, *self._plaatshouders}
        for veld in velden:
            if {veld.name, veld.attname} & gegeven:
                continue
            if getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
                # Compiled once, "now" would be the moment of compiling for every row.
                raise ValueError(f"{veld.name} is set at save time: give it a placeholder")
            if veld.has_default() and callable(veld.default):
                raise ValueError(f"{veld.name} has a computed default: give it a placeholder")
        query = InsertQuery(self._model)
        query.insert_values(velden, [voorbeeld])
        ((sql, params),) = query.get_compiler(using=using).as_sql()
        return _Voorbereid(sql, tuple(params), _posities(params, self._plaatshouders))

    def __call__(self, *, using: str = "default", **waarden) -> None:
        self._schrijven(using, waarden)
