from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "fondsbeveiliging.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self):
        from . import signals  # noqa: F401
