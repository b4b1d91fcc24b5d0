"""Start a Celery worker (solo pool) for the letter fault tests.

With BRIEVEN_TEST_VERTRAGING set, every letter render first writes the worker's pid to
BRIEVEN_TEST_MARKER and sleeps that many seconds, so a test can kill -9 the worker while it
is rendering. Test code only: production code has no such switch.
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
    from fondsbeveiliging.opmaak import pdf

    vertraging = float(os.environ.get("BRIEVEN_TEST_VERTRAGING", "0"))
    marker = os.environ.get("BRIEVEN_TEST_MARKER", "")
    origineel = pdf.html_to_pdf

    def traag(html: str) -> bytes:
        if marker:
            Path(marker).write_text(str(os.getpid()))
        time.sleep(vertraging)
        return origineel(html)

    pdf.html_to_pdf = traag
    from fondsbeveiliging.celery import app

    app.worker_main(
        ["worker", "--pool", "solo", "--without-mingle", "--without-gossip", "-l", "WARNING"]
    )


if __name__ == "__main__":
    main()
