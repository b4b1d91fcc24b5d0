"""Budget page per policy year, and the finance CSV of payment instructions."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fondsbeveiliging.audit.models import Inzage, InzageActie
from fondsbeveiliging.opmaak.spreadsheet import neutraliseren
from tests.aanvragen.admin.conftest import met_concept_besluit, met_verzonden_besluit

pytestmark = pytest.mark.django_db

BUDGET = reverse("admin:aanvragen_aanvraag_budget")
EXPORT = reverse("admin:aanvragen_aanvraag_export")


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


def _rijen(response):
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    tekst = inhoud.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


@pytest.mark.parametrize("begin", ["=", "+", "-", "@"])
def test_finance_csv_neutralises_payee_names(
    begin, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker, regeling
):
    naam = f"{begin}cmd|' /C calc'!A0"
    aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar, rekeninghouder=naam)
    response = verified_client(financieel_medewerker).get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    kop, rij = _rijen(response)
    assert kop == ["kenmerk", "begunstigde", "IBAN", "bedrag", "uiterlijk betalen op"]
    assert rij[0] == aanvraag.kenmerk
    assert rij[1] == f"'{naam}"
    assert rij[2] == aanvraag.iban
    assert rij[3] == "1234,56"
    assert rij[4] == f"{besluit.betaaltermijn_einde:%d-%m-%Y}"
    inzage = Inzage.objects.get(actie=InzageActie.GEEXPORTEERD)
    assert inzage.gebruiker == financieel_medewerker
    assert aanvraag.rekeninghouder not in inzage.omschrijving


def test_csv_lists_approved_and_sent_unpaid_decisions_only(
    verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker, regeling
):
    from aanvragen.backoffice import services

    verzonden, _ = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
    betaald, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
    services.betaling_registreren(
        besluit_id=besluit.pk,
        door=financieel_medewerker,
        betaald_op=timezone.localdate(),
        bedrag=Decimal("1234.56"),
        referentie="B1",
    )
    concept, _ = met_concept_besluit(beoordelaar)
    rijen = _rijen(verified_client(financieel_medewerker).get(EXPORT))
    assert [r[0] for r in rijen[1:]] == [verzonden.kenmerk]


@pytest.mark.parametrize("rol", ["beoordelaar", "tweede_beoordelaar", "functioneel_beheerder"])
def test_csv_is_for_finance_only(rol, request, verified_client, regeling):
    client = verified_client(request.getfixturevalue(rol))
    assert client.get(EXPORT).status_code == 403
    assert not Inzage.objects.filter(actie=InzageActie.GEEXPORTEERD).exists()


def test_csv_needs_a_verified_staff_login(client, ambtsdrager):
    client.force_login(ambtsdrager)
    assert client.get(EXPORT).status_code == 302


def test_budget_is_linked_from_the_app_index(verified_client, financieel_medewerker):
    html = verified_client(financieel_medewerker).get(reverse("admin:app_list", args=["aanvragen"]))
    assert BUDGET in html.content.decode()
