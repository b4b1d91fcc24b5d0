"""Small-count suppression: nothing from 1 to 4 can be read or computed from a table.

The property test checks the published table the way a reader would attack it, independently
of how `onderdrukken` decides: it writes down every relation the table publishes (row sums,
column sums, the grand total), treats each suppressed number as an unknown, and asks exact
linear algebra (fractions) whether any unknown is determined by the published numbers.
"""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from statistieken.onderdrukking import AFGESCHERMD, KLEIN, Cel, onderdrukken, verbergen


def _gepubliceerd(uitkomst, aantallen, rijtotalen, kolomtotalen):
    """Every published position with its Cel, and every relation as (cells, total)."""
    n, m = len(aantallen), len(aantallen[0])
    cellen = {(i, j): uitkomst.cellen[i][j] for i in range(n) for j in range(m)}
    relaties = []
    if uitkomst.rijtotalen is not None:
        for i in range(n):
            cellen[(i, "T")] = uitkomst.rijtotalen[i]
            relaties.append(([(i, j) for j in range(m)], (i, "T")))
    if uitkomst.kolomtotalen is not None:
        for j in range(m):
            cellen[("T", j)] = uitkomst.kolomtotalen[j]
            relaties.append(([(i, j) for i in range(n)], ("T", j)))
    if uitkomst.totaal is not None:
        cellen[("T", "T")] = uitkomst.totaal
        if uitkomst.kolomtotalen is not None and m > 1:
            relaties.append(([("T", j) for j in range(m)], ("T", "T")))
        if uitkomst.rijtotalen is not None:
            relaties.append(([(i, "T") for i in range(n)], ("T", "T")))
        if m == 1:
            relaties.append(([("T", 0)], ("T", "T")))
    return cellen, relaties


def _rang(rijen: list[list[Fraction]]) -> int:
    rijen = [list(r) for r in rijen]
    rang, kolommen = 0, len(rijen[0]) if rijen else 0
    for k in range(kolommen):
        spil = next((r for r in range(rang, len(rijen)) if rijen[r][k] != 0), None)
        if spil is None:
            continue
        rijen[rang], rijen[spil] = rijen[spil], rijen[rang]
        for r in range(len(rijen)):
            if r != rang and rijen[r][k] != 0:
                factor = rijen[r][k] / rijen[rang][k]
                rijen[r] = [a - factor * b for a, b in zip(rijen[r], rijen[rang], strict=True)]
        rang += 1
    return rang


def _bepaalde_onbekenden(cellen, relaties):
    """The suppressed positions a reader can compute exactly from the published relations."""
    onbekend = sorted((p for p, c in cellen.items() if c.onderdrukt), key=str)
    index = {p: k for k, p in enumerate(onbekend)}
    vergelijkingen = []
    for leden, totaal in relaties:
        rij = [Fraction(0)] * len(onbekend)
        for p in leden:
            if p in index:
                rij[index[p]] += 1
        if totaal in index:
            rij[index[totaal]] -= 1
        if any(rij):
            vergelijkingen.append(rij)
    basis = _rang(vergelijkingen) if vergelijkingen else 0
    bepaald = []
    for p, k in index.items():
        eenheid = [Fraction(int(q == k)) for q in range(len(onbekend))]
        if _rang([*vergelijkingen, eenheid]) == basis:
            bepaald.append(p)
    return bepaald


tabellen = st.integers(1, 6).flatmap(
    lambda n: st.integers(1, 5).flatmap(
        lambda m: st.lists(
            st.lists(
                st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 60)),
                min_size=m,
                max_size=m,
            ),
            min_size=n,
            max_size=n,
        )
    )
)


@settings(max_examples=400, deadline=None)
@given(tabellen, st.booleans(), st.booleans())
def test_no_count_from_1_to_4_can_be_read_or_computed(aantallen, rijtotalen, kolomtotalen):
    """For random tables: nothing 1-4 is shown, no suppressed number is determined by the
    published ones, a line with a published total hides 0 or at least 5 in total, and every
    published number is the true one."""
    uitkomst = onderdrukken(aantallen, rijtotalen=rijtotalen, kolomtotalen=kolomtotalen)
    cellen, relaties = _gepubliceerd(uitkomst, aantallen, rijtotalen, kolomtotalen)

    for p, cel in cellen.items():
        assert not (0 < (cel.getoond or 0) < 5), p
        assert cel.onderdrukt or cel.tekst == str(cel.waarde)
    for (i, j), cel in cellen.items():
        if i != "T" and j != "T":
            assert cel.waarde == aantallen[i][j]
    for leden, totaal in relaties:
        assert cellen[totaal].waarde == sum(cellen[p].waarde for p in leden)
        if not cellen[totaal].onderdrukt:
            verborgen = sum(cellen[p].waarde for p in leden if cellen[p].onderdrukt)
            assert verborgen == 0 or verborgen >= 5, (leden, totaal)
    assert _bepaalde_onbekenden(cellen, relaties) == []


def test_a_single_small_cell_takes_the_smallest_neighbour_with_it():
    """3 in a row with 10 and 50: the 10 is suppressed as well (the least lost), shown as x;
    the column relation then needs a partner too."""
    uitkomst = onderdrukken([[3, 10, 50], [20, 30, 40]])

    assert [c.tekst for c in uitkomst.cellen[0]] == [KLEIN, AFGESCHERMD, "50"]
    assert [c.tekst for c in uitkomst.cellen[1]] == [AFGESCHERMD, AFGESCHERMD, "40"]
    assert uitkomst.totaal.tekst == "153"


def test_zero_stays_zero_and_large_counts_are_shown():
    """An empty cell identifies nobody: 0 is published; so are counts of 5 and more."""
    uitkomst = onderdrukken([[0], [5], [12]])

    assert [r[0].tekst for r in uitkomst.cellen] == ["0", "5", "12"]
    assert uitkomst.totaal.tekst == "17"


def test_a_small_total_is_suppressed_and_so_are_its_cells():
    """A column of 2 and 0: the total 2 is itself small."""
    uitkomst = onderdrukken([[2], [0]])

    assert uitkomst.totaal.tekst == KLEIN
    assert uitkomst.cellen[0][0].tekst == KLEIN


def test_two_small_cells_whose_sum_is_small_take_a_third():
    """1 and 2 in one column with a published total would say 'together 3': a third cell goes."""
    uitkomst = onderdrukken([[1], [2], [9], [40]])

    assert [r[0].tekst for r in uitkomst.cellen] == [KLEIN, KLEIN, AFGESCHERMD, "40"]


def test_amounts_follow_their_count():
    """An amount is shown only when its count is."""
    assert verbergen(1234, Cel(3, primair=True)) is None
    assert verbergen(1234, Cel(30, secundair=True)) is None
    assert verbergen(1234, Cel(30)) == 1234
