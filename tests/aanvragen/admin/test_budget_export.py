"""Budget page per policy year, and the spreadsheet-safe cell rule of every CSV export."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fondsbeveiliging.opmaak.spreadsheet import neutraliseren
from tests.aanvragen.admin.conftest import met_verzonden_besluit

pytestmark = pytest.mark.django_db

BUDGET = reverse("admin:aanvragen_aanvraag_budget")


@pytest.mark.parametrize("rol", ["beoordelaar", "tweede_beoordelaar", "financieel_medewerker"])
def test_budget_page_shows_the_figures_of_the_year(
    rol, request, verified_client, beoordelaar, tweede_beoordelaar, regeling
):
    met_verzonden_besluit(beoordelaar, tweede_beoordelaar)  # 1234,56 committed this year
    client = verified_client(request.getfixturevalue(rol))
    response = client.get(BUDGET, {"jaar": timezone.localdate().year})
    assert response.status_code == 200
    html = response.content.decode()
    assert "€\xa01.000.000,00" in html
    assert "€\xa01.234,56" in html
    assert "€\xa0998.765,44" in html


def test_budget_is_linked_from_the_queue(verified_client, beoordelaar, regeling):
    html = verified_client(beoordelaar).get(reverse("admin:aanvragen_aanvraag_changelist"))
    assert BUDGET in html.content.decode()


def test_budget_page_is_not_for_the_functioneel_beheerder(verified_client, functioneel_beheerder):
    assert verified_client(functioneel_beheerder).get(BUDGET).status_code == 403


def test_unknown_year_is_404(verified_client, beoordelaar, regeling):
    assert verified_client(beoordelaar).get(BUDGET, {"jaar": "1900"}).status_code == 404


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6", "'+31 6"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Jansen", "Jansen"),
        ("", ""),
    ],
)
def test_cells_starting_a_formula_are_neutralised(waarde, verwacht):
    assert neutraliseren(waarde) == verwacht


def test_budget_is_linked_from_the_app_index(verified_client, financieel_medewerker):
    html = verified_client(financieel_medewerker).get(reverse("admin:app_list", args=["aanvragen"]))
    assert BUDGET in html.content.decode()
