"""What every retrying Celery task does the same way: which errors are worth another try,
how long to wait, and recording a failure without failing on the recording.

A task passes its work and how to record a failure; the rule lives here once (letters and
data exports both use it).
"""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

# Worth another try: the disk, the storage backend or the database was briefly away.
TIJDELIJKE_FOUTEN = (OSError, OperationalError, InterfaceError)


def wachttijd(poging: int, *, eerste: int = 10, hoogstens: int = 600) -> int:
    """Exponential backoff in seconds: eerste, 2 × eerste, ... at most `hoogstens`."""
    return min(eerste * 2**poging, hoogstens)


def uitvoeren_met_herkansing(
    taak,
    werk: Callable[[], bool],
    fout_vastleggen: Callable[[BaseException, bool], None],
    *,
    eerste_wachttijd: int = 10,
) -> bool:
    """Run `werk` for the bound task `taak`; retry transient errors with backoff.

    Every failed attempt is recorded (`fout_vastleggen(fout, definitief)`); after the last
    retry, or at once for any other error, the failure is final. A final transient failure
    returns False (the row shows it); any other error is raised again with its traceback.
    """
    try:
        return werk()
    except TIJDELIJKE_FOUTEN as exc:
        definitief = taak.request.retries >= taak.max_retries
        _vastleggen(fout_vastleggen, exc, definitief)
        if definitief:
            return False
        countdown = wachttijd(taak.request.retries, eerste=eerste_wachttijd)
        raise taak.retry(exc=exc, countdown=countdown) from exc
    except Exception as exc:
        _vastleggen(fout_vastleggen, exc, True)
        raise


def _vastleggen(fout_vastleggen, exc: BaseException, definitief: bool) -> None:
    try:
        fout_vastleggen(exc, definitief)
    except TIJDELIJKE_FOUTEN:
        # The database itself is away: the task's sweeper picks the row up again later.
        logger.exception("fout_niet_vastgelegd fout=%s", type(exc).__name__)
