"""The one spreadsheet-safe CSV writer: BOM, `;`, and formulas made inert."""

import io
from decimal import Decimal

from fondsbeveiliging.opmaak.spreadsheet import bedrag_tekst, csv_response, csv_schrijven


def test_csv_starts_with_a_bom_and_uses_semicolons_and_crlf():
    uitvoer = io.StringIO()
    csv_schrijven(uitvoer, [["a", "b"], [1, "c;d"]])
    assert uitvoer.getvalue() == '\ufeffa;b\r\n1;"c;d"\r\n'


def test_every_cell_that_starts_a_formula_is_neutralised():
    uitvoer = io.StringIO()
    csv_schrijven(uitvoer, [["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "gewoon"]])
    assert uitvoer.getvalue() == "\ufeff'=HYPERLINK(1);'+1;'-2;'@SUM(A1);gewoon\r\n"


def test_amounts_have_a_decimal_comma_and_no_thousands_separator():
    assert bedrag_tekst(Decimal("1234.5")) == "1234,50"


def test_csv_response_is_an_attachment():
    response = csv_response("x.csv", [["a"]])
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8") == "\ufeffa\r\n"
