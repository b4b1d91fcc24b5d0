"""Shared pieces of the back-office actions: the status-and-actor check and term limits.

Every action is keyword-only and atomic. It locks the claim row (and then the decision row:
always in that order, so two actions never deadlock), checks the status against
`permissions.STATUS_VOOR_ACTIE` and the transition against `TRANSITIES`, checks the actor
with `permissions.can_<action>`, applies the domain rules, saves with `update_fields`,
writes one `StatusWijziging` row per status change and calls the `hooks` inside the same
transaction (they store the letter row; only its generation is queued after commit).
Every refusal raises `WorkflowFout` (a `ValidationError`) with a Dutch message, and changes
nothing.

Rules chosen where the issue is silent (the rules of one concern are in its module):
- Assigning, assessing a line, a partial payment and a notice of default do not change
  the status and write no history row. On a claim "buiten behandeling" the decision is
  drafted, approved and returned while the status stays; approving and returning still
  write a history row from and to "buiten behandeling" so who approved (or why it was
  returned) is in the history.
- A term the assessor sets (completion, view, postponement) ends at most a year after
  today (`LANGSTE_TERMIJN`): a later date is a typing error in the year.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import euro, lange_datum

from ...constants import AanvraagStatus
from ...kern import WorkflowFout
from ...models import Aanvraag
from .. import permissions, selectors

S = AanvraagStatus


class BudgetOverschrijding(WorkflowFout):
    """Approving would exceed the remaining budget of the year; confirm to go ahead."""

    def __init__(self, *, bedrag: Decimal, overzicht: selectors.BudgetOverzicht):
        self.bedrag = bedrag
        self.overzicht = overzicht
        super().__init__(
            _(
                "Dit besluit (%(bedrag)s) is hoger dan het resterende budget van %(jaar)s "
                "(%(resterend)s; budget %(budget)s, vastgelegd %(vastgelegd)s, betaald "
                "%(betaald)s). Bevestig de overschrijding om het besluit toch goed te keuren."
            )
            % {
                "bedrag": euro(bedrag),
                "jaar": overzicht.jaar,
                "resterend": euro(overzicht.resterend),
                "budget": euro(overzicht.budget),
                "vastgelegd": euro(overzicht.vastgelegd),
                "betaald": euro(overzicht.betaald),
            },
            code="budget",
        )


# --- helpers -------------------------------------------------------------------------------


def check_actie(actie: str, aanvraag: Aanvraag, toegestaan: bool) -> None:
    """Refuse when the status does not allow `actie`, or the actor may not (in that order)."""
    if not permissions.is_status_toegestaan(actie, aanvraag):
        raise WorkflowFout(
            _("Dit kan niet: de aanvraag heeft de status '%(status)s'.")
            % {"status": aanvraag.get_status_display()},
            code="transitie",
        )
    if not toegestaan:
        raise WorkflowFout(
            _("U mag deze actie niet uitvoeren op aanvraag %(kenmerk)s.")
            % {"kenmerk": aanvraag.kenmerk},
            code="rol",
        )


def verplicht(tekst: str, veld: str) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise WorkflowFout(_("Vul %(veld)s in.") % {"veld": veld}, code="verplicht")
    return tekst


# A term an assessor sets (completion, view, postponement) ends within a year of today. A
# later date is a typing error (2207 for 2027) that would suspend or extend the decision
# term for centuries, and a date near 9999 cannot even be computed with.
LANGSTE_TERMIJN = timedelta(days=366)


def termijn_begrensd(datum: date, wat: str) -> None:
    """Refuse a term end `datum` more than `LANGSTE_TERMIJN` after today; `wat` names it."""
    uiterlijk = timezone.localdate() + LANGSTE_TERMIJN
    if datum > uiterlijk:
        raise WorkflowFout(
            _("%(wat)s kan niet later zijn dan %(datum)s. Controleer het jaartal.")
            % {"wat": wat, "datum": lange_datum(uiterlijk)},
            code="termijn",
        )
