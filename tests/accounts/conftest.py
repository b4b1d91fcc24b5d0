"""Helpers that drive the real two-step login wizard (two_factor:login) with the test client."""

import pytest
from django.urls import reverse

from fondsbeveiliging.accounts.totp import current_code
from tests.factories import DEFAULT_PASSWORD


@pytest.fixture
def wizard_login(client):
    """POST the password step; return the response (a redirect when no token is needed)."""

    def login(email, password=DEFAULT_PASSWORD, *, next_url=None, c=None):
        c = c or client
        url = reverse("two_factor:login")
        if next_url:
            url += f"?next={next_url}"
        c.get(url)
        return c.post(
            url,
            {"login_view-current_step": "auth", "auth-username": email, "auth-password": password},
        )

    return login


@pytest.fixture
def wizard_token(client):
    """POST the token step with the device's current code."""

    def token(device, *, next_url=None, code=None, c=None):
        c = c or client
        url = reverse("two_factor:login")
        if next_url:
            url += f"?next={next_url}"
        return c.post(
            url,
            {"login_view-current_step": "token", "token-otp_token": code or current_code(device)},
        )

    return token
