"""Back-office queries: the work queue, budget figures, payment instructions, penalty to date.

Budget rules (issue 5 §4; chosen where the issue is silent):
- budget: the `jaarbudget` of every policy version in force on any day of the year, summed.
- vastgelegd (committed): the unpaid remainder of decisions approved in that year
  (status goedgekeurd or verzonden, not replaced by a correction).
- betaald (paid): payments with `betaald_op` in that year.
- resterend (remaining): budget - vastgelegd - betaald.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.termijnen.berekening import dwangsom

from ..constants import BESLISTERMIJN_LOOPT, AanvraagStatus, BesluitStatus
from ..models import (
    Aanvraag,
    Besluit,
    Betaalbatch,
    BetaalbatchRegel,
    Betaling,
    Regeling,
    Voornemen,
)
from ..selectors import aanvragen_zichtbaar_voor, betaald_op_besluit, filter_besloten
from . import permissions

NUL = Decimal("0.00")
BINNENKORT_DAGEN = 7
UITSTAANDE_BESLUITSTATUSSEN = (BesluitStatus.GOEDGEKEURD, BesluitStatus.VERZONDEN)


@dataclass(frozen=True)
class BudgetOverzicht:
    """Budget figures of one year, in euros."""

    jaar: int
    budget: Decimal
    vastgelegd: Decimal
    betaald: Decimal
    resterend: Decimal


def _dagen_tot(veld: str, vandaag: date) -> Func:
    # PostgreSQL: date - date is an integer number of days. Today is passed in (local date)
    # rather than CURRENT_DATE, because the connection runs in UTC.
    return Func(
        F(veld),
        Value(vandaag, output_field=DateField()),
        arg_joiner=" - ",
        template="(%(expressions)s)",
        output_field=IntegerField(),
    )


def werkvoorraad(*, fetched_by) -> QuerySet[Aanvraag]:
    """Return the submitted claims `fetched_by` may see in the queue, soonest deadline first.

    Assessors get every submitted claim, finance only the decided ones: the rows of
    `aanvragen.selectors.aanvragen_zichtbaar_voor`, which the admin's case lookup uses too.
    The queue page narrows this by default (open cases for assessors, `filter_te_betalen`
    for finance; see `admin_views.werkvoorraad.StandaardKeuzeFilter`).
    Each row carries `dagen_over`: days left until `beslistermijn_einde` (negative when
    overdue), computed in SQL. Applicant, municipality, assessor and policy version are
    joined, so a list page needs one query for the rows.
    """
    if not permissions.can_werkvoorraad_bekijken(fetched_by):
        return Aanvraag.objects.none()
    return (
        aanvragen_zichtbaar_voor(user=fetched_by)
        .select_related("aanvrager", "gemeente", "behandelaar", "regeling")
        .annotate(dagen_over=_dagen_tot("beslistermijn_einde", timezone.localdate()))
        .order_by(F("beslistermijn_einde").asc(nulls_last=True), "pk")
    )


def filter_mijn(*, queryset: QuerySet[Aanvraag], user) -> QuerySet[Aanvraag]:
    """Claims assigned to `user`."""
    return queryset.filter(behandelaar=user)


def filter_te_betalen(*, queryset: QuerySet[Aanvraag]) -> QuerySet[Aanvraag]:
    """Claims with a sent decision of which an amount is still unpaid.

    Sent only: an approved decision is paid once its letter has gone out (the payment term
    runs from the dispatch). The same decisions as `te_betalen`, batched or not, as one
    EXISTS in the queue's query.
    """
    return queryset.filter(Exists(_te_betalen_besluiten().filter(aanvraag=OuterRef("pk"))))


def filter_niet_toegewezen(*, queryset: QuerySet[Aanvraag]) -> QuerySet[Aanvraag]:
    """Claims nobody is assigned to yet (still open)."""
    return queryset.filter(
        behandelaar__isnull=True, status__in=permissions.STATUS_VOOR_ACTIE["aanvraag_toewijzen"]
    )


def filter_te_laat(*, queryset: QuerySet[Aanvraag]) -> QuerySet[Aanvraag]:
    """Undecided claims whose decision deadline has passed."""
    return queryset.filter(
        status__in=BESLISTERMIJN_LOOPT, beslistermijn_einde__lt=timezone.localdate()
    )


def filter_binnenkort(
    *, queryset: QuerySet[Aanvraag], dagen: int = BINNENKORT_DAGEN
) -> QuerySet[Aanvraag]:
    """Undecided claims due today or within `dagen` days (not yet overdue)."""
    vandaag = timezone.localdate()
    return queryset.filter(
        status__in=BESLISTERMIJN_LOOPT,
        beslistermijn_einde__gte=vandaag,
        beslistermijn_einde__lte=vandaag + timedelta(days=dagen),
    )


def deadline_aandacht(*, behandelaar, vandaag: date) -> QuerySet[Aanvraag]:
    """Undecided claims of `behandelaar` overdue or due within 7 days of `vandaag`."""
    return (
        Aanvraag.objects.filter(
            behandelaar=behandelaar,
            status__in=BESLISTERMIJN_LOOPT,
            beslistermijn_einde__lte=vandaag + timedelta(days=BINNENKORT_DAGEN),
        )
        .only("pk", "kenmerk", "beslistermijn_einde")
        .order_by("beslistermijn_einde", "kenmerk")
    )


def regelingen_in_jaar(*, jaar: int) -> QuerySet[Regeling]:
    """Policy versions in force on at least one day of `jaar`."""
    return Regeling.objects.filter(geldig_van__lte=date(jaar, 12, 31)).filter(
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=date(jaar, 1, 1))
    )


def _uitstaande_besluiten() -> QuerySet[Besluit]:
    """Approved or sent decisions granting an amount, not replaced, with `openstaand`."""
    return (
        Besluit.objects.filter(
            status__in=UITSTAANDE_BESLUITSTATUSSEN,
            bedrag_toegekend__gt=0,
            vervangen_door__isnull=True,
        )
        .annotate(betaald=betaald_op_besluit())
        .annotate(openstaand=F("bedrag_toegekend") - F("betaald"))
        .filter(openstaand__gt=0)
    )


def budget_overzicht(*, jaar: int) -> BudgetOverzicht:
    """Return budget, committed, paid and remaining amounts of `jaar` (rules: module doc)."""
    budget = regelingen_in_jaar(jaar=jaar).aggregate(t=Sum("jaarbudget"))["t"] or NUL
    vastgelegd = (
        _uitstaande_besluiten()
        .filter(goedgekeurd_op__year=jaar)
        .aggregate(t=Sum("openstaand"))["t"]
        or NUL
    )
    betaald = Betaling.objects.filter(betaald_op__year=jaar).aggregate(t=Sum("bedrag"))["t"] or NUL
    return BudgetOverzicht(
        jaar=jaar,
        budget=budget,
        vastgelegd=vastgelegd,
        betaald=betaald,
        resterend=budget - vastgelegd - betaald,
    )


def _te_betalen_besluiten() -> QuerySet[Besluit]:
    return _uitstaande_besluiten().filter(status=BesluitStatus.VERZONDEN)


def te_betalen() -> QuerySet[Besluit]:
    """Sent decisions with an amount still to pay that are in no open payment batch.

    These are the rows of finance's queue and of the next batch (`betaalbatch_maken`); a
    decision in a batch whose row is not paid yet stays out, so a batch never repeats
    another's rows. Only decisions on claims finance may read (`filter_besloten`). Each row
    carries `betaald` and `openstaand` (the amount to pay); the claim and its municipality
    are joined (payee name and IBAN are on the claim). Ordered by payment due date, then
    kenmerk.
    """
    return (
        _te_betalen_besluiten()
        .filter(aanvraag__in=filter_besloten(queryset=Aanvraag.objects.all()))
        .exclude(Exists(BetaalbatchRegel.objects.filter(besluit=OuterRef("pk"), betaling=None)))
        .select_related("aanvraag", "aanvraag__gemeente")
        .order_by("betaaltermijn_einde", "aanvraag__kenmerk", "pk")
    )


def betaalbatches() -> QuerySet[Betaalbatch]:
    """Payment batches, newest first, each with `open_regels`: rows without a payment yet."""
    return Betaalbatch.objects.select_related("aangemaakt_door").annotate(
        open_regels=Count("regels", filter=Q(regels__betaling=None))
    )


def besluit_betaald(*, besluit: Besluit) -> Decimal:
    """Total paid on one decision so far."""
    return besluit.betalingen.aggregate(t=Sum("bedrag"))["t"] or NUL


def beslist_op(*, aanvraag: Aanvraag) -> date | None:
    """Day the first decision on the claim was sent, or None."""
    verzonden = (
        aanvraag.besluiten.filter(verzonden_op__isnull=False)
        .order_by("verzonden_op")
        .values_list("verzonden_op", flat=True)
        .first()
    )
    return timezone.localdate(verzonden) if verzonden else None


def dwangsom_stand(*, aanvraag: Aanvraag) -> Decimal:
    """Return the late-decision penalty due so far (Awb 4:17), 0 without a notice of default.

    Accrues from two weeks after the registered notice (moved to a working day by the Atw,
    the same day the case page shows as "loopt vanaf") until the decision was sent (or
    today), at most 42 days / EUR 1,442; a premature notice yields 0. Extra holidays by
    Royal Decree count (the engine reads `ExtraFeestdag`).
    """
    if aanvraag.ingebrekestelling_op is None:
        return NUL
    tot = beslist_op(aanvraag=aanvraag) or timezone.localdate()
    return dwangsom(
        aanvraag.ingebrekestelling_op, tot, beslistermijn_einde=aanvraag.beslistermijn_einde
    )


# --- "Voor mij": what waits for one staff user (issue 15) --------------------------------

# A case of yours in one of these statuses waits for you: the applicant (or the objection
# registered for them) moved it; the label says what came in.
REACTIE_STATUSSEN = {
    AanvraagStatus.AANGEVULD: _("Aanvulling ontvangen"),
    AanvraagStatus.ZIENSWIJZE_ONTVANGEN: _("Zienswijze ontvangen of termijn verstreken"),
    AanvraagStatus.BEZWAAR: _("Bezwaar ingediend"),
}
INGEBREKESTELLING = _("Ingebrekestelling ontvangen")
ONLINE_ZIENSWIJZE = _("Zienswijze online ontvangen")


def _reactie(aanvraag: Aanvraag) -> str:
    if aanvraag.status in REACTIE_STATUSSEN:
        return REACTIE_STATUSSEN[aanvraag.status]
    if aanvraag.status == AanvraagStatus.VOORNEMEN_AFWIJZING:
        return ONLINE_ZIENSWIJZE
    return INGEBREKESTELLING


@dataclass(frozen=True)
class VoorMij:
    """What waits for one user: drafts to approve, reactions on their cases, deadlines."""

    concepten: list[Besluit]
    reacties: list[Aanvraag]
    termijnen: list[Aanvraag]

    @property
    def aantal(self) -> int:
        return len(self.concepten) + len(self.reacties) + len(self.termijnen)


def concepten_ter_goedkeuring(*, user) -> QuerySet[Besluit]:
    """Draft decisions a teamleider may approve: every draft they did not write themselves."""
    if not permissions.is_teamleider(user):
        return Besluit.objects.none()
    return (
        Besluit.objects.filter(status=BesluitStatus.CONCEPT)
        .exclude(opgesteld_door=user)
        .select_related("aanvraag")
        .only("pk", "versie", "opgesteld_op", "aanvraag__kenmerk", "aanvraag__beslistermijn_einde")
        .order_by("opgesteld_op", "pk")
    )


def reacties_ontvangen(*, behandelaar) -> QuerySet[Aanvraag]:
    """Claims of `behandelaar` with an answer, a view, an objection or a notice of default.

    A view given online does not change the status (the assessor still records it), so an
    open intended refusal with an online view counts too.
    """
    online_zienswijze = Voornemen.objects.filter(
        aanvraag=OuterRef("pk"),
        zienswijze_ingediend__isnull=True,
        zienswijze_ontvangen_op__isnull=False,
    )
    return (
        Aanvraag.objects.filter(behandelaar=behandelaar)
        .filter(
            Q(status__in=REACTIE_STATUSSEN)
            | Q(ingebrekestelling_op__isnull=False, status__in=BESLISTERMIJN_LOOPT)
            | Q(Exists(online_zienswijze), status=AanvraagStatus.VOORNEMEN_AFWIJZING)
        )
        .only("pk", "kenmerk", "status", "ingebrekestelling_op", "beslistermijn_einde")
        .order_by("beslistermijn_einde", "kenmerk")
    )


def voor_mij(*, user, vandaag: date) -> VoorMij:
    """Everything that waits for `user`, in three queries whatever the number of cases."""
    reacties = list(reacties_ontvangen(behandelaar=user))
    for aanvraag in reacties:
        aanvraag.reactie = _reactie(aanvraag)
    return VoorMij(
        concepten=list(concepten_ter_goedkeuring(user=user)),
        reacties=reacties,
        termijnen=list(deadline_aandacht(behandelaar=user, vandaag=vandaag)),
    )
