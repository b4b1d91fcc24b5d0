"""User management: no password set for someone else, no own role, staff roles by two people."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.models import RolToekenning, Toekenningsbesluit, User
from fondsbeveiliging.berichten.models import Bericht
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tweede_beheerder(db):
    return UserFactory(functioneel_beheerder=True)


def _wijzigformulier(user, **wijzigingen):
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "functie": user.functie,
        "rol": user.rol,
        "ambtstype": user.ambtstype,
        "gemeente": user.gemeente_id or "",
        "in_functie_sinds": "",
        "in_functie_tot": "",
        "correspondentie_adres": "",
        "correspondentie_postcode": "",
        "correspondentie_plaats": "",
        "is_active": "on",
    }
    data.update(wijzigingen)
    return data


def _wijzig(client, user, **wijzigingen):
    return client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        _wijzigformulier(user, **wijzigingen),
        follow=True,
    )


def test_beheerder_cannot_redirect_someone_elses_reset_links(
    verified_client, functioneel_beheerder, ambtsdrager
):
    """Changing the address and then sending a reset link would be the same takeover."""
    oud = ambtsdrager.email
    response = _wijzig(
        verified_client(functioneel_beheerder), ambtsdrager, email="beheer@elders.example"
    )
    assert response.status_code == 200
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.email == oud


def test_beheerder_cannot_set_another_persons_password(
    verified_client, functioneel_beheerder, ambtsdrager
):
    """The finding: beheer set an office holder's password and then read their melding."""
    client = verified_client(functioneel_beheerder)
    url = reverse("admin:auth_user_password_change", args=[ambtsdrager.pk])
    oud = User.objects.get(pk=ambtsdrager.pk).password
    assert client.get(url).status_code == 404
    nieuw = "Een-zelfgekozen-wachtwoord-99"
    assert client.post(url, {"password1": nieuw, "password2": nieuw}).status_code == 404
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.password == oud
    change = client.get(reverse("admin:accounts_user_change", args=[ambtsdrager.pk]))
    assert "password/" not in change.content.decode()


def test_beheerder_sends_a_reset_link_instead(
    verified_client, functioneel_beheerder, ambtsdrager, settings
):
    settings.SITE_URL = "https://fonds.example.nl"
    client = verified_client(functioneel_beheerder)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "herstellink_versturen", "_selected_action": [ambtsdrager.pk]},
    )
    assert [m.to for m in mail.outbox] == [[ambtsdrager.email]]
    assert "https://fonds.example.nl/wachtwoord-herstellen/" in mail.outbox[0].body


def test_beheerder_cannot_change_their_own_role(verified_client, functioneel_beheerder):
    """Changing one's own role to beoordelaar gave the claim page with the home address."""
    client = verified_client(functioneel_beheerder)
    response = _wijzig(client, functioneel_beheerder, rol=Rol.BEOORDELAAR)
    assert response.status_code == 200
    functioneel_beheerder.refresh_from_db()
    assert functioneel_beheerder.rol == Rol.FUNCTIONEEL_BEHEERDER
    assert list(functioneel_beheerder.groups.values_list("name", flat=True)) == [
        Rol.FUNCTIONEEL_BEHEERDER
    ]
    assert not RolToekenning.objects.exists()


def test_staff_role_waits_for_a_second_beheerder(
    verified_client, functioneel_beheerder, tweede_beheerder, gemeente_medewerker
):
    client = verified_client(functioneel_beheerder)
    _wijzig(client, gemeente_medewerker, rol=Rol.BEOORDELAAR)
    gemeente_medewerker.refresh_from_db()
    assert gemeente_medewerker.rol == Rol.GEMEENTE_MEDEWERKER
    assert not gemeente_medewerker.is_staff
    toekenning = RolToekenning.objects.get(gebruiker=gemeente_medewerker)
    assert toekenning.besluit == Toekenningsbesluit.OPEN
    assert toekenning.aangevraagd_door == functioneel_beheerder
    # The team is told, without naming the person.
    meldingen = Bericht.objects.filter(sleutel__startswith=f"roltoekenning-{toekenning.pk}-")
    assert {b.aan for b in meldingen} == {functioneel_beheerder.email, tweede_beheerder.email}
    assert all(gemeente_medewerker.email not in b.tekst for b in meldingen)

    # The one who gave the role cannot approve it.
    acties = reverse("admin:accounts_roltoekenning_changelist")
    client.post(acties, {"action": "goedkeuren", "_selected_action": [toekenning.pk]})
    toekenning.refresh_from_db()
    assert toekenning.besluit == Toekenningsbesluit.OPEN

    tweede = verified_client(tweede_beheerder)
    tweede.post(acties, {"action": "goedkeuren", "_selected_action": [toekenning.pk]})
    toekenning.refresh_from_db()
    gemeente_medewerker.refresh_from_db()
    assert toekenning.besluit == Toekenningsbesluit.GOEDGEKEURD
    assert toekenning.beoordeeld_door == tweede_beheerder
    assert gemeente_medewerker.rol == Rol.BEOORDELAAR and gemeente_medewerker.is_staff


def test_new_staff_account_is_inactive_until_approved(
    verified_client, functioneel_beheerder, tweede_beheerder
):
    client = verified_client(functioneel_beheerder)
    client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nieuw@bzk.example.nl",
            "first_name": "Nieuwe",
            "last_name": "Collega",
            "rol": Rol.FINANCIEEL_MEDEWERKER,
            "ambtstype": "",
            "gemeente": "",
        },
    )
    nieuw = User.objects.get(email="nieuw@bzk.example.nl")
    assert not nieuw.is_active and not nieuw.is_staff
    assert not nieuw.has_usable_password()
    toekenning = RolToekenning.objects.get(gebruiker=nieuw)

    verified_client(tweede_beheerder).post(
        reverse("admin:accounts_roltoekenning_changelist"),
        {"action": "goedkeuren", "_selected_action": [toekenning.pk]},
    )
    nieuw.refresh_from_db()
    assert nieuw.is_active and nieuw.is_staff and nieuw.rol == Rol.FINANCIEEL_MEDEWERKER


def test_lower_roles_take_effect_at_once(verified_client, functioneel_beheerder, beoordelaar):
    """Taking a staff role away needs no second person."""
    gemeente = UserFactory(gemeente_medewerker=True).gemeente
    client = verified_client(functioneel_beheerder)
    _wijzig(client, beoordelaar, rol=Rol.GEMEENTE_MEDEWERKER, gemeente=gemeente.pk)
    beoordelaar.refresh_from_db()
    assert beoordelaar.rol == Rol.GEMEENTE_MEDEWERKER and not beoordelaar.is_staff
    assert not RolToekenning.objects.exists()


def test_every_role_change_is_in_the_audit_log(verified_client, functioneel_beheerder, beoordelaar):
    gemeente = UserFactory(gemeente_medewerker=True).gemeente
    _wijzig(
        verified_client(functioneel_beheerder),
        beoordelaar,
        rol=Rol.GEMEENTE_MEDEWERKER,
        gemeente=gemeente.pk,
    )
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_pk=str(beoordelaar.pk)
    )
    changes = [entry.changes_dict for entry in entries]
    assert any("rol" in change for change in changes), changes
    assert all("password" not in change for change in changes)
    assert any(entry.actor_id == functioneel_beheerder.pk for entry in entries)
