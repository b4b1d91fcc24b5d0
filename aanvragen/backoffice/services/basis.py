"""Shared pieces of the back-office actions: errors, formatting, locks and status checks.

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

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.termijnen.berekening import beslistermijn_einde

from ...constants import TRANSITIES, AanvraagStatus
from ...models import Aanvraag, Besluit, StatusWijziging
from .. import permissions, selectors

S = AanvraagStatus


class WorkflowFout(ValidationError):
    """A back-office action was refused; the message says why, in Dutch."""


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


def euro(bedrag: Decimal) -> str:
    """Format an amount the Dutch way: € 1.234,56."""
    tekst = f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"


def _datum(d: date) -> str:
    return formats.date_format(d, "j F Y")


# --- helpers -------------------------------------------------------------------------------


def _lock(aanvraag_id: int) -> Aanvraag:
    # of=self: lock the claim only, not the joined policy row every claim shares.
    return (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("regeling")
        .get(pk=aanvraag_id)
    )


def _lock_besluit(besluit_id: int) -> tuple[Aanvraag, Besluit]:
    """Lock the claim, then the decision (the same order everywhere)."""
    aanvraag_id = Besluit.objects.values_list("aanvraag_id", flat=True).get(pk=besluit_id)
    aanvraag = _lock(aanvraag_id)
    besluit = Besluit.objects.select_for_update().get(pk=besluit_id)
    besluit.aanvraag = aanvraag
    return aanvraag, besluit


def _check(actie: str, aanvraag: Aanvraag, toegestaan: bool) -> None:
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


def _status_wijzigen(aanvraag: Aanvraag, naar: str, *, door, toelichting: str = "") -> None:
    """Move a locked claim to `naar` if TRANSITIES allows it; record the history row."""
    van = aanvraag.status
    if naar not in TRANSITIES[S(van)]:
        raise WorkflowFout(
            _("Dit kan niet: de aanvraag heeft de status '%(status)s'.")
            % {"status": aanvraag.get_status_display()},
            code="transitie",
        )
    aanvraag.status = naar
    aanvraag.save(update_fields=["status", "gewijzigd_op"])
    StatusWijziging.objects.create(
        aanvraag=aanvraag, van=van, naar=naar, door=door, toelichting=toelichting[:500]
    )


def _verplicht(tekst: str, veld: str) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise WorkflowFout(_("Vul %(veld)s in.") % {"veld": veld}, code="verplicht")
    return tekst


# A term an assessor sets (completion, view, postponement) ends within a year of today. A
# later date is a typing error (2207 for 2027) that would suspend or extend the decision
# term for centuries, and a date near 9999 cannot even be computed with.
LANGSTE_TERMIJN = timedelta(days=366)


def _termijn_begrensd(datum: date, wat: str) -> None:
    """Refuse a term end `datum` more than `LANGSTE_TERMIJN` after today; `wat` names it."""
    uiterlijk = timezone.localdate() + LANGSTE_TERMIJN
    if datum > uiterlijk:
        raise WorkflowFout(
            _("%(wat)s kan niet later zijn dan %(datum)s. Controleer het jaartal.")
            % {"wat": wat, "datum": _datum(uiterlijk)},
            code="termijn",
        )


def beslistermijn_herberekenen(*, aanvraag: Aanvraag) -> None:
    """Store the decision deadline again from receipt, suspensions and postponement.

    The caller holds the lock on the claim.
    """
    aanvraag.beslistermijn_einde = beslistermijn_einde(
        timezone.localdate(aanvraag.ingediend_op),
        weken=aanvraag.regeling.beslistermijn_weken,
        opschortingen=selectors.opschortingen_van(aanvraag),
        verdaagd_tot=aanvraag.verdaagd_tot,
        verdaagd_op=aanvraag.verdaagd_op,
    )
    aanvraag.save(update_fields=["beslistermijn_einde", "gewijzigd_op"])
