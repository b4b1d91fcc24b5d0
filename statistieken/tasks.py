"""Celery task of the statistics: render one quarterly report.

Takes a primary key only and calls the service; the name is explicit and stable.
"""

from celery import shared_task

from fondsbeveiliging.core.taken import uitvoeren_met_herkansing

from . import services


@shared_task(
    name=services.RAPPORT_MAKEN_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
)
def kwartaalrapport_maken_task(self, rapport_id: int) -> bool:
    """Render one pending report (no-op otherwise); retry transient errors with backoff."""
    return uitvoeren_met_herkansing(
        self,
        lambda: services.kwartaalrapport_maken(rapport_id=rapport_id),
        lambda fout, definitief: services.kwartaalrapport_fout_vastleggen(
            rapport_id=rapport_id, fout=fout, definitief=definitief
        ),
    )
