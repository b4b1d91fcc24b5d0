"""Celery tasks of the data export: make one export, and expire old ones (beat, hourly).

Tasks take primary keys only and call a service. Each has an explicit, stable `name=`
(`constants`), so queued messages and the beat schedule survive a move of this module.
"""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services
from .constants import EXPORT_MAKEN_TASK, EXPORTS_OPRUIMEN_TASK

logger = logging.getLogger(__name__)

# Worth another try: the disk, the storage backend or the database was briefly away.
TIJDELIJKE_FOUTEN = (OSError, OperationalError, InterfaceError)


def _wachttijd(poging: int) -> int:
    """Exponential backoff in seconds: 5, 10, 20, ... at most 5 minutes."""
    return min(5 * 2**poging, 300)


@shared_task(
    name=EXPORT_MAKEN_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
)
def export_maken_task(self, export_id: int) -> bool:
    """Make one export (no-op when it is not pending); retry transient errors with backoff.

    After the last retry, or on any other error, the export is marked mislukt and the owner
    sees that on "Mijn gegevens" (and may ask again).
    """
    try:
        return services.export_maken(export_id=export_id)
    except TIJDELIJKE_FOUTEN as exc:
        definitief = self.request.retries >= self.max_retries
        _fout_vastleggen(export_id, exc, definitief)
        if definitief:
            return False
        raise self.retry(exc=exc, countdown=_wachttijd(self.request.retries)) from exc
    except Exception as exc:
        _fout_vastleggen(export_id, exc, True)
        raise


def _fout_vastleggen(export_id: int, exc: BaseException, definitief: bool) -> None:
    try:
        services.export_fout_vastleggen(export_id=export_id, fout=exc, definitief=definitief)
    except TIJDELIJKE_FOUTEN:
        logger.exception("export_fout_niet_vastgelegd export_id=%s", export_id)


@shared_task(name=EXPORTS_OPRUIMEN_TASK)
def exports_opruimen_task() -> int:
    """Delete the files of exports past their 7 days and mark them verlopen."""
    aantal = services.exports_opruimen()
    if aantal:
        logger.info("exports_opgeruimd aantal=%s", aantal)
    return aantal
