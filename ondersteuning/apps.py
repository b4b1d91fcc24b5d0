from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OndersteuningConfig(AppConfig):
    name = "ondersteuning"
    verbose_name = _("Ondersteuningsteams")
