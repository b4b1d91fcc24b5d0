from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrievenConfig(AppConfig):
    name = "aanvragen.brieven"
    # The label from before the move to aanvragen/: migration history, content types and
    # permissions ("brieven.opnieuw_proberen_brief") are keyed by it.
    label = "brieven"
    verbose_name = _("Brieven")
