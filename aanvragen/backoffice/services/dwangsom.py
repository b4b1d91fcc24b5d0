"""Fixing the late-decision penalty by decision (Awb 4:18) and paying it.

Rules chosen where the issue is silent:
- Only after a registered notice of default (on the claim, or on the objection for a late
  decision on it) and once the penalty stopped accruing: the decision was sent, or 42 days
  passed (`selectors.DwangsomStand.gestopt`). Amount, days and the last day come from the
  engine (`fondsbeveiliging.termijnen.berekening.dwangsom`), the same figures as the case
  page; nothing due (a premature notice, a decision in time) is refused.
- One dwangsom decision per claim (and one per objection); a returned draft may be drafted
  again. The motivation is written by the system from the dates and the statutory scale.
- Four-eyes always; the claim status never changes: every step writes a history row from
  and to the current status. The decision has an objection term like any decision and is
  paid through finance's batches (`Betaling` on it; it is no outcome of the claim).
- The decision is due within two weeks after the last day the penalty accrued
  (`vaststellen_uiterlijk`): the case page shows the date and warns when it has passed;
  drafting later is still allowed (the penalty stays due).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import euro, lange_datum

from ...constants import BesluitSoort, BesluitStatus, Uitkomst
from ...kern import WorkflowFout, lock_aanvraag
from ...models import Aanvraag, Besluit, Bezwaar
from .. import hooks, permissions, selectors
from .basis import check_actie
from .besluit import (
    besluit_goedkeuren,
    besluit_terugsturen,
    historie_vastleggen,
    open_concept_weigeren,
    soort_controleren,
    volgende_versie,
)


def _laden(aanvraag_id: int | None, bezwaar_id: int | None) -> tuple[Aanvraag, Bezwaar | None]:
    if (aanvraag_id is None) == (bezwaar_id is None):
        raise WorkflowFout(_("Kies de aanvraag of het bezwaar."), code="doel")
    if bezwaar_id is not None:
        aanvraag_id = Bezwaar.objects.values_list("besluit__aanvraag_id", flat=True).get(
            pk=bezwaar_id
        )
    aanvraag = lock_aanvraag(aanvraag_id)
    bezwaar = Bezwaar.objects.get(pk=bezwaar_id) if bezwaar_id is not None else None
    return aanvraag, bezwaar


def _al_vastgesteld(aanvraag: Aanvraag, bezwaar: Bezwaar | None) -> bool:
    return (
        aanvraag.besluiten.filter(soort=BesluitSoort.DWANGSOM, bezwaar=bezwaar)
        .exclude(status=BesluitStatus.TERUGGESTUURD)
        .exists()
    )


def _stand_controleren(stand) -> None:
    if stand is None:
        raise WorkflowFout(_("Er is geen ingebrekestelling geregistreerd."), code="ingebreke")
    if not stand.gestopt:
        raise WorkflowFout(
            _(
                "De dwangsom loopt nog: stel hem vast als het besluit is verzonden of na 42 "
                "dagen (artikel 4:18 Awb)."
            ),
            code="loopt",
        )
    if stand.bedrag <= 0:
        raise WorkflowFout(_("Er is geen dwangsom verschuldigd."), code="nul")


def _motivering(stand, bezwaar: Bezwaar | None) -> str:
    waarop = _("de beslissing op uw bezwaar") if bezwaar else _("het besluit op uw aanvraag")
    return _(
        "Op %(ingebreke)s ontvingen wij uw ingebrekestelling omdat wij niet op tijd beslisten "
        "over %(waarop)s. Twee weken daarna begon de dwangsom te lopen (artikel 4:17 Awb). "
        "Hij liep %(dagen)s dagen, tot en met %(laatste)s. Per dag is de dwangsom de eerste "
        "14 dagen € 23, de volgende 14 dagen € 35 en daarna € 45. Wij stellen de dwangsom "
        "daarom vast op %(bedrag)s (artikel 4:18 Awb)."
    ) % {
        "ingebreke": lange_datum(stand.ingebrekestelling_op),
        "waarop": waarop,
        "dagen": stand.dagen,
        "laatste": lange_datum(stand.laatste_dag),
        "bedrag": euro(stand.bedrag),
    }


@transaction.atomic
def dwangsom_vaststellen(
    *, door, aanvraag_id: int | None = None, bezwaar_id: int | None = None
) -> Besluit:
    """Draft the decision fixing the penalty for a late decision (rules: module docstring)."""
    aanvraag, bezwaar = _laden(aanvraag_id, bezwaar_id)
    check_actie(
        "dwangsom_vaststellen", aanvraag, permissions.can_dwangsom_vaststellen(door, aanvraag)
    )
    stand = selectors.dwangsom_stand_van(aanvraag=aanvraag, bezwaar=bezwaar)
    _stand_controleren(stand)
    if _al_vastgesteld(aanvraag, bezwaar):
        raise WorkflowFout(_("De dwangsom is al bij besluit vastgesteld."), code="dubbel")
    open_concept_weigeren(aanvraag, dwangsom=True)
    besluit = Besluit.objects.create(
        aanvraag=aanvraag,
        versie=volgende_versie(aanvraag),
        soort=BesluitSoort.DWANGSOM,
        regelt_aanvraag=False,
        bezwaar=bezwaar,
        uitkomst=Uitkomst.TOEGEKEND,
        motivering=_motivering(stand, bezwaar),
        bedrag_toegekend=stand.bedrag,
        vierogen_vereist=True,
        opgesteld_door=door,
        opgesteld_op=timezone.now(),
        dwangsom_laatste_dag=stand.laatste_dag,
        dwangsom_dagen=stand.dagen,
    )
    historie_vastleggen(
        aanvraag,
        door=door,
        toelichting=_("Conceptbesluit vaststelling dwangsom: %(bedrag)s over %(dagen)s dagen")
        % {"bedrag": euro(stand.bedrag), "dagen": stand.dagen},
    )
    hooks.besluit_opgesteld(besluit.pk)
    return besluit


def dwangsom_goedkeuren(
    *, besluit_id: int, door, budget_overschrijding_bevestigd: bool = False
) -> Besluit:
    """Approve a draft dwangsom decision (always by a second person)."""
    soort_controleren(besluit_id, BesluitSoort.DWANGSOM)
    return besluit_goedkeuren(
        besluit_id=besluit_id,
        door=door,
        budget_overschrijding_bevestigd=budget_overschrijding_bevestigd,
    )


def dwangsom_terugsturen(*, besluit_id: int, door, reden: str) -> Besluit:
    """Return a draft dwangsom decision; it may be drafted again."""
    soort_controleren(besluit_id, BesluitSoort.DWANGSOM)
    return besluit_terugsturen(besluit_id=besluit_id, door=door, reden=reden)
