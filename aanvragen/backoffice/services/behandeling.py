"""Assigning a claim, starting its assessment, requests for information and postponing.

Rules chosen where the issue is silent:
- A request for information moves the claim to "aanvulling gevraagd" with or without a
  term; only a term suspends the decision term (Awb 4:15).
- When the completion term passed unused, the claim goes "buiten behandeling" (the table
  has no way back to "in behandeling"); its decision must have outcome buiten_behandeling
  and is due within four weeks after the completion term (Awb 4:5(4)), which is stored as
  the new decision deadline.
"""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import lange_datum
from fondsbeveiliging.termijnen.berekening import (
    hersteltermijn_einde,
    termijn_einde,
    verdaging_toegestaan,
)

from ...kern import (
    WorkflowFout,
    beslistermijn_herberekenen,
    lock_aanvraag,
    opschorting_mogelijk_op,
    status_wijzigen,
)
from ...models import Aanvraag, Aanvulverzoek
from .. import hooks, permissions
from .basis import S, check_actie, termijn_begrensd, verplicht

logger = logging.getLogger(__name__)

# Awb 4:5(4): a not-considered decision is made known within four weeks after the term.
BUITEN_BEHANDELING_WEKEN = 4


@transaction.atomic
def aanvraag_toewijzen(*, aanvraag_id: int, behandelaar, door) -> Aanvraag:
    """Assign a claim to an assessor.

    A beoordelaar may only take an unassigned claim for themself; a teamleider (tweede
    beoordelaar) assigns or reassigns any open claim to any active assessor.
    """
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie("aanvraag_toewijzen", aanvraag, permissions.can_aanvraag_toewijzen(door, aanvraag))
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
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
        "behandeling_starten", aanvraag, permissions.can_behandeling_starten(door, aanvraag)
    )
    if aanvraag.behandelaar_id is None:
        aanvraag.behandelaar = door
        aanvraag.save(update_fields=["behandelaar", "gewijzigd_op"])
    status_wijzigen(aanvraag, S.IN_BEHANDELING, door=door, toelichting=_("Behandeling gestart"))
    return aanvraag


@transaction.atomic
def aanvulling_vragen(
    *, aanvraag_id: int, door, vraag: str, termijn_tot: date | None = None
) -> Aanvulverzoek:
    """Ask the applicant for more information (Awb 4:5).

    With `termijn_tot` (the last day to answer, after today) the decision term is suspended
    from the next day until the answer or the end of that term (4:15); without it the
    clock keeps running. On or after the last day of the decision term nothing is left to
    suspend: the request is still allowed (the decision may need the information, and is
    then simply late), the history says the term was not suspended, and the action page
    warns the assessor beforehand (`opschorting_waarschuwing`). The deadline is recomputed
    and stored. The `aanvulling_gevraagd` hook stores the letter in this transaction.
    """
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie("aanvulling_vragen", aanvraag, permissions.can_aanvulling_vragen(door, aanvraag))
    vraag = verplicht(vraag, _("de vraag"))
    if termijn_tot is not None and termijn_tot <= timezone.localdate():
        raise WorkflowFout(_("De reactietermijn moet na vandaag eindigen."), code="termijn")
    if termijn_tot is not None:
        termijn_begrensd(termijn_tot, _("De reactietermijn"))
    toelichting = _aanvulling_toelichting(aanvraag, termijn_tot)
    verzoek = Aanvulverzoek.objects.create(
        aanvraag=aanvraag,
        vraag=vraag,
        termijn_tot=termijn_tot,
        verzocht_op=timezone.now(),
        verzocht_door=door,
    )
    status_wijzigen(aanvraag, S.AANVULLING_GEVRAAGD, door=door, toelichting=toelichting)
    beslistermijn_herberekenen(aanvraag=aanvraag)
    hooks.aanvulling_gevraagd(verzoek.pk)
    return verzoek


def _aanvulling_toelichting(aanvraag: Aanvraag, termijn_tot: date | None) -> str:
    """The history note of a request: whether it suspends the decision term, and why not."""
    if termijn_tot is None:
        return _("Aanvulling gevraagd zonder termijn (beslistermijn loopt door)")
    if opschorting_mogelijk_op(aanvraag, timezone.localdate()):
        return _("Aanvulling gevraagd, reageren uiterlijk %(datum)s (beslistermijn opgeschort)") % {
            "datum": lange_datum(termijn_tot)
        }
    return _(
        "Aanvulling gevraagd, reageren uiterlijk %(datum)s (beslistermijn niet opgeschort: "
        "verzocht op of na de laatste dag van de beslistermijn, %(einde)s)"
    ) % {"datum": lange_datum(termijn_tot), "einde": lange_datum(aanvraag.beslistermijn_einde)}


def opschorting_waarschuwing(aanvraag: Aanvraag, *, vandaag: date | None = None) -> str:
    """Say in Dutch why a request for information sent today would not suspend the term, or "".

    Awb 4:15 suspends only a running decision term, from the day after the request: after
    the deadline nothing is left to suspend, and neither on its last day (or a day the Atw
    added after it). The request stays allowed; the assessor should know the deadline stays.
    """
    vandaag = vandaag or timezone.localdate()
    einde = aanvraag.beslistermijn_einde
    if einde is None or aanvraag.ingediend_op is None:
        return ""
    if opschorting_mogelijk_op(aanvraag, vandaag):
        return ""
    if vandaag > einde:
        return _(
            "Let op: de beslistermijn is op %(datum)s verstreken. Een verzoek om aanvulling "
            "schort een verstreken termijn niet op (artikel 4:15 Awb): de uiterste "
            "beslisdatum blijft %(datum)s. U kunt het verzoek wel versturen."
        ) % {"datum": lange_datum(einde)}
    return _(
        "Let op: de beslistermijn eindigt op %(datum)s. Een verzoek om aanvulling op de laatste "
        "dag van de termijn schort niets meer op (artikel 4:15 Awb): de uiterste beslisdatum "
        "blijft %(datum)s. U kunt het verzoek wel versturen."
    ) % {"datum": lange_datum(einde)}


@transaction.atomic
def aanvulling_registreren(*, aanvulverzoek_id: int, door, antwoord: str) -> Aanvulverzoek:
    """Register an answer received by post or e-mail; the decision clock runs again today.

    The assessor's text is an internal note (`notitie`): the applicant's status page shows
    `antwoord` as "Uw antwoord", which only the applicant's own online answer fills
    (aanvragen.services.aanvulverzoek_beantwoorden).
    """
    aanvraag_id = Aanvulverzoek.objects.values_list("aanvraag_id", flat=True).get(
        pk=aanvulverzoek_id
    )
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
        "aanvulling_registreren", aanvraag, permissions.can_aanvulling_registreren(door, aanvraag)
    )
    verzoek = Aanvulverzoek.objects.select_for_update().get(pk=aanvulverzoek_id)
    if not verzoek.is_open:
        raise WorkflowFout(_("Dit verzoek is al beantwoord."), code="beantwoord")
    verzoek.notitie = verplicht(antwoord, _("het antwoord"))
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(update_fields=["notitie", "beantwoord_op"])
    status_wijzigen(
        aanvraag, S.AANGEVULD, door=door, toelichting=_("Aanvulling ontvangen (geregistreerd)")
    )
    beslistermijn_herberekenen(aanvraag=aanvraag)
    return verzoek


def hersteltermijn_voorstel(aanvraag: Aanvraag, *, vandaag: date | None = None) -> date:
    """The default end of a completion term sent today: the policy term (Atw applied)."""
    return hersteltermijn_einde(
        vandaag or timezone.localdate(), weken=aanvraag.regeling.hersteltermijn_weken
    )


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
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
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
    status_wijzigen(
        aanvraag,
        S.BUITEN_BEHANDELING,
        door=door,
        toelichting=_("Hersteltermijn tot en met %(datum)s ongebruikt verstreken")
        % {"datum": lange_datum(verzoek.termijn_tot)},
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
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie("verdagen", aanvraag, permissions.can_verdagen(door, aanvraag))
    reden = verplicht(reden, _("de reden van de verdaging"))
    vandaag = timezone.localdate()
    if not verdaging_toegestaan(vandaag, aanvraag.beslistermijn_einde):
        raise WorkflowFout(
            _(
                "Verdagen kan niet meer: de beslistermijn is op %(datum)s verstreken. "
                "Een verdaging moet vóór het einde van de termijn worden verstuurd "
                "(artikel 4:14 Awb)."
            )
            % {"datum": lange_datum(aanvraag.beslistermijn_einde)},
            code="te_laat",
        )
    if nieuwe_datum <= aanvraag.beslistermijn_einde:
        raise WorkflowFout(
            _("De nieuwe beslisdatum moet na de huidige uiterste beslisdatum (%(datum)s) liggen.")
            % {"datum": lange_datum(aanvraag.beslistermijn_einde)},
            code="datum",
        )
    termijn_begrensd(nieuwe_datum, _("De nieuwe uiterste beslisdatum"))
    aanvraag.verdaagd_op = vandaag
    aanvraag.verdaagd_tot = nieuwe_datum
    aanvraag.verdaging_reden = reden
    aanvraag.save(update_fields=["verdaagd_op", "verdaagd_tot", "verdaging_reden", "gewijzigd_op"])
    status_wijzigen(
        aanvraag,
        S.VERDAAGD,
        door=door,
        toelichting=_("Verdaagd tot %(datum)s: %(reden)s")
        % {"datum": lange_datum(nieuwe_datum), "reden": reden},
    )
    beslistermijn_herberekenen(aanvraag=aanvraag)
    hooks.verdaagd(aanvraag.pk)
    return aanvraag
