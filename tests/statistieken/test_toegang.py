"""Who reaches the statistics: assessors, teamleider and functioneel beheerder; nobody else."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGINA = "admin:statistieken_kwartaalrapport_changelist"


@pytest.mark.parametrize("rol", ["beoordelaar", "tweede_beoordelaar", "functioneel_beheerder"])
def test_statistics_roles_see_the_page_and_its_csv(rol, request, verified_client):
    """The three statistics roles get the page (with every section) and a table as CSV."""
    client = verified_client(request.getfixturevalue(rol))

    pagina = client.get(reverse(PAGINA), {"jaar": 2025})
    csv = client.get(
        reverse("admin:statistieken_tabel_csv", args=["meldingen-per-maand"]), {"jaar": 2025}
    )

    assert pagina.status_code == 200
    html = pagina.content.decode()
    for kop in ("Meldingen", "Aanvragen en bedragen", "Afhandeling", "Kwartaalrapporten"):
        assert kop in html
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")


def test_finance_gets_403(verified_client, financieel_medewerker):
    """Finance has no use for the statistics: refused (the page and the CSV)."""
    client = verified_client(financieel_medewerker)

    assert client.get(reverse(PAGINA)).status_code == 403
    url = reverse("admin:statistieken_tabel_csv", args=["meldingen-per-maand"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("rol", ["gemeente_medewerker", "ambtsdrager"])
def test_municipality_and_office_holders_never_reach_the_back_office(rol, request, client):
    """Not staff: the admin sends them to its login page, nothing of the statistics shows."""
    client.force_login(request.getfixturevalue(rol))

    response = client.get(reverse(PAGINA))

    assert response.status_code == 302
    assert "statistieken" not in response.get("Location", "").split("next=")[0]


def test_staff_without_two_factor_is_sent_to_login(client, beoordelaar):
    """Password alone is not enough for the back office."""
    client.force_login(beoordelaar)

    assert client.get(reverse(PAGINA)).status_code == 302


def test_the_admin_index_links_to_the_statistics(verified_client, beoordelaar):
    """The back office index lists the statistics page."""
    html = verified_client(beoordelaar).get(reverse("admin:index")).content.decode()

    assert reverse(PAGINA) in html


def test_an_unknown_table_is_404_and_a_bad_period_falls_back(verified_client, beoordelaar):
    client = verified_client(beoordelaar)

    assert (
        client.get(reverse("admin:statistieken_tabel_csv", args=["bestaat-niet"])).status_code
        == 404
    )
    response = client.get(reverse(PAGINA), {"jaar": "2025", "kwartaal": "1", "maand": "7"})
    assert response.status_code == 200
    assert "valt niet in het gekozen kwartaal" in response.content.decode()
