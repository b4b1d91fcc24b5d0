"""Only the offices of a municipality are offered: every choice is one the database accepts.

Gedeputeerde, Statenlid, commissaris van de Koning and waterschapsbestuurder belong to a
province or a water board, which the system does not model; no form offers them.
"""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from aanvragen.admin import RegelingForm
from fondsbeveiliging.accounts.constants import Ambtstype
from fondsbeveiliging.accounts.forms import RegistratieForm, UitnodigingForm
from fondsbeveiliging.accounts.models import Registratieverzoek, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GEMEENTELIJK = ["burgemeester", "wethouder", "raadslid"]
NIET_GEMEENTELIJK = [
    "gedeputeerde",
    "statenlid",
    "commissaris_van_de_koning",
    "waterschapsbestuurder",
]


def _opties(html: str, veld: str) -> list[str]:
    select = re.search(rf'<select name="{veld}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_office_types_are_the_municipal_ones():
    assert list(Ambtstype.values) == GEMEENTELIJK


@pytest.mark.parametrize("form", [RegistratieForm, UitnodigingForm])
def test_registration_and_invitation_offer_exactly_the_municipal_offices(form):
    """An empty first choice, then burgemeester, wethouder and raadslid."""
    assert [waarde for waarde, _label in form().fields["ambtstype"].choices] == ["", *GEMEENTELIJK]


def test_the_policy_version_offers_exactly_the_municipal_offices():
    keuzes = RegelingForm.base_fields["ambtstypen"].choices
    assert [waarde for waarde, _label in keuzes] == GEMEENTELIJK


class TestRegistratie:
    @pytest.fixture(autouse=True)
    def _eigen_limieten(self, settings):
        settings.REGISTRATIE_LIMIET_SLEUTEL = f"test-registratie-{uuid.uuid4().hex}"
        settings.REGISTRATIE_MIN_INVULTIJD = 0

    def test_the_page_offers_exactly_the_municipal_offices(self, client):
        html = client.get(reverse("accounts:registreren")).content.decode()
        assert _opties(html, "ambtstype") == ["", *GEMEENTELIJK]

    @pytest.mark.parametrize("ambt", NIET_GEMEENTELIJK)
    def test_another_office_is_refused_by_the_form(self, client, ambt):
        """A crafted value gets a Dutch form error; nothing is stored and nothing is sent."""
        response = client.post(
            reverse("accounts:registreren"),
            {
                "voornaam": "Anna",
                "achternaam": "de Vries",
                "email": "x@example.nl",
                "ambtstype": ambt,
                "gemeente": "GM0344",
                "in_functie_sinds": "2022-06-01",
                "website": "",
            },
        )
        assert response.status_code == 400
        assert f"{ambt} is geen beschikbare keuze" in response.content.decode()
        assert not Registratieverzoek.objects.exists()
        assert not mail.outbox


def test_an_invitation_for_another_office_is_refused_by_the_form(client, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    response = client.post(
        reverse("accounts:uitnodigen"),
        {
            "voornaam": "Bram",
            "achternaam": "Jansen",
            "email": "genodigd@example.nl",
            "ambtstype": "statenlid",
            "in_functie_sinds": "2022-03-30",
        },
    )
    assert response.status_code == 400
    assert "statenlid is geen beschikbare keuze" in response.content.decode()
    assert not Registratieverzoek.objects.exists()


class TestGebruikersbeheer:
    """The functioneel beheerder's user form in the admin."""

    @pytest.mark.parametrize("pagina", ["toevoegen", "wijzigen"])
    def test_the_form_offers_exactly_the_municipal_offices(
        self, verified_client, functioneel_beheerder, ambtsdrager, pagina
    ):
        client = verified_client(functioneel_beheerder)
        if pagina == "toevoegen":
            url, veld = reverse("admin:accounts_user_add"), "ambtstype"
        else:
            # An office holder's offices are rows on the user page (#19 item 5).
            url = reverse("admin:accounts_user_change", args=[ambtsdrager.pk])
            veld = "ambten-0-ambtstype"
        html = client.get(url).content.decode()
        assert _opties(html, veld) == ["", *GEMEENTELIJK]

    def test_a_new_account_with_another_office_is_refused_by_the_form(
        self, verified_client, functioneel_beheerder
    ):
        response = verified_client(functioneel_beheerder).post(
            reverse("admin:accounts_user_add"),
            {
                "email": "statenlid@example.nl",
                "first_name": "Sara",
                "last_name": "Bakker",
                "rol": "ambtsdrager",
                "ambtstype": "statenlid",
                "gemeente": "GM0363",
            },
        )
        assert response.status_code == 200
        assert "statenlid is geen beschikbare keuze" in response.content.decode()
        assert not User.objects.filter(email="statenlid@example.nl").exists()

    def test_an_account_cannot_be_changed_to_another_office(
        self, verified_client, functioneel_beheerder
    ):
        ambtsdrager = UserFactory(ambtsdrager=True)
        response = verified_client(functioneel_beheerder).post(
            reverse("admin:accounts_user_change", args=[ambtsdrager.pk]),
            {
                "first_name": ambtsdrager.first_name,
                "last_name": ambtsdrager.last_name,
                "functie": "",
                "rol": ambtsdrager.rol,
                "correspondentie_adres": "",
                "correspondentie_postcode": "",
                "correspondentie_plaats": "",
                "is_active": "on",
                "ambten-TOTAL_FORMS": "1",
                "ambten-INITIAL_FORMS": "1",
                "ambten-MIN_NUM_FORMS": "0",
                "ambten-MAX_NUM_FORMS": "1000",
                "ambten-0-id": ambtsdrager.ambten.get().pk,
                "ambten-0-gebruiker": ambtsdrager.pk,
                "ambten-0-ambtstype": "waterschapsbestuurder",
                "ambten-0-gemeente": ambtsdrager.gemeente_id,
                "ambten-0-sinds": "",
                "ambten-0-tot": "",
            },
        )
        assert response.status_code == 200
        assert "waterschapsbestuurder is geen beschikbare keuze" in response.content.decode()
        ambtsdrager.refresh_from_db()
        assert ambtsdrager.ambtstype == "wethouder"
