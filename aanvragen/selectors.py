"""Queries that answer "which claims, policies and meldingen may this user see"."""

from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN, Rol
from meldingen.models import Melding

from .constants import (
    FINANCIEEL_BESLUITSTATUSSEN,
    AanvraagStatus,
    BesluitSoort,
    BesluitStatus,
)
from .models import Aanvraag, Besluit, Betaling, Regeling, Voornemen

# Claims that no longer count towards the overall cap.
NIET_MEETELLEND = (
    AanvraagStatus.CONCEPT,
    AanvraagStatus.INGETROKKEN,
    AanvraagStatus.BUITEN_BEHANDELING,
)


def regeling_op(*, datum: date) -> Regeling | None:
    """Return the policy version in force on `datum` (inclusive bounds), or None."""
    return (
        Regeling.objects.filter(geldig_van__lte=datum)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum))
        .first()
    )


def regeling_voor_concept(*, aanvraag: Aanvraag) -> Regeling:
    """The version a draft is filled in under: the one in force today, else its own."""
    return regeling_op(datum=timezone.localdate()) or aanvraag.regeling


def aanvragen_van(*, user) -> QuerySet[Aanvraag]:
    """The applicant's own claims, newest first."""
    if not user.is_authenticated or not user.is_ambtsdrager:
        return Aanvraag.objects.none()
    return Aanvraag.objects.filter(aanvrager=user).select_related("regeling")


def filter_besloten(*, queryset: QuerySet[Aanvraag]) -> QuerySet[Aanvraag]:
    """Claims finance may read: finance's rule.

    The claim's latest decision on the application itself (soort "aanvraag", highest
    version) is approved or sent: a newer draft of it hides the case again. A correction or
    a decision on objection in draft does not (the sent decision stays in force and is paid),
    and an approved or sent dwangsom decision (4:18), which finance pays, is enough on its
    own (it can be sent before the claim is decided).
    """
    huidige_besluitstatus = Subquery(
        Besluit.objects.filter(aanvraag=OuterRef("pk"), soort=BesluitSoort.AANVRAAG)
        .order_by("-versie")
        .values("status")[:1]
    )
    dwangsom = Besluit.objects.filter(
        aanvraag=OuterRef("pk"),
        soort=BesluitSoort.DWANGSOM,
        status__in=FINANCIEEL_BESLUITSTATUSSEN,
    )
    return queryset.alias(huidige_besluitstatus=huidige_besluitstatus).filter(
        Q(huidige_besluitstatus__in=FINANCIEEL_BESLUITSTATUSSEN) | Exists(dwangsom)
    )


def aanvragen_zichtbaar_voor(*, user) -> QuerySet[Aanvraag]:
    """Every claim `user` may read: the applicant's own; for BZK staff, submitted claims.

    Assessors read every submitted claim; finance only the decided ones (`filter_besloten`).
    The back-office queue, the admin's object lookup and `permissions.can_aanvraag_bekijken` all
    start from this query, so the rule lives here alone.
    """
    if not user.is_authenticated or not user.is_active:
        return Aanvraag.objects.none()
    if user.is_ambtsdrager:
        return aanvragen_van(user=user)
    ingediend = Aanvraag.objects.exclude(status=AanvraagStatus.CONCEPT)
    if user.rol in BEOORDELAAR_ROLLEN:
        return ingediend
    if user.rol == Rol.FINANCIEEL_MEDEWERKER:
        return filter_besloten(queryset=ingediend)
    return Aanvraag.objects.none()


BEDRAG_VELD = DecimalField(max_digits=12, decimal_places=2)
NUL = Value(Decimal("0.00"), output_field=BEDRAG_VELD)


def _som(queryset: QuerySet, groep: str, veld: str) -> Subquery:
    return Subquery(queryset.values(groep).annotate(totaal=Sum(veld)).values("totaal"))


def betaald_op_besluit(*, besluit: str = "pk") -> Coalesce:
    """What is paid so far on the decision `besluit` points at (0 when none), in SQL.

    For a decision that fixes the claim's outcome and amount (`regelt_aanvraag`): every
    payment on any such decision of the claim (a correction continues where the replaced
    decision left off), minus the repayments received on reclaims among them (Awb 4:57).
    For a dwangsom decision (and a decision on objection that fixes nothing): its own
    payments. `besluit` names the decision's id in the outer query: "pk" on decisions,
    "besluit" on letters.
    """
    via = "" if besluit == "pk" else f"{besluit}__"
    eigen = _som(Betaling.objects.filter(besluit=OuterRef(besluit)), "besluit", "bedrag")
    keten = Betaling.objects.filter(
        besluit__aanvraag=OuterRef(f"{via}aanvraag"), besluit__regelt_aanvraag=True
    )
    terug = Besluit.objects.filter(
        aanvraag=OuterRef(f"{via}aanvraag"), regelt_aanvraag=True, terugbetaald_op__isnull=False
    )
    keten_netto = Coalesce(_som(keten, "besluit__aanvraag", "bedrag"), NUL) - Coalesce(
        _som(terug, "aanvraag", "terugvordering"), NUL
    )
    return Coalesce(
        Case(
            When(**{f"{via}regelt_aanvraag": True}, then=keten_netto),
            default=eigen,
            output_field=BEDRAG_VELD,
        ),
        NUL,
        output_field=BEDRAG_VELD,
    )


# A decision that fixes the claim's outcome and amount (`Besluit.regelt_aanvraag`): the
# claim's current decision is the highest such version. A dwangsom decision and an
# inadmissible or unfounded decision on objection never are.
REGELT = Q(regelt_aanvraag=True)

# When the claim's current decision went out (a later version is sent later); None while no
# decision is sent. The claim list annotates it, the status page asks for one claim.
LAATST_VERZONDEN = Max("besluiten__verzonden_op", filter=Q(besluiten__regelt_aanvraag=True))


def besluit_verzonden_op(*, aanvraag: Aanvraag):
    """When the claim's latest decision went out (see `LAATST_VERZONDEN`)."""
    return Aanvraag.objects.filter(pk=aanvraag.pk).aggregate(op=LAATST_VERZONDEN)["op"]


def _verzonden_besluiten() -> QuerySet[Besluit]:
    """The claim's (OuterRef "pk") sent current decisions, latest version first."""
    return Besluit.objects.filter(
        REGELT, aanvraag=OuterRef("pk"), status=BesluitStatus.VERZONDEN
    ).order_by("-versie")


def aanvragen_met_uitkomst(*, user) -> QuerySet[Aanvraag]:
    """The applicant's own claims with what "Mijn aanvragen" shows, in one query.

    Per claim: when its latest decision went out (`besluit_verzonden_op`), that decision's
    outcome (`besluit_uitkomst`) and granted amount (`besluit_toegekend`), and the total paid
    on the claim's sent decisions (`betaald`). Only sent decisions count: a draft or approved
    decision is not yet the applicant's; a dwangsom decision is no outcome of the claim.
    """
    betaald = Coalesce(
        Subquery(
            Betaling.objects.filter(
                besluit__aanvraag=OuterRef("pk"),
                besluit__status=BesluitStatus.VERZONDEN,
                besluit__regelt_aanvraag=True,
            )
            .values("besluit__aanvraag")
            .annotate(totaal=Sum("bedrag"))
            .values("totaal")
        ),
        Value(Decimal("0.00")),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    return aanvragen_van(user=user).annotate(
        besluit_verzonden_op=LAATST_VERZONDEN,
        besluit_uitkomst=Subquery(_verzonden_besluiten().values("uitkomst")[:1]),
        besluit_toegekend=Subquery(_verzonden_besluiten().values("bedrag_toegekend")[:1]),
        betaald=betaald,
    )


def verzonden_besluit(*, aanvraag: Aanvraag) -> Besluit | None:
    """The claim's current sent decision (a correction replaces an earlier one), or None."""
    return (
        Besluit.objects.filter(REGELT, aanvraag=aanvraag, status=BesluitStatus.VERZONDEN)
        .order_by("-versie")
        .first()
    )


def betalingen_aan_aanvrager(*, aanvraag: Aanvraag) -> QuerySet[Betaling]:
    """The payments on the claim's sent current decisions, oldest first (no references: they
    are finance's bookkeeping, not the applicant's). A dwangsom payment is not among them."""
    return Betaling.objects.filter(
        besluit__aanvraag=aanvraag,
        besluit__status=BesluitStatus.VERZONDEN,
        besluit__regelt_aanvraag=True,
    ).order_by("betaald_op", "pk")


def open_voornemen(*, aanvraag: Aanvraag) -> Voornemen | None:
    """The intended refusal the applicant may still react to (4:7), if the claim waits on it."""
    if aanvraag.status != AanvraagStatus.VOORNEMEN_AFWIJZING:
        return None
    return (
        aanvraag.voornemens.filter(zienswijze_ingediend__isnull=True)
        .order_by("-verzonden_op")
        .first()
    )


def meldingen_koppelbaar(*, user) -> QuerySet[Melding]:
    """Meldingen the applicant may link to a claim: their own, no longer drafts."""
    return Melding.objects.filter(eigenaar=user).exclude(status="concept").order_by("-pk")


def eerder_aangevraagd(*, aanvraag: Aanvraag, regeling: Regeling) -> Decimal:
    """What the applicant's other live claims under the same policy version take of the cap.

    A decided claim counts with the amount granted in its current approved or sent decision
    (a refusal counts 0; a dwangsom decision never); an undecided one with the amount claimed.
    """
    toegekend = Subquery(
        Besluit.objects.filter(
            REGELT, aanvraag=OuterRef("pk"), status__in=FINANCIEEL_BESLUITSTATUSSEN
        )
        .order_by("-versie")
        .values("bedrag_toegekend")[:1]
    )
    totaal = (
        Aanvraag.objects.filter(aanvrager_id=aanvraag.aanvrager_id, regeling=regeling)
        .exclude(pk=aanvraag.pk)
        .exclude(status__in=NIET_MEETELLEND)
        .aggregate(totaal=Sum(Coalesce(toegekend, "bedrag_aangevraagd")))["totaal"]
    )
    return totaal or Decimal("0")
