"""Queries that answer "which claims, policies and meldingen may this user see"."""

from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from meldingen.models import Melding

from .constants import AanvraagStatus
from .models import Aanvraag, Regeling
from .permissions import INZAGE_ROLLEN

# Claims that no longer count towards the overall cap.
NIET_MEETELLEND = (
    AanvraagStatus.CONCEPT,
    AanvraagStatus.INGETROKKEN,
    AanvraagStatus.BUITEN_BEHANDELING,
)


def regeling_op(datum: date) -> Regeling | None:
    """Return the policy version in force on `datum` (inclusive bounds), or None."""
    return (
        Regeling.objects.filter(geldig_van__lte=datum)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum))
        .first()
    )


def regeling_voor_concept(aanvraag: Aanvraag) -> Regeling:
    """The version a draft is filled in under: the one in force today, else its own."""
    from django.utils import timezone

    return regeling_op(timezone.localdate()) or aanvraag.regeling


def aanvragen_van(user) -> QuerySet[Aanvraag]:
    """The applicant's own claims, newest first."""
    if not user.is_authenticated or not user.is_ambtsdrager:
        return Aanvraag.objects.none()
    return Aanvraag.objects.filter(aanvrager=user).select_related("regeling")


def aanvragen_zichtbaar_voor(user) -> QuerySet[Aanvraag]:
    """Every claim `user` may read: own claims, or all submitted claims for BZK case staff."""
    if not user.is_authenticated or not user.is_active:
        return Aanvraag.objects.none()
    if user.is_ambtsdrager:
        return aanvragen_van(user)
    if user.rol in INZAGE_ROLLEN:
        return Aanvraag.objects.exclude(status=AanvraagStatus.CONCEPT)
    return Aanvraag.objects.none()


def meldingen_koppelbaar(user) -> QuerySet[Melding]:
    """Meldingen the applicant may link to a claim: their own, no longer drafts."""
    return Melding.objects.filter(eigenaar=user).exclude(status="concept").order_by("-pk")


def eerder_aangevraagd(*, aanvraag: Aanvraag, regeling: Regeling) -> Decimal:
    """Sum claimed by the same applicant in other live claims under the same policy version."""
    totaal = (
        Aanvraag.objects.filter(aanvrager_id=aanvraag.aanvrager_id, regeling=regeling)
        .exclude(pk=aanvraag.pk)
        .exclude(status__in=NIET_MEETELLEND)
        .aggregate(totaal=Sum("bedrag_aangevraagd"))["totaal"]
    )
    return totaal or Decimal("0")
