"""Benchmark: the back-office work queue and a case page with many claims.

    uv run --frozen python benchmarks/werkvoorraad.py --claims 100000

Creates (or reuses) a dedicated database (`fb_bench` on the server of DATABASE_URL), migrates
it, seeds N submitted claims with bulk inserts (skipped when the database already holds N),
then requests each page through the Django test client as a 2FA-verified assessor and prints
the number of SQL queries and the median server time over several requests (after one
warm-up request): queue page 1, a later page, a filtered page, a kenmerk search, a name
search and one case page. Not a timed test: run it by hand and put the figures in the note.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.eigen_database import database_aanmaken, database_url  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # settings need no secrets for a local benchmark


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--database", default="fb_bench")
    parser.add_argument("--requests", type=int, default=7, help="timed requests per page")
    return parser.parse_args()


args = parse_args()
if not args.database.startswith("fb_bench"):
    sys.exit("Use a dedicated benchmark database (name starting with fb_bench).")
database_aanmaken(args.database)
os.environ["DATABASE_URL"] = database_url(args.database)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from aanvragen.constants import (  # noqa: E402
    AanvraagStatus,
    BesluitStatus,
    KostenAard,
    RedenCode,
    Uitkomst,
)
from aanvragen.models import (  # noqa: E402
    Aanvraag,
    Aanvulverzoek,
    Besluit,
    Bewijsstuk,
    Kostenpost,
    KostenpostBeoordeling,
    Regeling,
    StatusWijziging,
)
from fondsbeveiliging.accounts.constants import Ambtstype, Rol  # noqa: E402
from fondsbeveiliging.accounts.models import User  # noqa: E402
from fondsbeveiliging.gemeenten.models import Gemeente  # noqa: E402

S = AanvraagStatus
# Roughly a fund a few years in: most claims are decided and closed.
STATUS_VERDELING = [
    (S.AFGESLOTEN, 50),
    (S.BETAALD, 10),
    (S.VERZONDEN, 8),
    (S.INGEDIEND, 6),
    (S.IN_BEHANDELING, 10),
    (S.AANVULLING_GEVRAAGD, 4),
    (S.VERDAAGD, 2),
    (S.VOORNEMEN_AFWIJZING, 2),
    (S.BESLUIT_CONCEPT, 3),
    (S.BESLUIT_GOEDGEKEURD, 2),
    (S.INGETROKKEN, 2),
    (S.BEZWAAR, 1),
]
BATCH = 5_000
VOORNAMEN = [
    "Anna",
    "Bram",
    "Cor",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joost",
    "Kees",
    "Lotte",
    "Mark",
    "Noor",
    "Piet",
    "Sanne",
]
ACHTERNAMEN = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Vermeulen",
    "Kok",
    "Jacobs",
    "van der Linden",
]


def gebruiker(email: str, rol: str, **extra) -> User:
    from django.contrib.auth.models import Group

    user, _created = User.objects.get_or_create(
        email=email,
        defaults={"rol": rol, "is_staff": rol != Rol.AMBTSDRAGER, "first_name": email[:8], **extra},
    )
    user.groups.set([Group.objects.get(name=rol)])
    return user


def regeling() -> Regeling:
    from datetime import date

    return Regeling.objects.get_or_create(
        code="bench",
        defaults={
            "naam": "Regeling beveiligingsmaatregelen (benchmark)",
            "grondslag": "artikel 3",
            "geldig_van": date(2015, 1, 1),
            "jaarbudget": Decimal("10000000"),
        },
    )[0]


def zaaien(aantal: int) -> None:
    """Insert `aantal` submitted claims in batches (no cost lines: the queue does not read them)."""
    rng = random.Random(42)  # noqa: S311 - test data
    gemeenten = list(Gemeente.objects.all())
    versie = regeling()
    beoordelaars = [gebruiker(f"beoordelaar{i}@bench.nl", Rol.BEOORDELAAR) for i in range(20)]
    aanvragers = [
        gebruiker(
            f"ambtsdrager{i}@bench.nl",
            Rol.AMBTSDRAGER,
            ambtstype=Ambtstype.WETHOUDER,
            gemeente=gemeenten[i % len(gemeenten)],
        )
        for i in range(200)
    ]
    statussen = [s for s, gewicht in STATUS_VERDELING for _ in range(gewicht)]
    nu = timezone.now()
    bestaand = Aanvraag.objects.count()
    for start in range(bestaand, aantal, BATCH):
        rijen = []
        for i in range(start, min(start + BATCH, aantal)):
            aanvrager = aanvragers[i % len(aanvragers)]
            ontvangen = nu - timedelta(days=rng.randint(0, 3 * 365))
            status = rng.choice(statussen)
            rijen.append(
                Aanvraag(
                    aanvrager=aanvrager,
                    regeling=versie,
                    aanvrager_naam=f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}",
                    ambtstype=rng.choice(list(Ambtstype.values)),
                    gemeente=gemeenten[rng.randrange(len(gemeenten))],
                    status=status,
                    kenmerk=f"FB-{ontvangen.year}-{i + 1:06d}",
                    ingediend_op=ontvangen,
                    beslistermijn_einde=timezone.localdate(ontvangen) + timedelta(weeks=8),
                    behandelaar=None if status == S.INGEDIEND else rng.choice(beoordelaars),
                    bedrag_aangevraagd=Decimal(rng.randint(100, 2400)),
                    iban="NL91ABNA0417164300",
                    rekeninghouder=aanvrager.first_name,
                    verklaring_akkoord=True,
                )
            )
        Aanvraag.objects.bulk_create(rijen, batch_size=1_000)
        print(f"  {start + len(rijen):,} claims", flush=True)


FACTUURNUMMER = "F-2026-0042"


def rijke_zaak(beoordelaar: User, tweede: User) -> Aanvraag:
    """A case with what a case page shows: cost lines, evidence, a request, a decision, history."""
    aanvraag = Aanvraag.objects.filter(status=S.BESLUIT_GOEDGEKEURD).order_by("pk").first()
    if aanvraag.kostenposten.exists():
        # The same invoice on every line: pattern (b) of the double-claim signals runs too
        # (databases seeded before it had no invoice numbers).
        aanvraag.kostenposten.update(factuurnummer=FACTUURNUMMER)
        return aanvraag
    categorieen = list(aanvraag.regeling.categorieen.all())
    totaal = Decimal("0")
    for n in range(3):
        kostenpost = Kostenpost.objects.create(
            aanvraag=aanvraag,
            categorie=categorieen[n] if len(categorieen) > n else None,
            omschrijving=f"Maatregel {n + 1}",
            leverancier="Veilig Thuis B.V.",
            factuurnummer=FACTUURNUMMER,
            bedrag=Decimal("500.00"),
            aard=KostenAard.BETAALD,
        )
        for soort in ["factuur", "betaalbewijs"]:
            Bewijsstuk.objects.create(
                kostenpost=kostenpost,
                soort=soort,
                bestand=f"aanvragen/bench/{kostenpost.pk}-{soort}.pdf",
                bestandsnaam=f"{soort}.pdf",
                content_type="application/pdf",
                grootte=1000,
                sha256="0" * 64,
                geupload_door=aanvraag.aanvrager,
            )
        KostenpostBeoordeling.objects.create(
            kostenpost=kostenpost,
            bedrag_toegekend=Decimal("400.00"),
            reden_code=RedenCode.BOVEN_MAXIMUM,
            motivering="Boven het maximum.",
            beoordeeld_door=beoordelaar,
        )
        totaal += Decimal("400.00")
    nu = timezone.now()
    Aanvulverzoek.objects.create(
        aanvraag=aanvraag,
        vraag="Wilt u de offerte sturen?",
        verzocht_op=nu - timedelta(days=20),
        verzocht_door=beoordelaar,
        termijn_tot=timezone.localdate() - timedelta(days=6),
        antwoord="Bijgevoegd.",
        beantwoord_op=nu - timedelta(days=10),
    )
    Besluit.objects.create(
        aanvraag=aanvraag,
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        motivering="Deels boven het maximum.",
        bedrag_toegekend=totaal,
        status=BesluitStatus.GOEDGEKEURD,
        vierogen_vereist=True,
        opgesteld_door=beoordelaar,
        opgesteld_op=nu - timedelta(days=2),
        goedgekeurd_door=tweede,
        goedgekeurd_op=nu - timedelta(days=1),
    )
    for van, naar in [
        ("", S.INGEDIEND),
        (S.INGEDIEND, S.IN_BEHANDELING),
        (S.IN_BEHANDELING, S.BESLUIT_CONCEPT),
        (S.BESLUIT_CONCEPT, S.BESLUIT_GOEDGEKEURD),
    ]:
        StatusWijziging.objects.create(aanvraag=aanvraag, van=van, naar=naar, door=beoordelaar)
    return aanvraag


def verified_client(user: User) -> Client:
    """A test client logged in as `user` past the two-factor step."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def meten(client: Client, url: str, herhalingen: int) -> tuple[int, float, float, int]:
    """(queries, median ms, median SQL ms, rows on the page) of GET url, after a warm-up."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    tijden, sql = [], []
    for _ in range(herhalingen):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            tijden.append((time.perf_counter() - start) * 1000)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    cl = response.context["cl"] if response.context and "cl" in response.context else None
    rijen = len(cl.result_list) if cl is not None else 0
    return len(ctx.captured_queries), statistics.median(tijden), statistics.median(sql), rijen


def main() -> None:
    print(f"Database {args.database}: migrate", flush=True)
    call_command("migrate", verbosity=0)
    bestaand = Aanvraag.objects.count()
    if bestaand < args.claims:
        print(f"Seeding {args.claims - bestaand:,} claims", flush=True)
        start = time.perf_counter()
        zaaien(args.claims)
        print(f"  seeded in {time.perf_counter() - start:.0f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    beoordelaar = gebruiker("beoordelaar0@bench.nl", Rol.BEOORDELAAR)
    tweede = gebruiker("tweede@bench.nl", Rol.TWEEDE_BEOORDELAAR)
    zaak = rijke_zaak(beoordelaar, tweede)
    setup_test_environment(debug=False)
    client = verified_client(beoordelaar)
    lijst = reverse("admin:aanvragen_aanvraag_changelist")
    later = max(1, Aanvraag.objects.count() // 50 // 2)  # admin pages count from 1
    paginas = [
        ("queue, page 1 (default: open cases)", lijst),
        (f"queue, all cases, page {later}", f"{lijst}?status=alle&p={later}"),
        ("queue, open + Noord-Holland", f"{lijst}?status=open&provincie=Noord-Holland"),
        ("queue, mine + overdue", f"{lijst}?behandelaar=mij&termijn=verlopen"),
        ("queue, search kenmerk", f"{lijst}?q={zaak.kenmerk}"),
        ("queue, search name", f"{lijst}?q=Vermeulen"),
        ("case page", reverse("admin:aanvragen_aanvraag_change", args=[zaak.pk])),
    ]
    print(
        f"\n{Aanvraag.objects.count():,} claims; median of {args.requests} requests "
        "(Django test client, in-process, DEBUG off)"
    )
    print(f"{'page':36} {'queries':>8} {'ms':>8} {'SQL ms':>8} {'rows':>6}")
    for naam, url in paginas:
        queries, ms, sql_ms, rijen = meten(client, url, args.requests)
        print(f"{naam:36} {queries:>8} {ms:>8.1f} {sql_ms:>8.1f} {rijen:>6}", flush=True)
    print(f"\nload average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
