"""Back-office queries: the work queue, budget figures, payment instructions, penalty to date.

Budget rules (issue 5 §4; chosen where the issue is silent):
- budget: the `jaarbudget` of every policy version in force on any day of the year, summed.
- vastgelegd (committed): the unpaid remainder of decisions approved in that year
  (status goedgekeurd or verzonden, not replaced by an approved or sent correction); what is
  paid on a correction counts the payments on the decisions it replaces (see
  `aanvragen.selectors.betaald_op_besluit`). A dwangsom decision (4:18) is paid from the
  same account in the same batches, so it counts as well, with its own payments.
- betaald (paid): payments with `betaald_op` in that year.
- resterend (remaining): budget - vastgelegd - betaald.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.termijnen.berekening import (
    dwangsom,
    dwangsom_dagen,
    dwangsom_gestopt,
    dwangsom_laatste_dag,
    dwangsom_vaststellen_uiterlijk,
)

from ..constants import (
    BESLISTERMIJN_LOOPT,
    BEZWAAR_LOOPT,
    AanvraagStatus,
    BesluitSoort,
    BesluitStatus,
)
from ..models import (
    Aanvraag,
    Besluit,
    Betaalbatch,
    BetaalbatchRegel,
    Betaling,
    Bezwaar,
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
    Each row carries `termijn_einde`: the deadline that runs now, which for a claim in
    objection (`BEZWAAR_LOOPT`) is its running objection's own 7:10 end
    (`Bezwaar.beslistermijn_einde`) and otherwise `beslistermijn_einde`; and `dagen_over`:
    days left until it (negative when overdue), both computed in SQL (a correlated subquery,
    so still one query). The queue is sorted on it. Applicant, municipality, assessor and
    policy version are joined, so a list page needs one query for the rows.
    """
    if not permissions.can_werkvoorraad_bekijken(fetched_by):
        return Aanvraag.objects.none()
    return (
        aanvragen_zichtbaar_voor(user=fetched_by)
        .select_related("aanvrager", "gemeente", "behandelaar", "regeling")
        .annotate(termijn_einde=lopende_termijn_einde())
        .annotate(dagen_over=_dagen_tot("termijn_einde", timezone.localdate()))
        .order_by(F("termijn_einde").asc(nulls_last=True), "pk")
    )


def lopende_bezwaren() -> QuerySet[Bezwaar]:
    """Objections still running: not withdrawn and no decision on them sent yet."""
    return Bezwaar.objects.filter(ingetrokken_op__isnull=True).exclude(
        Exists(
            Besluit.objects.filter(
                bezwaar=OuterRef("pk"),
                soort=BesluitSoort.BEZWAAR,
                status=BesluitStatus.VERZONDEN,
            )
        )
    )


def lopende_termijn_einde() -> Case:
    """The claim's running deadline (OuterRef-free expression on Aanvraag; see `werkvoorraad`)."""
    bezwaar_einde = Subquery(
        lopende_bezwaren()
        .filter(besluit__aanvraag=OuterRef("pk"))
        .order_by("-pk")
        .values("beslistermijn_einde")[:1],
        output_field=DateField(),
    )
    return Case(
        When(status__in=BEZWAAR_LOOPT, then=bezwaar_einde),
        default=F("beslistermijn_einde"),
        output_field=DateField(),
    )


def _bezwaartermijn(**filters) -> Q:
    """Claims in objection whose running objection's 7:10 end matches `filters`."""
    return Q(
        Exists(lopende_bezwaren().filter(besluit__aanvraag=OuterRef("pk"), **filters)),
        status__in=BEZWAAR_LOOPT,
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
    """Undecided claims whose decision deadline has passed, and objections past their 7:10 end."""
    vandaag = timezone.localdate()
    return queryset.filter(
        Q(status__in=BESLISTERMIJN_LOOPT, beslistermijn_einde__lt=vandaag)
        | _bezwaartermijn(beslistermijn_einde__lt=vandaag)
    )


def filter_binnenkort(
    *, queryset: QuerySet[Aanvraag], dagen: int = BINNENKORT_DAGEN
) -> QuerySet[Aanvraag]:
    """Undecided claims (and objections) due today or within `dagen` days (not yet overdue)."""
    vandaag = timezone.localdate()
    binnen = {
        "beslistermijn_einde__gte": vandaag,
        "beslistermijn_einde__lte": vandaag + timedelta(days=dagen),
    }
    return queryset.filter(Q(status__in=BESLISTERMIJN_LOOPT, **binnen) | _bezwaartermijn(**binnen))


def deadline_aandacht(*, behandelaar, vandaag: date) -> QuerySet[Aanvraag]:
    """Claims of `behandelaar` whose running deadline is overdue or within 7 days.

    The running deadline (`termijn_einde`) is the decision term of an undecided claim, or
    the 7:10 term of a running objection.
    """
    grens = vandaag + timedelta(days=BINNENKORT_DAGEN)
    return (
        Aanvraag.objects.filter(behandelaar=behandelaar)
        .filter(
            Q(status__in=BESLISTERMIJN_LOOPT, beslistermijn_einde__lte=grens)
            | _bezwaartermijn(beslistermijn_einde__lte=grens)
        )
        .annotate(termijn_einde=lopende_termijn_einde())
        .only("pk", "kenmerk", "status", "beslistermijn_einde")
        .order_by("termijn_einde", "kenmerk")
    )


def regelingen_in_jaar(*, jaar: int) -> QuerySet[Regeling]:
    """Policy versions in force on at least one day of `jaar`."""
    return Regeling.objects.filter(geldig_van__lte=date(jaar, 12, 31)).filter(
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=date(jaar, 1, 1))
    )


def niet_vervangen() -> Exists:
    """No approved or sent decision replaces this one (OuterRef "pk"): it still counts.

    A correction in draft does not yet take the place of the decision it would replace, so
    finance may go on paying the latter until the correction is approved.
    """
    return ~Exists(
        Besluit.objects.filter(vervangt=OuterRef("pk"), status__in=UITSTAANDE_BESLUITSTATUSSEN)
    )


def _uitstaande_besluiten() -> QuerySet[Besluit]:
    """Approved or sent decisions with an amount still to pay, not replaced, with `openstaand`.

    `betaald` is what is paid so far (a correction counts the payments on the decisions it
    replaces); `openstaand` is the amount minus that, only rows where it is positive.
    """
    return (
        Besluit.objects.filter(
            niet_vervangen(),
            status__in=UITSTAANDE_BESLUITSTATUSSEN,
            bedrag_toegekend__gt=0,
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
    kenmerk. A correction's extra amount is a row of its own; it waits while a row of a
    decision it replaces is still open in a batch (the two would otherwise both be paid).
    """
    return (
        _te_betalen_besluiten()
        .filter(aanvraag__in=filter_besloten(queryset=Aanvraag.objects.all()))
        .exclude(Exists(_open_batchregels()))
        .select_related("aanvraag", "aanvraag__gemeente")
        .order_by("betaaltermijn_einde", "aanvraag__kenmerk", "pk")
    )


def _open_batchregels() -> QuerySet[BetaalbatchRegel]:
    """Unpaid batch rows of the decision (OuterRef "pk"), or of its claim's chain of
    decisions that fix the claim's amount when it is one of them."""
    keten = Q(
        besluit__aanvraag=OuterRef("aanvraag"),
        besluit__regelt_aanvraag=True,
    ) & Q(besluit__regelt_aanvraag=OuterRef("regelt_aanvraag"))
    return BetaalbatchRegel.objects.filter(Q(besluit=OuterRef("pk")) | keten, betaling=None)


def terug_te_vorderen() -> QuerySet[Besluit]:
    """Sent decisions with an amount to reclaim (Awb 4:57) not yet repaid, due date first."""
    return (
        Besluit.objects.filter(
            status=BesluitStatus.VERZONDEN, terugvordering__gt=0, terugbetaald_op__isnull=True
        )
        .select_related("aanvraag")
        .order_by("terugbetaaltermijn_einde", "aanvraag__kenmerk", "pk")
    )


def betaalbatches() -> QuerySet[Betaalbatch]:
    """Payment batches, newest first, each with `open_regels`: rows without a payment yet."""
    return Betaalbatch.objects.select_related("aangemaakt_door").annotate(
        open_regels=Count("regels", filter=Q(regels__betaling=None))
    )


def besluit_betaald(*, besluit: Besluit) -> Decimal:
    """Paid so far on one decision (a correction: on the decisions it continues; see
    `aanvragen.selectors.betaald_op_besluit`)."""
    return (
        Besluit.objects.filter(pk=besluit.pk)
        .annotate(betaald=betaald_op_besluit())
        .values_list("betaald", flat=True)
        .get()
    )


def beslist_op(*, aanvraag: Aanvraag) -> date | None:
    """Day the first decision on the claim was sent, or None (a dwangsom decision is none)."""
    verzonden = (
        aanvraag.besluiten.filter(verzonden_op__isnull=False, regelt_aanvraag=True)
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


@dataclass(frozen=True)
class DwangsomStand:
    """The late-decision penalty of a claim or an objection (Awb 4:17, 4:18), as computed now.

    `gestopt`: it no longer accrues (the decision was sent, or 42 days passed), so it can be
    fixed by decision; `vaststellen_uiterlijk`: the last day to do that (two weeks after
    `laatste_dag`, Atw), None while it still accrues or when nothing is due.
    """

    ingebrekestelling_op: date
    beslist_op: date | None
    dagen: int
    bedrag: Decimal
    laatste_dag: date | None
    gestopt: bool

    @property
    def vaststellen_uiterlijk(self) -> date | None:
        if not self.gestopt or self.laatste_dag is None:
            return None
        return dwangsom_vaststellen_uiterlijk(self.laatste_dag)


def _beslist_op_bezwaar(bezwaar: Bezwaar) -> date | None:
    verzonden = (
        bezwaar.beslissingen.filter(soort=BesluitSoort.BEZWAAR, verzonden_op__isnull=False)
        .order_by("verzonden_op")
        .values_list("verzonden_op", flat=True)
        .first()
    )
    return timezone.localdate(verzonden) if verzonden else None


def dwangsom_stand_van(
    *, aanvraag: Aanvraag | None = None, bezwaar: Bezwaar | None = None, vandaag: date | None = None
) -> DwangsomStand | None:
    """The penalty for a late decision on the claim, or (with `bezwaar`) on the objection.

    None without a registered notice of default. Accrual ends the day the decision on the
    claim (or on the objection, against its 7:10 term) was sent, or today.
    """
    vandaag = vandaag or timezone.localdate()
    if bezwaar is not None:
        ingebreke, termijn = bezwaar.ingebrekestelling_op, bezwaar.beslistermijn_einde
        beslist = _beslist_op_bezwaar(bezwaar) if ingebreke else None
    else:
        ingebreke, termijn = aanvraag.ingebrekestelling_op, aanvraag.beslistermijn_einde
        beslist = beslist_op(aanvraag=aanvraag) if ingebreke else None
    if ingebreke is None:
        return None
    tot = beslist or vandaag
    dagen = dwangsom_dagen(ingebreke, tot, beslistermijn_einde=termijn)
    return DwangsomStand(
        ingebrekestelling_op=ingebreke,
        beslist_op=beslist,
        dagen=dagen,
        bedrag=dwangsom(ingebreke, tot, beslistermijn_einde=termijn),
        laatste_dag=dwangsom_laatste_dag(ingebreke, tot, beslistermijn_einde=termijn),
        gestopt=dwangsom_gestopt(ingebreke, beslist, vandaag, beslistermijn_einde=termijn),
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
    termijnen = list(deadline_aandacht(behandelaar=user, vandaag=vandaag))
    for aanvraag in termijnen:
        aanvraag.is_bezwaartermijn = aanvraag.status in BEZWAAR_LOOPT
    return VoorMij(
        concepten=list(concepten_ter_goedkeuring(user=user)),
        reacties=reacties,
        termijnen=termijnen,
    )
