from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermijnenConfig(AppConfig):
    name = "fondsbeveiliging.termijnen"
    label = "termijnen"
    verbose_name = _("Termijnen en kalender")

    def ready(self):
        from fondsbeveiliging.termijnen import signals  # noqa: F401
