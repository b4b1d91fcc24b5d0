"""Queries that answer "which letters may this user see"."""

from django.db.models import (
    Case,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from aanvragen.selectors import aanvragen_zichtbaar_voor, betaald_op_besluit
from fondsbeveiliging.accounts.constants import Rol

from .models import Brief, BriefSoort, BriefStatus, Ontvanger
from .permissions import FINANCIEEL_BRIEFSOORTEN, can_portaal_bekijken

# Filter choices; "open" also lists partly paid decisions (not paid in full).
BETAALSTATUS = (
    ("betaald", _("Betaald")),
    ("open", _("Nog niet (volledig) betaald")),
    ("geen", _("Geen betaling")),
)
TOEKENNINGEN = ("toegekend", "gedeeltelijk_toegekend")
# What the municipality receives: the notice of a decision; decisions sent before the notice
# existed went to it as a copy, which stays downloadable.
GEMEENTE_BRIEFSOORTEN = (BriefSoort.KENNISGEVING, BriefSoort.BESLUIT)


def _betaalstatus() -> Case:
    """Payment status of the decision (needs `betaald_bedrag`): geen, open, deels, betaald.

    Paid means the payments cover the granted amount; one instalment of a larger amount is
    "deels" (partly paid), not paid.
    """
    return Case(
        When(~Q(besluit__uitkomst__in=TOEKENNINGEN), then=Value("geen")),
        When(Q(betaald_bedrag__gte=F("besluit__bedrag_toegekend")), then=Value("betaald")),
        When(Q(betaald_bedrag__gt=0), then=Value("deels")),
        default=Value("open"),
    )


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
            soort__in=FINANCIEEL_BRIEFSOORTEN,
            aanvraag__in=aanvragen_zichtbaar_voor(user=fetched_by),
        )
    return Brief.objects.all()


def portaal_brieven(
    *, fetched_by, jaar: int | None = None, uitkomst: str = "", betaalstatus: str = ""
) -> QuerySet[Brief]:
    """Notices (and older decision copies) about office holders of the user's own
    municipality, newest first."""
    if not can_portaal_bekijken(fetched_by):
        return Brief.objects.none()
    brieven = (
        Brief.objects.filter(
            ontvanger=Ontvanger.GEMEENTE,
            soort__in=GEMEENTE_BRIEFSOORTEN,
            status=BriefStatus.KLAAR,
            aanvraag__gemeente_id=fetched_by.gemeente_id,
        )
        .select_related("aanvraag", "besluit")
        .annotate(betaald_bedrag=betaald_op_besluit(besluit="besluit"))
        .annotate(betaalstatus=_betaalstatus())
        .order_by("-gegenereerd_op", "-pk")
    )
    if jaar:
        brieven = brieven.filter(gegenereerd_op__year=jaar)
    if uitkomst:
        brieven = brieven.filter(besluit__uitkomst=uitkomst)
    return _betaalstatus_filter(brieven, betaalstatus)


def _betaalstatus_filter(brieven: QuerySet[Brief], betaalstatus: str) -> QuerySet[Brief]:
    if betaalstatus == "open":
        return brieven.filter(betaalstatus__in=("open", "deels"))
    if betaalstatus in ("betaald", "geen"):
        return brieven.filter(betaalstatus=betaalstatus)
    return brieven


def portaal_jaren(*, fetched_by) -> list[int]:
    """Years with letters for the user's municipality (for the year filter)."""
    return sorted(
        {d.year for d in portaal_brieven(fetched_by=fetched_by).dates("gegenereerd_op", "year")},
        reverse=True,
    )
