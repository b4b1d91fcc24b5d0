"""CSV for Dutch spreadsheets, safe to open: one writer for every export of the service.

Written for Dutch Excel: UTF-8 with BOM, `;` as separator, comma decimals. Cells are
neutralised against spreadsheet formula injection (OWASP "CSV Injection"): a cell starting
with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a payee name such
as `=HYPERLINK(...)` is shown as text and never evaluated.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def neutraliseren(waarde: str) -> str:
    """Make a cell inert for spreadsheets: prefix a formula-starting cell with a quote."""
    return f"'{waarde}" if waarde.startswith(FORMULE_TEKENS) else waarde


def bedrag_tekst(bedrag: Decimal) -> str:
    """1234.5 -> '1234,50' (no thousands separator: Excel reads it as a number)."""
    return f"{bedrag:.2f}".replace(".", ",")


def csv_schrijven(uitvoer, rijen: Iterable[Iterable[object]]) -> None:
    """Write the BOM and the rows, every cell neutralised, to a file-like `uitvoer`."""
    uitvoer.write("\ufeff")
    csv.writer(uitvoer, delimiter=";", lineterminator="\r\n").writerows(
        [neutraliseren(str(cel)) for cel in rij] for rij in rijen
    )


def csv_response(bestandsnaam: str, rijen: Iterable[Iterable[object]]) -> HttpResponse:
    """An attachment download of `rijen` as spreadsheet-safe CSV."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    csv_schrijven(response, rijen)
    return response
