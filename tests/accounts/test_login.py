"""Login through the two-step wizard: redirects, session rotation, lockout, start pages."""

import pytest
from django.conf import settings
from django.urls import reverse

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/account/login/"


class TestStartPage:
    def test_ambtsdrager_lands_on_own_overview(self, client, ambtsdrager, wizard_login):
        """An office holder logs in with a password and sees "Mijn meldingen en aanvragen"."""
        response = wizard_login(ambtsdrager.email)
        assert response.status_code == 302
        assert response.url == reverse("accounts:start")
        page = client.get(response.url)
        assert page.status_code == 200
        assert "Mijn meldingen en aanvragen" in page.content.decode()

    def test_gemeente_medewerker_lands_on_letters(self, client, gemeente_medewerker, wizard_login):
        """A municipal employee lands on "Brieven" for their municipality."""
        response = wizard_login(gemeente_medewerker.email)
        page = client.get(response.url, follow=True)
        html = page.content.decode()
        assert page.redirect_chain == [(reverse("brieven:portaal"), 302)]
        assert "<h1>Brieven</h1>" in html
        assert gemeente_medewerker.gemeente.naam in html

    @pytest.mark.parametrize(
        ("rol", "landing"),
        [
            (Rol.BEOORDELAAR, "admin:aanvragen_aanvraag_changelist"),
            (Rol.TWEEDE_BEOORDELAAR, "admin:aanvragen_aanvraag_changelist"),
            (Rol.FINANCIEEL_MEDEWERKER, "admin:aanvragen_betaalbatch_te_betalen"),
            (Rol.FUNCTIONEEL_BEHEERDER, "admin:index"),
        ],
    )
    def test_verified_staff_land_on_their_own_work(self, rol, landing, verified_client):
        """Assessors, the teamleider and finance land on their queue; the functioneel
        beheerder, who has no queue, on the back-office index."""
        user = UserFactory(rol=rol, ambtstype="", gemeente=None)
        client = verified_client(user)
        response = client.get(reverse("accounts:start"))
        assert response.status_code == 302
        assert response.url == reverse(landing)
        assert client.get(response.url).status_code == 200
        assert client.get(reverse("admin:index")).status_code == 200

    def test_user_without_role_gets_forbidden_page(self, client):
        """An account without a role sees a clear "Geen toegang" page."""
        user = User.objects.create_user("zonder-rol@example.nl", "Lang-genoeg-wachtwoord-1")
        client.force_login(user)
        response = client.get(reverse("accounts:start"))
        assert response.status_code == 403
        assert "Geen toegang" in response.content.decode()


class TestRedirects:
    def test_next_to_another_site_is_refused(self, client, ambtsdrager, wizard_login):
        """next=https://evil.example is ignored: the user stays on this site."""
        response = wizard_login(ambtsdrager.email, next_url="https://evil.example/")
        assert response.status_code == 302
        assert response.url == reverse("accounts:start")
        assert "evil.example" not in response.url

    def test_protocol_relative_next_is_refused(self, client, ambtsdrager, wizard_login):
        """next=//evil.example is refused too."""
        response = wizard_login(ambtsdrager.email, next_url="//evil.example/")
        assert response.url == reverse("accounts:start")

    def test_next_on_this_site_is_followed(self, client, ambtsdrager, wizard_login):
        """A local next= is honoured."""
        response = wizard_login(ambtsdrager.email, next_url="/meldingen/")
        assert response.url == "/meldingen/"

    def test_anonymous_user_is_sent_to_login(self, client):
        """The start page needs a login."""
        response = client.get(reverse("accounts:start"))
        assert response.status_code == 302
        assert response.url.startswith(LOGIN_URL)


def test_login_rotates_the_session_key(client, ambtsdrager, wizard_login):
    """The session key before login is not the one after login (no session fixation)."""
    client.get(LOGIN_URL)
    client.session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before
    response = wizard_login(ambtsdrager.email)
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert client.get(reverse("accounts:start")).status_code == 200


def test_wrong_password_shows_a_dutch_error(client, ambtsdrager, wizard_login):
    """A wrong password keeps the user on the form with a Dutch message."""
    response = wizard_login(ambtsdrager.email, "fout-wachtwoord")
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


class TestLockout:
    def test_message_names_the_configured_cool_off(
        self, client, ambtsdrager, wizard_login, settings
    ):
        """The Dutch message follows AXES_COOLOFF_TIME."""
        from datetime import timedelta

        settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = wizard_login(ambtsdrager.email, "fout-wachtwoord")
        assert response.status_code == 429
        assert "30 minuten niet inloggen" in response.content.decode()

    def test_locked_out_after_repeated_failures(self, client, ambtsdrager, wizard_login):
        """After AXES_FAILURE_LIMIT wrong passwords even the right one is refused, in Dutch."""
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = wizard_login(ambtsdrager.email, "fout-wachtwoord")
            assert response.status_code == 200
        response = wizard_login(ambtsdrager.email, "fout-wachtwoord")
        assert response.status_code == 429
        assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
        response = wizard_login(ambtsdrager.email)
        assert response.status_code == 429
        assert "te vaak een onjuist wachtwoord" in response.content.decode()
        assert "15 minuten niet inloggen" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_lockout_is_per_account(self, client, ambtsdrager, andere_ambtsdrager, wizard_login):
        """Failures for one address do not lock out another user at the same address."""
        for _ in range(settings.AXES_FAILURE_LIMIT):
            wizard_login(ambtsdrager.email, "fout-wachtwoord")
        response = wizard_login(andere_ambtsdrager.email)
        assert response.status_code == 302

    def test_lockout_ignores_case_of_the_address(self, client, ambtsdrager, wizard_login):
        """Changing the case of the address does not reset the failure count."""
        for index in range(settings.AXES_FAILURE_LIMIT):
            email = ambtsdrager.email.upper() if index % 2 else ambtsdrager.email
            wizard_login(email, "fout-wachtwoord")
        assert wizard_login(ambtsdrager.email).status_code == 429

    def test_success_before_the_limit_resets_the_count(self, client, ambtsdrager, wizard_login):
        """A successful login clears earlier failures."""
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            wizard_login(ambtsdrager.email, "fout-wachtwoord")
        assert wizard_login(ambtsdrager.email).status_code == 302
        client.post(reverse("accounts:logout"))
        assert wizard_login(ambtsdrager.email, "fout-wachtwoord").status_code == 200
