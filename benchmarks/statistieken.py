"""Benchmark: the statistics page with every section at 100,000 meldingen and 100,000 claims.

    uv run --frozen python benchmarks/statistieken.py --meldingen 100000 --aanvragen 100000

Creates (or reuses) a dedicated database (`fb_bench_stat` on the server of DATABASE_URL),
migrates it, adds fictitious meldingen and claims with `statistieken/voorbeelddata.py` (bulk
inserts over three years; skipped when the database already holds that many), then requests
the page through the Django test client as a 2FA-verified assessor and prints, per period,
the number of SQL queries and the median server time over several requests (after one
warm-up request), plus one table as CSV: first with the period's snapshots present (what
users see: the refresh task keeps them), then live (the period's snapshots deleted before
every request, untimed: every aggregate runs and the snapshots are stored again, as on a
period's first view). Last, the refresh task's work for one year's 17 periods (median of
three runs). Not a timed test: run it by hand and put the figures in the README.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.eigen_database import database_aanmaken, database_url  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # settings need no secrets for a local benchmark


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meldingen", type=int, default=100_000)
    parser.add_argument("--aanvragen", type=int, default=100_000)
    parser.add_argument("--database", default="fb_bench_stat")
    parser.add_argument("--requests", type=int, default=7, help="timed requests per page")
    return parser.parse_args()


args = parse_args()
if not args.database.startswith("fb_bench"):
    sys.exit("Use a dedicated benchmark database (name starting with fb_bench).")
database_aanmaken(args.database)
os.environ["DATABASE_URL"] = database_url(args.database)
import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from aanvragen.models import Aanvraag  # noqa: E402
from fondsbeveiliging.accounts.constants import Rol  # noqa: E402
from fondsbeveiliging.accounts.models import User  # noqa: E402
from meldingen.models import Melding  # noqa: E402
from statistieken.voorbeelddata import Generator  # noqa: E402


def zaaien() -> None:
    """Top up to the asked numbers of fictitious meldingen and claims."""
    generator = Generator(seed=42)
    accounts = generator.accounts()
    te_doen = [
        (
            "meldingen",
            args.meldingen - Melding.objects.filter(referentie__startswith="MD-").count(),
        ),
        ("aanvragen", args.aanvragen - Aanvraag.objects.filter(kenmerk__startswith="FD-").count()),
    ]
    for soort, aantal in te_doen:
        if aantal <= 0:
            continue
        print(f"Seeding {aantal:,} {soort}", flush=True)
        start = time.perf_counter()
        getattr(generator, soort)(aantal, accounts)
        print(f"  seeded in {time.perf_counter() - start:.0f} s", flush=True)
    with connection.cursor() as cursor:
        # As autovacuum does after bulk inserts: statistics, and the visibility map that
        # lets the covering statistics indexes answer without reading the tables.
        cursor.execute("VACUUM ANALYZE")


def verified_client() -> Client:
    """A test client logged in as an assessor past the two-factor step."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = User.objects.get_or_create(
        email="beoordelaar-stat@bench.nl", defaults={"rol": Rol.BEOORDELAAR, "is_staff": True}
    )
    user.groups.set([Group.objects.get(name=Rol.BEOORDELAAR)])
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def momentopnamen_legen(url: str) -> None:
    """Delete the snapshots of the period in `url` (the next request computes it live)."""
    from django.http import QueryDict

    from statistieken.models import Momentopname
    from statistieken.periode import periode_uit

    periode = periode_uit(QueryDict(url.partition("?")[2]))
    Momentopname.objects.filter(periode=periode.slug).delete()


def meten(client: Client, url: str, herhalingen: int, *, live: bool):
    """(queries, median ms, median SQL ms, response bytes) of GET url, after a warm-up.

    `live`: the period's snapshots are deleted before every timed request (untimed).
    """
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    tijden, sql = [], []
    for _ in range(herhalingen):
        if live:
            momentopnamen_legen(url)
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            tijden.append((time.perf_counter() - start) * 1000)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return (
        len(ctx.captured_queries),
        statistics.median(tijden),
        statistics.median(sql),
        len(response.content),
    )


def verversen_meten(jaar: int, herhalingen: int = 3) -> None:
    """Time the refresh task's work for the 17 periods of `jaar` (median of `herhalingen`)."""
    from statistieken.periode import Periode
    from statistieken.services import momentopnamen_verversen

    perioden = Periode.van_jaar(jaar)
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        momentopnamen_verversen(perioden=perioden)
        tijden.append(time.perf_counter() - start)
    print(
        f"refresh, year {jaar} ({len(perioden)} periods): median {statistics.median(tijden):.1f} s"
        f" of {herhalingen} (range {min(tijden):.1f}-{max(tijden):.1f} s),"
        f" {statistics.median(tijden) / len(perioden) * 1000:.0f} ms per period",
        flush=True,
    )


def main() -> None:
    print(f"Database {args.database}: migrate", flush=True)
    call_command("migrate", verbosity=0)
    zaaien()
    setup_test_environment(debug=False)
    client = verified_client()
    pagina = reverse("admin:statistieken_kwartaalrapport_changelist")
    csv = reverse("admin:statistieken_tabel_csv", args=["meldingen-per-provincie"])
    jaar = timezone.localdate().year
    paginas = [
        (f"page, year {jaar}", f"{pagina}?jaar={jaar}"),
        (f"page, year {jaar - 1}", f"{pagina}?jaar={jaar - 1}"),
        (f"page, {jaar - 1} quarter 2", f"{pagina}?jaar={jaar - 1}&kwartaal=2"),
        (f"page, {jaar - 1} month 11", f"{pagina}?jaar={jaar - 1}&maand=11"),
        ("one table as CSV", f"{csv}?jaar={jaar - 1}"),
    ]
    print(
        f"\n{Melding.objects.count():,} meldingen, {Aanvraag.objects.count():,} claims; median "
        f"of {args.requests} requests (Django test client, in-process, DEBUG off)"
    )
    print(f"{'request':40} {'queries':>8} {'ms':>8} {'SQL ms':>8} {'KB':>6}")
    for live in (False, True):
        for naam, url in paginas:
            queries, ms, sql_ms, grootte = meten(client, url, args.requests, live=live)
            naam = f"{naam} ({'live' if live else 'snapshot'})"
            print(
                f"{naam:40} {queries:>8} {ms:>8.1f} {sql_ms:>8.1f} {grootte / 1024:>6.0f}",
                flush=True,
            )
    print()
    verversen_meten(jaar - 1)
    print(f"\nload average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
