"""Queries that answer "which letters may this user see"."""

from django.db.models import Exists, OuterRef, QuerySet

from aanvragen.models import Betaling
from aanvragen.selectors import aanvragen_zichtbaar_voor
from fondsbeveiliging.accounts.constants import Rol

from .models import Brief, BriefSoort, BriefStatus, Ontvanger
from .permissions import FINANCIEEL_BRIEFSOORTEN, can_view_portaal

BETAALSTATUS = (("betaald", "Betaald"), ("open", "Nog niet betaald"), ("geen", "Geen betaling"))
TOEKENNINGEN = ("toegekend", "gedeeltelijk_toegekend")


def brieven_van_aanvraag(*, aanvraag) -> QuerySet[Brief]:
    """The applicant's ready letters of one claim (the caller checked ownership)."""
    return Brief.objects.filter(
        aanvraag=aanvraag, ontvanger=Ontvanger.AANVRAGER, status=BriefStatus.KLAAR
    ).order_by("-gegenereerd_op", "-pk")


def backoffice_brieven(*, fetched_by) -> QuerySet[Brief]:
    """Letters in the back-office list (the admin's view right decides who gets the list).

    Finance sees only the letters it may download: decision letters of decided claims.
    """
    if fetched_by.has_rol(Rol.FINANCIEEL_MEDEWERKER):
        return Brief.objects.filter(
            soort__in=FINANCIEEL_BRIEFSOORTEN, aanvraag__in=aanvragen_zichtbaar_voor(fetched_by)
        )
    return Brief.objects.all()


def portaal_brieven(
    *, fetched_by, jaar: int | None = None, uitkomst: str = "", betaalstatus: str = ""
) -> QuerySet[Brief]:
    """Decision copies about office holders of the user's own municipality, newest first."""
    if not can_view_portaal(fetched_by):
        return Brief.objects.none()
    brieven = (
        Brief.objects.filter(
            ontvanger=Ontvanger.GEMEENTE,
            soort=BriefSoort.BESLUIT,
            status=BriefStatus.KLAAR,
            aanvraag__gemeente_id=fetched_by.gemeente_id,
        )
        .select_related("aanvraag", "besluit")
        .annotate(is_betaald=Exists(Betaling.objects.filter(besluit=OuterRef("besluit"))))
        .order_by("-gegenereerd_op", "-pk")
    )
    if jaar:
        brieven = brieven.filter(gegenereerd_op__year=jaar)
    if uitkomst:
        brieven = brieven.filter(besluit__uitkomst=uitkomst)
    return _betaalstatus_filter(brieven, betaalstatus)


def _betaalstatus_filter(brieven: QuerySet[Brief], betaalstatus: str) -> QuerySet[Brief]:
    if betaalstatus == "betaald":
        return brieven.filter(is_betaald=True)
    if betaalstatus == "open":
        return brieven.filter(is_betaald=False, besluit__uitkomst__in=TOEKENNINGEN)
    if betaalstatus == "geen":
        return brieven.exclude(besluit__uitkomst__in=TOEKENNINGEN)
    return brieven


def portaal_jaren(*, fetched_by) -> list[int]:
    """Years with letters for the user's municipality (for the year filter)."""
    return sorted(
        {d.year for d in portaal_brieven(fetched_by=fetched_by).dates("gegenereerd_op", "year")},
        reverse=True,
    )
