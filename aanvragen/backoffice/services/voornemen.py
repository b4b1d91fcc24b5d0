"""The intended (partial) refusal and the applicant's view on it (Awb 4:7).

Rule chosen where the issue is silent: a view term must be at least the policy's
zienswijze term.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import lange_datum
from fondsbeveiliging.termijnen.berekening import zienswijzetermijn_einde

from ...kern import WorkflowFout, lock_aanvraag, status_wijzigen
from ...models import Aanvraag, Voornemen
from .. import hooks, permissions
from .basis import S, check_actie, termijn_begrensd, verplicht


@transaction.atomic
def voornemen_afwijzing_versturen(
    *, aanvraag_id: int, door, reden: str, termijn_tot: date
) -> Voornemen:
    """Announce an intended (partial) refusal and invite a view until `termijn_tot` (4:7).

    The term must last at least the policy's zienswijze term (see
    `zienswijzetermijn_voorstel`). The `voornemen_verstuurd` hook stores the letter in this
    transaction.
    """
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
        "voornemen_afwijzing_versturen",
        aanvraag,
        permissions.can_voornemen_afwijzing_versturen(door, aanvraag),
    )
    reden = verplicht(reden, _("de reden van het voornemen"))
    minimum = zienswijzetermijn_voorstel(aanvraag)
    if termijn_tot < minimum:
        raise WorkflowFout(
            _("De termijn voor een zienswijze moet tot ten minste %(datum)s lopen.")
            % {"datum": lange_datum(minimum)},
            code="termijn",
        )
    termijn_begrensd(termijn_tot, _("De termijn voor een zienswijze"))
    voornemen = Voornemen.objects.create(
        aanvraag=aanvraag,
        reden=reden,
        termijn_tot=termijn_tot,
        verzonden_op=timezone.now(),
        door=door,
    )
    status_wijzigen(
        aanvraag,
        S.VOORNEMEN_AFWIJZING,
        door=door,
        toelichting=_("Voornemen tot afwijzing, zienswijze uiterlijk %(datum)s")
        % {"datum": lange_datum(termijn_tot)},
    )
    hooks.voornemen_verstuurd(voornemen.pk)
    return voornemen


def zienswijzetermijn_voorstel(aanvraag: Aanvraag, *, vandaag: date | None = None) -> date:
    """The earliest allowed end of a view term sent today: the policy term (Atw applied)."""
    return zienswijzetermijn_einde(
        vandaag or timezone.localdate(), weken=aanvraag.regeling.zienswijzetermijn_weken
    )


@transaction.atomic
def zienswijze_vastleggen(
    *, voornemen_id: int, door, zienswijze: str | None, zienswijze_in_brief: str = ""
) -> Voornemen:
    """Record the applicant's view, or (None) that the view term passed without one.

    A view given has two texts with two audiences: `zienswijze`, the assessor's internal
    note (never in a letter), and `zienswijze_in_brief`, what the decision letter says about
    it, addressed to the applicant. The letter text is required when a view was given: the
    decision must state the hearing's outcome (domain.md §7).
    """
    aanvraag_id = Voornemen.objects.values_list("aanvraag_id", flat=True).get(pk=voornemen_id)
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
        "zienswijze_vastleggen", aanvraag, permissions.can_zienswijze_vastleggen(door, aanvraag)
    )
    voornemen = Voornemen.objects.select_for_update().get(pk=voornemen_id)
    if not voornemen.is_open:
        raise WorkflowFout(_("De zienswijze is al vastgelegd."), code="vastgelegd")
    if zienswijze is None:
        if voornemen.termijn_tot >= timezone.localdate():
            raise WorkflowFout(
                _("De termijn voor een zienswijze loopt nog tot en met %(datum)s.")
                % {"datum": lange_datum(voornemen.termijn_tot)},
                code="termijn",
            )
        toelichting = _("Termijn voor zienswijze verstreken zonder zienswijze")
    else:
        zienswijze = verplicht(zienswijze, _("de interne notitie over de zienswijze"))
        zienswijze_in_brief = verplicht(zienswijze_in_brief, _("de zienswijze in de brief"))
        toelichting = _("Zienswijze ontvangen")
    voornemen.zienswijze = zienswijze or ""
    voornemen.zienswijze_in_brief = zienswijze_in_brief if zienswijze is not None else ""
    voornemen.zienswijze_ingediend = zienswijze is not None
    voornemen.vastgelegd_op = timezone.now()
    voornemen.vastgelegd_door = door
    voornemen.save(
        update_fields=[
            "zienswijze",
            "zienswijze_in_brief",
            "zienswijze_ingediend",
            "vastgelegd_op",
            "vastgelegd_door",
        ]
    )
    status_wijzigen(aanvraag, S.ZIENSWIJZE_ONTVANGEN, door=door, toelichting=toelichting)
    return voornemen
