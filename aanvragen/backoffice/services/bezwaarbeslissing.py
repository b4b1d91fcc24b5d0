"""The decision on an objection (beslissing op bezwaar, Awb 7:11): drafted, approved, sent.

Rules chosen where the issue is silent:
- Inadmissible or unfounded: a `Besluit` of soort bezwaar that fixes nothing
  (`regelt_aanvraag` False, amount 0, no `vervangt`); its outcome repeats the objected
  decision's, which stays in force. (Partly) founded: the objected decision is revoked and
  replaced: a new `Besluit` replacing the claim's current decision, its amount the sum of
  the (re-assessed) cost lines and its outcome following from it, as for a correction.
- A founded objection against a dwangsom decision is not supported here (its amount is
  fixed by the engine): refused with a message.
- The objection must have been heard (7:2), or the hearing waived or left out (7:3); an
  inadmissible objection needs no hearing (7:3 onder a). A hearing planned but not held
  blocks the draft.
- Four-eyes always, whatever the amount: a second person approves or returns the draft. A
  returned draft puts the claim back in bezwaar; a new draft may follow.
- `terugvordering`: as for a correction (set at drafting and again at approval).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...constants import BesluitSoort, BesluitStatus, BezwaarUitkomst, Hoorzitting
from ...kern import WorkflowFout, lock_aanvraag, status_wijzigen
from ...models import Besluit, Bezwaar
from .. import hooks, permissions
from .basis import S, check_actie, verplicht
from .besluit import (
    NUL,
    besluit_goedkeuren,
    besluit_terugsturen,
    open_concept_weigeren,
    soort_controleren,
    terugvordering_berekenen,
    volgende_versie,
)
from .herziening import huidig_besluit, uitkomst_uit_beoordeling

GEGROND = frozenset({BezwaarUitkomst.GEGROND, BezwaarUitkomst.GEDEELTELIJK_GEGROND})
GEHOORD = frozenset({Hoorzitting.GEHOUDEN, Hoorzitting.AFGEZIEN, Hoorzitting.ACHTERWEGE})


def _bezwaar_controleren(bezwaar: Bezwaar, uitkomst: str) -> None:
    if bezwaar.ingetrokken_op is not None:
        raise WorkflowFout(_("Dit bezwaar is ingetrokken."), code="ingetrokken")
    if bezwaar.beslissingen.filter(status=BesluitStatus.VERZONDEN).exists():
        raise WorkflowFout(_("Op dit bezwaar is al beslist."), code="beslist")
    if uitkomst != BezwaarUitkomst.NIET_ONTVANKELIJK and bezwaar.hoorzitting not in GEHOORD:
        raise WorkflowFout(
            _(
                "Hoor de indiener eerst (artikel 7:2 Awb), of leg vast dat van horen is "
                "afgezien of dat het horen achterwege blijft (artikel 7:3 Awb)."
            ),
            code="hoorzitting",
        )
    if uitkomst in GEGROND and not bezwaar.besluit.regelt_aanvraag:
        raise WorkflowFout(
            _("Een gegrond bezwaar tegen dit soort besluit kan hier niet worden verwerkt."),
            code="soort",
        )


@transaction.atomic
def beslissing_op_bezwaar_opstellen(
    *, bezwaar_id: int, door, bezwaar_uitkomst: str, motivering: str
) -> Besluit:
    """Draft the decision on an objection; the claim moves to bezwaar_concept (module doc)."""
    aanvraag_id = Bezwaar.objects.values_list("besluit__aanvraag_id", flat=True).get(pk=bezwaar_id)
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
        "beslissing_op_bezwaar_opstellen",
        aanvraag,
        permissions.can_beslissing_op_bezwaar_opstellen(door, aanvraag),
    )
    bezwaar = Bezwaar.objects.select_related("besluit").get(pk=bezwaar_id)
    if bezwaar_uitkomst not in BezwaarUitkomst.values:
        raise WorkflowFout(_("Kies de uitkomst van het bezwaar."), code="uitkomst")
    motivering = verplicht(motivering, _("de heroverweging (motivering)"))
    _bezwaar_controleren(bezwaar, bezwaar_uitkomst)
    open_concept_weigeren(aanvraag)
    velden = {
        "uitkomst": bezwaar.besluit.uitkomst,
        "bedrag_toegekend": NUL,
        "regelt_aanvraag": False,
        "vervangt": None,
    }
    if bezwaar_uitkomst in GEGROND:
        uitkomst, bedrag = uitkomst_uit_beoordeling(aanvraag)
        velden = {
            "uitkomst": uitkomst,
            "bedrag_toegekend": bedrag,
            "regelt_aanvraag": True,
            "vervangt": huidig_besluit(aanvraag),
        }
    besluit = Besluit.objects.create(
        aanvraag=aanvraag,
        versie=volgende_versie(aanvraag),
        soort=BesluitSoort.BEZWAAR,
        bezwaar=bezwaar,
        bezwaar_uitkomst=bezwaar_uitkomst,
        motivering=motivering,
        vierogen_vereist=True,
        opgesteld_door=door,
        opgesteld_op=timezone.now(),
        **velden,
    )
    if besluit.vervangt_id is not None:
        besluit.terugvordering = terugvordering_berekenen(besluit)
        besluit.save(update_fields=["terugvordering"])
    status_wijzigen(
        aanvraag,
        S.BEZWAAR_CONCEPT,
        door=door,
        toelichting=_("Conceptbeslissing op bezwaar: %(uitkomst)s")
        % {"uitkomst": besluit.get_bezwaar_uitkomst_display()},
    )
    hooks.besluit_opgesteld(besluit.pk)
    return besluit


def beslissing_op_bezwaar_goedkeuren(
    *, besluit_id: int, door, budget_overschrijding_bevestigd: bool = False
) -> Besluit:
    """Approve a draft decision on objection (always by a second person)."""
    soort_controleren(besluit_id, BesluitSoort.BEZWAAR)
    return besluit_goedkeuren(
        besluit_id=besluit_id,
        door=door,
        budget_overschrijding_bevestigd=budget_overschrijding_bevestigd,
    )


def beslissing_op_bezwaar_terugsturen(*, besluit_id: int, door, reden: str) -> Besluit:
    """Return a draft decision on objection; the claim goes back to bezwaar."""
    soort_controleren(besluit_id, BesluitSoort.BEZWAAR)
    return besluit_terugsturen(besluit_id=besluit_id, door=door, reden=reden)
