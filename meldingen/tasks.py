"""Celery tasks for meldingen: thin, ids only, safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def bzk_team_informeren_task(melding_id: int) -> bool:
    """Hand a stale "a melding arrived" message to the outbox (no-op when already handled).

    Nothing queues this task any more: sending a melding stores the mail in the outbox. It
    stays under its old name for messages still in the broker from before that change.
    """
    return services.bzk_team_informeren(melding_id=melding_id)
