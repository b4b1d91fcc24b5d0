"""The profile in "Mijn gegevens": the person's own name, correspondence address and phone."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _opslaan(client, **velden):
    gegevens = {
        "first_name": "Anna",
        "last_name": "de Vries",
        "correspondentie_adres": "Postbus 16200",
        "correspondentie_postcode": "3500ce",
        "correspondentie_plaats": "Utrecht",
        "telefoon": "06 12345678",
        **velden,
    }
    return client.post(reverse("gegevens:profiel_wijzigen"), gegevens)


def test_the_office_holder_changes_name_address_and_phone(client, ambtsdrager):
    client.force_login(ambtsdrager)
    assert _opslaan(client).status_code == 302
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.get_full_name() == "Anna de Vries"
    assert ambtsdrager.correspondentie_postcode == "3500 CE"
    assert ambtsdrager.telefoon == "06 12345678"
    pagina = client.get(reverse("gegevens:overzicht")).content.decode()
    assert "Postbus 16200" in pagina and "06 12345678" in pagina


def test_address_and_phone_are_not_required(client, ambtsdrager):
    """A correspondence address is never required (and never has to be the home address)."""
    client.force_login(ambtsdrager)
    leeg = {
        "correspondentie_adres": "",
        "correspondentie_postcode": "",
        "correspondentie_plaats": "",
        "telefoon": "",
    }
    assert _opslaan(client, **leeg).status_code == 302
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.correspondentie_adres == ""


def test_office_and_role_cannot_be_changed_here(client, ambtsdrager):
    client.force_login(ambtsdrager)
    _opslaan(client, rol="functioneel_beheerder", ambtstype="burgemeester", gemeente="GM0344")
    ambtsdrager.refresh_from_db()
    assert (ambtsdrager.rol, ambtsdrager.ambtstype, ambtsdrager.gemeente_id) == (
        "ambtsdrager",
        "wethouder",
        "GM0363",
    )


def test_a_wrong_postcode_is_refused(client, ambtsdrager):
    client.force_login(ambtsdrager)
    response = _opslaan(client, correspondentie_postcode="12345")
    assert response.status_code == 400
    assert "1234 AB" in response.content.decode()


@pytest.mark.parametrize("rol", ["gemeente_medewerker", "beoordelaar"])
def test_other_roles_get_404(client, verified_client, rol):
    verified_client(UserFactory(**{rol: True}))
    assert client.get(reverse("gegevens:profiel_wijzigen")).status_code == 404
