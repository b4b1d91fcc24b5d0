"""Demo policy version: Regeling 2026 with every cost category of domain.md §4, one
submitted claim of the demo office holder, and one whose decision was sent and objected to
(all made through the real services, the decision letter by the letter service itself).

Idempotent: once a claim uses the version it is frozen and nothing is created again. The
amounts are realistic examples, not policy.
"""

import io
from datetime import date
from decimal import Decimal

from django.db import transaction

from fondsbeveiliging.accounts.constants import Ambtstype

from .constants import AanvraagStatus, Bewijstype, KostenAard, RekeningSoort
from .models import KostenCategorie, Regeling

FACTUUR, OFFERTE, BETAALBEWIJS, ADVIES = (
    Bewijstype.FACTUUR,
    Bewijstype.OFFERTE,
    Bewijstype.BETAALBEWIJS,
    Bewijstype.BEVEILIGINGSADVIES,
)

# code, name, cap (None: no cap), extra evidence, explanation required, hint
CATEGORIEEN = [
    ("alarm", "Alarmsysteem", "1500.00", [], False, "Inbraakalarm met doormelding."),
    ("camera", "Camerabewaking", "1200.00", [ADVIES], False, "Alleen met een beveiligingsadvies."),
    (
        "ramen-deuren",
        "Beveiligde ramen en deuren, inbraakwerend hang- en sluitwerk",
        "2000.00",
        [],
        False,
        "",
    ),
    ("brievenbus", "Brandwerende of vrijstaande brievenbus", "400.00", [], False, ""),
    ("deurspion", "Deurspion of video-intercom", "350.00", [], False, ""),
    ("buitenverlichting", "Buitenverlichting", "300.00", [], False, ""),
    ("kluis", "Brand- en inbraakwerende kluis", "600.00", [], False, ""),
    (
        "advies",
        "Beveiligingsadvies of woningscan",
        "750.00",
        [],
        False,
        "Van politie, CCV of de beveiligingsautoriteit van BZK.",
    ),
    (
        "digitaal",
        "Digitale weerbaarheid",
        "500.00",
        [],
        False,
        "Bijv. persoonsgegevens online laten verwijderen, accounts beveiligen.",
    ),
    ("verblijf", "Tijdelijk verblijf elders", None, [], True, "Leg uit waarom dit nodig was."),
    ("vervoer", "Vervoer", None, [], True, "Leg uit waarom dit nodig was."),
    ("overig", "Overige kosten", None, [], True, "Leg uit wat het is en waarom het nodig is."),
]


def _categorieen(regeling: Regeling) -> None:
    for volgorde, (code, naam, plafond, extra, uitleg, hint) in enumerate(CATEGORIEEN, start=1):
        KostenCategorie.objects.update_or_create(
            regeling=regeling,
            code=code,
            defaults={
                "naam": naam,
                "toelichting": hint,
                "plafond": Decimal(plafond) if plafond else None,
                "bewijs_bij_betaald": [FACTUUR, BETAALBEWIJS, *extra],
                "bewijs_bij_offerte": [OFFERTE, *extra],
                "uitleg_verplicht": uitleg,
                "volgorde": volgorde,
            },
        )


@transaction.atomic
def demo_data():
    """Create the demo policy version 2026 and one submitted claim of the demo office holder."""
    regeling = Regeling.objects.filter(code="2026").first()
    if regeling and regeling.aanvragen.exclude(status=AanvraagStatus.CONCEPT).exists():
        return [f"Regeling {regeling.code} is in gebruik en blijft ongewijzigd."]
    regeling = _regeling()
    kenmerk = _demo_aanvraag(regeling, REGELS).kenmerk
    bezwaarzaak = _demo_bezwaarzaak(regeling)
    return [
        f"Regeling {regeling.code}: {regeling.categorieen.count()} kostensoorten.",
        f"Demo-aanvraag {kenmerk} van de demo-ambtsdrager.",
        f"Demo-aanvraag {bezwaarzaak} met een verzonden besluit (nog te betalen) en een bezwaar.",
    ]


def _demo_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# (category code, description, amount) of the demo claims' cost lines.
REGELS = [
    ("alarm", "Inbraakalarm met doormelding naar de meldkamer", "1250.00"),
    ("camera", "Twee camera's bij de voordeur en de achterom", "1395.00"),
]
REGELS_BEZWAAR = [
    ("ramen-deuren", "Inbraakwerend hang- en sluitwerk, voor- en achterdeur", "890.00"),
    ("deurspion", "Video-intercom bij de voordeur", "420.00"),
]


def _demo_aanvraag(regeling: Regeling, regels):
    """Submit one claim through the real services (so it has a kenmerk and a deadline)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fondsbeveiliging.accounts.constants import Rol
    from fondsbeveiliging.accounts.demo import demo_user

    from . import services

    aanvrager = demo_user(Rol.AMBTSDRAGER)
    aanvraag = services.aanvraag_aanmaken(aanvrager=aanvrager)
    services.aanvraag_bijwerken(
        aanvraag=aanvraag,
        door=aanvrager,
        velden={
            "maatregel_bij_woning": True,
            "woonadres": "Voorbeeldstraat 1",
            "woon_postcode": "3511 AA",
            "woon_plaats": "Utrecht",
            "iban": "NL91ABNA0417164300",
            "rekeninghouder": aanvrager.get_full_name(),
            "rekening_soort": RekeningSoort.EIGEN,
        },
    )
    for code, omschrijving, bedrag in regels:
        kostenpost = services.kostenpost_toevoegen(aanvraag=aanvraag, door=aanvrager)
        categorie = regeling.categorieen.get(code=code)
        services.kostenpost_bijwerken(
            kostenpost=kostenpost,
            door=aanvrager,
            velden={
                "categorie": categorie,
                "omschrijving": omschrijving,
                "leverancier": "Beveiliging Midden-Nederland B.V.",
                "bedrag": Decimal(bedrag),
                "aard": KostenAard.BETAALD,
            },
        )
        for soort in categorie.vereist_bewijs(KostenAard.BETAALD):
            services.bewijsstuk_toevoegen(
                kostenpost=kostenpost,
                door=aanvrager,
                bestand=SimpleUploadedFile(f"{soort}.pdf", _demo_pdf()),
                soort=soort,
            )
    return services.aanvraag_indienen(aanvraag=aanvraag, door=aanvrager)


def _demo_bezwaarzaak(regeling: Regeling) -> str:
    """A claim decided (the intercom cut to its maximum), its letter sent, then objected to.

    The assessor's and teamleider's queues then hold an objection, finance's "Te betalen" a
    payment, and the office holder's status page a decision with its letter and an objection.
    """
    from fondsbeveiliging.accounts.constants import Rol
    from fondsbeveiliging.accounts.demo import demo_user

    from . import reacties
    from .backoffice import services as backoffice
    from .brieven.models import Brief, BriefStatus
    from .brieven.services import brief_genereren
    from .constants import RedenCode, Uitkomst

    beoordelaar, teamleider = demo_user(Rol.BEOORDELAAR), demo_user(Rol.TWEEDE_BEOORDELAAR)
    aanvraag = _demo_aanvraag(regeling, REGELS_BEZWAAR)
    backoffice.aanvraag_toewijzen(aanvraag_id=aanvraag.pk, behandelaar=beoordelaar, door=teamleider)
    backoffice.behandeling_starten(aanvraag_id=aanvraag.pk, door=beoordelaar)
    for post in aanvraag.kostenposten.select_related("categorie"):
        plafond = post.categorie.plafond
        boven = plafond is not None and post.bedrag > plafond
        backoffice.kostenpost_beoordelen(
            kostenpost_id=post.pk,
            door=beoordelaar,
            bedrag_toegekend=plafond if boven else post.bedrag,
            reden_code=RedenCode.BOVEN_MAXIMUM if boven else RedenCode.VOLLEDIG,
            motivering="Het maximum van de regeling voor deze kostensoort." if boven else "",
        )
    besluit = backoffice.besluit_opstellen(
        aanvraag_id=aanvraag.pk,
        door=beoordelaar,
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        motivering="Het hang- en sluitwerk vergoeden wij volledig; de video-intercom tot het "
        "maximum van de regeling.",
    )
    backoffice.besluit_goedkeuren(besluit_id=besluit.pk, door=teamleider)
    # What the worker does with the pending letters (receipt, decision, notice): the same
    # service, so the decision is sent and its objection term runs from today.
    wachtend = Brief.objects.filter(aanvraag=aanvraag, status=BriefStatus.WACHTEND)
    for brief_id in wachtend.values_list("pk", flat=True):
        brief_genereren(brief_id=brief_id)
    reacties.bezwaar_maken(
        besluit_id=besluit.pk,
        door=aanvraag.aanvrager,
        gronden="De video-intercom is het enige dat laat zien wie er aanbelt; het maximum "
        "dekt maar een deel van de kosten.",
    )
    return aanvraag.kenmerk


def _regeling() -> Regeling:
    regeling, _created = Regeling.objects.update_or_create(
        code="2026",
        defaults={
            "naam": "Regeling financiële voorziening beveiligingsmaatregelen politieke "
            "ambtsdragers 2026",
            "grondslag": "artikel 3",
            "geldig_van": date(2026, 1, 1),
            # Open-ended so the demo keeps working; a successor version sets the end date.
            "geldig_tot": None,
            "ambtstypen": [Ambtstype.BURGEMEESTER, Ambtstype.WETHOUDER, Ambtstype.RAADSLID],
            "totaalplafond": Decimal("2400.00"),
            "beslistermijn_weken": 8,
            "hersteltermijn_weken": 2,
            "zienswijzetermijn_weken": 2,
            "betaaltermijn_weken": 6,
            "drempel_tweede_beoordelaar": Decimal("0.00"),
            "jaarbudget": Decimal("1500000.00"),
            "buitenlandse_iban_toegestaan": False,
        },
    )
    _categorieen(regeling)
    return regeling
