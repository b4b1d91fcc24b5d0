"""Celery hooks for letters.

Celery's autodiscovery imports this module in every worker, which connects the per-process
warm-up. The letter generation task itself is added together with the decision models.
"""

import logging

from celery.signals import worker_process_init

logger = logging.getLogger(__name__)


@worker_process_init.connect(dispatch_uid="brieven_warm_up")
def warm_up_worker(**kwargs):
    """Build fonts and the letter stylesheet once per (prefork) worker process."""
    from fondsbeveiliging.brieven.pdf import warm_up

    try:
        warm_up()
    except Exception:
        # A broken renderer must not stop the worker from serving other queues; the first
        # letter will raise the same error with its task id.
        logger.exception("brieven.warm_up_failed")
