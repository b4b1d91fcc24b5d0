"""A new account made in user management gets its link to choose a first password."""

import pytest
from django.core import mail
from django.urls import reverse

from fondsbeveiliging.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_new_office_holder_made_by_the_beheerder_gets_a_password_link(
    verified_client, functioneel_beheerder
):
    """The account has no password yet; Django's reset form would skip it silently."""
    client = verified_client(functioneel_beheerder)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nieuw@example.nl",
            "first_name": "Nieuw",
            "last_name": "Account",
            "rol": "ambtsdrager",
            "ambtstype": "raadslid",
            "gemeente": "GM0363",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nieuw = User.objects.get(email="nieuw@example.nl")
    assert not nieuw.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nieuw@example.nl"]]
    assert "/wachtwoord-herstellen/" in mail.outbox[0].body
