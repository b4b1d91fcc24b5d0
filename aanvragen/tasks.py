"""Celery tasks of the aanvragen app: thin, ids only, idempotent."""

from celery import shared_task

from . import services


@shared_task
def ontvangstbevestiging_versturen_task(aanvraag_id: int) -> bool:
    """Hand a stale acknowledgement message to the outbox (no-op when already handled).

    Nothing queues this task any more: submitting stores the e-mail in the outbox. It stays
    under its old name for messages still in the broker from before that change.
    """
    return services.ontvangstbevestiging_versturen(aanvraag_id=aanvraag_id)
