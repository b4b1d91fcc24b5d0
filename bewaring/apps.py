from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewaringConfig(AppConfig):
    name = "bewaring"
    verbose_name = _("Bewaren en vernietigen")
