from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewaringConfig(AppConfig):
    name = "bewaring"
    verbose_name = _("Bewaren en vernietigen")

    def ready(self):
        # The services queue the purge by name: register the tasks in every process.
        from auditlog.registry import auditlog

        from . import tasks  # noqa: F401
        from .models import Bewaarplicht, Bewaartermijn

        # Changes of the schedule and of legal holds are in the model history.
        auditlog.register(Bewaartermijn)
        auditlog.register(Bewaarplicht)
