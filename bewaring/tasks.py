"""Celery tasks of retention: the nightly listing and the purge of an approved list.

Thin: ids only, stable names (`constants`), the work in `services`.
"""

import logging

from celery import shared_task

from . import services
from .constants import NACHTELIJK_TASK, UITVOEREN_TASK

logger = logging.getLogger(__name__)


@shared_task(name=NACHTELIJK_TASK)
def bewaring_nachtelijk_task() -> int | None:
    """Warn authors of drafts about to expire, resume unfinished purges, list new candidates.

    Lists only: nothing is destroyed until a person approves the list.
    """
    services.concepten_waarschuwen()
    services.vernietigingslijsten_hervatten()
    lijst = services.vernietigingslijst_opstellen()
    return lijst.pk if lijst else None


@shared_task(
    name=UITVOEREN_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    time_limit=None,
    soft_time_limit=None,
)
def vernietigingslijst_uitvoeren_task(self, lijst_id: int) -> bool:
    """Carry out an approved list (no-op for a list that is not approved or already done).

    Resumable: each batch commits on its own, so a retry or a re-run continues where the
    previous attempt stopped.
    """
    try:
        return services.vernietigingslijst_uitvoeren(lijst_id=lijst_id)
    except services.TIJDELIJKE_FOUTEN as exc:
        logger.warning("vernietiging_onderbroken lijst=%s fout=%s", lijst_id, type(exc).__name__)
        raise self.retry(exc=exc, countdown=services.wachttijd(self.request.retries)) from exc
