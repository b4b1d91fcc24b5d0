"""The idle-session warning (WCAG 2.2.1): before the 15-minute limit ends, ask to stay."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_logged_in_pages_carry_the_warning_with_the_idle_limit(client, ambtsdrager, settings):
    """The warning knows the idle limit and the URL that keeps the session alive."""
    settings.SESSION_COOKIE_AGE = 900
    client.force_login(ambtsdrager)
    html = client.get(reverse("meldingen:nieuw")).content.decode()
    assert 'id="sessie-waarschuwing"' in html and 'role="alertdialog"' in html
    assert 'data-idle-seconden="900"' in html
    assert f'data-verlengen-url="{reverse("accounts:start")}"' in html
    assert "Ingelogd blijven" in html


def test_no_warning_without_a_session(client):
    html = client.get(reverse("accounts:password_reset")).content.decode()
    assert "sessie-waarschuwing" not in html
