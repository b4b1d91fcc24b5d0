"""Standard letter contexts (fixed dates, fictitious Dutch data) for tests, previews and the
benchmarks: `toekenning()` is the common two-page decision (a full grant), `besluit()` the
longest common one (a partial grant with reasons per cost line, after a hearing)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from aanvragen.brieven.context import (
    Aanvulling,
    Afzender,
    BeslissingOpBezwaar,
    Besluit,
    Betaling,
    CategorieBedrag,
    Dwangsombesluit,
    EerderBesluit,
    Geadresseerde,
    Herzieningsbesluit,
    Horen,
    Kennisgeving,
    Kostenregel,
    Ondertekening,
    Ontvangstbevestiging,
    Regeling,
    Terugbetaling,
    UitnodigingHoorzitting,
    Verdaging,
    VerdagingBezwaar,
    Verrekening,
    Verzuimherstel,
    VoornemenAfwijzing,
    Zienswijze,
)
from aanvragen.constants import BezwaarUitkomst, Hoorzitting, Uitkomst

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


# --- After the decision (issue 16) -----------------------------------------------------------

EERDER_BESLUIT = EerderBesluit(datum=date(2026, 3, 12), kenmerk="FB-2026-000123", versie=1)
BIJBETALING = Verrekening(
    vorig_datum=date(2026, 3, 12),
    vorig_bedrag=Decimal("3229.51"),
    al_betaald=Decimal("3229.51"),
    bij_te_betalen=Decimal("230.00"),
    bijbetaling=Betaling(
        iban="NL91ABNA0417164300", tenaamstelling="J. de Vries", uiterlijk_op=date(2026, 6, 25)
    ),
)
TERUGBETALING = Verrekening(
    vorig_datum=date(2026, 3, 12),
    vorig_bedrag=Decimal("3229.51"),
    al_betaald=Decimal("3229.51"),
    terugbetaling=Terugbetaling(
        bedrag=Decimal("1234.56"),
        uiterlijk_op=date(2026, 6, 25),
        iban="NL20INGB0001234567",
        tenaamstelling="Ministerie van BZK Fonds Beveiliging",
        bic="INGBNL2A",
    ),
)


def herzieningsbesluit(**overrides) -> Herzieningsbesluit:
    """A correction for a later invoice: the cameras now in full, € 230 paid extra."""
    regels = tuple(
        Kostenregel(
            categorie=r.categorie,
            omschrijving=r.omschrijving,
            aangevraagd=r.aangevraagd,
            toegekend=r.aangevraagd if r.categorie == "Camerabewaking" else r.toegekend,
        )
        for r in KOSTENREGELS
    )
    velden = gemeenschappelijk(
        datum=date(2026, 5, 14), betreft="Herziening van mijn besluit op uw aanvraag", bijlagen=()
    )
    velden.update(
        aanvraag_ontvangen_op=date(2026, 1, 16),
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        regeling=REGELING,
        kostenregels=regels,
        verrekening=BIJBETALING,
        vervangt=EERDER_BESLUIT,
        grond="Later ontvangen factuur",
        motivering="U heeft na mijn besluit de factuur van de installateur gestuurd. Daaruit "
        "blijkt dat de camera's onder de hogere norm voor twee deuren vallen.",
        bezwaar_uiterlijk_op=date(2026, 6, 25),
    )
    velden.update(overrides)
    return Herzieningsbesluit(**velden)


def beslissing_op_bezwaar(**overrides) -> BeslissingOpBezwaar:
    """A partly founded objection after a hearing: the cameras in full, € 230 paid extra."""
    herziening = herzieningsbesluit()
    velden = gemeenschappelijk(datum=date(2026, 5, 14), betreft="Beslissing op uw bezwaar")
    velden.update(
        aanvraag_ontvangen_op=date(2026, 1, 16),
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        regeling=REGELING,
        kostenregels=herziening.kostenregels,
        verrekening=BIJBETALING,
        bezwaar_uitkomst=BezwaarUitkomst.GEDEELTELIJK_GEGROND,
        bestreden=EERDER_BESLUIT,
        bezwaar_ontvangen_op=date(2026, 4, 20),
        bezwaartermijn_einde=date(2026, 4, 23),
        horen=Horen(status=Hoorzitting.GEHOUDEN, gehouden_op=date(2026, 5, 4)),
        motivering="U voert aan dat twee deuren camerabewaking nodig hebben. Dat volg ik: het "
        "beveiligingsadvies noemt beide deuren. Het abonnement blijft buiten de regeling.",
        beroep_uiterlijk_op=date(2026, 6, 25),
    )
    velden.update(overrides)
    return BeslissingOpBezwaar(**velden)


def dwangsombesluit(**overrides) -> Dwangsombesluit:
    """The penalty for 20 days late: 14 x € 23 + 6 x € 35 = € 532."""
    velden = gemeenschappelijk(
        betreft="Vaststelling van de dwangsom voor niet tijdig beslissen", bijlagen=()
    )
    velden.update(
        aanvraag_ontvangen_op=date(2026, 1, 16),
        beslistermijn_einde=date(2026, 3, 13),
        ingebrekestelling_op=date(2026, 3, 16),
        eerste_dag=date(2026, 3, 30),
        laatste_dag=date(2026, 4, 18),
        dagen=20,
        bedrag=Decimal("532.00"),
        betaling=Betaling(
            iban="NL91ABNA0417164300", tenaamstelling="J. de Vries", uiterlijk_op=date(2026, 6, 4)
        ),
        bezwaar_uiterlijk_op=date(2026, 6, 4),
    )
    velden.update(overrides)
    return Dwangsombesluit(**velden)


def _bezwaarbrief(betreft: str) -> dict:
    velden = gemeenschappelijk(datum=date(2026, 4, 22), betreft=betreft, bijlagen=())
    velden.update(bezwaar_ontvangen_op=date(2026, 4, 20), bestreden=EERDER_BESLUIT)
    return velden


def verzuimherstel(**overrides) -> Verzuimherstel:
    velden = _bezwaarbrief("Verzoek om uw bezwaarschrift aan te vullen")
    velden.update(
        verzuim="Uw bezwaarschrift is niet ondertekend.",
        herstellen_uiterlijk_op=date(2026, 5, 6),
    )
    velden.update(overrides)
    return Verzuimherstel(**velden)


def uitnodiging_hoorzitting(**overrides) -> UitnodigingHoorzitting:
    velden = _bezwaarbrief("Uitnodiging voor de hoorzitting over uw bezwaar")
    velden.update(
        op=datetime(2026, 5, 18, 14, 30, tzinfo=AMSTERDAM),
        plaats="Turfmarkt 147, Den Haag",
    )
    velden.update(overrides)
    return UitnodigingHoorzitting(**velden)


def verdaging_bezwaar(**overrides) -> VerdagingBezwaar:
    velden = _bezwaarbrief("Verdaging van de beslissing op uw bezwaar")
    velden.update(
        nieuw_uiterlijk_op=date(2026, 7, 15),
        reden="Ik wacht op een nieuw advies van de politie over uw woning.",
    )
    velden.update(overrides)
    return VerdagingBezwaar(**velden)
