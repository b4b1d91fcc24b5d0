"""Step-up: the password again before switching 2FA off or linking a new device; notices."""

import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from fondsbeveiliging.accounts.stapop import STAP_OP_SESSIE
from fondsbeveiliging.berichten.models import Bericht
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

UIT = reverse("two_factor:disable")
BEVESTIGEN = reverse("accounts:wachtwoord_bevestigen")


def _sessie_van_een_uur_oud(client):
    session = client.session
    session[STAP_OP_SESSIE] = int(time.time()) - 3600
    session.save()


def test_switching_2fa_off_asks_for_the_password_again(verified_client, ambtsdrager):
    """The hostile run: 2FA was switched off in an open session without the password."""
    client = verified_client(ambtsdrager)
    _sessie_van_een_uur_oud(client)
    response = client.get(UIT)
    assert response.status_code == 302
    assert response["Location"] == f"{BEVESTIGEN}?next=%2Faccount%2Ftwo_factor%2Fdisable%2F"
    # A POST straight to the page is sent to the confirmation too, and changes nothing.
    assert client.post(UIT, {"understand": "on"}).status_code == 302
    assert TOTPDevice.objects.filter(user=ambtsdrager).exists()

    fout = client.post(BEVESTIGEN, {"wachtwoord": "niet-het-wachtwoord", "next": UIT})
    assert fout.status_code == 400
    assert "Dit wachtwoord is niet juist." in fout.content.decode()

    goed = client.post(BEVESTIGEN, {"wachtwoord": DEFAULT_PASSWORD, "next": UIT})
    assert goed.status_code == 302 and goed["Location"] == UIT
    assert client.get(UIT).status_code == 200
    client.post(UIT, {"understand": "on"})
    assert not TOTPDevice.objects.filter(user=ambtsdrager).exists()
    [bericht] = Bericht.objects.filter(aan=ambtsdrager.email, sleutel__contains="tweestaps_uit")
    assert "tweestapsverificatie van uw account is uitgezet" in bericht.tekst
    assert bericht.onderwerp == "Wijziging in de beveiliging van uw account"


@pytest.mark.parametrize("pagina", ["two_factor:setup", "two_factor:backup_tokens"])
def test_new_device_and_backup_codes_ask_for_the_password_again(
    pagina, verified_client, ambtsdrager
):
    client = verified_client(ambtsdrager)
    _sessie_van_een_uur_oud(client)
    response = client.get(reverse(pagina))
    assert response.status_code == 302 and response["Location"].startswith(BEVESTIGEN)


def test_right_after_login_no_second_password_is_asked(verified_client, ambtsdrager):
    """Logging in counts as entering the password: the first set-up needs nothing extra."""
    client = verified_client(ambtsdrager)
    assert client.get(UIT).status_code == 200


def test_confirmation_never_redirects_off_site(verified_client, ambtsdrager):
    client = verified_client(ambtsdrager)
    response = client.post(
        BEVESTIGEN, {"wachtwoord": DEFAULT_PASSWORD, "next": "https://aanvaller.example/"}
    )
    assert response["Location"] == reverse("two_factor:profile")


def test_wrong_confirmations_count_towards_the_account_throttle(
    verified_client, ambtsdrager, settings
):
    settings.ACCOUNT_VRIJE_POGINGEN = 3
    client = verified_client(ambtsdrager)
    for _ in range(3):
        client.post(BEVESTIGEN, {"wachtwoord": "fout", "next": UIT})
    response = client.post(BEVESTIGEN, {"wachtwoord": DEFAULT_PASSWORD, "next": UIT})
    assert response.status_code == 400
    assert "te vaak een onjuist wachtwoord" in response.content.decode()


def test_linking_an_authenticator_app_is_told_by_email(ambtsdrager):
    apparaat = TOTPDevice.objects.create(user=ambtsdrager, name="default", confirmed=True)
    [bericht] = Bericht.objects.filter(
        sleutel=f"beveiliging-app_gekoppeld-{ambtsdrager.pk}-{apparaat.pk}"
    )
    assert bericht.aan == ambtsdrager.email
    assert "nieuwe app voor inlogcodes" in bericht.tekst


def test_a_new_password_is_told_by_email(client, ambtsdrager):
    import re

    from django.core import mail

    client.post(reverse("accounts:password_reset"), {"email": ambtsdrager.email})
    link = re.search(r"https?://[^/]+(/wachtwoord-herstellen/\S+)", mail.outbox[0].body).group(1)
    formulier = client.get(link, follow=True).redirect_chain[-1][0]
    nieuw = "Een-heel-nieuw-wachtwoord-42"
    client.post(formulier, {"new_password1": nieuw, "new_password2": nieuw})
    assert Bericht.objects.filter(
        aan=ambtsdrager.email, sleutel__startswith=f"beveiliging-wachtwoord-{ambtsdrager.pk}-"
    ).exists()


def test_staff_password_change_asks_the_old_password_and_is_told_by_email(
    verified_client, beoordelaar
):
    """The back office's own password page: the current password is the step-up."""
    client = verified_client(beoordelaar)
    url = reverse("admin:password_change")
    nieuw = "Een-heel-nieuw-wachtwoord-42"
    fout = client.post(
        url,
        {"old_password": "niet-mijn-wachtwoord", "new_password1": nieuw, "new_password2": nieuw},
    )
    assert fout.status_code == 200
    meldingen = Bericht.objects.filter(
        aan=beoordelaar.email, sleutel__startswith=f"beveiliging-wachtwoord-{beoordelaar.pk}-"
    )
    assert not meldingen.exists()
    goed = client.post(
        url, {"old_password": DEFAULT_PASSWORD, "new_password1": nieuw, "new_password2": nieuw}
    )
    assert goed.status_code == 302
    assert meldingen.count() == 1
