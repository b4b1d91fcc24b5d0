"""Per-account throttling: new addresses no longer give an attacker fresh tries."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from fondsbeveiliging.accounts import vertraging
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def _inloggen(email, wachtwoord, adres):
    """The password step of the real login wizard from `adres`, in a fresh browser."""
    client = Client(REMOTE_ADDR=adres)
    url = reverse("two_factor:login")
    client.get(url)
    return client.post(
        url,
        {"login_view-current_step": "auth", "auth-username": email, "auth-password": wachtwoord},
    )


def test_guesses_from_many_addresses_are_slowed_down_per_account(ambtsdrager, settings):
    """The hostile run: every new address got five fresh tries. Now the account counts."""
    vrij = settings.ACCOUNT_VRIJE_POGINGEN
    for poging in range(vrij):
        # Two tries per address: far below axes' five per (name, address).
        response = _inloggen(ambtsdrager.email, "fout-wachtwoord", f"198.51.100.{poging // 2}")
        assert response.status_code == 200
    response = _inloggen(ambtsdrager.email, DEFAULT_PASSWORD, "203.0.113.99")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in html and "1 minuten" in html
    assert vertraging.wachttijd(ambtsdrager.email) > 0


def test_the_wait_doubles_and_is_capped(settings):
    settings.ACCOUNT_VRIJE_POGINGEN = 2
    nu = time.time()
    for _ in range(2):
        vertraging.mislukt("iemand@example.nl")
    assert 55 <= vertraging.wachttijd("iemand@example.nl", nu=nu) <= 60
    vertraging.mislukt("iemand@example.nl")
    assert 115 <= vertraging.wachttijd("iemand@example.nl", nu=nu) <= 120
    for _ in range(10):
        vertraging.mislukt("iemand@example.nl")
    assert vertraging.wachttijd("iemand@example.nl", nu=nu) <= 15 * 60
    assert vertraging.wachttijd("iemand@example.nl", nu=nu + 15 * 60 + 1) == 0


def test_unknown_addresses_are_counted_alike(settings):
    """Known or not, the same answer: the throttle reveals nothing about accounts."""
    vrij = settings.ACCOUNT_VRIJE_POGINGEN
    for poging in range(vrij):
        _inloggen("bestaat-niet@example.nl", "fout-wachtwoord", f"198.51.100.{poging // 2}")
    assert _inloggen("bestaat-niet@example.nl", "x", "203.0.113.1").status_code == 429


def test_success_clears_the_count(ambtsdrager, settings):
    for poging in range(settings.ACCOUNT_VRIJE_POGINGEN - 1):
        _inloggen(ambtsdrager.email, "fout-wachtwoord", f"198.51.100.{poging // 2}")
    assert _inloggen(ambtsdrager.email, DEFAULT_PASSWORD, "203.0.113.5").status_code == 302
    assert vertraging.wachttijd(ambtsdrager.email) == 0
    assert _inloggen(ambtsdrager.email, "fout-wachtwoord", "203.0.113.6").status_code == 200
