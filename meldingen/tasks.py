"""Celery tasks for meldingen: thin, ids only, safe to run twice."""

import smtplib

from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def bzk_team_informeren_task(melding_id: int) -> bool:
    """Tell the BZK team a melding arrived (reference and link only)."""
    return services.bzk_team_informeren(melding_id=melding_id)
