"""A statistics table as the page, the CSV export and the report all show it.

A selector turns query results into a `Tabel` with `tel_tabel` (a table of counts, 1- or
2-dimensional, with totals) or `lijst_tabel` (one count per row plus amounts, shares or
durations that follow that count). Both suppress through `onderdrukking.onderdrukken`, so a
`Tabel` never holds a number that may not be published: what is in it may be shown
anywhere. Formatting is Dutch (thousands with '.', decimals with ','), as everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.opmaak.formaat import euro
from fondsbeveiliging.opmaak.spreadsheet import bedrag_tekst

from .onderdrukking import Cel, onderdrukken, verbergen

AANTAL, BEDRAG, PERCENTAGE, DAGEN = "aantal", "bedrag", "percentage", "dagen"


@dataclass(frozen=True)
class Kolom:
    label: str
    soort: str = AANTAL


@dataclass(frozen=True)
class Waarde:
    """One shown cell: the text on screen and in the report, the CSV text, the chart value."""

    tekst: str
    csv: str
    getal: float | None = None

    @property
    def is_onderdrukt(self) -> bool:
        return self.getal is None and self.tekst in ("<5", "x")


@dataclass
class Rij:
    label: str
    waarden: list[Waarde]
    is_totaal: bool = False


@dataclass
class Tabel:
    """A titled table with a generated explanation and, optionally, a chart of one column."""

    sleutel: str
    titel: str
    rijkop: str
    kolommen: list[Kolom]
    rijen: list[Rij]
    toelichting: str = ""
    grafiek: str = ""  # "", "staaf" or "lijn"
    grafiek_kolom: int = 0
    heeft_onderdrukking: bool = field(default=False)

    def csv_rijen(self) -> list[list[str]]:
        """Header and rows for `opmaak.spreadsheet.csv_response`."""
        return [
            [self.rijkop, *[k.label for k in self.kolommen]],
            *[[rij.label, *[w.csv for w in rij.waarden]] for rij in self.rijen],
        ]

    def naar_json(self) -> dict:
        """The table as JSON-safe data (texts already translated), for a snapshot."""
        return {
            "sleutel": self.sleutel,
            "titel": str(self.titel),
            "rijkop": str(self.rijkop),
            "kolommen": [[str(k.label), k.soort] for k in self.kolommen],
            "rijen": [
                [str(r.label), [[w.tekst, w.csv, w.getal] for w in r.waarden], r.is_totaal]
                for r in self.rijen
            ],
            "toelichting": str(self.toelichting),
            "grafiek": self.grafiek,
            "grafiek_kolom": self.grafiek_kolom,
            "heeft_onderdrukking": self.heeft_onderdrukking,
        }

    @classmethod
    def uit_json(cls, data: dict) -> Tabel:
        """The table `naar_json` stored (no suppression again: it was stored suppressed)."""
        return cls(
            **{
                **data,
                "kolommen": [Kolom(label, soort) for label, soort in data["kolommen"]],
                "rijen": [
                    Rij(label, [Waarde(*w) for w in waarden], is_totaal)
                    for label, waarden, is_totaal in data["rijen"]
                ],
            }
        )

    def reeks(self) -> list[tuple[str, float | None, str]]:
        """(label, value or None, shown text) of the charted column, totals left out."""
        k = self.grafiek_kolom
        return [
            (r.label, r.waarden[k].getal, r.waarden[k].tekst) for r in self.rijen if not r.is_totaal
        ]


def getal_tekst(waarde: int | float | Decimal, decimalen: int = 0) -> str:
    """12345 -> '12.345'; 12.5 with 1 decimal -> '12,5'."""
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def waarde_van_cel(cel: Cel) -> Waarde:
    if cel.onderdrukt:
        return Waarde(cel.tekst, cel.tekst, None)
    return Waarde(getal_tekst(cel.waarde), str(cel.waarde), float(cel.waarde))


def waarde_van(getal, soort: str) -> Waarde:
    """A derived value (amount, share, days) that is published; None shows as '-'."""
    if getal is None:
        return Waarde("-", "", None)
    if soort == BEDRAG:
        bedrag = Decimal(getal)
        return Waarde(euro(bedrag), bedrag_tekst(bedrag), float(bedrag))
    if soort == PERCENTAGE:
        return Waarde(f"{getal_tekst(getal, 1)}%", getal_tekst(getal, 1), float(getal))
    if soort == DAGEN:
        return Waarde(getal_tekst(getal, 1), getal_tekst(getal, 1), float(getal))
    return Waarde(getal_tekst(getal), str(getal), float(getal))


def verborgen_waarde(getal, soort: str, cel: Cel) -> Waarde:
    """A derived value shown only when its count `cel` is published (else its mark)."""
    if cel.onderdrukt:
        return Waarde(cel.tekst, cel.tekst, None)
    return waarde_van(verbergen(getal, cel), soort)


def aandeel(deel: int, geheel: int) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def tel_tabel(
    *,
    sleutel: str,
    titel: str,
    rijkop: str,
    rijlabels: Sequence[str],
    kolomlabels: Sequence[str],
    aantallen: list[list[int]],
    rijtotalen: bool = True,
    kolomtotalen: bool = True,
    **extra,
) -> Tabel:
    """A table of counts (rows x columns), suppressed, with a 'Totaal' column and row."""
    uitkomst = onderdrukken(aantallen, rijtotalen=rijtotalen, kolomtotalen=kolomtotalen)
    kolommen = [Kolom(label) for label in kolomlabels]
    if uitkomst.rijtotalen is not None:
        kolommen.append(Kolom(str(_("Totaal"))))
    rijen = []
    for i, label in enumerate(rijlabels):
        cellen = list(uitkomst.cellen[i])
        if uitkomst.rijtotalen is not None:
            cellen.append(uitkomst.rijtotalen[i])
        rijen.append(Rij(label, [waarde_van_cel(c) for c in cellen]))
    if uitkomst.kolomtotalen is not None:
        cellen = list(uitkomst.kolomtotalen)
        if uitkomst.rijtotalen is not None or len(kolomlabels) == 1:
            cellen = cellen if len(kolomlabels) == 1 else [*cellen, uitkomst.totaal]
        rijen.append(Rij(str(_("Totaal")), [waarde_van_cel(c) for c in cellen], is_totaal=True))
    alle = [c for rij in uitkomst.cellen for c in rij]
    alle += [*(uitkomst.rijtotalen or []), *(uitkomst.kolomtotalen or [])]
    return Tabel(
        sleutel=sleutel,
        titel=titel,
        rijkop=rijkop,
        kolommen=kolommen,
        rijen=rijen,
        heeft_onderdrukking=any(c.onderdrukt for c in alle),
        **extra,
    )


@dataclass(frozen=True)
class Regel:
    """One row of a `lijst_tabel`: a label, its count and values that follow the count."""

    label: str
    aantal: int | None
    afgeleid: tuple = ()


def lijst_tabel(
    *,
    sleutel: str,
    titel: str,
    rijkop: str,
    aantal_label: str,
    regels: Sequence[Regel],
    afgeleide_kolommen: Sequence[Kolom] = (),
    totaal: Regel | None = None,
    **extra,
) -> Tabel:
    """One count per row (suppressed; with a total row if `totaal`) plus derived columns.

    A derived value (an amount, a share, days) is hidden wherever its row's count is.
    `totaal.aantal` must be the sum of the rows' counts when given (it is then a published
    relation the suppression accounts for). When the rows may overlap (a claim with two
    cost categories), pass `totaal.aantal=None`: the count is not shown in the total row,
    but the derived totals (amounts add up) are, so suppression still assumes the relation.
    """
    uitkomst = onderdrukken(
        [[r.aantal] for r in regels], rijtotalen=False, kolomtotalen=totaal is not None
    )
    rijen = []
    paren = [(r, uitkomst.cellen[i][0], False) for i, r in enumerate(regels)]
    if totaal is not None:
        # No rows at all: nothing to protect, the total is 0.
        paren.append((totaal, uitkomst.totaal or Cel(0), True))
    for regel, cel, is_totaal in paren:
        waarden = [waarde_van_cel(cel)]
        if regel.aantal is None:
            waarden = [Waarde("-", "", None)]
        for kolom, getal in zip(afgeleide_kolommen, regel.afgeleid, strict=True):
            waarden.append(verborgen_waarde(getal, kolom.soort, cel))
        rijen.append(Rij(regel.label, waarden, is_totaal=is_totaal))
    cellen = [c for rij in uitkomst.cellen for c in rij] + [uitkomst.totaal] * bool(totaal)
    return Tabel(
        sleutel=sleutel,
        titel=titel,
        rijkop=rijkop,
        kolommen=[Kolom(aantal_label), *afgeleide_kolommen],
        rijen=rijen,
        heeft_onderdrukking=any(c is not None and c.onderdrukt for c in cellen),
        **extra,
    )
