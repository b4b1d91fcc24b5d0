"""Role constraints on the User model, enforced by the database."""

import pytest
from django.db import IntegrityError, transaction

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.accounts.services import rol_toewijzen
from fondsbeveiliging.gemeenten.models import Gemeente

pytestmark = pytest.mark.django_db


def test_gemeente_medewerker_without_municipality_is_refused():
    """The database refuses a municipal employee with no municipality."""
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("griffie@example.nl", "x", rol=Rol.GEMEENTE_MEDEWERKER)


def test_removing_the_municipality_later_is_refused(gemeente_medewerker):
    """The constraint also holds on update."""
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=gemeente_medewerker.pk).update(gemeente=None)


def test_gemeente_medewerker_has_exactly_one_municipality(gemeente_medewerker):
    """A single foreign key: one municipality, never a list."""
    field = User._meta.get_field("gemeente")
    assert field.many_to_one and not field.many_to_many
    assert isinstance(gemeente_medewerker.gemeente, Gemeente)


def test_ambtsdrager_needs_office_type_and_municipality():
    """An office holder without office type is refused."""
    gemeente = Gemeente.objects.get(code="GM0363")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("a@example.nl", "x", rol=Rol.AMBTSDRAGER, gemeente=gemeente)


def test_staff_may_have_no_municipality(beoordelaar):
    """BZK staff are not bound to a municipality."""
    assert beoordelaar.gemeente is None and beoordelaar.is_staff


@pytest.mark.parametrize("rol", list(Rol))
def test_assigning_a_role_sets_exactly_one_group_and_staff_flag(rol):
    """Assigning a role gives its group only, and admin access only to BZK staff roles."""
    user = User.objects.create_user(
        f"{rol}@example.nl", "x", gemeente=Gemeente.objects.get(code="GM0363"), ambtstype="raadslid"
    )
    rol_toewijzen(user=user, rol=rol)
    user.refresh_from_db()
    assert [g.name for g in user.groups.all()] == [rol]
    assert user.is_staff == (
        rol
        in {
            Rol.BEOORDELAAR,
            Rol.TWEEDE_BEOORDELAAR,
            Rol.FINANCIEEL_MEDEWERKER,
            Rol.FUNCTIONEEL_BEHEERDER,
        }
    )
