"""Celery tasks for the e-mail outbox."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(name=services.BERICHT_VERSTUREN_TASK, acks_late=True)
def bericht_versturen_task(bericht_id: int) -> bool:
    """Send one outbox message (no-op when already sent)."""
    return services.bericht_versturen(bericht_id=bericht_id)


@shared_task(name="fondsbeveiliging.berichten.tasks.berichten_nasturen_task")
def berichten_nasturen_task() -> int:
    """Re-queue messages still unsent after BERICHTEN_NAZENDEN_NA_SECONDEN: Redis may have
    lost them."""
    ouder_dan = timedelta(seconds=settings.BERICHTEN_NAZENDEN_NA_SECONDEN)
    ids = services.onverstuurde_berichten(ouder_dan=ouder_dan)
    for bericht_id in ids:
        bericht_versturen_task.delay(bericht_id)
    return len(ids)
