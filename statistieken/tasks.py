"""Celery tasks of the statistics: render one quarterly report, refresh the snapshots.

Take a primary key or a flag only and call a service; the names are explicit and stable.
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


# The older years' run may hold ~170 periods of ~0.3 s each at 100,000 records: more than the
# default 120 s limit.
@shared_task(name=services.VERVERSEN_TASK, ignore_result=True, soft_time_limit=540, time_limit=600)
def momentopnamen_verversen_task(oudere: bool = False) -> int:
    """Refresh the snapshots of this and last year (`oudere`: of the years before that which
    have one). Idempotent; no retry: the next beat run is the retry."""
    if oudere:
        return services.momentopnamen_verversen(perioden=services.oudere_perioden())
    return services.momentopnamen_verversen(perioden=services.recente_perioden())
