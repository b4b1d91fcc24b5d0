from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BerichtenConfig(AppConfig):
    name = "fondsbeveiliging.berichten"
    label = "berichten"
    verbose_name = _("Berichten (e-mail)")

    def ready(self):
        # Register the tasks in every process, the web server's included: the services queue
        # them by name (`current_app.tasks[...]`), and Celery's autodiscovery only imports
        # task modules in a worker.
        from . import tasks  # noqa: F401
