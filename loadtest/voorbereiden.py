"""Prepare the load test's database and write the manifest the locustfile reads.

    uv run --frozen python loadtest/voorbereiden.py [--database fb_load] [--aanvragen 5000]

Creates the database if it does not exist (on the server of DATABASE_URL; the name must
start with fb_load, so it never touches another database), migrates it, seeds the data set
of `loadtest/gegevens.py` when it is not there yet (a few minutes: the letters are really
rendered), and writes `var/loadtest/<database>.json`. A second run only migrates and writes
the manifest. Run with the environment of the web server (`make loadtest` sets it), so the
private files and the field-encryption key are the ones the server uses.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.eigen_database import database_aanmaken  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="fb_load")
    parser.add_argument("--aanvragen", type=int, default=5_000)
    parser.add_argument("--meldingen", type=int, default=2_000)
    parser.add_argument("--besluiten", type=int, default=300)
    parser.add_argument("--concepten", type=int, default=100)
    parser.add_argument("--manifest", help="default: var/loadtest/<database>.json")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if not args.database.startswith("fb_load"):
        sys.exit("Use a dedicated load-test database (name starting with fb_load).")
    os.environ["DATABASE_URL"] = database_aanmaken(args.database)
    # Seeding runs statements longer than the app's 30 s limit (ANALYZE, bulk inserts).
    os.environ["DATABASE_STATEMENT_TIMEOUT_MS"] = "0"

    import django

    django.setup()
    from django.core.management import call_command

    from loadtest import gegevens

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    if not gegevens.is_voorbereid():
        print(f"Database {args.database}: seeding the load data set", flush=True)
    schaal = gegevens.Schaal(
        aanvragen=args.aanvragen,
        meldingen=args.meldingen,
        besluiten=args.besluiten,
        concepten=args.concepten,
    )
    manifest = gegevens.voorbereiden(schaal, log=lambda regel: print(f"  {regel}", flush=True))
    pad = Path(args.manifest or ROOT / "var" / "loadtest" / f"{args.database}.json")
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(manifest))
    print(
        f"Database {args.database} ready ({time.perf_counter() - start:.0f} s); manifest {pad}",
        flush=True,
    )


if __name__ == "__main__":
    main()
