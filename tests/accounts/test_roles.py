import pytest
from django.contrib.auth.models import Group

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.roles import ROLE_PERMISSIONS, missing_permissions
from fondsbeveiliging.gemeenten.models import Gemeente

pytestmark = pytest.mark.django_db


def test_every_role_has_a_group_with_exactly_its_permissions():
    """After migrate each role's group exists and carries the matrix's permissions."""
    for rol in Rol:
        group = Group.objects.get(name=rol)
        names = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert names == set(ROLE_PERMISSIONS[rol])
    assert missing_permissions() == []


def test_all_342_municipalities_are_loaded():
    """The data migration loads the bundled CBS list."""
    assert Gemeente.objects.count() == 342
    assert Gemeente.objects.get(code="GM0363").naam == "Amsterdam"
