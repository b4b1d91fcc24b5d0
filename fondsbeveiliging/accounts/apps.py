from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "fondsbeveiliging.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self):
        from auditlog.registry import auditlog

        from . import signals  # noqa: F401
        from .models import Ambt, RolToekenning, User

        # Every change of a role, an account's activity, staff access or the end of office
        # is in the audit log (who, when, old and new value); nothing else of the person.
        auditlog.register(
            User, include_fields=["rol", "is_active", "is_staff", "gemeente", "in_functie_tot"]
        )
        auditlog.register(RolToekenning)
        auditlog.register(Ambt)
