"""Benchmark: list 100,000 records past their period, then purge 10,000 of them with files.

    uv run --frozen python benchmarks/bewaring.py --kandidaten 100000 --vernietigen 10000

Recreates a dedicated database (`fb_bench_bewaring` on the server of DATABASE_URL) and a
temporary private-files folder, migrates, and seeds: `--vernietigen` abandoned draft
meldingen with one attachment file each (and their history row), plus outbox messages to
make up `--kandidaten`, all past their period. Then it times, in this process:
1. the nightly listing (`vernietigingslijst_opstellen`) of all candidates;
2. the purge (`vernietigingslijst_uitvoeren`, batches of BEWARING_BATCH_GROOTTE) of the
   drafts with their files, after the outbox items are exempted and the list approved;
and prints the time and the resident memory of the process (before, peak during, after),
sampled every 50 ms. Not a timed test: run it by hand and put the figures in the README.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.eigen_database import database_aanmaken  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # settings need no secrets for a local benchmark


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kandidaten", type=int, default=100_000)
    parser.add_argument("--vernietigen", type=int, default=10_000)
    parser.add_argument("--database", default="fb_bench_bewaring")
    return parser.parse_args()


args = parse_args()
if not args.database.startswith("fb_bench"):
    sys.exit("Use a dedicated benchmark database (name starting with fb_bench).")
if args.vernietigen > args.kandidaten:
    sys.exit("--vernietigen cannot exceed --kandidaten.")
os.environ["DATABASE_URL"] = database_aanmaken(args.database, opnieuw=True)
MEDIA = Path(tempfile.mkdtemp(prefix="fb_bench_bewaring_"))
os.environ["PRIVATE_MEDIA_ROOT"] = str(MEDIA)
os.environ["PRIVATE_STORAGE_BACKEND"] = "filesystem"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.machine import beschrijving  # noqa: E402

settings.DEBUG = False  # no query log growing in memory


class Geheugen:
    """Resident set size of this process, sampled in a thread: before, peak, after (MB)."""

    def __init__(self):
        self.pagina = os.sysconf("SC_PAGE_SIZE")

    def rss(self) -> float:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * self.pagina / 2**20

    def __enter__(self):
        self.voor = self.piek = self.rss()
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._meten, daemon=True)
        self._draad.start()
        return self

    def _meten(self):
        while not self._stop.wait(0.05):
            self.piek = max(self.piek, self.rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._draad.join()
        self.na = self.rss()
        self.piek = max(self.piek, self.na)

    def __str__(self):
        return f"RSS {self.voor:.0f} MB before, {self.piek:.0f} MB peak, {self.na:.0f} MB after"


def zaaien(kandidaten: int, met_bestand: int) -> None:
    """Seed abandoned drafts with a file each and old outbox messages (bulk inserts)."""
    from fondsbeveiliging.berichten.models import Bericht
    from meldingen.constants import Gebeurtenis, MeldingStatus
    from meldingen.models import Bijlage, Melding, MeldingHistorie
    from tests.factories import UserFactory

    eigenaar = UserFactory(ambtsdrager=True)
    oud = timezone.now() - timedelta(days=800)
    map_ = MEDIA / "meldingen" / "bench"
    map_.mkdir(parents=True)
    for start in range(0, met_bestand, 2000):
        n = min(2000, met_bestand - start)
        meldingen = Melding.objects.bulk_create(Melding(eigenaar=eigenaar) for _ in range(n))
        MeldingHistorie.objects.bulk_create(
            MeldingHistorie(
                melding=m,
                gebeurtenis=Gebeurtenis.AANGEMAAKT,
                naar_status=MeldingStatus.CONCEPT,
                door=eigenaar,
            )
            for m in meldingen
        )
        bijlagen = []
        for m in meldingen:
            naam = f"meldingen/bench/{m.pk}.pdf"
            (MEDIA / naam).write_bytes(b"%PDF-1.4 bench " + bytes(2000))
            bijlagen.append(
                Bijlage(
                    melding=m,
                    bestand=naam,
                    bestandsnaam="foto.pdf",
                    content_type="application/pdf",
                    grootte=2015,
                    sha256="0" * 64,
                    geupload_door=eigenaar,
                )
            )
        Bijlage.objects.bulk_create(bijlagen)
    Melding.objects.update(gewijzigd_op=oud)
    rest = kandidaten - met_bestand
    for start in range(0, rest, 5000):
        Bericht.objects.bulk_create(
            Bericht(sleutel=f"bench:{i}", aan="bench@example.nl", onderwerp="x", tekst="y")
            for i in range(start, min(start + 5000, rest))
        )
    Bericht.objects.update(aangemaakt_op=oud)


def main():
    from bewaring import services
    from bewaring.constants import ItemStatus, LijstStatus, Soort
    from bewaring.models import Vernietigingsitem, Vernietigingslijst
    from tests.factories import UserFactory

    print(beschrijving())
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    zaaien(args.kandidaten, args.vernietigen)
    print(
        f"seeded {args.kandidaten} candidates ({args.vernietigen} drafts with a file) "
        f"in {time.perf_counter() - start:.1f} s"
    )

    with Geheugen() as geheugen:
        start = time.perf_counter()
        lijst = services.vernietigingslijst_opstellen()
        duur = time.perf_counter() - start
    print(f"listing: {lijst.items.count()} items in {duur:.1f} s; {geheugen}")

    beheerder = UserFactory(functioneel_beheerder=True)
    Vernietigingsitem.objects.filter(lijst=lijst).exclude(soort=Soort.CONCEPT_MELDING).update(
        status=ItemStatus.UITGEZONDERD,
        uitzonderingsreden="benchmark",
        uitgezonderd_door=beheerder,
        uitgezonderd_op=timezone.now(),
    )
    # Approved directly: the service would also queue the purge on the broker after commit.
    Vernietigingslijst.objects.filter(pk=lijst.pk).update(
        status=LijstStatus.GOEDGEKEURD, goedgekeurd_door=beheerder, goedgekeurd_op=timezone.now()
    )
    with Geheugen() as geheugen:
        start = time.perf_counter()
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk)
        duur = time.perf_counter() - start
    bestanden = sum(1 for p in MEDIA.rglob("*.pdf") if "bench" in p.parts)
    vernietigd = lijst.items.filter(status=ItemStatus.VERNIETIGD).count()
    print(
        f"purge: {vernietigd} records with their files (batch "
        f"{settings.BEWARING_BATCH_GROOTTE}) in {duur:.1f} s "
        f"({vernietigd / duur:.0f}/s); {geheugen}; files left: {bestanden}"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        import shutil

        shutil.rmtree(MEDIA, ignore_errors=True)
