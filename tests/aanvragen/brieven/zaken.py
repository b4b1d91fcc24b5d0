"""Cases in the database for letter tests: a submitted claim up to an approved decision.

Built with the ORM directly (the back-office services have their own tests), with fixed,
recognisable values the tests look for in the generated PDFs.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from aanvragen.constants import AanvraagStatus, BesluitStatus, RedenCode, Uitkomst
from aanvragen.models import Besluit, KostenpostBeoordeling, Voornemen
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory, RegelingFactory
from tests.factories import UserFactory

AMS = ZoneInfo("Europe/Amsterdam")
WOONADRES = "Geheimelaan 13"
WOONPLAATS = "Verborgenstad"


def regeling():
    from aanvragen.models import Regeling

    return Regeling.objects.filter(code="2026-brief").first() or RegelingFactory(
        code="2026-brief",
        naam="Regeling fonds beveiligingsmaatregelen politieke ambtsdragers",
        grondslag="artikel 4, eerste lid",
        geldig_van=date(2020, 1, 1),
    )


def ingediende_aanvraag(*, aanvrager=None, gemeente=None, **velden):
    """A submitted claim with two cost lines and a home address (a measure at the home)."""
    regeling()
    extra = {"aanvrager": aanvrager} if aanvrager else {}
    if gemeente is not None:
        extra["gemeente"] = gemeente
    waarden = {
        "ingediend": True,
        "ingediend_op": datetime(2026, 1, 16, 10, 30, tzinfo=AMS),
        "kostenpost": None,
        "maatregel_bij_woning": True,
        "woonadres": WOONADRES,
        "woon_postcode": "9999 ZZ",
        "woon_plaats": WOONPLAATS,
        "aanvrager_naam": "Mevrouw J. de Vries",
        "correspondentie_adres": "Postbus 16200",
        "correspondentie_postcode": "3500 CE",
        "correspondentie_plaats": "Utrecht",
        "rekeninghouder": "J. de Vries",
        **extra,
        **velden,
    }
    aanvraag = AanvraagFactory(**waarden)
    KostenpostFactory(
        aanvraag=aanvraag, omschrijving="Inbraakalarm met doormelding", bedrag=Decimal("1234.56")
    )
    KostenpostFactory(
        aanvraag=aanvraag,
        categorie=aanvraag.regeling.categorieen.get(code="camera"),
        omschrijving="Twee camera's bij de voordeur",
        bedrag=Decimal("980.00"),
    )
    return aanvraag


def beoordelen(aanvraag, door):
    """Grant the alarm in full, the cameras up to the cap of 750."""
    alarm, camera = aanvraag.kostenposten.order_by("pk")
    KostenpostBeoordeling.objects.create(
        kostenpost=alarm,
        bedrag_toegekend=alarm.bedrag,
        reden_code=RedenCode.VOLLEDIG,
        beoordeeld_door=door,
    )
    KostenpostBeoordeling.objects.create(
        kostenpost=camera,
        bedrag_toegekend=Decimal("750.00"),
        reden_code=RedenCode.BOVEN_MAXIMUM,
        motivering="maximum voor camera's is € 750,00",
        beoordeeld_door=door,
    )


def voornemen_met_zienswijze(aanvraag, door):
    return Voornemen.objects.create(
        aanvraag=aanvraag,
        reden="De camera's gaan boven het maximum.",
        termijn_tot=date(2026, 3, 5),
        verzonden_op=datetime(2026, 2, 20, 9, tzinfo=AMS),
        door=door,
        zienswijze="Telefonisch op 2 maart: aanvrager vindt het maximum te laag (interne notitie).",
        zienswijze_in_brief="U vindt het maximum te laag voor twee deuren.",
        zienswijze_ingediend=True,
        vastgelegd_op=datetime(2026, 3, 2, 9, tzinfo=AMS),
        vastgelegd_door=door,
    )


def goedgekeurd_besluit(
    *,
    aanvraag=None,
    motivering="Uw maatregelen passen bij het advies.",
    status=BesluitStatus.GOEDGEKEURD,
    uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
):
    """An approved partial grant (1.984,56 of 2.214,56) with a hearing, drafted and approved
    by two different assessors."""
    aanvraag = aanvraag or ingediende_aanvraag()
    opsteller = UserFactory(beoordelaar=True, first_name="Bea", last_name="Opsteller")
    goedkeurder = UserFactory(
        tweede_beoordelaar=True,
        first_name="Arie",
        last_name="Bakker",
        functie="Teamleider Fonds Beveiliging",
    )
    if not KostenpostBeoordeling.objects.filter(kostenpost__aanvraag=aanvraag).exists():
        beoordelen(aanvraag, opsteller)
    voornemen_met_zienswijze(aanvraag, opsteller)
    goedgekeurd = status != BesluitStatus.CONCEPT
    besluit = Besluit.objects.create(
        aanvraag=aanvraag,
        uitkomst=uitkomst,
        motivering=motivering,
        bedrag_toegekend=Decimal("1984.56"),
        status=status,
        vierogen_vereist=True,
        opgesteld_door=opsteller,
        opgesteld_op=timezone.now() - timedelta(hours=1),
        goedgekeurd_door=goedkeurder if goedgekeurd else None,
        goedgekeurd_op=timezone.now() if goedgekeurd else None,
    )
    aanvraag.status = (
        AanvraagStatus.BESLUIT_GOEDGEKEURD if goedgekeurd else AanvraagStatus.BESLUIT_CONCEPT
    )
    aanvraag.save(update_fields=["status"])
    return besluit
