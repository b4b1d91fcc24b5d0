"""Changing the login e-mail address: step-up, verification first, notice, other sessions end."""

import re
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from fondsbeveiliging.accounts import stapop
from fondsbeveiliging.berichten.models import Bericht
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client, ambtsdrager):
    client.force_login(ambtsdrager)
    session = client.session
    session[stapop.STAP_OP_SESSIE] = int(time.time())
    session.save()
    return client


def _link():
    return re.search(
        r"https?://[^/\s]+(/mijn-gegevens/e-mailadres/bevestigen/\S+/)", mail.outbox[-1].body
    ).group(1)


def test_the_page_asks_for_the_password_first(client, ambtsdrager):
    client.force_login(ambtsdrager)
    session = client.session
    session.pop(stapop.STAP_OP_SESSIE, None)
    session.save()
    response = client.get(reverse("gegevens:email_wijzigen"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:wachtwoord_bevestigen"))


def test_the_new_address_must_verify_before_it_takes_effect(ingelogd, ambtsdrager):
    oud = ambtsdrager.email
    response = ingelogd.post(reverse("gegevens:email_wijzigen"), {"email": "nieuw@example.nl"})
    assert response.status_code == 302
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.email == oud
    assert mail.outbox[-1].to == ["nieuw@example.nl"]
    assert mail.outbox[-1].subject == "Bevestig uw e-mailadres"
    link = _link()
    assert ingelogd.get(link).status_code == 200  # a GET (a mail scanner) changes nothing
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.email == oud
    ingelogd.post(link)
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.email == "nieuw@example.nl"


def test_the_old_address_is_told_and_other_sessions_end(ingelogd, ambtsdrager, wizard_login):
    oud = ambtsdrager.email
    elders = Client()
    elders.force_login(ambtsdrager)
    assert elders.get(reverse("gegevens:overzicht")).status_code == 200
    ingelogd.post(reverse("gegevens:email_wijzigen"), {"email": "nieuw@example.nl"})
    ingelogd.post(_link())
    bericht = Bericht.objects.get(aan=oud)
    assert bericht.onderwerp == "Uw e-mailadres is gewijzigd"
    assert "nieuw@example.nl" not in bericht.tekst
    # This session goes on; the other one is logged out.
    assert ingelogd.get(reverse("gegevens:overzicht")).status_code == 200
    assert elders.get(reverse("gegevens:overzicht")).status_code == 302
    # The new address logs in with the old password, through the real login form.
    response = wizard_login("nieuw@example.nl", c=Client())
    assert response.status_code == 302


def test_a_link_works_once(ingelogd):
    ingelogd.post(reverse("gegevens:email_wijzigen"), {"email": "nieuw@example.nl"})
    link = _link()
    ingelogd.post(link)
    response = ingelogd.post(link)
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()


def test_a_link_of_another_account_does_nothing(ingelogd, client):
    ingelogd.post(reverse("gegevens:email_wijzigen"), {"email": "nieuw@example.nl"})
    link = _link()
    ander = UserFactory(ambtsdrager=True)
    client.force_login(ander)
    assert client.post(link).status_code == 410
    ander.refresh_from_db()
    assert ander.email != "nieuw@example.nl"


def test_an_address_of_another_account_gets_no_mail_and_the_same_answer(
    ingelogd, andere_ambtsdrager
):
    vrij = ingelogd.post(
        reverse("gegevens:email_wijzigen"), {"email": "vrij@example.nl"}, follow=True
    )
    bezet = ingelogd.post(
        reverse("gegevens:email_wijzigen"), {"email": andere_ambtsdrager.email}, follow=True
    )
    assert vrij.status_code == bezet.status_code == 200
    assert [m.to for m in mail.outbox] == [["vrij@example.nl"]]
