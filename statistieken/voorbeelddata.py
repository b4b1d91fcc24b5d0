"""Fictitious meldingen and claims for the statistics: the demo command and the benchmark.

Everything is invented and recognisable as such: accounts `statistiek-demo-<n>@...example`
(inactive, no password, so nobody logs in with them), melding references `MD-<jaar>-<n>`,
claim kenmerken `FD-<jaar>-<n>`, descriptions that say "fictief". Spread over the last
three years and every province (each municipality of the CBS list can be drawn), with
proportions that make the page look like a fund a few years in: most claims decided, most
within the term, some postponed, asked to complete, refused or objected to.

Additive: every run adds `meldingen` and `aanvragen` more (numbering continues). Rows are
inserted with `bulk_create` in batches, so 100,000 of each take minutes, not hours. Never
run this on a production database.

Not named `demo.py` on purpose: `manage.py demo_data` (run by `make run`) calls every app's
`demo.demo_data()`; these thousands of rows are asked for explicitly
(`manage.py demo_statistieken`).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from aanvragen.constants import AanvraagStatus, BesluitStatus, KostenAard, RedenCode, Uitkomst
from aanvragen.models import (
    Aanvraag,
    Aanvulverzoek,
    Besluit,
    Betaling,
    Bezwaar,
    KostenCategorie,
    Kostenpost,
    KostenpostBeoordeling,
    Regeling,
    Voornemen,
)
from fondsbeveiliging.accounts.constants import Ambtstype, Rol
from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.gemeenten.models import Gemeente
from meldingen.constants import (
    Aangifte,
    Categorie,
    Dader,
    Doelwit,
    GerichtOp,
    Kanaal,
    Locatie,
    MeldingStatus,
)
from meldingen.models import Melding

DOMEIN = "demo.fondsbeveiliging.example"
BATCH = 2_000
S = AanvraagStatus

# (status, weight): a fund a few years in.
STATUSSEN = [
    (S.AFGESLOTEN, 45),
    (S.BETAALD, 12),
    (S.VERZONDEN, 8),
    (S.BEZWAAR, 1),
    (S.INGEDIEND, 6),
    (S.IN_BEHANDELING, 10),
    (S.AANVULLING_GEVRAAGD, 4),
    (S.VERDAAGD, 2),
    (S.VOORNEMEN_AFWIJZING, 2),
    (S.BESLUIT_CONCEPT, 3),
    (S.BESLUIT_GOEDGEKEURD, 2),
    (S.INGETROKKEN, 3),
    (S.BUITEN_BEHANDELING, 2),
]
BESLOTEN = {S.AFGESLOTEN, S.BETAALD, S.VERZONDEN, S.BEZWAAR}
UITKOMSTEN = [
    (Uitkomst.TOEGEKEND, 60),
    (Uitkomst.GEDEELTELIJK_TOEGEKEND, 25),
    (Uitkomst.AFGEWEZEN, 15),
]
AMBTEN = [
    (Ambtstype.RAADSLID, 58),
    (Ambtstype.WETHOUDER, 27),
    (Ambtstype.BURGEMEESTER, 15),
]
KANAAL_BIJ_LOCATIE = {
    Locatie.ONLINE: [Kanaal.SOCIALE_MEDIA, Kanaal.SOCIALE_MEDIA, Kanaal.EMAIL],
    Locatie.WONING: [Kanaal.PERSOONLIJK, Kanaal.BRIEF, Kanaal.TELEFOON],
    Locatie.WERK: [Kanaal.PERSOONLIJK, Kanaal.TELEFOON, Kanaal.EMAIL, Kanaal.BRIEF],
    Locatie.OPENBARE_RUIMTE: [Kanaal.PERSOONLIJK],
    Locatie.ELDERS: [Kanaal.PERSOONLIJK, Kanaal.TELEFOON],
}
LOCATIES = [
    (Locatie.ONLINE, 45),
    (Locatie.WERK, 20),
    (Locatie.WONING, 15),
    (Locatie.OPENBARE_RUIMTE, 15),
    (Locatie.ELDERS, 5),
]
CATEGORIE_GEWICHT = {
    Categorie.ONLINE_AGRESSIE: 40,
    Categorie.BEDREIGING: 30,
    Categorie.VERBALE_AGRESSIE: 30,
    Categorie.INTIMIDATIE: 20,
    Categorie.DISCRIMINATIE: 8,
    Categorie.VERNIELING: 6,
    Categorie.STALKING: 5,
    Categorie.DOXING: 5,
    Categorie.BEDREIGING_NAASTEN: 5,
    Categorie.FYSIEK_GEWELD: 3,
    Categorie.SEKSUELE_INTIMIDATIE: 3,
    Categorie.ANDERS: 2,
}
STANDAARD_CATEGORIEEN = [
    ("alarm", "Alarmsysteem", 1),
    ("camera", "Camerabewaking", 2),
    ("ramen-deuren", "Beveiligde ramen, deuren en sloten", 3),
    ("brievenbus", "Brandwerende of vrijstaande brievenbus", 4),
    ("verlichting", "Buitenverlichting", 5),
    ("advies", "Beveiligingsadvies of woningscan", 6),
    ("digitaal", "Digitale weerbaarheid", 7),
]


def _kies(rng, paren):
    waarden, gewichten = zip(*paren, strict=True)
    return rng.choices(waarden, weights=gewichten)[0]


def _moment(rng, eerste: date, laatste: date) -> datetime:
    """A random working-hours moment between two dates, more often recent (a growing fund)."""
    span = (laatste - eerste).days
    dag = eerste + timedelta(days=int(span * rng.random() ** 0.8))
    uur = time(rng.randint(7, 22), rng.randint(0, 59))
    return timezone.make_aware(datetime.combine(dag, uur))


class Generator:
    """Adds fictitious records; one instance per run (a fixed seed gives the same data)."""

    def __init__(self, *, seed: int = 2016, jaren: int = 3, vandaag: date | None = None):
        self.rng = random.Random(seed)  # noqa: S311 - invented data, not security
        self.vandaag = vandaag or timezone.localdate()
        self.eerste = date(self.vandaag.year - jaren + 1, 1, 1)
        self.gemeenten = list(Gemeente.objects.actief().only("code"))
        if not self.gemeenten:
            raise RuntimeError("Load the municipalities first (manage.py migrate).")

    # -- accounts and policy --------------------------------------------------------------
    def accounts(self, aantal: int = 400) -> list[User]:
        bestaand = list(
            User.objects.filter(email__startswith="statistiek-demo-", rol=Rol.AMBTSDRAGER)
        )
        nieuw = []
        wachtwoord = make_password(None)
        for n in range(len(bestaand), aantal):
            nieuw.append(
                User(
                    email=f"statistiek-demo-{n}@{DOMEIN}",
                    first_name="Fictieve",
                    last_name=f"ambtsdrager {n}",
                    rol=Rol.AMBTSDRAGER,
                    ambtstype=_kies(self.rng, AMBTEN),
                    gemeente=self.rng.choice(self.gemeenten),
                    is_active=False,
                    password=wachtwoord,
                )
            )
        return bestaand + User.objects.bulk_create(nieuw)

    def medewerker(self, rol: str) -> User:
        user, _ = User.objects.get_or_create(
            email=f"statistiek-demo-{rol}@{DOMEIN}",
            defaults={
                "first_name": "Fictieve",
                "last_name": str(rol),
                "rol": rol,
                "is_active": False,
                "password": make_password(None),
            },
        )
        return user

    def regeling(self) -> tuple[Regeling, list[KostenCategorie]]:
        """The earliest policy version, or a demo one from the first year when there is none."""
        regeling = Regeling.objects.order_by("geldig_van").first()
        if regeling is None:
            regeling = Regeling.objects.create(
                code="demo-statistieken",
                naam="Regeling beveiligingsmaatregelen politieke ambtsdragers (fictief)",
                grondslag="artikel 3",
                geldig_van=self.eerste,
                jaarbudget=Decimal("2500000.00"),
            )
        categorieen = list(regeling.categorieen.all())
        if not categorieen:
            categorieen = KostenCategorie.objects.bulk_create(
                KostenCategorie(regeling=regeling, code=code, naam=naam, volgorde=volgorde)
                for code, naam, volgorde in STANDAARD_CATEGORIEEN
            )
        return regeling, categorieen

    # -- meldingen ----------------------------------------------------------------------------
    def meldingen(self, aantal: int, accounts: list[User]) -> int:
        start = Melding.objects.filter(referentie__startswith="MD-").count()
        categorieen = list(CATEGORIE_GEWICHT.items())
        for begin in range(0, aantal, BATCH):
            rijen = [
                self._melding(start + n + 1, accounts, categorieen)
                for n in range(begin, min(begin + BATCH, aantal))
            ]
            with transaction.atomic():
                Melding.objects.bulk_create(rijen)
        return aantal

    def _melding(self, nummer: int, accounts, categorieen) -> Melding:
        rng = self.rng
        eigenaar = rng.choice(accounts)
        op = _moment(rng, self.eerste, self.vandaag)
        locatie = _kies(rng, LOCATIES)
        soorten = {_kies(rng, categorieen) for _ in range(rng.choice([1, 1, 2, 2, 3]))}
        aangifte = _kies(rng, [(Aangifte.JA, 25), (Aangifte.GEPLAND, 8), (Aangifte.NEE, 67)])
        steun = rng.random() < 0.3
        return Melding(
            eigenaar=eigenaar,
            referentie=f"MD-{op.year}-{nummer:07d}",
            status=_kies(
                rng,
                [
                    (MeldingStatus.AFGEHANDELD, 60),
                    (MeldingStatus.IN_BEHANDELING, 20),
                    (MeldingStatus.ONTVANGEN, 17),
                    (MeldingStatus.INGETROKKEN, 3),
                ],
            ),
            ambtstype=eigenaar.ambtstype,
            gemeente_id=eigenaar.gemeente_id,
            datum_van=timezone.localdate(op) - timedelta(days=rng.randint(0, 14)),
            categorieen=sorted(soorten),
            omschrijving="Fictieve melding voor de statistieken (demo).",
            locatie=locatie,
            kanaal=rng.choice(KANAAL_BIJ_LOCATIE[locatie]),
            gericht_op=rng.choice(list(GerichtOp.values)),
            doelwitten=[Doelwit.ZELF] + ([Doelwit.NAASTEN] if rng.random() < 0.15 else []),
            dader=rng.choice(list(Dader.values)),
            herhaald=rng.random() < 0.4,
            intern_gemeld=rng.random() < 0.6,
            aangifte=aangifte,
            impact=[],
            ondersteuning=(
                sorted({rng.choice(["collegiaal", "psychosociaal", "juridisch"])}) if steun else []
            ),
            ingediend_op=op,
        )

    # -- aanvragen ----------------------------------------------------------------------------
    def aanvragen(self, aantal: int, accounts: list[User]) -> int:
        regeling, categorieen = self.regeling()
        beoordelaar = self.medewerker(Rol.BEOORDELAAR)
        tweede = self.medewerker(Rol.TWEEDE_BEOORDELAAR)
        start = Aanvraag.objects.filter(kenmerk__startswith="FD-").count()
        statussen = [s for s, gewicht in STATUSSEN for _ in range(gewicht)]
        for begin in range(0, aantal, BATCH):
            with transaction.atomic():
                self._aanvragen_batch(
                    range(start + begin, start + min(begin + BATCH, aantal)),
                    accounts,
                    regeling,
                    categorieen,
                    statussen,
                    beoordelaar,
                    tweede,
                )
        return aantal

    def _aanvragen_batch(self, nummers, accounts, regeling, categorieen, statussen, bo, tweede):
        rng = self.rng
        aanvragen = []
        for nummer in nummers:
            aanvrager = rng.choice(accounts)
            ontvangen = _moment(rng, self.eerste, self.vandaag - timedelta(days=3))
            status = rng.choice(statussen)
            if status in BESLOTEN and (self.vandaag - ontvangen.date()).days < 30:
                status = S.IN_BEHANDELING
            aanvragen.append(
                Aanvraag(
                    aanvrager=aanvrager,
                    regeling=regeling,
                    aanvrager_naam=f"{aanvrager.first_name} {aanvrager.last_name}",
                    ambtstype=aanvrager.ambtstype,
                    gemeente_id=aanvrager.gemeente_id,
                    status=status,
                    kenmerk=f"FD-{ontvangen.year}-{nummer + 1:07d}",
                    ingediend_op=ontvangen,
                    beslistermijn_einde=ontvangen.date() + timedelta(weeks=8),
                    verdaagd_op=(
                        ontvangen.date() + timedelta(days=rng.randint(40, 55))
                        if status == S.VERDAAGD or rng.random() < 0.02
                        else None
                    ),
                    ingebrekestelling_op=(
                        ontvangen.date() + timedelta(days=rng.randint(60, 80))
                        if rng.random() < 0.005
                        else None
                    ),
                    iban="NL91ABNA0417164300",
                    rekeninghouder=aanvrager.last_name,
                    verklaring_akkoord=True,
                )
            )
        aanvragen = Aanvraag.objects.bulk_create(aanvragen)
        posten, per_aanvraag = [], []
        for aanvraag in aanvragen:
            regels = []
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                bedrag = Decimal(rng.randint(8, 240) * 10)
                regels.append(
                    Kostenpost(
                        aanvraag=aanvraag,
                        categorie=rng.choice(categorieen),
                        omschrijving="Fictieve maatregel (demo)",
                        leverancier="Fictief Beveiligingsbedrijf B.V.",
                        bedrag=bedrag,
                        aard=KostenAard.BETAALD,
                    )
                )
            aanvraag.bedrag_aangevraagd = sum((p.bedrag for p in regels), Decimal("0"))
            posten.extend(regels)
            per_aanvraag.append(regels)
        Aanvraag.objects.bulk_update(aanvragen, ["bedrag_aangevraagd"])
        Kostenpost.objects.bulk_create(posten)
        self._besluiten(aanvragen, per_aanvraag, bo, tweede)
        self._procedure(aanvragen, bo)

    def _besluiten(self, aanvragen, per_aanvraag, bo, tweede):
        rng = self.rng
        besluiten, beoordelingen, paren = [], [], []
        for aanvraag, posten in zip(aanvragen, per_aanvraag, strict=True):
            if aanvraag.status not in BESLOTEN:
                continue
            uitkomst = _kies(rng, UITKOMSTEN)
            deel = {Uitkomst.TOEGEKEND: 1, Uitkomst.AFGEWEZEN: 0}.get(uitkomst, 0.6)
            toegekend = Decimal("0")
            for post in posten:
                bedrag = (post.bedrag * Decimal(str(deel))).quantize(Decimal("0.01"))
                toegekend += bedrag
                beoordelingen.append(
                    KostenpostBeoordeling(
                        kostenpost=post,
                        bedrag_toegekend=bedrag,
                        reden_code=RedenCode.VOLLEDIG if deel == 1 else RedenCode.BOVEN_MAXIMUM,
                        motivering="" if deel == 1 else "Fictieve motivering.",
                        beoordeeld_door=bo,
                    )
                )
            # Most decisions within the 8 weeks; a tail runs late.
            gemiddeld, spreiding = (38, 14) if rng.random() < 0.9 else (75, 15)
            dagen = int(min(150, max(5, rng.gauss(gemiddeld, spreiding))))
            verzonden = aanvraag.ingediend_op + timedelta(days=dagen)
            if verzonden.date() >= self.vandaag:
                verzonden = aanvraag.ingediend_op + timedelta(days=1)
            besluiten.append(
                Besluit(
                    aanvraag=aanvraag,
                    uitkomst=uitkomst,
                    motivering="Fictief besluit (demo).",
                    bedrag_toegekend=toegekend,
                    status=BesluitStatus.VERZONDEN,
                    vierogen_vereist=True,
                    opgesteld_door=bo,
                    opgesteld_op=verzonden - timedelta(days=2),
                    goedgekeurd_door=tweede,
                    goedgekeurd_op=verzonden - timedelta(days=1),
                    verzonden_op=verzonden,
                )
            )
            paren.append(aanvraag.status)
        KostenpostBeoordeling.objects.bulk_create(beoordelingen)
        besluiten = Besluit.objects.bulk_create(besluiten)
        betalingen, bezwaren = [], []
        for besluit, status in zip(besluiten, paren, strict=True):
            betaald_op = (besluit.verzonden_op + timedelta(days=rng.randint(5, 35))).date()
            if status in (S.BETAALD, S.AFGESLOTEN) and besluit.bedrag_toegekend > 0:
                betalingen.append(
                    Betaling(
                        besluit=besluit,
                        betaald_op=min(betaald_op, self.vandaag),
                        bedrag=besluit.bedrag_toegekend,
                        referentie=f"DEMO-{besluit.aanvraag.kenmerk}",
                        geregistreerd_door=bo,
                    )
                )
            if status == S.BEZWAAR:
                bezwaren.append(
                    Bezwaar(
                        besluit=besluit,
                        ontvangen_op=min(betaald_op, self.vandaag),
                        toelichting="Fictief bezwaar (demo).",
                        geregistreerd_door=bo,
                    )
                )
        Betaling.objects.bulk_create(betalingen)
        Bezwaar.objects.bulk_create(bezwaren)

    def _procedure(self, aanvragen, bo):
        rng = self.rng
        verzoeken, voornemens = [], []
        for aanvraag in aanvragen:
            if aanvraag.status == S.AANVULLING_GEVRAAGD or rng.random() < 0.15:
                op = aanvraag.ingediend_op + timedelta(days=rng.randint(3, 20))
                verzoeken.append(
                    Aanvulverzoek(
                        aanvraag=aanvraag,
                        vraag="Fictieve vraag om aanvulling (demo).",
                        termijn_tot=op.date() + timedelta(weeks=2) if rng.random() < 0.9 else None,
                        verzocht_op=op,
                        verzocht_door=bo,
                        beantwoord_op=None if aanvraag.status == S.AANVULLING_GEVRAAGD else op,
                    )
                )
            if aanvraag.status == S.VOORNEMEN_AFWIJZING or rng.random() < 0.04:
                op = aanvraag.ingediend_op + timedelta(days=rng.randint(20, 45))
                voornemens.append(
                    Voornemen(
                        aanvraag=aanvraag,
                        reden="Fictieve reden (demo).",
                        termijn_tot=op.date() + timedelta(weeks=2),
                        verzonden_op=op,
                        door=bo,
                        zienswijze_ingediend=(
                            None if aanvraag.status == S.VOORNEMEN_AFWIJZING else rng.random() < 0.5
                        ),
                    )
                )
        Aanvulverzoek.objects.bulk_create(verzoeken)
        Voornemen.objects.bulk_create(voornemens)


def voorbeelddata_aanmaken(*, meldingen: int, aanvragen: int, seed: int = 2016, uitvoer=None):
    """Add `meldingen` meldingen and `aanvragen` claims (with what follows them)."""
    generator = Generator(seed=seed)
    accounts = generator.accounts()
    generator.meldingen(meldingen, accounts)
    if uitvoer:
        uitvoer(f"{meldingen} meldingen toegevoegd")
    generator.aanvragen(aanvragen, accounts)
    if uitvoer:
        uitvoer(f"{aanvragen} aanvragen toegevoegd")
