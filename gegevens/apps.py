from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GegevensConfig(AppConfig):
    name = "gegevens"
    verbose_name = _("Mijn gegevens")

    def ready(self):
        # Register the tasks in every process, the web server's included: the services queue
        # them by name (`current_app.tasks[...]`), and Celery's autodiscovery only imports
        # tasks modules in the worker.
        from . import tasks  # noqa: F401
