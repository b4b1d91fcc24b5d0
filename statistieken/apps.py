from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatistiekenConfig(AppConfig):
    name = "statistieken"
    verbose_name = _("Statistieken")

    def ready(self):
        # Register the task in every process, the web server's included: the service queues
        # it by name (`current_app.tasks[...]`).
        from . import tasks  # noqa: F401
