"""Only office holders reach "Mijn gegevens"; only the owner downloads their export."""

import pytest
from django.urls import reverse

from gegevens.models import GegevensExport
from gegevens.tasks import export_maken_task

pytestmark = pytest.mark.django_db

ANDERE_ROLLEN = [
    "gemeente_medewerker",
    "beoordelaar",
    "tweede_beoordelaar",
    "financieel_medewerker",
    "functioneel_beheerder",
]


@pytest.fixture
def klare_export(ambtsdrager):
    export = GegevensExport.objects.create(eigenaar=ambtsdrager)
    export_maken_task(export.pk)
    export.refresh_from_db()
    return export


def test_the_owner_downloads_their_export(klare_export, ambtsdrager, client):
    client.force_login(ambtsdrager)
    response = client.get(reverse("gegevens:export_downloaden", args=[klare_export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"PK")


@pytest.mark.parametrize("rol", ["andere_ambtsdrager", *ANDERE_ROLLEN])
def test_nobody_else_downloads_the_export(klare_export, rol, request, verified_client):
    """Another office holder, the municipality and every BZK role get a 404."""
    client = verified_client(request.getfixturevalue(rol))
    response = client.get(reverse("gegevens:export_downloaden", args=[klare_export.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("rol", ANDERE_ROLLEN)
@pytest.mark.parametrize(
    "url", [reverse("gegevens:overzicht"), reverse("gegevens:export_aanvragen")]
)
def test_other_roles_do_not_reach_the_pages(rol, url, request, verified_client):
    client = verified_client(request.getfixturevalue(rol))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not GegevensExport.objects.exists()


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(reverse("gegevens:overzicht"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


def test_the_office_holders_navigation_links_to_the_page(ambtsdrager, client):
    client.force_login(ambtsdrager)
    html = client.get(reverse("aanvragen:lijst")).content.decode()
    assert f'href="{reverse("gegevens:overzicht")}">Mijn gegevens</a>' in html
