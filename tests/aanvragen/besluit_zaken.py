"""Claims with a sent decision as the applicant sees them: outcome, per line, payments.

Built with the ORM (the back-office services have their own tests), with recognisable values
the applicant's pages must show, and internal text (`INTERN`) they must never show.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from aanvragen.constants import AanvraagStatus, RedenCode, Uitkomst
from aanvragen.models import Betaling, Kostenpost, KostenpostBeoordeling, Regeling, Voornemen
from tests.aanvragen.backoffice.factories import BesluitFactory, aanvraag_in
from tests.aanvragen.factories import RegelingFactory
from tests.factories import UserFactory

AMS = ZoneInfo("Europe/Amsterdam")
INTERN = "INTERN-NIET-TONEN"
VERZONDEN_OP = datetime(2026, 3, 2, 10, tzinfo=AMS)
BETAALTERMIJN = date(2026, 4, 14)
BEZWAARTERMIJN = date(2026, 4, 14)


def gedeeltelijk_toegekend(*, aanvrager, betaald=(Decimal("3450.00"),), kenmerk=None):
    """€ 5.000 claimed (alarm 3.000, cameras 2.000), € 3.450 granted (alarm in full, cameras
    450 above the cap), sent on 2 March 2026, with payments `betaald` (3 March onwards).

    Fully paid, the claim is "betaald" (the applicant reads "Uitbetaald"); otherwise
    "verzonden". The hearing note of the intended refusal and the payment references are
    internal (`INTERN`).
    """
    if not Regeling.objects.exists():
        RegelingFactory()
    extra = {"kenmerk": kenmerk} if kenmerk else {}
    aanvraag = aanvraag_in(
        AanvraagStatus.VERZONDEN,
        aanvrager=aanvrager,
        bedragen=(Decimal("3000.00"), Decimal("2000.00")),
        **extra,
    )
    alarm, camera = Kostenpost.objects.filter(aanvraag=aanvraag).order_by("pk")
    camera.categorie = aanvraag.regeling.categorieen.get(code="camera")
    camera.omschrijving = "Twee camera's bij de voordeur"
    camera.save(update_fields=["categorie", "omschrijving"])
    alarm.omschrijving = "Inbraakalarm met doormelding"
    alarm.save(update_fields=["omschrijving"])
    beoordelaar = UserFactory(beoordelaar=True)
    KostenpostBeoordeling.objects.create(
        kostenpost=alarm,
        bedrag_toegekend=alarm.bedrag,
        reden_code=RedenCode.VOLLEDIG,
        beoordeeld_door=beoordelaar,
    )
    KostenpostBeoordeling.objects.create(
        kostenpost=camera,
        bedrag_toegekend=Decimal("450.00"),
        reden_code=RedenCode.BOVEN_MAXIMUM,
        motivering="het maximum voor camera's is € 450,00",
        beoordeeld_door=beoordelaar,
    )
    Voornemen.objects.create(
        aanvraag=aanvraag,
        reden="De camera's gaan boven het maximum.",
        termijn_tot=date(2026, 2, 20),
        verzonden_op=datetime(2026, 2, 6, 9, tzinfo=AMS),
        door=beoordelaar,
        zienswijze=f"Telefoonnotitie {INTERN}",
        zienswijze_ingediend=False,
    )
    besluit = BesluitFactory(
        aanvraag=aanvraag,
        verzonden=True,
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        bedrag_toegekend=Decimal("3450.00"),
        motivering="De camera's vergoeden wij tot het maximum.",
        verzonden_op=VERZONDEN_OP,
        betaaltermijn_einde=BETAALTERMIJN,
        bezwaartermijn_einde=BEZWAARTERMIJN,
    )
    financieel = UserFactory(financieel_medewerker=True)
    for dag, bedrag in enumerate(betaald):
        Betaling.objects.create(
            besluit=besluit,
            betaald_op=date(2026, 3, 3) + timedelta(days=14 * dag),
            bedrag=bedrag,
            referentie=f"{INTERN}-{dag}",
            geregistreerd_door=financieel,
        )
    if sum(betaald, Decimal("0")) >= besluit.bedrag_toegekend:
        aanvraag.status = AanvraagStatus.BETAALD
        aanvraag.save(update_fields=["status"])
    return aanvraag
