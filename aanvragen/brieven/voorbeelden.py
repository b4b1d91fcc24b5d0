"""Standard letter contexts (fixed dates, fictitious Dutch data) for tests, previews and the
benchmarks: `toekenning()` is the common two-page decision (a full grant), `besluit()` the
longest common one (a partial grant with reasons per cost line, after a hearing)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from aanvragen.brieven.context import (
    Aanvulling,
    Afzender,
    Besluit,
    Betaling,
    CategorieBedrag,
    Geadresseerde,
    Kennisgeving,
    Kostenregel,
    Ondertekening,
    Ontvangstbevestiging,
    Regeling,
    Verdaging,
    VoornemenAfwijzing,
    Zienswijze,
)
from aanvragen.constants import Uitkomst

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

MOTIVERING = (
    "Na herhaalde bedreigingen via sociale media en een demonstratie bij uw woning heeft de "
    "politie u geadviseerd uw woning beter te beveiligen. De meeste maatregelen passen bij "
    "dat advies en vallen binnen de maximale bedragen. Voor camerabewaking geldt een maximum; "
    "het deel daarboven vergoed ik niet. Het abonnement van de alarmcentrale is geen eenmalige "
    "beveiligingsmaatregel en valt daarom buiten de regeling."
)

KOSTENREGELS = (
    Kostenregel(
        categorie="Alarmsysteem",
        omschrijving="Inbraakalarm met doormelding naar de alarmcentrale",
        aangevraagd=Decimal("1234.56"),
        toegekend=Decimal("1234.56"),
        reden="past bij het beveiligingsadvies",
    ),
    Kostenregel(
        categorie="Camerabewaking",
        omschrijving="Twee camera's bij voor- en achterdeur",
        aangevraagd=Decimal("980.00"),
        toegekend=Decimal("750.00"),
        reden="maximum voor deze categorie is € 750,00",
    ),
    Kostenregel(
        categorie="Hang- en sluitwerk",
        omschrijving="Inbraakwerende sloten, drie deuren (SKG***)",
        aangevraagd=Decimal("645.00"),
        toegekend=Decimal("645.00"),
    ),
    Kostenregel(
        categorie="Brievenbus",
        omschrijving="Brandwerende vrijstaande brievenbus",
        aangevraagd=Decimal("389.95"),
        toegekend=Decimal("389.95"),
    ),
    Kostenregel(
        categorie="Buitenverlichting",
        omschrijving="Verlichting met bewegingsmelder",
        aangevraagd=Decimal("210.00"),
        toegekend=Decimal("210.00"),
    ),
    Kostenregel(
        categorie="Alarmsysteem",
        omschrijving="Abonnement alarmcentrale, drie jaar",
        aangevraagd=Decimal("540.00"),
        toegekend=Decimal("0.00"),
        reden="doorlopende kosten vallen buiten de regeling",
    ),
)

REGELING = Regeling(
    naam="Regeling fonds beveiligingsmaatregelen politieke ambtsdragers",
    versie="2026.1",
    artikel="4, eerste lid",
    geldig_vanaf=date(2026, 1, 1),
)


def gemeenschappelijk(**overrides):
    """Return the fields every letter shares."""
    velden = {
        "kenmerk": "FB-2026-000123",
        "datum": date(2026, 3, 12),
        "betreft": "Besluit op uw aanvraag vergoeding beveiligingsmaatregelen",
        "geadresseerde": Geadresseerde(
            naam="Mevrouw J. de Vries",
            adresregels=("Postbus 16200", "3500 CE  Utrecht"),
        ),
        "ondertekening": Ondertekening(functie="Teamleider Fonds Beveiliging", naam="A. Bakker"),
        "afzender": Afzender(contact_telefoon="070 426 6426", contact_email="fonds@bzk.example"),
        "uw_kenmerk": "UTR/2026/77",
        "bijlagen": ("Overzicht beoordeling",),
    }
    velden.update(overrides)
    return velden


def besluit(**overrides) -> Besluit:
    """A standard two-page partial grant with six cost lines and a hearing."""
    velden = gemeenschappelijk()
    velden.update(
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        aanvraag_ontvangen_op=date(2026, 1, 16),
        motivering=MOTIVERING,
        regeling=REGELING,
        kostenregels=KOSTENREGELS,
        betaling=Betaling(
            iban="NL91ABNA0417164300",
            tenaamstelling="J. de Vries",
            uiterlijk_op=date(2026, 4, 23),
        ),
        zienswijze=Zienswijze(
            gevraagd_op=date(2026, 2, 20),
            gegeven_op=date(2026, 3, 2),
            samenvatting="U schrijft dat het abonnement nodig is om het alarm te laten werken.",
            reactie="Uw zienswijze leidt niet tot een ander besluit over die kostenpost.",
        ),
        bezwaar_uiterlijk_op=date(2026, 4, 23),
    )
    velden.update(overrides)
    return Besluit(**velden)


def toekenning(**overrides) -> Besluit:
    """A standard two-page full grant of the same six cost lines, without a hearing."""
    velden = {
        "uitkomst": Uitkomst.TOEGEKEND,
        "motivering": "Uw maatregelen passen bij het beveiligingsadvies van de politie en vallen "
        "binnen de maximale bedragen.",
        "kostenregels": tuple(
            Kostenregel(
                categorie=regel.categorie,
                omschrijving=regel.omschrijving,
                aangevraagd=regel.aangevraagd,
                toegekend=regel.aangevraagd,
            )
            for regel in KOSTENREGELS
        ),
        "zienswijze": None,
    }
    velden.update(overrides)
    return besluit(**velden)


def ontvangstbevestiging(**overrides) -> Ontvangstbevestiging:
    velden = gemeenschappelijk(
        betreft="Ontvangstbevestiging van uw aanvraag", bijlagen=(), uw_kenmerk=""
    )
    velden.update(
        ontvangen_om=datetime(2026, 3, 12, 14, 5, tzinfo=AMSTERDAM),
        beslist_uiterlijk_op=date(2026, 5, 7),
    )
    velden.update(overrides)
    return Ontvangstbevestiging(**velden)


def aanvulling(**overrides) -> Aanvulling:
    velden = gemeenschappelijk(betreft="Verzoek om aanvulling van uw aanvraag", bijlagen=())
    velden.update(
        aanvraag_ontvangen_op=date(2026, 3, 2),
        vragen=(
            "Stuur de factuur van het alarmsysteem mee.",
            "Wie is de eigenaar van de rekening NL91 ABNA 0417 1643 00?",
        ),
        termijn_tot=date(2026, 3, 26),
    )
    velden.update(overrides)
    return Aanvulling(**velden)


def verdaging(**overrides) -> Verdaging:
    velden = gemeenschappelijk(betreft="Verdaging van de beslistermijn", bijlagen=())
    velden.update(
        aanvraag_ontvangen_op=date(2026, 1, 16),
        oorspronkelijk_uiterlijk_op=date(2026, 3, 13),
        nieuw_uiterlijk_op=date(2026, 4, 10),
        reden="Ik wacht op het beveiligingsadvies van de politie.",
    )
    velden.update(overrides)
    return Verdaging(**velden)


def voornemen_afwijzing(**overrides) -> VoornemenAfwijzing:
    velden = gemeenschappelijk(betreft="Voornemen tot gedeeltelijke afwijzing", bijlagen=())
    velden.update(
        aanvraag_ontvangen_op=date(2026, 1, 16),
        gedeeltelijk=True,
        motivering="Het abonnement van de alarmcentrale valt buiten de regeling.",
        kostenregels=KOSTENREGELS[-2:],
        zienswijze_tot=date(2026, 3, 26),
        regeling=REGELING,
    )
    velden.update(overrides)
    return VoornemenAfwijzing(**velden)


def kennisgeving(**overrides) -> Kennisgeving:
    """The municipality's notice of a partial grant: amounts per category, nothing else."""
    velden = gemeenschappelijk(
        betreft="Kennisgeving besluit fonds beveiligingsmaatregelen",
        geadresseerde=Geadresseerde(
            naam="College van burgemeester en wethouders van Utrecht",
            adresregels=("Postbus 16200", "3500 CE  Utrecht"),
        ),
        uw_kenmerk="",
        bijlagen=(),
    )
    velden.update(
        ambtsdrager="J. de Vries",
        ambt="wethouder",
        besloten_op=date(2026, 3, 12),
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        per_categorie=(
            CategorieBedrag(categorie="Alarmsysteem", toegekend=Decimal("1234.56")),
            CategorieBedrag(categorie="Camerabewaking", toegekend=Decimal("750.00")),
        ),
        betalen_uiterlijk_op=date(2026, 4, 23),
    )
    velden.update(overrides)
    return Kennisgeving(**velden)
