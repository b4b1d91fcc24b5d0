from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpmaakConfig(AppConfig):
    name = "fondsbeveiliging.opmaak"
    label = "opmaak"
    verbose_name = _("Opmaak")
