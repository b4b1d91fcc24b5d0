"""gunicorn settings that every start shares: gunicorn reads this file from the working
directory (`make run`, docker compose's web service, `make loadtest`); the command lines
keep the bind address, worker count and logs.

Web workers render the assessor's draft-letter preview (`brieven:besluit_voorbeeld`). The
first render in a process imports WeasyPrint and builds fonts and the stylesheet: about 1 s,
and up to 2.7 s on a busy 2-core machine (`make loadtest`, README "Load test"), which one
preview in ten paid with 5 workers. Each worker does it once at start instead, as the
Celery workers do (`aanvragen/brieven/tasks.py::warm_up_worker`).
"""

import logging

logger = logging.getLogger("fondsbeveiliging.gunicorn")


def post_worker_init(worker):
    """Build WeasyPrint's fonts and the letter stylesheet once per web worker process, then
    take what lives as long as the process out of the garbage collector's view."""
    from fondsbeveiliging.core.geheugen import langlevende_objecten_bevriezen
    from fondsbeveiliging.opmaak.pdf import warm_up

    try:
        warm_up()
    except Exception:
        # A broken renderer must not stop the web worker; the preview raises it itself.
        logger.exception("brieven.warm_up_failed")
    langlevende_objecten_bevriezen()
