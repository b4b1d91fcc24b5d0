"""Sessions end after 15 minutes idle and 12 hours after login, whatever the activity."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from fondsbeveiliging.accounts.signals import SESSION_LOGIN_AT

pytestmark = pytest.mark.django_db
START = "/"


def _session_row(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_idle_limit_is_fifteen_minutes_and_renewed_on_each_request(
    client, ambtsdrager, wizard_login
):
    """Every request pushes the expiry to 15 minutes from now."""
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    wizard_login(ambtsdrager.email)
    row = _session_row(client)
    row.expire_date = timezone.now() + timedelta(minutes=1)
    row.save()
    assert client.get(START).status_code == 200
    remaining = _session_row(client).expire_date - timezone.now()
    assert timedelta(minutes=14) < remaining <= timedelta(minutes=15)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 15 * 60


def test_session_idle_past_the_limit_is_gone(client, ambtsdrager, wizard_login):
    """After 15 minutes without a request the user must log in again."""
    wizard_login(ambtsdrager.email)
    assert client.get(START).status_code == 200
    row = _session_row(client)
    row.expire_date = timezone.now() - timedelta(seconds=1)
    row.save()
    response = client.get(START)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


def test_absolute_limit_ends_an_active_session(client, ambtsdrager, wizard_login):
    """Twelve hours after login the session ends even if it was used a second ago."""
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    wizard_login(ambtsdrager.email)
    session = client.session
    session[SESSION_LOGIN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(START)
    assert response.status_code == 302
    assert response.url == reverse("two_factor:login")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "Uw sessie is verlopen" in page.content.decode()


def test_session_just_under_the_absolute_limit_continues(client, ambtsdrager, wizard_login):
    """Eleven hours and 59 minutes after login the session still works."""
    wizard_login(ambtsdrager.email)
    session = client.session
    session[SESSION_LOGIN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS + 60
    session.save()
    assert client.get(START).status_code == 200


def test_login_stamps_the_login_time(client, ambtsdrager, wizard_login):
    """The absolute limit counts from the moment of login."""
    before = int(time.time())
    wizard_login(ambtsdrager.email)
    assert before <= client.session[SESSION_LOGIN_AT] <= int(time.time())
