"""Celery tasks for letters: per-process warm-up, generation and the pending-letter sweeper.

Celery's autodiscovery imports this module in every worker, which connects the warm-up.
Tasks take primary keys only and call a service; see `services` for the flow. Every task
has an explicit `name=`: the one it had before the letters moved from
`fondsbeveiliging/brieven/`, so messages in the broker and the beat schedule keep working
whatever module the code lives in.
"""

import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_process_init
from django.conf import settings

from fondsbeveiliging.core.geheugen import langlevende_objecten_bevriezen
from fondsbeveiliging.core.taken import uitvoeren_met_herkansing
from fondsbeveiliging.opmaak.pdf import warm_up

from . import services

logger = logging.getLogger(__name__)


@worker_process_init.connect(dispatch_uid="brieven_warm_up")
def warm_up_worker(**kwargs):
    """Build fonts and the letter stylesheet once per (prefork) worker process, then take
    what lives as long as the process out of the garbage collector's view."""
    try:
        warm_up()
    except Exception:
        # A broken renderer must not stop the worker from serving other queues; the first
        # letter will raise the same error with its task id.
        logger.exception("brieven.warm_up_failed")
    langlevende_objecten_bevriezen()


@shared_task(
    name=services.BRIEF_GENEREREN_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=6,
)
def brief_genereren_task(self, brief_id: int) -> bool:
    """Generate one letter (no-op when it is klaar); retry transient errors with backoff.

    After the last retry, or on any other error, the letter is marked mislukt: visible in
    the admin with a retry action.
    """
    return uitvoeren_met_herkansing(
        self,
        lambda: services.brief_genereren(brief_id=brief_id),
        lambda fout, definitief: services.brief_fout_vastleggen(
            brief_id=brief_id, fout=fout, definitief=definitief
        ),
    )


@shared_task(name="fondsbeveiliging.brieven.tasks.brieven_nasturen_task")
def brieven_nasturen_task() -> int:
    """Re-queue letters still pending; create decision letters that are missing.

    Redis runs without persistence and may lose queued messages. Letters are stored in the
    business transaction, so none should be missing; the check covers decisions approved
    before that (when an after-commit hook created the letter) at the cost of one query.
    """
    ouder_dan = timedelta(seconds=settings.BRIEVEN_NAZENDEN_NA_SECONDEN)
    gemaakt = services.ontbrekende_besluitbrieven_aanmaken(ouder_dan=ouder_dan)
    if gemaakt:
        logger.warning("brieven_ontbraken aantal=%s", len(gemaakt))
    ids = services.wachtende_brieven_inplannen(ouder_dan=ouder_dan)
    if ids:
        logger.warning("brieven_nagestuurd aantal=%s", len(ids))
    return len(ids) + len(gemaakt)
