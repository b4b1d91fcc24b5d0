"""Error pages speak Dutch in the site layout: the 404 is the answer to every forbidden object."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_404_is_dutch_with_a_way_back(client, ambtsdrager):
    """An unknown or someone else's claim: a Dutch page with the site layout and a start link."""
    client.force_login(ambtsdrager)
    response = client.get(reverse("aanvragen:detail", args=[999999]))
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nl">' in html
    assert "Pagina niet gevonden" in html and "Not Found" not in html
    assert f'href="{reverse("accounts:start")}"' in html


def test_403_is_dutch(client, gemeente_medewerker):
    """A municipal employee on the applicant's claim list is refused in Dutch."""
    client.force_login(gemeente_medewerker)
    response = client.get(reverse("aanvragen:lijst"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in html and "Forbidden" not in html


def test_csrf_failure_is_dutch(ambtsdrager):
    """A form posted with an outdated token gets a Dutch explanation, not Django's English one."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(ambtsdrager)
    response = client.post(reverse("meldingen:nieuw"), {"omschrijving": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Het formulier is verlopen" in html and "CSRF verification failed" not in html


def test_500_is_dutch_without_a_database_or_user():
    """The server error page renders with an empty context (as Django's handler does)."""
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="nl">' in html
    assert "Er ging iets mis" in html and "Server Error" not in html
