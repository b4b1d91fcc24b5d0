from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrievenConfig(AppConfig):
    name = "aanvragen.brieven"
    # The label from before the move to aanvragen/: migration history, content types and
    # permissions ("brieven.opnieuw_proberen_brief") are keyed by it.
    label = "brieven"
    verbose_name = _("Brieven")

    def ready(self):
        # Register the tasks in every process, the web server's included: the services queue
        # them by name (`current_app.tasks[...]`), and Celery's autodiscovery only imports
        # task modules in a worker.
        from . import tasks  # noqa: F401
