"""Correcting a sent decision outside objection (herzieningsbesluit, domain.md §5).

A decision is never edited after it is sent: the correction is a new `Besluit` of soort
herziening that replaces the claim's current decision (`vervangt`), with its own letter,
four-eyes and payment consequences (an extra amount to pay, or an amount to reclaim, 4:57).

Rules chosen where the issue is silent:
- `herziening_starten` moves a decided claim to herziening without a draft, so the assessor
  can re-assess the cost lines first (`kostenpost_beoordelen` is allowed in herziening; the
  one assessment per line is updated: sent letters are stored PDFs and do not change).
  Adding a later invoice as a new cost line is not supported: re-assess the existing lines.
- `herziening_opstellen` drafts from a decided claim (it then moves to herziening itself) or
  from herziening (after `herziening_starten`, or after a returned draft, which leaves the
  claim in herziening). The amount is the sum of the assessed lines; the outcome follows
  from it (all granted: toegekend; nothing: afgewezen; between: gedeeltelijk toegekend).
  No intended refusal (4:7/4:8) is required here: the assessor writes the grounds.
- Four-eyes as for a first decision (the policy threshold, `_vierogen_vereist`), on the new
  amount. The budget check weighs only the increase.
- `terugvordering` (what was paid on the replaced decisions above the new amount) is set at
  drafting and again at approval (a payment may have come in between).
- A claim in herziening cannot go back without a decision: return the draft and draft a new
  one (the transition table has no way back).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...constants import BesluitSoort, BesluitStatus, HerzieningGrond, Uitkomst
from ...kern import WorkflowFout, lock_aanvraag, status_wijzigen
from ...models import Aanvraag, Besluit
from .. import hooks, permissions
from .basis import S, check_actie, verplicht
from .besluit import (
    NUL,
    _vierogen_vereist,
    besluit_goedkeuren,
    besluit_terugsturen,
    historie_vastleggen,
    open_concept_weigeren,
    soort_controleren,
    terugvordering_berekenen,
    volgende_versie,
)


def huidig_besluit(aanvraag: Aanvraag) -> Besluit | None:
    """The claim's current sent decision: the highest sent version that fixes its outcome."""
    return (
        aanvraag.besluiten.filter(regelt_aanvraag=True, status=BesluitStatus.VERZONDEN)
        .order_by("-versie")
        .first()
    )


def uitkomst_uit_beoordeling(aanvraag: Aanvraag) -> tuple[str, Decimal]:
    """The outcome and amount that follow from the assessed cost lines; every line assessed."""
    posten = list(aanvraag.kostenposten.select_related("beoordeling"))
    if not posten or any(not hasattr(p, "beoordeling") for p in posten):
        raise WorkflowFout(_("Beoordeel eerst alle kostenposten."), code="beoordeling")
    gevraagd = sum((p.bedrag for p in posten), NUL)
    bedrag = sum((p.beoordeling.bedrag_toegekend for p in posten), NUL)
    if bedrag == 0:
        return Uitkomst.AFGEWEZEN, bedrag
    if bedrag == gevraagd:
        return Uitkomst.TOEGEKEND, bedrag
    return Uitkomst.GEDEELTELIJK_TOEGEKEND, bedrag


@transaction.atomic
def herziening_starten(*, aanvraag_id: int, door, grond: str) -> Aanvraag:
    """Open a correction of the sent decision: the claim moves to herziening (no draft yet)."""
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie("herziening_starten", aanvraag, permissions.can_herziening_starten(door, aanvraag))
    if grond not in HerzieningGrond.values:
        raise WorkflowFout(_("Kies de grond van de herziening."), code="grond")
    if huidig_besluit(aanvraag) is None:
        raise WorkflowFout(_("Er is geen verzonden besluit om te herzien."), code="besluit")
    status_wijzigen(
        aanvraag,
        S.HERZIENING,
        door=door,
        toelichting=_("Herziening gestart: %(grond)s") % {"grond": HerzieningGrond(grond).label},
    )
    return aanvraag


@transaction.atomic
def herziening_opstellen(*, aanvraag_id: int, door, grond: str, motivering: str) -> Besluit:
    """Draft a correcting decision replacing the claim's current decision (rules: module doc)."""
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
        "herziening_opstellen", aanvraag, permissions.can_herziening_opstellen(door, aanvraag)
    )
    if grond not in HerzieningGrond.values:
        raise WorkflowFout(_("Kies de grond van de herziening."), code="grond")
    motivering = verplicht(motivering, _("de motivering"))
    open_concept_weigeren(aanvraag)
    vorige = huidig_besluit(aanvraag)
    if vorige is None:
        raise WorkflowFout(_("Er is geen verzonden besluit om te herzien."), code="besluit")
    uitkomst, bedrag = uitkomst_uit_beoordeling(aanvraag)
    besluit = Besluit.objects.create(
        aanvraag=aanvraag,
        versie=volgende_versie(aanvraag),
        soort=BesluitSoort.HERZIENING,
        regelt_aanvraag=True,
        vervangt=vorige,
        herziening_grond=grond,
        uitkomst=uitkomst,
        motivering=motivering,
        bedrag_toegekend=bedrag,
        vierogen_vereist=_vierogen_vereist(aanvraag, bedrag),
        opgesteld_door=door,
        opgesteld_op=timezone.now(),
    )
    besluit.terugvordering = terugvordering_berekenen(besluit)
    besluit.save(update_fields=["terugvordering"])
    toelichting = _("Conceptherzieningsbesluit (vervangt versie %(versie)s): %(uitkomst)s") % {
        "versie": vorige.versie,
        "uitkomst": besluit.get_uitkomst_display(),
    }
    if aanvraag.status == S.HERZIENING:
        historie_vastleggen(aanvraag, door=door, toelichting=toelichting)
    else:
        status_wijzigen(aanvraag, S.HERZIENING, door=door, toelichting=toelichting)
    hooks.besluit_opgesteld(besluit.pk)
    return besluit


def herziening_goedkeuren(
    *, besluit_id: int, door, budget_overschrijding_bevestigd: bool = False
) -> Besluit:
    """Approve a draft correcting decision (`besluit_goedkeuren` for this kind)."""
    soort_controleren(besluit_id, BesluitSoort.HERZIENING)
    return besluit_goedkeuren(
        besluit_id=besluit_id,
        door=door,
        budget_overschrijding_bevestigd=budget_overschrijding_bevestigd,
    )


def herziening_terugsturen(*, besluit_id: int, door, reden: str) -> Besluit:
    """Return a draft correcting decision; the claim stays in herziening."""
    soort_controleren(besluit_id, BesluitSoort.HERZIENING)
    return besluit_terugsturen(besluit_id=besluit_id, door=door, reden=reden)
