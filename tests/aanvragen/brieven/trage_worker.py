"""Start a Celery worker (solo pool) for the letter fault tests.

With BRIEVEN_TEST_VERTRAGING set, every letter render first writes the worker's pid to
BRIEVEN_TEST_MARKER and sleeps that many seconds, so a test can kill -9 the worker while it
is rendering. With BRIEVEN_TEST_DOOR (a path) the sleep ends as soon as that file exists, and
only the first render waits (the chaos tests restart PostgreSQL in the meantime). Test code
only: production code has no such switch.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")
    import django

    django.setup()
    # The letter task's own render call, inside its transaction with the letter row locked
    # (not opmaak's html_to_pdf, which the worker's warm-up calls before any task).
    from aanvragen.brieven import services

    vertraging = float(os.environ.get("BRIEVEN_TEST_VERTRAGING", "0"))
    marker = os.environ.get("BRIEVEN_TEST_MARKER", "")
    door = os.environ.get("BRIEVEN_TEST_DOOR", "")
    origineel = services.render_brief

    def traag(brief_context) -> bytes:
        if door and Path(marker).exists():
            return origineel(brief_context)
        if marker:
            Path(marker).write_text(str(os.getpid()))
        einde = time.monotonic() + vertraging
        while time.monotonic() < einde and not (door and Path(door).exists()):
            time.sleep(0.05)
        return origineel(brief_context)

    services.render_brief = traag
    from fondsbeveiliging.celery import app

    app.worker_main(
        ["worker", "--pool", "solo", "--without-mingle", "--without-gossip", "-l", "WARNING"]
    )


if __name__ == "__main__":
    main()
