"""Drafting, approving and returning the decision on a claim (sending is in `aanvragen.kern`).

Rules chosen where the issue is silent:
- Outcomes: toegekend = every line assessed and granted in full; gedeeltelijk toegekend =
  every line assessed, total between 0 and claimed, and a closed intended refusal (4:7)
  when a line was reduced for a factual reason (`FEITELIJKE_REDENEN`); afgewezen = a closed
  intended refusal exists (view given or term passed), amount 0; buiten behandeling = only
  on a claim put "buiten behandeling" (unanswered request whose term passed), amount 0.
- Four-eyes: `vierogen_vereist` is fixed when drafting: always when the policy threshold
  is 0, else when the amount is above it.
- The budget year of an approval is the year of approval; approvals lock the policy rows
  of that year, so two concurrent approvals cannot both use the same remaining budget.
- Approving and returning serve every kind of decision (`Besluit.soort`): the status checks
  and the claim's next status follow the kind (`permissions.GOEDKEUR_ACTIE`,
  `GOEDGEKEURD_NAAR`, `TERUGGESTUURD_NAAR`); a dwangsom decision changes no status and
  writes a history row from and to the current one. The budget check of a correction (or
  founded objection) weighs only its increase over the decision it replaces.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.core.tekst import TEKST

from ...constants import BesluitSoort, BesluitStatus, RedenCode, Uitkomst
from ...kern import WorkflowFout, lock_aanvraag, lock_besluit, status_wijzigen
from ...models import Aanvraag, Besluit, StatusWijziging
from .. import hooks, permissions, selectors
from .basis import BudgetOverschrijding, S, check_actie, verplicht

NUL = Decimal("0.00")
# Reductions that rest on facts (not on the rules of the policy) need a view first (4:7).
FEITELIJKE_REDENEN = frozenset(
    {
        RedenCode.DUBBELE_FINANCIERING,
        RedenCode.ONVOLDOENDE_BEWIJS,
        RedenCode.NIET_NOODZAKELIJK,
        RedenCode.OVERIG,
    }
)


def heeft_afgerond_voornemen(aanvraag: Aanvraag) -> bool:
    """An intended refusal of this claim is closed: a view was given or its term passed."""
    return aanvraag.voornemens.filter(zienswijze_ingediend__isnull=False).exists()


def _bedrag_voor_uitkomst(aanvraag: Aanvraag, uitkomst: str) -> Decimal:
    """Return the decision amount for `uitkomst`, or refuse when the outcome does not fit."""
    if (uitkomst == Uitkomst.BUITEN_BEHANDELING) != (aanvraag.status == S.BUITEN_BEHANDELING):
        raise WorkflowFout(
            _(
                "'Buiten behandeling' kan alleen, en moet, als de hersteltermijn van een "
                "verzoek om aanvulling ongebruikt is verstreken."
            ),
            code="uitkomst",
        )
    if uitkomst in (Uitkomst.BUITEN_BEHANDELING, Uitkomst.AFGEWEZEN):
        if uitkomst == Uitkomst.AFGEWEZEN and not heeft_afgerond_voornemen(aanvraag):
            raise WorkflowFout(_("Stuur eerst een voornemen tot afwijzing (artikel 4:7 Awb)."))
        return NUL
    posten = list(aanvraag.kostenposten.select_related("beoordeling"))
    if not posten or any(not hasattr(p, "beoordeling") for p in posten):
        raise WorkflowFout(_("Beoordeel eerst alle kostenposten."), code="beoordeling")
    gevraagd = sum((p.bedrag for p in posten), NUL)
    bedrag = sum((p.beoordeling.bedrag_toegekend for p in posten), NUL)
    if uitkomst == Uitkomst.TOEGEKEND and bedrag != gevraagd:
        raise WorkflowFout(
            _("Niet alle kosten zijn volledig toegekend: kies 'Gedeeltelijk toegekend'."),
            code="uitkomst",
        )
    if uitkomst == Uitkomst.GEDEELTELIJK_TOEGEKEND:
        _check_gedeeltelijk(aanvraag, posten, bedrag, gevraagd)
    return bedrag


def _check_gedeeltelijk(aanvraag, posten, bedrag: Decimal, gevraagd: Decimal) -> None:
    if bedrag == 0:
        raise WorkflowFout(_("Er is niets toegekend: kies 'Afgewezen'."), code="uitkomst")
    if bedrag == gevraagd:
        raise WorkflowFout(_("Alles is toegekend: kies 'Toegekend'."), code="uitkomst")
    feitelijk = any(p.beoordeling.reden_code in FEITELIJKE_REDENEN for p in posten)
    if feitelijk and not heeft_afgerond_voornemen(aanvraag):
        raise WorkflowFout(
            _(
                "Een kostenpost is verlaagd om feitelijke redenen: stuur eerst een voornemen "
                "tot afwijzing (artikel 4:7 Awb)."
            ),
            code="voornemen",
        )


def terugvordering_berekenen(besluit: Besluit) -> Decimal:
    """What was paid on the decisions `besluit` replaces above its amount (Awb 4:57), or 0."""
    betaald = selectors.besluit_betaald(besluit=besluit) if besluit.pk else NUL
    return max(betaald - besluit.bedrag_toegekend, NUL)


def volgende_versie(aanvraag: Aanvraag) -> int:
    """The next decision version of the claim (unique across every kind of decision)."""
    laatste = aanvraag.besluiten.order_by("-versie").values_list("versie", flat=True).first()
    return (laatste or 0) + 1


def open_concept_weigeren(aanvraag: Aanvraag, *, dwangsom: bool = False) -> None:
    """Refuse a new draft while another of its line is in draft or approved.

    Decisions on the claim, corrections and decisions on objection are one line (each
    replaces the one before); dwangsom decisions another: the penalty is fixed beside them.
    """
    open_statussen = (BesluitStatus.CONCEPT, BesluitStatus.GOEDGEKEURD)
    soort = Q(soort=BesluitSoort.DWANGSOM)
    if aanvraag.besluiten.filter(soort if dwangsom else ~soort, status__in=open_statussen).exists():
        raise WorkflowFout(
            _("Er is al een besluit in concept of goedgekeurd voor deze aanvraag."),
            code="concept",
        )


def _vierogen_vereist(aanvraag: Aanvraag, bedrag: Decimal) -> bool:
    drempel = aanvraag.regeling.drempel_tweede_beoordelaar
    return drempel == 0 or bedrag > drempel


@transaction.atomic
def besluit_opstellen(*, aanvraag_id: int, door, uitkomst: str, motivering: str) -> Besluit:
    """Draft the decision; the amount is the sum of the approved lines (0 when refused).

    Rules for each outcome: module docstring. Four-eyes is fixed now from the policy
    threshold. A returned draft is replaced by a new version.
    """
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie("besluit_opstellen", aanvraag, permissions.can_besluit_opstellen(door, aanvraag))
    if uitkomst not in Uitkomst.values:
        raise WorkflowFout(_("Kies een uitkomst."), code="uitkomst")
    motivering = verplicht(motivering, _("de motivering"))
    open_concept_weigeren(aanvraag)
    bedrag = _bedrag_voor_uitkomst(aanvraag, uitkomst)
    besluit = Besluit.objects.create(
        aanvraag=aanvraag,
        versie=volgende_versie(aanvraag),
        uitkomst=uitkomst,
        motivering=motivering,
        bedrag_toegekend=bedrag,
        vierogen_vereist=_vierogen_vereist(aanvraag, bedrag),
        opgesteld_door=door,
        opgesteld_op=timezone.now(),
    )
    if aanvraag.status != S.BUITEN_BEHANDELING:
        status_wijzigen(
            aanvraag,
            S.BESLUIT_CONCEPT,
            door=door,
            toelichting=_("Conceptbesluit: %(uitkomst)s")
            % {"uitkomst": besluit.get_uitkomst_display()},
        )
    hooks.besluit_opgesteld(besluit.pk)
    return besluit


# The claim status after approving or returning a draft of each kind (None: unchanged, a
# history row from and to the current status).
GOEDGEKEURD_NAAR = {
    BesluitSoort.AANVRAAG: S.BESLUIT_GOEDGEKEURD,
    BesluitSoort.HERZIENING: S.HERZIENING_GOEDGEKEURD,
    BesluitSoort.BEZWAAR: S.BEZWAAR_GOEDGEKEURD,
    BesluitSoort.DWANGSOM: None,
}
TERUGGESTUURD_NAAR = {
    BesluitSoort.AANVRAAG: S.IN_BEHANDELING,
    BesluitSoort.HERZIENING: None,  # a new draft follows from herziening
    BesluitSoort.BEZWAAR: S.BEZWAAR,
    BesluitSoort.DWANGSOM: None,
}


def historie_vastleggen(aanvraag: Aanvraag, *, door, toelichting: str) -> None:
    """A history row from and to the current status: a step that changes no status."""
    StatusWijziging.objects.create(
        aanvraag=aanvraag,
        van=aanvraag.status,
        naar=aanvraag.status,
        door=door,
        toelichting=toelichting[:TEKST],
    )


def _status_of_historie(aanvraag: Aanvraag, naar, *, door, toelichting: str) -> None:
    """Move the claim to `naar`, or (None, or a not-considered claim) record a history row."""
    if naar is None or aanvraag.status == S.BUITEN_BEHANDELING:
        historie_vastleggen(aanvraag, door=door, toelichting=toelichting)
    else:
        status_wijzigen(aanvraag, naar, door=door, toelichting=toelichting)


def soort_controleren(besluit_id: int, soort: str) -> None:
    """Refuse when the decision is not of `soort` (the kind-specific entry points)."""
    if not Besluit.objects.filter(pk=besluit_id, soort=soort).exists():
        raise WorkflowFout(
            _("Dit besluit is geen %(soort)s.") % {"soort": BesluitSoort(soort).label.lower()},
            code="soort",
        )


def _check_concept(wat: str, aanvraag: Aanvraag, besluit: Besluit, door) -> None:
    """Status and role checks for approving or returning a draft, four-eyes message first.

    `wat` is "goedkeuren" or "terugsturen"; the status check is the one of the kind.
    """
    tabel = permissions.GOEDKEUR_ACTIE if wat == "goedkeuren" else permissions.TERUGSTUUR_ACTIE
    actie = tabel[besluit.soort]
    if besluit.status != BesluitStatus.CONCEPT:
        raise WorkflowFout(
            _("Dit besluit is niet (meer) in concept: status '%(status)s'.")
            % {"status": besluit.get_status_display()},
            code="transitie",
        )
    if permissions.is_status_toegestaan(actie, aanvraag) and permissions.is_vierogen_geschonden(
        door, besluit
    ):
        raise WorkflowFout(
            _(
                "U hebt dit besluit zelf opgesteld. Een tweede beoordelaar moet het "
                "goedkeuren of terugsturen (vier-ogenprincipe)."
            ),
            code="vierogen",
        )
    can = getattr(permissions, f"can_besluit_{wat}")
    check_actie(actie, aanvraag, can(door, besluit))


def budget_bedrag(besluit: Besluit) -> Decimal:
    """What approving `besluit` adds to the committed budget: a correction only its increase."""
    if besluit.vervangt_id is None:
        return besluit.bedrag_toegekend
    return max(besluit.bedrag_toegekend - besluit.vervangt.bedrag_toegekend, NUL)


def _check_budget(besluit: Besluit, bevestigd: bool) -> None:
    bedrag = budget_bedrag(besluit)
    if bedrag <= 0:
        return
    jaar = timezone.localdate().year
    # Serialise approvals of the year: both would otherwise see the same remaining budget.
    list(selectors.regelingen_in_jaar(jaar=jaar).select_for_update().values_list("pk", flat=True))
    overzicht = selectors.budget_overzicht(jaar=jaar)
    if bedrag > overzicht.resterend and not bevestigd:
        raise BudgetOverschrijding(bedrag=bedrag, overzicht=overzicht)


@transaction.atomic
def besluit_goedkeuren(
    *, besluit_id: int, door, budget_overschrijding_bevestigd: bool = False
) -> Besluit:
    """Approve a draft decision (four-eyes where required; budget check).

    Raises `BudgetOverschrijding` (with the figures) when the amount exceeds the remaining
    budget of the year, unless `budget_overschrijding_bevestigd`; the confirmation is
    stored. Concurrent approvals queue on the claim lock: exactly one succeeds. The
    `besluit_goedgekeurd` hook stores the letter in this transaction.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    _check_concept("goedkeuren", aanvraag, besluit, door)
    _check_budget(besluit, budget_overschrijding_bevestigd)
    if besluit.vervangt_id is not None:
        # Payments made since drafting count: the letter states the amount to reclaim.
        besluit.terugvordering = terugvordering_berekenen(besluit)
    besluit.status = BesluitStatus.GOEDGEKEURD
    besluit.goedgekeurd_door = door
    besluit.goedgekeurd_op = timezone.now()
    besluit.budget_overschrijding_bevestigd = bool(
        budget_overschrijding_bevestigd and besluit.bedrag_toegekend > 0
    )
    besluit.save(
        update_fields=[
            "status",
            "goedgekeurd_door",
            "goedgekeurd_op",
            "budget_overschrijding_bevestigd",
            "terugvordering",
        ]
    )
    toelichting = _("%(soort)s goedgekeurd") % {"soort": besluit.get_soort_display()}
    if besluit.soort == BesluitSoort.AANVRAAG:
        toelichting = _("Besluit goedgekeurd")
    naar = GOEDGEKEURD_NAAR[besluit.soort]
    _status_of_historie(aanvraag, naar, door=door, toelichting=toelichting)
    hooks.besluit_goedgekeurd(besluit.pk)
    return besluit


@transaction.atomic
def besluit_terugsturen(*, besluit_id: int, door, reden: str) -> Besluit:
    """Return a draft decision of any kind to the assessor with a reason.

    A decision on the claim: the claim is assessed again; a decision on objection: the
    objection is handled again; a correction or dwangsom decision: the status stays, a new
    draft may follow. A returned draft replaces nothing any more (`vervangt` is cleared), so
    the next draft can take its place.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    _check_concept("terugsturen", aanvraag, besluit, door)
    reden = verplicht(reden, _("de reden"))
    besluit.status = BesluitStatus.TERUGGESTUURD
    besluit.vervangt = None
    besluit.save(update_fields=["status", "vervangt"])
    toelichting = _("%(soort)s teruggestuurd: %(reden)s") % {
        "soort": besluit.get_soort_display(),
        "reden": reden,
    }
    if besluit.soort == BesluitSoort.AANVRAAG:
        toelichting = _("Besluit teruggestuurd: %(reden)s") % {"reden": reden}
    naar = TERUGGESTUURD_NAAR[besluit.soort]
    _status_of_historie(aanvraag, naar, door=door, toelichting=toelichting)
    return besluit
