"""The load test's data set: accounts for every simulated user, thousands of claims, meldingen,
decided claims with real letters, draft decisions to preview and one payment batch.

`voorbereiden()` works on the current database (the load database of `voorbereiden.py`, or
a test database at a tiny scale) and returns the manifest the locustfile reads: who logs in
(e-mail, password, TOTP key of staff) and which objects each kind of user opens. Bulk
inserts for the volume; the real services for what has rules (roles, letters, the batch).
Each staff account has its own TOTP device, so no two simulated users share a code window.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from aanvragen.backoffice.services import betaalbatch_maken
from aanvragen.brieven.models import Brief, BriefStatus, Ontvanger
from aanvragen.brieven.services import besluitbrief_aanmaken, brief_genereren
from aanvragen.constants import (
    AanvraagStatus,
    BesluitStatus,
    KostenAard,
    RedenCode,
    RekeningSoort,
    Uitkomst,
)
from aanvragen.models import (
    Aanvraag,
    Besluit,
    Betaalbatch,
    Kostenpost,
    KostenpostBeoordeling,
    Regeling,
    StatusWijziging,
)
from fondsbeveiliging.accounts.constants import Ambtstype, Rol
from fondsbeveiliging.accounts.demo import DEMO_DEVICE_NAME, DEMO_PASSWORD
from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.accounts.services import rol_toewijzen
from fondsbeveiliging.accounts.totp import demo_totp_key
from fondsbeveiliging.gemeenten.models import Gemeente
from meldingen.constants import MeldingStatus
from meldingen.models import Melding

DOMEIN = "load.fondsbeveiliging.example"
S = AanvraagStatus
# Bulk-seeded claims: statuses whose pages need no further rows (decided claims are made
# with real decisions and letters below).
STATUS_VERDELING = [(S.INGEDIEND, 20), (S.IN_BEHANDELING, 40), (S.AFGESLOTEN, 35)]
STATUS_VERDELING += [(S.INGETROKKEN, 5)]
NAMEN = ["Anna de Jong", "Bram Jansen", "Cor de Vries", "Daan Bakker", "Eva Visser"]
NAMEN += ["Fleur Smit", "Gijs Meijer", "Hanna de Boer", "Ilse Mulder", "Joost Bos"]


@dataclass(frozen=True)
class Schaal:
    """How big the data set is; the defaults serve 200 simulated users."""

    aanvragen: int = 5_000
    meldingen: int = 2_000
    besluiten: int = 300  # sent decisions with their letters
    concepten: int = 100  # draft decisions the assessors preview
    ambtsdragers: int = 1_000  # office holders owning the claims
    ambtsdrager_logins: int = 200  # of those, the ones that log in
    beoordelaars: int = 60
    gemeente_medewerkers: int = 30
    financieel: int = 30


def email(soort: str, nummer: int) -> str:
    return f"{soort}{nummer}@{DOMEIN}"


def is_voorbereid() -> bool:
    return User.objects.filter(email=email("financien", 0)).exists()


def voorbereiden(schaal: Schaal, *, log=print) -> dict:
    """Create the data set once (idempotent: a second call only rebuilds the manifest)."""
    if not is_voorbereid():
        _zaaien(schaal, log)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return manifest()


def _zaaien(schaal: Schaal, log) -> None:
    rng = random.Random(21)  # noqa: S311 - test data
    regeling = _regeling()
    gemeenten = list(Gemeente.objects.order_by("pk")[: schaal.gemeente_medewerkers])
    log(f"accounts: {schaal.ambtsdragers} office holders and staff")
    houders = _ambtsdragers(schaal, gemeenten)
    beoordelaars = _staf("beoordelaar", Rol.BEOORDELAAR, schaal.beoordelaars, gemeenten)
    _staf("teamleider", Rol.TWEEDE_BEOORDELAAR, 1, gemeenten)
    _staf("gemeente", Rol.GEMEENTE_MEDEWERKER, schaal.gemeente_medewerkers, gemeenten)
    financieel = _staf("financien", Rol.FINANCIEEL_MEDEWERKER, schaal.financieel, gemeenten)
    log(f"claims: {schaal.aanvragen:,} with two cost lines each")
    _aanvragen(schaal.aanvragen, regeling, houders, beoordelaars, rng)
    log(f"meldingen: {schaal.meldingen:,}")
    _meldingen(schaal.meldingen, houders, rng)
    teamleider = User.objects.get(email=email("teamleider", 0))
    log(f"decisions: {schaal.besluiten} sent with their letters, {schaal.concepten} drafts")
    open_zaken = list(
        Aanvraag.objects.filter(status=S.IN_BEHANDELING).order_by("pk")[
            : schaal.besluiten + schaal.concepten
        ]
    )
    for zaak in open_zaken[schaal.concepten :]:
        _besluit(zaak, teamleider, BesluitStatus.GOEDGEKEURD)
    # Half the sent decisions in a batch, so "Te betalen" and a batch both have rows.
    verzonden = [z.pk for z in open_zaken[schaal.concepten :]]
    _brieven_maken(verzonden[: len(verzonden) // 2])
    betaalbatch_maken(door=financieel[0])
    _brieven_maken(verzonden[len(verzonden) // 2 :])
    for zaak in open_zaken[: schaal.concepten]:
        _besluit(zaak, teamleider, BesluitStatus.CONCEPT)


def _regeling() -> Regeling:
    """The demo's policy version 2026 with its categories, with notices to municipalities."""
    from aanvragen.demo import _categorieen, _regeling

    regeling = _regeling()
    _categorieen(regeling)
    regeling.gemeente_kennisgeving = True
    regeling.save(update_fields=["gemeente_kennisgeving"])
    return regeling


def _ambtsdragers(schaal: Schaal, gemeenten) -> list[User]:
    wachtwoord = make_password(DEMO_PASSWORD)
    rijen = [
        User(
            email=email("ambtsdrager", i),
            password=wachtwoord if i < schaal.ambtsdrager_logins else "!",
            first_name=NAMEN[i % len(NAMEN)].split()[0],
            last_name=NAMEN[i % len(NAMEN)].split(maxsplit=1)[1],
            rol=Rol.AMBTSDRAGER,
            ambtstype=Ambtstype.WETHOUDER,
            gemeente=gemeenten[i % len(gemeenten)],
            correspondentie_adres="Postbus 1",
            correspondentie_postcode="3500 AA",
            correspondentie_plaats="Utrecht",
        )
        for i in range(schaal.ambtsdragers)
    ]
    houders = User.objects.bulk_create(rijen, batch_size=1_000)
    from django.contrib.auth.models import Group

    groep = Group.objects.get(name=Rol.AMBTSDRAGER)
    groep.user_set.add(*houders)
    return houders


def _staf(soort: str, rol: str, aantal: int, gemeenten) -> list[User]:
    """Accounts of one role; staff get their own confirmed TOTP device (key from the address)."""
    wachtwoord = make_password(DEMO_PASSWORD)
    users = []
    for i in range(aantal):
        user = User.objects.create(
            email=email(soort, i),
            password=wachtwoord,
            first_name=soort.capitalize(),
            last_name=str(i),
            gemeente=gemeenten[i % len(gemeenten)] if rol == Rol.GEMEENTE_MEDEWERKER else None,
        )
        rol_toewijzen(user=user, rol=rol)
        if user.is_staff:
            TOTPDevice.objects.create(
                user=user, name=DEMO_DEVICE_NAME, key=demo_totp_key(user.email), confirmed=True
            )
        users.append(user)
    return users


def _aanvragen(aantal: int, regeling, houders, beoordelaars, rng) -> None:
    statussen = [s for s, gewicht in STATUS_VERDELING for _ in range(gewicht)]
    categorieen = list(regeling.categorieen.filter(plafond__isnull=False))
    nu = timezone.now()
    for start in range(0, aantal, 1_000):
        rijen = []
        for i in range(start, min(start + 1_000, aantal)):
            houder = houders[i % len(houders)]
            ontvangen = nu - timedelta(days=rng.randint(1, 300))
            status = rng.choice(statussen)
            rijen.append(
                Aanvraag(
                    aanvrager=houder,
                    regeling=regeling,
                    aanvrager_naam=houder.get_full_name(),
                    ambtstype=houder.ambtstype,
                    gemeente_id=houder.gemeente_id,
                    status=status,
                    kenmerk=f"LT-{ontvangen.year}-{i + 1:06d}",
                    ingediend_op=ontvangen,
                    beslistermijn_einde=timezone.localdate(ontvangen) + timedelta(weeks=8),
                    behandelaar=None
                    if status == S.INGEDIEND
                    else beoordelaars[i % len(beoordelaars)],
                    bedrag_aangevraagd=Decimal("900.00"),
                    correspondentie_adres="Postbus 1",
                    correspondentie_postcode="3500 AA",
                    correspondentie_plaats="Utrecht",
                    maatregel_bij_woning=False,
                    iban="NL91ABNA0417164300",
                    rekeninghouder=houder.get_full_name(),
                    rekening_soort=RekeningSoort.EIGEN,
                    verklaring_akkoord=True,
                )
            )
        zaken = Aanvraag.objects.bulk_create(rijen)
        _kostenposten(zaken, categorieen)
        StatusWijziging.objects.bulk_create(
            StatusWijziging(aanvraag=zaak, van="", naar=S.INGEDIEND, door=zaak.aanvrager)
            for zaak in zaken
        )


def _kostenposten(zaken, categorieen) -> None:
    Kostenpost.objects.bulk_create(
        Kostenpost(
            aanvraag=zaak,
            categorie=categorieen[(zaak.pk + n) % len(categorieen)],
            omschrijving=f"Maatregel {n + 1}",
            leverancier="Veilig Thuis B.V.",
            factuurnummer=f"F-{zaak.pk}-{n}",
            bedrag=Decimal("450.00"),
            aard=KostenAard.BETAALD,
        )
        for zaak in zaken
        for n in range(2)
    )


def _meldingen(aantal: int, houders, rng) -> None:
    nu = timezone.now()
    rijen = []
    for i in range(aantal):
        houder = houders[i % len(houders)]
        ontvangen = nu - timedelta(days=rng.randint(1, 300))
        rijen.append(
            Melding(
                eigenaar=houder,
                status=MeldingStatus.ONTVANGEN,
                referentie=f"LT-{i + 1:06d}",
                ambtstype=houder.ambtstype,
                gemeente_id=houder.gemeente_id,
                datum_van=timezone.localdate(ontvangen),
                categorieen=["bedreiging"],
                omschrijving="Dreigende berichten via sociale media na een raadsvergadering.",
                locatie="werk",
                kanaal="telefoon",
                ingediend_op=ontvangen,
            )
        )
    Melding.objects.bulk_create(rijen, batch_size=1_000)


@transaction.atomic
def _besluit(zaak: Aanvraag, teamleider: User, status: str) -> None:
    """A decision granting both cost lines: approved (to be sent) or a draft to preview."""
    posten = list(zaak.kostenposten.all())
    for post in posten:
        KostenpostBeoordeling.objects.create(
            kostenpost=post,
            bedrag_toegekend=post.bedrag,
            reden_code=RedenCode.VOLLEDIG,
            beoordeeld_door=zaak.behandelaar,
        )
    goedgekeurd = status == BesluitStatus.GOEDGEKEURD
    Besluit.objects.create(
        aanvraag=zaak,
        uitkomst=Uitkomst.TOEGEKEND,
        motivering="Uw maatregelen passen bij het beveiligingsadvies van de politie.",
        bedrag_toegekend=sum(post.bedrag for post in posten),
        status=status,
        vierogen_vereist=True,
        opgesteld_door=zaak.behandelaar,
        opgesteld_op=timezone.now(),
        goedgekeurd_door=teamleider if goedgekeurd else None,
        goedgekeurd_op=timezone.now() if goedgekeurd else None,
    )
    zaak.status = S.BESLUIT_GOEDGEKEURD if goedgekeurd else S.BESLUIT_CONCEPT
    zaak.save(update_fields=["status"])


def _brieven_maken(zaak_ids: list[int]) -> None:
    """Queue each decision letter as the back office does, then render them in this process.

    Rendering here (not through the broker) keeps the data set independent of a worker; the
    letter service sends the decision and queues the municipality's notice, rendered next.
    """
    from celery import current_app

    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        for besluit in Besluit.objects.filter(aanvraag_id__in=zaak_ids):
            with transaction.atomic():
                besluitbrief_aanmaken(besluit_id=besluit.pk)
        # A sent decision adds the notice: render until nothing waits (when on_commit does
        # not run them, as inside a test's transaction).
        gemaakt = True
        while gemaakt:
            wachtend = Brief.objects.filter(status=BriefStatus.WACHTEND).values_list(
                "pk", flat=True
            )
            gemaakt = any([brief_genereren(brief_id=brief_id) for brief_id in wachtend])
    finally:
        current_app.conf.task_always_eager = eager


def manifest() -> dict:
    """Who logs in and what they open: the locustfile's only knowledge of the data set."""
    eigen = User.objects.filter(email__endswith=DOMEIN)
    klaar = Brief.objects.filter(status=BriefStatus.KLAAR, aanvraag__kenmerk__startswith="LT-")
    gemeentebrieven: dict[str, list[int]] = {}
    for pk, gemeente in klaar.filter(ontvanger=Ontvanger.GEMEENTE).values_list(
        "pk", "aanvraag__gemeente_id"
    ):
        gemeentebrieven.setdefault(gemeente, []).append(pk)
    open_zaken: dict[int, list[int]] = {}
    for pk, behandelaar in Aanvraag.objects.filter(
        kenmerk__startswith="LT-", status=S.IN_BEHANDELING
    ).values_list("pk", "behandelaar_id"):
        open_zaken.setdefault(behandelaar, []).append(pk)

    def account(user: User) -> dict:
        gegevens = {"email": user.email, "totp_key": ""}
        if user.is_staff:
            gegevens["totp_key"] = demo_totp_key(user.email)
        if user.rol == Rol.BEOORDELAAR:
            gegevens["zaken"] = open_zaken.get(user.pk, [])[:50]
        if user.rol == Rol.GEMEENTE_MEDEWERKER:
            gegevens["brieven"] = gemeentebrieven.get(user.gemeente_id, [])[:50]
        return gegevens

    def accounts(soort: str) -> list[dict]:
        users = eigen.filter(email__startswith=soort).exclude(password="!").order_by("pk")
        return [account(user) for user in users]

    return {
        "wachtwoord": DEMO_PASSWORD,
        "ambtsdrager": accounts("ambtsdrager"),
        "beoordelaar": accounts("beoordelaar"),
        "gemeente": accounts("gemeente"),
        "financien": accounts("financien"),
        "zaken": list(
            Aanvraag.objects.filter(kenmerk__startswith="LT-")
            .exclude(status=S.INGEDIEND)
            .order_by("pk")
            .values_list("pk", flat=True)[:2_000]
        ),
        "concept_besluiten": list(
            Besluit.objects.filter(status=BesluitStatus.CONCEPT).values_list("pk", flat=True)
        ),
        "batches": list(Betaalbatch.objects.values_list("pk", flat=True)),
    }
