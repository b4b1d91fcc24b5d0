"""Business actions on accounts."""

from django.contrib.auth.models import Group
from django.db import transaction

from .constants import STAFF_ROLLEN
from .models import User


@transaction.atomic
def rol_toewijzen(*, user: User, rol: str) -> User:
    """Give `user` exactly one role: its group, and admin access only for BZK staff roles."""
    user.rol = rol
    user.is_staff = rol in STAFF_ROLLEN or user.is_superuser
    user.save(update_fields=["rol", "is_staff"])
    user.groups.set([Group.objects.get(name=rol)])
    return user
