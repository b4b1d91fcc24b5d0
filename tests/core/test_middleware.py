"""Headers on every page and a plain 400 for control characters in a query string."""

import pytest
from django.test import Client
from django.urls import path, reverse

from fondsbeveiliging import urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True])
def test_404_page_has_the_content_security_policy(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]


def _kapot(request):
    raise RuntimeError("een fout in een view")


urlpatterns = [*urls.urlpatterns, path("kapot/", _kapot)]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("debug", [False, True])
def test_500_page_has_the_content_security_policy(settings, debug):
    settings.DEBUG = debug
    response = Client(raise_request_exception=False).get("/kapot/")
    assert response.status_code == 500
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("parameter", ["status", "gemeente", "q", "o"])
def test_nul_byte_in_a_back_office_filter_is_a_400(verified_client, beoordelaar, parameter):
    """`?gemeente=%00` and `?status=%00` on the claim list used to end in a 500."""
    client = verified_client(beoordelaar)
    url = reverse("admin:aanvragen_aanvraag_changelist")
    response = client.get(f"{url}?{parameter}=%00")
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_nul_byte_in_a_melding_list_filter_is_a_400(verified_client, beoordelaar):
    url = reverse("admin:meldingen_melding_changelist")
    assert verified_client(beoordelaar).get(f"{url}?provincie=a%00b").status_code == 400


def test_ordinary_filters_still_work(verified_client, beoordelaar):
    url = reverse("admin:aanvragen_aanvraag_changelist")
    assert verified_client(beoordelaar).get(f"{url}?q=Jansen").status_code == 200


@pytest.mark.parametrize(
    "url_name", ["accounts:start", "meldingen:lijst", "aanvragen:lijst", "gegevens:overzicht"]
)
def test_pages_for_a_logged_in_office_holder_are_never_stored(client, ambtsdrager, url_name):
    client.force_login(ambtsdrager)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_municipality_portal_is_never_stored(client, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    response = client.get(reverse("brieven:portaal"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
