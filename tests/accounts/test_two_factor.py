"""Two-factor authentication is mandatory for BZK staff, including the admin back office."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from fondsbeveiliging.accounts.totp import current_code

pytestmark = pytest.mark.django_db

ADMIN = "/backoffice/"
SETUP = "/account/two_factor/setup/"


def test_staff_with_password_only_cannot_reach_the_admin(client, beoordelaar, wizard_login):
    """A staff member without a device logs in with a password and is sent to 2FA set-up."""
    response = wizard_login(beoordelaar.email)
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(beoordelaar.pk)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == SETUP
    for path in (reverse("accounts:start"), "/backoffice/accounts/user/", "/meldingen/"):
        assert client.get(path).url == SETUP


def test_forced_login_without_otp_is_not_enough(client, functioneel_beheerder):
    """Even a superuser session without OTP verification gets no admin page."""
    client.force_login(functioneel_beheerder)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == SETUP
    assert client.get(SETUP).status_code == 200


def test_verified_staff_reach_the_admin(verified_client, beoordelaar):
    """After OTP verification the back office opens."""
    client = verified_client(beoordelaar)
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert "Werkvoorraad en beheer" in response.content.decode()


def test_full_login_with_a_real_totp_code(client, tweede_beoordelaar, wizard_login, wizard_token):
    """Password, then the current TOTP code of the device: the user lands on the queue."""
    device = TOTPDevice.objects.create(user=tweede_beoordelaar, name="default", confirmed=True)
    response = wizard_login(tweede_beoordelaar.email)
    assert response.status_code == 200, "the token step is shown, not a redirect"
    assert "zescijferige code" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = wizard_token(device)
    assert response.status_code == 302
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url == reverse("admin:aanvragen_aanvraag_changelist")
    assert client.get(ADMIN).status_code == 200


def test_wrong_totp_code_is_refused(client, financieel_medewerker, wizard_login, wizard_token):
    """A wrong code keeps the user on the token step, not logged in."""
    device = TOTPDevice.objects.create(user=financieel_medewerker, name="default", confirmed=True)
    wizard_login(financieel_medewerker.email)
    wrong = f"{(int(current_code(device)) + 1) % 1000000:06d}"
    response = wizard_token(device, code=wrong)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302


def test_non_staff_never_reach_the_admin(verified_client, gemeente_medewerker):
    """A municipal employee, even verified, gets the admin login page instead."""
    client = verified_client(gemeente_medewerker)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert "/backoffice/" not in response.url or "login" in response.url


def test_ambtsdrager_may_set_up_2fa_voluntarily(client, ambtsdrager):
    """Office holders are offered 2FA but not forced (policy flag off)."""
    client.force_login(ambtsdrager)
    assert client.get(reverse("accounts:start")).status_code == 200
    assert client.get(SETUP).status_code == 200


def test_ambtsdrager_forced_when_policy_requires(client, ambtsdrager, settings):
    """With AMBTSDRAGER_2FA_VERPLICHT on, office holders must set up 2FA too."""
    settings.AMBTSDRAGER_2FA_VERPLICHT = True
    client.force_login(ambtsdrager)
    assert client.get(reverse("accounts:start")).url == SETUP
