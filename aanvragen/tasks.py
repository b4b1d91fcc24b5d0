"""Celery tasks of the aanvragen app: thin, ids only, idempotent."""

from celery import shared_task

from . import services


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def ontvangstbevestiging_versturen_task(self, aanvraag_id: int) -> bool:
    """Send the acknowledgement of receipt of one claim (no-op when already sent)."""
    return services.ontvangstbevestiging_versturen(aanvraag_id=aanvraag_id)
