"""Small-count suppression: the one rule for the page, the CSV export and the quarterly report.

The rule (domain.md §9, issue 17):

1. Primary suppression: every published count from 1 to 4, a cell or a total, is shown as
   "<5". Zero stays 0 (an empty cell identifies nobody).
2. Secondary (complementary) suppression, so that no suppressed count can be computed back
   from what is published. A table publishes linear relations: each row sums to its row
   total, each column to its column total, the totals to the grand total. For every such
   relation ("line") that holds a suppressed number:
   - a line never has exactly one unknown (a cell or its total): otherwise subtraction
     gives it back;
   - when the line's total is published, the suppressed cells of that line add up to 5 or
     more: otherwise the reader learns that they are small together.
   When a line breaks one of these, a non-zero published cell of that line is suppressed
   as well, or the line's total when no cell is left: preferably one whose crossing line
   already hides a number (so one suppression repairs both), else the smallest (the least
   information lost). Then the whole table is checked for combinations of lines: the unknowns form a
   graph (a row and a column are nodes, a suppressed number is an edge between its row
   and its column); a number is recoverable from the published ones exactly when its edge
   is a bridge of that graph, so bridges are broken up the same way. This repeats until
   nothing changes (a fixpoint); it always ends, because suppressing every non-zero number
   leaves no bridge.
   Secondary suppressions are shown as "x" (their value is not small, only protected).
3. Amounts (euros, days, shares) that belong to a suppressed count are not shown either:
   callers pass the count mask to `verbergen` so amounts follow the counts' pattern, which
   protects them by the same argument.

Pure functions on lists of ints; no ORM. `tests/statistieken/test_onderdrukking.py` holds
the property test (random tables: nothing in 1-4 can be computed, published values are the
true ones).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

DREMPEL = 5  # counts below this (and above 0) are never published
KLEIN = "<5"
AFGESCHERMD = "x"


@dataclass(frozen=True)
class Cel:
    """One published number: its true value and how it may be shown."""

    waarde: int
    primair: bool = False  # 1-4 itself
    secundair: bool = False  # protects another cell

    @property
    def onderdrukt(self) -> bool:
        return self.primair or self.secundair

    @property
    def tekst(self) -> str:
        """What a reader sees: "<5", "x", or the number."""
        if self.primair:
            return KLEIN
        if self.secundair:
            return AFGESCHERMD
        return str(self.waarde)

    @property
    def getoond(self) -> int | None:
        """The value if published, else None."""
        return None if self.onderdrukt else self.waarde


@dataclass(frozen=True)
class Onderdrukt:
    """A suppressed table: cells, and the totals that were asked for (else None)."""

    cellen: list[list[Cel]]
    rijtotalen: list[Cel] | None
    kolomtotalen: list[Cel] | None
    totaal: Cel | None


def is_klein(waarde: int) -> bool:
    return 0 < waarde < DREMPEL


def onderdrukken(
    aantallen: list[list[int]], *, rijtotalen: bool = True, kolomtotalen: bool = True
) -> Onderdrukt:
    """Suppress a table of counts by the rule in the module docstring.

    `aantallen` is a rectangular list of rows of non-negative counts. `rijtotalen` /
    `kolomtotalen` say which totals are published (a grand total only with both, or with
    column totals of a one-column table, where the column total is the grand total).
    """
    raster = _Raster(aantallen, rijtotalen=rijtotalen, kolomtotalen=kolomtotalen)
    onderdrukt = {pos for pos, waarde in raster.waarden.items() if is_klein(waarde)}
    primair = set(onderdrukt)
    while True:
        extra = raster.lijn_reparatie(onderdrukt) or raster.brug_reparatie(onderdrukt)
        if extra is None:
            break
        onderdrukt.add(extra)
    return raster.resultaat(primair, onderdrukt)


class _Raster:
    """The table with its published totals, as positions (i, j) on an (n+1) x (m+1) grid.

    Row n holds the column totals, column m the row totals, (n, m) the grand total.
    """

    def __init__(self, aantallen, *, rijtotalen, kolomtotalen):
        self.n = len(aantallen)
        self.m = len(aantallen[0]) if aantallen else 0
        if any(len(rij) != self.m for rij in aantallen):
            raise ValueError("Table rows differ in length.")
        if any(w < 0 for rij in aantallen for w in rij):
            raise ValueError("Counts are never negative.")
        n, m = self.n, self.m
        # A one-column table's row totals would repeat its cells: never published.
        self.met_rijtotalen = rijtotalen and m > 1
        self.met_kolomtotalen = kolomtotalen and n > 0
        self.waarden: dict[tuple[int, int], int] = {
            (i, j): aantallen[i][j] for i in range(n) for j in range(m)
        }
        kolomsom = [sum(aantallen[i][j] for i in range(n)) for j in range(m)]
        if self.met_rijtotalen:
            for i in range(n):
                self.waarden[(i, m)] = sum(aantallen[i])
        if self.met_kolomtotalen:
            for j in range(m):
                self.waarden[(n, j)] = kolomsom[j]
        self.met_totaal = self.met_kolomtotalen and (self.met_rijtotalen or m == 1)
        if self.met_totaal and m > 1:
            self.waarden[(n, m)] = sum(kolomsom)
        self.lijnen = self._lijnen()

    def _lijnen(self) -> dict[str, tuple[list[tuple[int, int]], tuple[int, int]]]:
        """Each published relation: its cells and the position of its total."""
        n, m = self.n, self.m
        lijnen = {}
        if self.met_rijtotalen:
            for i in range(n):
                lijnen[f"r{i}"] = ([(i, j) for j in range(m)], (i, m))
            if self.met_kolomtotalen:
                lijnen[f"r{n}"] = ([(n, j) for j in range(m)], (n, m))
        if self.met_kolomtotalen:
            for j in range(m):
                lijnen[f"k{j}"] = ([(i, j) for i in range(n)], (n, j))
            if self.met_rijtotalen:
                lijnen[f"k{m}"] = ([(i, m) for i in range(n)], (n, m))
        return lijnen

    def _kleinste(self, posities, onderdrukt, lijn: str | None = None):
        """The partner to suppress among `posities` (of line `lijn`), or None.

        Preferred: a number whose other line already hides something (one suppression then
        serves both lines, instead of starting a new leak there); then the smallest value.
        """
        kandidaten = [p for p in posities if p not in onderdrukt and self.waarden[p] > 0]
        if not kandidaten:
            return None

        def sleutel(p):
            andere = [k for k in self._knopen(p) if k not in (lijn, "vrij")]
            gedeeld = any(
                q in onderdrukt for k in andere for q in [*self.lijnen[k][0], self.lijnen[k][1]]
            )
            return (not gedeeld, self.waarden[p], p)

        return min(kandidaten, key=sleutel)

    def lijn_reparatie(self, onderdrukt) -> tuple[int, int] | None:
        """The next number to suppress for a line that gives something away, or None."""
        for naam, (cellen, totaal) in self.lijnen.items():
            verborgen = [p for p in cellen if p in onderdrukt]
            totaal_verborgen = totaal in onderdrukt
            aantal = len(verborgen) + totaal_verborgen
            if aantal == 0:
                continue
            som = sum(self.waarden[p] for p in verborgen)
            lek = aantal == 1 or (not totaal_verborgen and som < DREMPEL)
            if lek:
                keuze = self._kleinste(cellen, onderdrukt, naam)
                if keuze is None and not totaal_verborgen and self.waarden[totaal] > 0:
                    keuze = totaal
                if keuze is not None:
                    return keuze
        return None

    def _knopen(self, pos) -> tuple[str, str]:
        """The row node and the column node of a position ("vrij" when not a relation)."""
        i, j = pos
        rij, kolom = f"r{i}", f"k{j}"
        return (
            rij if rij in self.lijnen else "vrij",
            kolom if kolom in self.lijnen else "vrij",
        )

    def brug_reparatie(self, onderdrukt) -> tuple[int, int] | None:
        """The next number to suppress because a suppressed one is a bridge, or None."""
        randen = [(pos, *self._knopen(pos)) for pos in sorted(onderdrukt)]
        for pos in _bruggen(randen):
            for knoop in self._knopen(pos):
                if knoop == "vrij":
                    continue
                cellen, totaal = self.lijnen[knoop]
                keuze = self._kleinste([*cellen, totaal], onderdrukt, knoop)
                if keuze is not None:
                    return keuze
            keuze = self._kleinste(list(self.waarden), onderdrukt)
            if keuze is not None:
                return keuze
        return None

    def resultaat(self, primair, onderdrukt) -> Onderdrukt:
        def cel(pos):
            return Cel(
                self.waarden[pos],
                primair=pos in primair,
                secundair=pos in onderdrukt and pos not in primair,
            )

        n, m = self.n, self.m
        totaal = None
        if self.met_totaal:
            totaal = cel((n, m)) if m > 1 else cel((n, 0))
        return Onderdrukt(
            cellen=[[cel((i, j)) for j in range(m)] for i in range(n)],
            rijtotalen=[cel((i, m)) for i in range(n)] if self.met_rijtotalen else None,
            kolomtotalen=[cel((n, j)) for j in range(m)] if self.met_kolomtotalen else None,
            totaal=totaal,
        )


def _bruggen(randen: list[tuple[object, str, str]]) -> list[object]:
    """The edges (by id) that are bridges of the multigraph `randen` = [(id, u, v), ...].

    An edge from a node to itself (both ends free) is a lone unknown without a relation:
    nothing determines it, so it is never a bridge. Iterative Tarjan (no recursion limit).
    """
    buren = defaultdict(list)
    for id_, u, v in randen:
        if u != v:
            buren[u].append((v, id_))
            buren[v].append((u, id_))
    ontdekt: dict[str, int] = {}
    laag: dict[str, int] = {}
    bruggen: list[object] = []
    for start in list(buren):
        if start not in ontdekt:
            _zoeken(start, buren, ontdekt, laag, bruggen)
    return bruggen


def _zoeken(start, buren, ontdekt, laag, bruggen) -> None:
    """Depth-first search from `start`, recording discovery and low numbers and bridges."""
    ontdekt[start] = laag[start] = len(ontdekt)
    stapel = [(start, None, iter(buren[start]))]
    while stapel:
        knoop, via, rest = stapel[-1]
        for buur, id_ in rest:
            if id_ == via:
                continue
            if buur in ontdekt:
                laag[knoop] = min(laag[knoop], ontdekt[buur])
                continue
            ontdekt[buur] = laag[buur] = len(ontdekt)
            stapel.append((buur, id_, iter(buren[buur])))
            break
        else:
            stapel.pop()
            if stapel:
                ouder = stapel[-1][0]
                laag[ouder] = min(laag[ouder], laag[knoop])
                if laag[knoop] > ontdekt[ouder]:
                    bruggen.append(via)


def verbergen(waarde, cel: Cel):
    """Return `waarde` (an amount, share or duration) only if its count `cel` is published."""
    return None if cel.onderdrukt else waarde
