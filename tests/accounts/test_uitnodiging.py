"""Invitations: a municipal employee invites an office holder; the link works 7 days, once."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.models import RegistratieStatus, Registratieverzoek, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _uitnodigen(client, medewerker, capture, email="genodigd@example.nl"):
    client.force_login(medewerker)
    with capture(execute=True):
        response = client.post(
            reverse("accounts:uitnodigen"),
            {
                "voornaam": "Bram",
                "achternaam": "Jansen",
                "email": email,
                "ambtstype": "raadslid",
                "in_functie_sinds": "2022-03-30",
            },
        )
    client.logout()
    assert response.status_code == 302
    return re.search(r"https?://[^/\s]+(/uitnodiging/\S+/)", mail.outbox[-1].body).group(1)


def test_the_invitee_accepts_once_and_chooses_a_password(
    client, gemeente_medewerker, django_capture_on_commit_callbacks
):
    """Accepting makes an office holder of the inviter's municipality; then the password."""
    link = _uitnodigen(client, gemeente_medewerker, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].subject == "Uitnodiging voor een account"
    assert client.get(link).status_code == 200
    assert not User.objects.filter(email="genodigd@example.nl").exists()  # a GET does nothing
    response = client.post(link, follow=True)
    formulier = response.redirect_chain[-1][0]
    assert "/account-activeren/" in formulier
    user = User.objects.get(email="genodigd@example.nl")
    assert (user.rol, user.ambtstype, user.gemeente_id) == (
        Rol.AMBTSDRAGER,
        "raadslid",
        gemeente_medewerker.gemeente_id,
    )
    nieuw = "Een-heel-nieuw-wachtwoord-42"
    response = client.post(formulier, {"new_password1": nieuw, "new_password2": nieuw}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:start")
    assert response.context["user"] == user


def test_a_used_invitation_is_refused_with_a_message(
    client, gemeente_medewerker, django_capture_on_commit_callbacks
):
    link = _uitnodigen(client, gemeente_medewerker, django_capture_on_commit_callbacks)
    client.post(link)
    client.logout()
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "Deze uitnodiging is al gebruikt." in response.content.decode()
    assert User.objects.filter(email="genodigd@example.nl").count() == 1


def test_an_expired_invitation_is_refused_with_a_message(
    client, gemeente_medewerker, django_capture_on_commit_callbacks
):
    link = _uitnodigen(client, gemeente_medewerker, django_capture_on_commit_callbacks)
    verzoek = Registratieverzoek.objects.get()
    assert verzoek.token_verloopt_op - verzoek.aangemaakt_op == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )
    Registratieverzoek.objects.update(token_verloopt_op=timezone.now() - timedelta(seconds=1))
    response = client.post(link)
    assert response.status_code == 410
    assert "Deze uitnodiging is verlopen" in response.content.decode()
    assert not User.objects.filter(email="genodigd@example.nl").exists()


def test_an_unknown_link_is_refused(client):
    response = client.get(reverse("accounts:uitnodiging", args=["verzonnen"]))
    assert response.status_code == 410
    assert "niet geldig" in response.content.decode()


def test_an_invitation_to_an_office_holder_adds_the_office_to_their_account(
    client, gemeente_medewerker, ambtsdrager, django_capture_on_commit_callbacks
):
    """A wethouder invited as raadslid (#19 item 5): no second account, a second office."""
    link = _uitnodigen(
        client, gemeente_medewerker, django_capture_on_commit_callbacks, email=ambtsdrager.email
    )
    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == reverse("two_factor:login")
    assert "Het ambt is toegevoegd aan uw bestaande account." in response.content.decode()
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.has_usable_password()
    assert sorted(ambtsdrager.ambten.values_list("ambtstype", flat=True)) == [
        "raadslid",
        "wethouder",
    ]
    assert Registratieverzoek.objects.get().status == RegistratieStatus.BEVESTIGD
    assert client.post(link).status_code == 410  # once


def test_an_invitation_to_another_kind_of_account_makes_nothing_new(
    client, gemeente_medewerker, django_capture_on_commit_callbacks
):
    collega = UserFactory(gemeente_medewerker=True, gemeente=gemeente_medewerker.gemeente)
    link = _uitnodigen(
        client, gemeente_medewerker, django_capture_on_commit_callbacks, email=collega.email
    )
    response = client.post(link)
    assert response.url == reverse("two_factor:login")
    assert not collega.ambten.exists()
    assert Registratieverzoek.objects.get().status == RegistratieStatus.UITGENODIGD


@pytest.mark.parametrize("rol", ["ambtsdrager", "functioneel_beheerder"])
def test_only_municipal_employees_invite(client, verified_client, rol):
    verified_client(UserFactory(**{rol: True}))
    assert client.get(reverse("accounts:uitnodigen")).status_code == 404
