"""Celery tasks of the back office: thin, idempotent, no personal data in arguments."""

from celery import shared_task

from . import services

# Daily jobs retry a disk or network hiccup with backoff; running one twice is harmless.
DAGELIJKSE_TAAK = {
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


@shared_task(name="aanvragen.backoffice.tasks.deadline_overzicht_versturen_task", **DAGELIJKSE_TAAK)
def deadline_overzicht_versturen_task() -> int:
    """Queue today's deadline digest for every assessor (safe to run twice a day)."""
    return services.deadline_overzicht_versturen()


@shared_task(name="aanvragen.backoffice.tasks.zaken_afsluiten_task", **DAGELIJKSE_TAAK)
def zaken_afsluiten_task() -> list[int]:
    """Close the finished cases of today, one bounded batch (a second run closes nothing new)."""
    return services.zaken_afsluiten()


@shared_task(name="aanvragen.backoffice.tasks.signaleringen_klaarzetten_task", **DAGELIJKSE_TAAK)
def signaleringen_klaarzetten_task() -> int:
    """Queue the internal notices of new events (each once: the outbox key names the event)."""
    return services.signaleringen_klaarzetten()
