"""Back-office workflow actions on claims (issue 5; contract in /tmp/backoffice_contract.md).

Every action is keyword-only and atomic. It locks the claim row (and then the decision row:
always in that order, so two actions never deadlock), checks the status against
`permissions.STATUS_VOOR_ACTIE` and the transition against `TRANSITIES`, checks the actor
with `permissions.can_<action>`, applies the domain rules, saves with `update_fields`,
writes one `StatusWijziging` row per status change and calls the `hooks` inside the same
transaction (they store the letter row; only its generation is queued after commit).
Every refusal raises `WorkflowFout` (a `ValidationError`) with a Dutch message, and changes
nothing.

Rules chosen where the issue is silent:
- Assigning, assessing a line, a partial payment and a notice of default do not change
  the status and write no history row. On a claim "buiten behandeling" the decision is
  drafted, approved and returned while the status stays; approving and returning still
  write a history row from and to "buiten behandeling" so who approved (or why it was
  returned) is in the history.
- A request for information moves the claim to "aanvulling gevraagd" with or without a
  term; only a term suspends the decision term (Awb 4:15).
- When the completion term passed unused, the claim goes "buiten behandeling" (the table
  has no way back to "in behandeling"); its decision must have outcome buiten_behandeling
  and is due within four weeks after the completion term (Awb 4:5(4)), which is stored as
  the new decision deadline.
- Outcomes: toegekend = every line assessed and granted in full; gedeeltelijk toegekend =
  every line assessed, total between 0 and claimed, and a closed intended refusal (4:7)
  when a line was reduced for a factual reason (`FEITELIJKE_REDENEN`); afgewezen = a closed
  intended refusal exists (view given or term passed), amount 0; buiten behandeling = only
  on a claim put "buiten behandeling" (unanswered request whose term passed), amount 0.
- Four-eyes: `vierogen_vereist` is fixed when drafting: always when the policy threshold
  is 0, else when the amount is above it.
- A view term must be at least the policy's zienswijze term; a notice of default received
  on or before the decision deadline is refused as premature.
- The budget year of an approval is the year of approval; approvals lock the policy rows
  of that year, so two concurrent approvals cannot both use the same remaining budget.
"""

import logging
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.termijnen.berekening import (
    beslistermijn_einde,
    betaaltermijn_einde,
    bezwaartermijn_einde,
    termijn_einde,
    verdaging_toegestaan,
    zienswijzetermijn_einde,
)

from ...constants import TRANSITIES, AanvraagStatus, BesluitStatus, RedenCode, Uitkomst
from ...models import (
    Aanvraag,
    Aanvulverzoek,
    Besluit,
    Betaling,
    Bezwaar,
    Kostenpost,
    KostenpostBeoordeling,
    StatusWijziging,
    Voornemen,
)
from .. import hooks, permissions, selectors

logger = logging.getLogger(__name__)

S = AanvraagStatus
NUL = Decimal("0.00")
# Awb 4:5(4): a not-considered decision is made known within four weeks after the term.
BUITEN_BEHANDELING_WEKEN = 4
# Reductions that rest on facts (not on the rules of the policy) need a view first (4:7).
FEITELIJKE_REDENEN = frozenset(
    {
        RedenCode.DUBBELE_FINANCIERING,
        RedenCode.ONVOLDOENDE_BEWIJS,
        RedenCode.NIET_NOODZAKELIJK,
        RedenCode.OVERIG,
    }
)


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


# --- assignment and assessment -------------------------------------------------------------


@transaction.atomic
def aanvraag_toewijzen(*, aanvraag_id: int, behandelaar, door) -> Aanvraag:
    """Assign a claim to an assessor.

    A beoordelaar may only take an unassigned claim for themself; a teamleider (tweede
    beoordelaar) assigns or reassigns any open claim to any active assessor.
    """
    aanvraag = _lock(aanvraag_id)
    _check("aanvraag_toewijzen", aanvraag, permissions.can_aanvraag_toewijzen(door, aanvraag))
    if not permissions.is_beoordelaar(behandelaar):
        raise WorkflowFout(_("Wijs de aanvraag toe aan een beoordelaar."), code="behandelaar")
    if not permissions.is_teamleider(door) and behandelaar.pk != door.pk:
        raise WorkflowFout(_("U kunt een aanvraag alleen aan uzelf toewijzen."), code="behandelaar")
    aanvraag.behandelaar = behandelaar
    aanvraag.save(update_fields=["behandelaar", "gewijzigd_op"])
    logger.info("aanvraag_toegewezen kenmerk=%s door=%s", aanvraag.kenmerk, door.pk)
    return aanvraag


@transaction.atomic
def behandeling_starten(*, aanvraag_id: int, door) -> Aanvraag:
    """Start assessing a submitted (or completed) claim; an unassigned claim is taken by `door`."""
    aanvraag = _lock(aanvraag_id)
    _check("behandeling_starten", aanvraag, permissions.can_behandeling_starten(door, aanvraag))
    if aanvraag.behandelaar_id is None:
        aanvraag.behandelaar = door
        aanvraag.save(update_fields=["behandelaar", "gewijzigd_op"])
    _status_wijzigen(aanvraag, S.IN_BEHANDELING, door=door, toelichting=_("Behandeling gestart"))
    return aanvraag


@transaction.atomic
def aanvulling_vragen(
    *, aanvraag_id: int, door, vraag: str, termijn_tot: date | None = None
) -> Aanvulverzoek:
    """Ask the applicant for more information (Awb 4:5).

    With `termijn_tot` (the last day to answer, after today) the decision term is suspended
    from the next day until the answer or the end of that term (4:15); without it the
    clock keeps running. The deadline is recomputed and stored. The `aanvulling_gevraagd`
    hook stores the letter in this transaction.
    """
    aanvraag = _lock(aanvraag_id)
    _check("aanvulling_vragen", aanvraag, permissions.can_aanvulling_vragen(door, aanvraag))
    vraag = _verplicht(vraag, _("de vraag"))
    if termijn_tot is not None and termijn_tot <= timezone.localdate():
        raise WorkflowFout(_("De reactietermijn moet na vandaag eindigen."), code="termijn")
    verzoek = Aanvulverzoek.objects.create(
        aanvraag=aanvraag,
        vraag=vraag,
        termijn_tot=termijn_tot,
        verzocht_op=timezone.now(),
        verzocht_door=door,
    )
    toelichting = (
        _("Aanvulling gevraagd, reageren uiterlijk %(datum)s (beslistermijn opgeschort)")
        % {"datum": _datum(termijn_tot)}
        if termijn_tot
        else _("Aanvulling gevraagd zonder termijn (beslistermijn loopt door)")
    )
    _status_wijzigen(aanvraag, S.AANVULLING_GEVRAAGD, door=door, toelichting=toelichting)
    beslistermijn_herberekenen(aanvraag=aanvraag)
    hooks.aanvulling_gevraagd(verzoek.pk)
    return verzoek


@transaction.atomic
def aanvulling_registreren(*, aanvulverzoek_id: int, door, antwoord: str) -> Aanvulverzoek:
    """Register an answer received by post or e-mail; the decision clock runs again today.

    The applicant's own online answer goes through aanvragen.services.aanvulverzoek_beantwoorden.
    """
    aanvraag_id = Aanvulverzoek.objects.values_list("aanvraag_id", flat=True).get(
        pk=aanvulverzoek_id
    )
    aanvraag = _lock(aanvraag_id)
    _check(
        "aanvulling_registreren", aanvraag, permissions.can_aanvulling_registreren(door, aanvraag)
    )
    verzoek = Aanvulverzoek.objects.select_for_update().get(pk=aanvulverzoek_id)
    if not verzoek.is_open:
        raise WorkflowFout(_("Dit verzoek is al beantwoord."), code="beantwoord")
    verzoek.antwoord = _verplicht(antwoord, _("het antwoord"))
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(update_fields=["antwoord", "beantwoord_op"])
    _status_wijzigen(
        aanvraag, S.AANGEVULD, door=door, toelichting=_("Aanvulling ontvangen (geregistreerd)")
    )
    beslistermijn_herberekenen(aanvraag=aanvraag)
    return verzoek


def _verlopen_verzoek(aanvraag: Aanvraag) -> Aanvulverzoek | None:
    """The open request with a term that has passed (its last day is still in time)."""
    return (
        aanvraag.aanvulverzoeken.filter(
            beantwoord_op__isnull=True, termijn_tot__lt=timezone.localdate()
        )
        .order_by("-termijn_tot")
        .first()
    )


@transaction.atomic
def aanvulling_termijn_verstreken(*, aanvraag_id: int, door) -> Aanvraag:
    """Put a claim "buiten behandeling" after its completion term passed unanswered (4:5).

    The decision (outcome buiten_behandeling) is then drafted and approved as usual and is
    due within four weeks after the completion term; that date becomes the deadline.
    """
    aanvraag = _lock(aanvraag_id)
    _check(
        "aanvulling_termijn_verstreken",
        aanvraag,
        permissions.can_aanvulling_termijn_verstreken(door, aanvraag),
    )
    verzoek = _verlopen_verzoek(aanvraag)
    if verzoek is None:
        raise WorkflowFout(
            _("Er is geen onbeantwoord verzoek om aanvulling waarvan de termijn is verstreken."),
            code="termijn",
        )
    _status_wijzigen(
        aanvraag,
        S.BUITEN_BEHANDELING,
        door=door,
        toelichting=_("Hersteltermijn tot en met %(datum)s ongebruikt verstreken")
        % {"datum": _datum(verzoek.termijn_tot)},
    )
    aanvraag.beslistermijn_einde = termijn_einde(
        verzoek.termijn_tot, weken=BUITEN_BEHANDELING_WEKEN
    )
    aanvraag.save(update_fields=["beslistermijn_einde", "gewijzigd_op"])
    return aanvraag


@transaction.atomic
def verdagen(*, aanvraag_id: int, door, nieuwe_datum: date, reden: str) -> Aanvraag:
    """Postpone the decision to `nieuwe_datum` (Awb 4:14), only before the term ends.

    Stores verdaagd_op (today), verdaagd_tot and the reason, recomputes the deadline and
    stores the notice via the `verdaagd` hook in this transaction.
    """
    aanvraag = _lock(aanvraag_id)
    _check("verdagen", aanvraag, permissions.can_verdagen(door, aanvraag))
    reden = _verplicht(reden, _("de reden van de verdaging"))
    vandaag = timezone.localdate()
    if not verdaging_toegestaan(vandaag, aanvraag.beslistermijn_einde):
        raise WorkflowFout(
            _(
                "Verdagen kan niet meer: de beslistermijn is op %(datum)s verstreken. "
                "Een verdaging moet vóór het einde van de termijn worden verstuurd "
                "(artikel 4:14 Awb)."
            )
            % {"datum": _datum(aanvraag.beslistermijn_einde)},
            code="te_laat",
        )
    if nieuwe_datum <= aanvraag.beslistermijn_einde:
        raise WorkflowFout(
            _("De nieuwe beslisdatum moet na de huidige uiterste beslisdatum (%(datum)s) liggen.")
            % {"datum": _datum(aanvraag.beslistermijn_einde)},
            code="datum",
        )
    aanvraag.verdaagd_op = vandaag
    aanvraag.verdaagd_tot = nieuwe_datum
    aanvraag.verdaging_reden = reden
    aanvraag.save(update_fields=["verdaagd_op", "verdaagd_tot", "verdaging_reden", "gewijzigd_op"])
    _status_wijzigen(
        aanvraag,
        S.VERDAAGD,
        door=door,
        toelichting=_("Verdaagd tot %(datum)s: %(reden)s")
        % {"datum": _datum(nieuwe_datum), "reden": reden},
    )
    beslistermijn_herberekenen(aanvraag=aanvraag)
    hooks.verdaagd(aanvraag.pk)
    return aanvraag


@transaction.atomic
def voornemen_afwijzing_versturen(
    *, aanvraag_id: int, door, reden: str, termijn_tot: date
) -> Voornemen:
    """Announce an intended (partial) refusal and invite a view until `termijn_tot` (4:7).

    The term must last at least the policy's zienswijze term (see
    `zienswijzetermijn_voorstel`). The `voornemen_verstuurd` hook stores the letter in this
    transaction.
    """
    aanvraag = _lock(aanvraag_id)
    _check(
        "voornemen_afwijzing_versturen",
        aanvraag,
        permissions.can_voornemen_afwijzing_versturen(door, aanvraag),
    )
    reden = _verplicht(reden, _("de reden van het voornemen"))
    minimum = zienswijzetermijn_voorstel(aanvraag)
    if termijn_tot < minimum:
        raise WorkflowFout(
            _("De termijn voor een zienswijze moet tot ten minste %(datum)s lopen.")
            % {"datum": _datum(minimum)},
            code="termijn",
        )
    voornemen = Voornemen.objects.create(
        aanvraag=aanvraag,
        reden=reden,
        termijn_tot=termijn_tot,
        verzonden_op=timezone.now(),
        door=door,
    )
    _status_wijzigen(
        aanvraag,
        S.VOORNEMEN_AFWIJZING,
        door=door,
        toelichting=_("Voornemen tot afwijzing, zienswijze uiterlijk %(datum)s")
        % {"datum": _datum(termijn_tot)},
    )
    hooks.voornemen_verstuurd(voornemen.pk)
    return voornemen


def zienswijzetermijn_voorstel(aanvraag: Aanvraag, *, vandaag: date | None = None) -> date:
    """The earliest allowed end of a view term sent today: the policy term (Atw applied)."""
    return zienswijzetermijn_einde(
        vandaag or timezone.localdate(), weken=aanvraag.regeling.zienswijzetermijn_weken
    )


def hersteltermijn_voorstel(aanvraag: Aanvraag, *, vandaag: date | None = None) -> date:
    """The default end of a completion term sent today: the policy term (Atw applied)."""
    from fondsbeveiliging.termijnen.berekening import hersteltermijn_einde

    return hersteltermijn_einde(
        vandaag or timezone.localdate(), weken=aanvraag.regeling.hersteltermijn_weken
    )


@transaction.atomic
def zienswijze_vastleggen(*, voornemen_id: int, door, zienswijze: str | None) -> Voornemen:
    """Record the applicant's view, or (None) that the view term passed without one."""
    aanvraag_id = Voornemen.objects.values_list("aanvraag_id", flat=True).get(pk=voornemen_id)
    aanvraag = _lock(aanvraag_id)
    _check("zienswijze_vastleggen", aanvraag, permissions.can_zienswijze_vastleggen(door, aanvraag))
    voornemen = Voornemen.objects.select_for_update().get(pk=voornemen_id)
    if not voornemen.is_open:
        raise WorkflowFout(_("De zienswijze is al vastgelegd."), code="vastgelegd")
    if zienswijze is None:
        if voornemen.termijn_tot >= timezone.localdate():
            raise WorkflowFout(
                _("De termijn voor een zienswijze loopt nog tot en met %(datum)s.")
                % {"datum": _datum(voornemen.termijn_tot)},
                code="termijn",
            )
        toelichting = _("Termijn voor zienswijze verstreken zonder zienswijze")
    else:
        zienswijze = _verplicht(zienswijze, _("de zienswijze"))
        toelichting = _("Zienswijze ontvangen")
    voornemen.zienswijze = zienswijze or ""
    voornemen.zienswijze_ingediend = zienswijze is not None
    voornemen.vastgelegd_op = timezone.now()
    voornemen.vastgelegd_door = door
    voornemen.save(
        update_fields=["zienswijze", "zienswijze_ingediend", "vastgelegd_op", "vastgelegd_door"]
    )
    _status_wijzigen(aanvraag, S.ZIENSWIJZE_ONTVANGEN, door=door, toelichting=toelichting)
    return voornemen


@transaction.atomic
def kostenpost_beoordelen(
    *, kostenpost_id: int, door, bedrag_toegekend: Decimal, reden_code: str, motivering: str = ""
) -> KostenpostBeoordeling:
    """Record (or correct) the assessment of one cost line.

    0 <= approved <= claimed; reason VOLLEDIG exactly when the full amount is approved; any
    other reason needs a motivation. The claim status does not change.
    """
    aanvraag_id = Kostenpost.objects.values_list("aanvraag_id", flat=True).get(pk=kostenpost_id)
    aanvraag = _lock(aanvraag_id)
    _check("kostenpost_beoordelen", aanvraag, permissions.can_kostenpost_beoordelen(door, aanvraag))
    kostenpost = Kostenpost.objects.get(pk=kostenpost_id)
    bedrag_toegekend = Decimal(bedrag_toegekend)
    _check_beoordeling(kostenpost, bedrag_toegekend, reden_code, motivering)
    beoordeling, _created = KostenpostBeoordeling.objects.update_or_create(
        kostenpost=kostenpost,
        defaults={
            "bedrag_toegekend": bedrag_toegekend,
            "reden_code": reden_code,
            "motivering": motivering.strip(),
            "beoordeeld_door": door,
        },
    )
    return beoordeling


def _check_beoordeling(kostenpost, bedrag: Decimal, reden_code: str, motivering: str) -> None:
    if reden_code not in RedenCode.values:
        raise WorkflowFout(_("Kies een reden."), code="reden")
    if bedrag < 0 or bedrag > kostenpost.bedrag:
        raise WorkflowFout(
            _(
                "Het toegekende bedrag moet tussen € 0 en het aangevraagde bedrag "
                "(%(bedrag)s) liggen."
            )
            % {"bedrag": euro(kostenpost.bedrag)},
            code="bedrag",
        )
    if reden_code == RedenCode.VOLLEDIG and bedrag != kostenpost.bedrag:
        raise WorkflowFout(
            _("Bij een lager bedrag hoort een andere reden dan 'Volledig toegekend'."),
            code="reden",
        )
    if reden_code != RedenCode.VOLLEDIG and bedrag == kostenpost.bedrag:
        raise WorkflowFout(
            _("Het volledige bedrag is toegekend: kies de reden 'Volledig toegekend'."),
            code="reden",
        )
    if reden_code != RedenCode.VOLLEDIG and not (motivering or "").strip():
        raise WorkflowFout(_("Geef een motivering bij deze reden."), code="motivering")


# --- decisions -----------------------------------------------------------------------------


def _heeft_afgerond_voornemen(aanvraag: Aanvraag) -> bool:
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
        if uitkomst == Uitkomst.AFGEWEZEN and not _heeft_afgerond_voornemen(aanvraag):
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
    if feitelijk and not _heeft_afgerond_voornemen(aanvraag):
        raise WorkflowFout(
            _(
                "Een kostenpost is verlaagd om feitelijke redenen: stuur eerst een voornemen "
                "tot afwijzing (artikel 4:7 Awb)."
            ),
            code="voornemen",
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
    aanvraag = _lock(aanvraag_id)
    _check("besluit_opstellen", aanvraag, permissions.can_besluit_opstellen(door, aanvraag))
    if uitkomst not in Uitkomst.values:
        raise WorkflowFout(_("Kies een uitkomst."), code="uitkomst")
    motivering = _verplicht(motivering, _("de motivering"))
    open_statussen = (BesluitStatus.CONCEPT, BesluitStatus.GOEDGEKEURD)
    if aanvraag.besluiten.filter(status__in=open_statussen).exists():
        raise WorkflowFout(
            _("Er is al een besluit in concept of goedgekeurd voor deze aanvraag."),
            code="concept",
        )
    bedrag = _bedrag_voor_uitkomst(aanvraag, uitkomst)
    laatste = aanvraag.besluiten.order_by("-versie").values_list("versie", flat=True).first()
    besluit = Besluit.objects.create(
        aanvraag=aanvraag,
        versie=(laatste or 0) + 1,
        uitkomst=uitkomst,
        motivering=motivering,
        bedrag_toegekend=bedrag,
        vierogen_vereist=_vierogen_vereist(aanvraag, bedrag),
        opgesteld_door=door,
        opgesteld_op=timezone.now(),
    )
    if aanvraag.status != S.BUITEN_BEHANDELING:
        _status_wijzigen(
            aanvraag,
            S.BESLUIT_CONCEPT,
            door=door,
            toelichting=_("Conceptbesluit: %(uitkomst)s")
            % {"uitkomst": besluit.get_uitkomst_display()},
        )
    return besluit


def _check_concept(actie: str, aanvraag: Aanvraag, besluit: Besluit, door) -> None:
    """Status and role checks for approving or returning a draft, four-eyes message first."""
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
    can = getattr(permissions, f"can_{actie}")
    _check(actie, aanvraag, can(door, besluit))


def _check_budget(besluit: Besluit, bevestigd: bool) -> None:
    if besluit.bedrag_toegekend <= 0:
        return
    jaar = timezone.localdate().year
    # Serialise approvals of the year: both would otherwise see the same remaining budget.
    list(selectors.regelingen_in_jaar(jaar).select_for_update().values_list("pk", flat=True))
    overzicht = selectors.budget_overzicht(jaar=jaar)
    if besluit.bedrag_toegekend > overzicht.resterend and not bevestigd:
        raise BudgetOverschrijding(bedrag=besluit.bedrag_toegekend, overzicht=overzicht)


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
    aanvraag, besluit = _lock_besluit(besluit_id)
    _check_concept("besluit_goedkeuren", aanvraag, besluit, door)
    _check_budget(besluit, budget_overschrijding_bevestigd)
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
        ]
    )
    toelichting = _("Besluit goedgekeurd")
    if aanvraag.status == S.BUITEN_BEHANDELING:
        StatusWijziging.objects.create(
            aanvraag=aanvraag,
            van=aanvraag.status,
            naar=aanvraag.status,
            door=door,
            toelichting=toelichting,
        )
    else:
        _status_wijzigen(aanvraag, S.BESLUIT_GOEDGEKEURD, door=door, toelichting=toelichting)
    hooks.besluit_goedgekeurd(besluit.pk)
    return besluit


@transaction.atomic
def besluit_terugsturen(*, besluit_id: int, door, reden: str) -> Besluit:
    """Return a draft decision to the assessor with a reason; the claim is assessed again."""
    aanvraag, besluit = _lock_besluit(besluit_id)
    _check_concept("besluit_terugsturen", aanvraag, besluit, door)
    reden = _verplicht(reden, _("de reden"))
    besluit.status = BesluitStatus.TERUGGESTUURD
    besluit.save(update_fields=["status"])
    toelichting = _("Besluit teruggestuurd: %(reden)s") % {"reden": reden}
    if aanvraag.status == S.BUITEN_BEHANDELING:
        StatusWijziging.objects.create(
            aanvraag=aanvraag,
            van=aanvraag.status,
            naar=aanvraag.status,
            door=door,
            toelichting=toelichting[:500],
        )
    else:
        _status_wijzigen(aanvraag, S.IN_BEHANDELING, door=door, toelichting=toelichting)
    return besluit


@transaction.atomic
def besluit_verzenden(*, besluit_id: int, verzonden_op: datetime) -> Besluit:
    """Mark an approved decision as sent and store its payment and objection term ends.

    Called by the letters code once the letter is dispatched (no actor: the system). The
    payment term is only set when an amount is granted. Idempotent: a decision already sent
    is returned unchanged.
    """
    aanvraag, besluit = _lock_besluit(besluit_id)
    if besluit.status == BesluitStatus.VERZONDEN:
        return besluit
    if besluit.status != BesluitStatus.GOEDGEKEURD or not permissions.is_status_toegestaan(
        "besluit_verzenden", aanvraag
    ):
        raise WorkflowFout(
            _("Alleen een goedgekeurd besluit kan worden verzonden."), code="transitie"
        )
    dag = timezone.localdate(verzonden_op)
    regeling = aanvraag.regeling
    besluit.status = BesluitStatus.VERZONDEN
    besluit.verzonden_op = verzonden_op
    besluit.bezwaartermijn_einde = bezwaartermijn_einde(dag, weken=regeling.bezwaartermijn_weken)
    besluit.betaaltermijn_einde = (
        betaaltermijn_einde(dag, weken=regeling.betaaltermijn_weken)
        if besluit.bedrag_toegekend > 0
        else None
    )
    besluit.save(
        update_fields=["status", "verzonden_op", "bezwaartermijn_einde", "betaaltermijn_einde"]
    )
    _status_wijzigen(
        aanvraag,
        S.VERZONDEN,
        door=None,
        toelichting=_("Besluit verzonden; bezwaar mogelijk tot en met %(datum)s")
        % {"datum": _datum(besluit.bezwaartermijn_einde)},
    )
    return besluit


# --- after the decision --------------------------------------------------------------------


@transaction.atomic
def betaling_registreren(
    *, besluit_id: int, door, betaald_op: date, bedrag: Decimal, referentie: str
) -> Betaling:
    """Register a (partial) payment of a sent decision; finance only.

    The total paid may not exceed the granted amount. When it reaches it, a claim with
    status verzonden becomes betaald.
    """
    aanvraag, besluit = _lock_besluit(besluit_id)
    _check("betaling_registreren", aanvraag, permissions.can_betaling_registreren(door, besluit))
    referentie = _verplicht(referentie, _("het betalingskenmerk"))
    bedrag = Decimal(bedrag)
    if betaald_op > timezone.localdate():
        raise WorkflowFout(_("De betaaldatum kan niet in de toekomst liggen."), code="datum")
    al_betaald = selectors.besluit_betaald(besluit)
    if bedrag <= 0 or al_betaald + bedrag > besluit.bedrag_toegekend:
        raise WorkflowFout(
            _(
                "Het bedrag moet groter zijn dan € 0 en mag niet meer zijn dan nog "
                "openstaat (%(open)s)."
            )
            % {"open": euro(besluit.bedrag_toegekend - al_betaald)},
            code="bedrag",
        )
    betaling = Betaling.objects.create(
        besluit=besluit,
        betaald_op=betaald_op,
        bedrag=bedrag,
        referentie=referentie,
        geregistreerd_door=door,
    )
    if al_betaald + bedrag == besluit.bedrag_toegekend and aanvraag.status == S.VERZONDEN:
        _status_wijzigen(
            aanvraag,
            S.BETAALD,
            door=door,
            toelichting=_("Betaald: %(bedrag)s") % {"bedrag": euro(besluit.bedrag_toegekend)},
        )
    return betaling


@transaction.atomic
def bezwaar_registreren(
    *, besluit_id: int, door, ontvangen_op: date, toelichting: str = ""
) -> Bezwaar:
    """Register an objection against a sent decision (Awb 6:4); a late one is noted as such."""
    aanvraag, besluit = _lock_besluit(besluit_id)
    _check("bezwaar_registreren", aanvraag, permissions.can_bezwaar_registreren(door, besluit))
    if ontvangen_op > timezone.localdate() or ontvangen_op < timezone.localdate(
        besluit.verzonden_op
    ):
        raise WorkflowFout(
            _("De ontvangstdatum moet tussen de verzenddatum van het besluit en vandaag liggen."),
            code="datum",
        )
    bezwaar = Bezwaar.objects.create(
        besluit=besluit,
        ontvangen_op=ontvangen_op,
        toelichting=toelichting.strip(),
        geregistreerd_door=door,
    )
    notitie = _("Bezwaar ontvangen op %(datum)s") % {"datum": _datum(ontvangen_op)}
    if besluit.bezwaartermijn_einde and ontvangen_op > besluit.bezwaartermijn_einde:
        notitie += _(" (na de bezwaartermijn)")
    _status_wijzigen(aanvraag, S.BEZWAAR, door=door, toelichting=notitie)
    return bezwaar


@transaction.atomic
def ingebrekestelling_registreren(*, aanvraag_id: int, door, ontvangen_op: date) -> Aanvraag:
    """Register a written notice of default for a late decision (Awb 4:17).

    The penalty accrues from two weeks later (see `selectors.dwangsom_stand`). A notice
    received on or before the decision deadline is premature and refused.
    """
    aanvraag = _lock(aanvraag_id)
    _check(
        "ingebrekestelling_registreren",
        aanvraag,
        permissions.can_ingebrekestelling_registreren(door, aanvraag),
    )
    if aanvraag.ingebrekestelling_op is not None:
        raise WorkflowFout(_("Er is al een ingebrekestelling geregistreerd."), code="dubbel")
    if ontvangen_op > timezone.localdate():
        raise WorkflowFout(_("De ontvangstdatum kan niet in de toekomst liggen."), code="datum")
    if ontvangen_op <= aanvraag.beslistermijn_einde:
        raise WorkflowFout(
            _(
                "De beslistermijn loopt nog tot en met %(datum)s: een eerdere "
                "ingebrekestelling is te vroeg en telt niet."
            )
            % {"datum": _datum(aanvraag.beslistermijn_einde)},
            code="te_vroeg",
        )
    aanvraag.ingebrekestelling_op = ontvangen_op
    aanvraag.save(update_fields=["ingebrekestelling_op", "gewijzigd_op"])
    return aanvraag


# --- daily digest --------------------------------------------------------------------------


def deadline_overzicht_versturen(*, vandaag: date | None = None) -> int:
    """Queue one e-mail per assessor listing kenmerken of their cases due within 7 days or late.

    Kenmerken and dates only: no names or content. Each mail has the outbox key
    `deadline-overzicht:<user id>:<date>`, so a second run the same day queues nothing.
    Returns the number of assessors with cases listed.
    """
    from django.contrib.auth import get_user_model

    vandaag = vandaag or timezone.localdate()
    beoordelaars = get_user_model().objects.filter(
        is_active=True, rol__in=permissions.BEHANDEL_ROLLEN
    )
    aantal = 0
    for beoordelaar in beoordelaars.order_by("pk"):
        aanvragen = list(selectors.deadline_aandacht(behandelaar=beoordelaar, vandaag=vandaag))
        if not aanvragen:
            continue
        with transaction.atomic():
            bericht_klaarzetten(
                sleutel=f"deadline-overzicht:{beoordelaar.pk}:{vandaag.isoformat()}",
                aan=beoordelaar.email,
                onderwerp=_("Beslistermijnen: %(aantal)s aanvragen vragen aandacht")
                % {"aantal": len(aanvragen)},
                tekst=_deadline_tekst(aanvragen, vandaag),
            )
        aantal += 1
    return aantal


def _deadline_tekst(aanvragen: list[Aanvraag], vandaag: date) -> str:
    te_laat = [a for a in aanvragen if a.beslistermijn_einde < vandaag]
    binnenkort = [a for a in aanvragen if a.beslistermijn_einde >= vandaag]
    regels = [_("Overzicht van %(datum)s.") % {"datum": _datum(vandaag)}, ""]
    for titel, groep in (
        (_("Beslistermijn verstreken:"), te_laat),
        (_("Beslistermijn verstrijkt binnen 7 dagen:"), binnenkort),
    ):
        if groep:
            regels.append(titel)
            regels += [
                f"- {a.kenmerk}: {_('uiterlijk')} {a.beslistermijn_einde:%d-%m-%Y}" for a in groep
            ]
            regels.append("")
    regels.append(_("Open de werkvoorraad in de backoffice voor de details."))
    return "\n".join(regels)
