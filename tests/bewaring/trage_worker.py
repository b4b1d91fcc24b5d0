"""Start a Celery worker (solo pool) for the destruction fault test.

With BEWARING_TEST_VERTRAGING set, the first file wipe after a committed batch writes the
worker's pid to BEWARING_TEST_MARKER and sleeps, so the test can kill -9 the worker between
"records deleted and items marked" and "files wiped". Test code only.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")
    import django

    django.setup()
    from bewaring import services

    vertraging = float(os.environ.get("BEWARING_TEST_VERTRAGING", "0"))
    marker = os.environ.get("BEWARING_TEST_MARKER", "")
    origineel = services.bestanden_wissen
    aanroepen = []

    def traag(**kwargs):
        aanroepen.append(1)
        if vertraging and len(aanroepen) == 2:  # the first call comes before any batch
            Path(marker).write_text(str(os.getpid()))
            time.sleep(vertraging)
        return origineel(**kwargs)

    services.bestanden_wissen = traag
    from fondsbeveiliging.celery import app

    app.worker_main(
        ["worker", "--pool", "solo", "--without-mingle", "--without-gossip", "-l", "WARNING"]
    )


if __name__ == "__main__":
    main()
