from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BerichtenConfig(AppConfig):
    name = "fondsbeveiliging.berichten"
    label = "berichten"
    verbose_name = _("Berichten (e-mail)")
