"""A guessed id leaves a trace in the access log: who tried what, from where."""

import pytest
from django.urls import reverse

from fondsbeveiliging.audit.models import Inzage, InzageActie
from tests.aanvragen.factories import AanvraagFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_someone_elses_claim_is_a_404_and_is_logged(client, ambtsdrager):
    ander = AanvraagFactory(aanvrager=UserFactory(ambtsdrager=True))
    client.force_login(ambtsdrager)
    url = reverse("aanvragen:detail", args=[ander.pk])
    response = client.get(url, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 404
    [inzage] = Inzage.objects.filter(actie=InzageActie.GEWEIGERD)
    assert inzage.gebruiker == ambtsdrager
    assert inzage.omschrijving == f"GET {url}"
    assert inzage.ip_adres == "203.0.113.7"


def test_a_page_outside_the_role_is_logged(client, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    assert client.get(reverse("aanvragen:lijst")).status_code == 403
    assert Inzage.objects.filter(
        actie=InzageActie.GEWEIGERD, gebruiker=gemeente_medewerker
    ).exists()


def test_own_claim_and_unknown_urls_are_not_logged(client, ambtsdrager):
    eigen = AanvraagFactory(aanvrager=ambtsdrager)  # a draft: its page is the check page
    client.force_login(ambtsdrager)
    assert client.get(reverse("aanvragen:detail", args=[eigen.pk])).status_code == 302
    assert client.get("/bestaat-niet/").status_code == 404
    assert not Inzage.objects.filter(actie=InzageActie.GEWEIGERD).exists()


def test_anonymous_requests_are_not_logged(client):
    client.get(reverse("aanvragen:detail", args=[1]))
    assert not Inzage.objects.filter(actie=InzageActie.GEWEIGERD).exists()
