"""Password reset never reveals whether an address has an account."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _request_reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email}, follow=True)


def test_same_answer_for_known_and_unknown_addresses(client, ambtsdrager):
    """Known and unknown addresses get the same redirect and the same page; mail only for one."""
    known = _request_reset(client, ambtsdrager.email)
    unknown = _request_reset(client, "niemand-bekend@example.nl")
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ambtsdrager.email]
    assert mail.outbox[0].subject == "Nieuw wachtwoord instellen"


def test_reset_link_sets_a_new_password(client, ambtsdrager):
    """The mailed link lets the user choose a new password that then works."""
    _request_reset(client, ambtsdrager.email)
    link = re.search(r"https?://[^/]+(/wachtwoord-herstellen/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    nieuw = "Een-heel-nieuw-wachtwoord-42"
    response = client.post(form_url, {"new_password1": nieuw, "new_password2": nieuw})
    assert response.status_code == 302
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.check_password(nieuw)


def test_weak_new_password_is_refused(client, ambtsdrager):
    """The password validators apply: a short common password is refused."""
    _request_reset(client, ambtsdrager.email)
    link = re.search(r"https?://[^/]+(/wachtwoord-herstellen/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "welkom123", "new_password2": "welkom123"})
    assert response.status_code == 200
    ambtsdrager.refresh_from_db()
    assert not ambtsdrager.check_password("welkom123")


def test_reset_link_uses_site_url_not_the_host_header(client, ambtsdrager, settings):
    """A forged Host header never ends up in front of a valid reset token."""
    settings.SITE_URL = "https://fonds.example.nl"
    settings.ALLOWED_HOSTS = ["fonds.example.nl", "aanvaller.example"]
    client.post(
        reverse("accounts:password_reset"),
        {"email": ambtsdrager.email},
        HTTP_HOST="aanvaller.example",
    )
    body = mail.outbox[0].body
    assert "https://fonds.example.nl/wachtwoord-herstellen/" in body
    assert "aanvaller.example" not in body
