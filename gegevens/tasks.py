"""Celery tasks of the data export: make one export, and expire old ones (beat, hourly).

Tasks take primary keys only and call a service. Each has an explicit, stable `name=`
(`constants`), so queued messages and the beat schedule survive a move of this module.
"""

import logging

from celery import shared_task

from fondsbeveiliging.core.taken import uitvoeren_met_herkansing

from . import services
from .constants import EXPORT_MAKEN_TASK, EXPORTS_OPRUIMEN_TASK

logger = logging.getLogger(__name__)


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
    return uitvoeren_met_herkansing(
        self,
        lambda: services.export_maken(export_id=export_id),
        lambda fout, definitief: services.export_fout_vastleggen(
            export_id=export_id, fout=fout, definitief=definitief
        ),
        eerste_wachttijd=5,
    )


@shared_task(name=EXPORTS_OPRUIMEN_TASK)
def exports_opruimen_task() -> int:
    """Delete the files of exports past their 7 days and mark them verlopen."""
    aantal = services.exports_opruimen()
    if aantal:
        logger.info("exports_opgeruimd aantal=%s", aantal)
    return aantal
