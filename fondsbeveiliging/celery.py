"""Celery application: settings come from Django settings with the CELERY_ prefix."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")

app = Celery("fondsbeveiliging")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect(dispatch_uid="fonds_db_verbindingen_voor")
@task_postrun.connect(dispatch_uid="fonds_db_verbindingen_na")
def db_verbindingen_opruimen(task=None, **kwargs):
    """Around every task what Django does around every request: close a connection only when
    it is broken, had an error or is older than CONN_MAX_AGE (the health check of
    CONN_HEALTH_CHECKS runs at its first use).

    Celery's own Django fixup closes the connection before and after every task unless
    `CELERY_DB_REUSE_MAX` is set (settings set it out of the way): measured, 303 new
    PostgreSQL sessions for 300 letters, each costing a backend start and the statements
    prepared on it (`benchmarks/brieven_task.py`). Not for a task run eagerly inside the
    caller's transaction (tests, `apply()`), as the fixup does.
    """
    if task is not None and getattr(task.request, "is_eager", False):
        return
    close_old_connections()
