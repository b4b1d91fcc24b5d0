"""The claim's service core: locks, status changes with history, and the decision term.

The applicant's services (`aanvragen.services`), the back office's
(`aanvragen.backoffice.services`) and the letters (`aanvragen.brieven`) all change a claim
through these functions, so a rule exists once: the lock order, the transition table, the
history row, and how suspensions and a postponement move the decision term.

Every function that writes expects to run inside the caller's transaction with the claim
locked by `lock_aanvraag` (or `lock_besluit`). Refusals raise `WorkflowFout`, a
`ValidationError` with a Dutch message.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.core.tekst import TEKST
from fondsbeveiliging.opmaak.formaat import lange_datum
from fondsbeveiliging.termijnen.berekening import (
    Opschorting,
    beslistermijn_einde,
    betaaltermijn_einde,
    bezwaartermijn_einde,
    opgeschorte_dagen,
    opschorting_mogelijk,
)

from .constants import (
    BESLISTERMIJN_LOOPT,
    TE_VERZENDEN,
    TRANSITIES,
    AanvraagStatus,
    BesluitStatus,
)
from .models import Aanvraag, Besluit, StatusWijziging


class WorkflowFout(ValidationError):
    """An action on a claim was refused; the message says why, in Dutch."""


def lock_aanvraag(aanvraag_id: int) -> Aanvraag:
    """Lock the claim row for the rest of the transaction (its policy version loaded)."""
    # of=self: lock the claim only, not the joined policy row every claim shares.
    return (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("regeling")
        .get(pk=aanvraag_id)
    )


def lock_besluit(besluit_id: int) -> tuple[Aanvraag, Besluit]:
    """Lock the claim, then the decision: the same order everywhere, so no deadlock."""
    aanvraag_id = Besluit.objects.values_list("aanvraag_id", flat=True).get(pk=besluit_id)
    aanvraag = lock_aanvraag(aanvraag_id)
    besluit = Besluit.objects.select_for_update().get(pk=besluit_id)
    besluit.aanvraag = aanvraag
    return aanvraag, besluit


def status_wijzigen(aanvraag: Aanvraag, naar: str, *, door, toelichting: str = "") -> None:
    """Move a locked claim to `naar` if `TRANSITIES` allows it; write the history row.

    `door` is None for the system. A refusal names the status as its reader knows it: the
    applicant sees the plain label (`STATUS_VOOR_AANVRAGER`), staff the internal one.
    """
    van = aanvraag.status
    if naar not in TRANSITIES[AanvraagStatus(van)]:
        is_aanvrager = door is not None and door.pk == aanvraag.aanvrager_id
        status = (
            aanvraag.get_status_voor_aanvrager() if is_aanvrager else aanvraag.get_status_display()
        )
        raise WorkflowFout(
            _("Dit kan niet: de aanvraag heeft de status '%(status)s'.") % {"status": status},
            code="transitie",
        )
    aanvraag.status = naar
    aanvraag.save(update_fields=["status", "gewijzigd_op"])
    StatusWijziging.objects.create(
        aanvraag=aanvraag, van=van, naar=naar, door=door, toelichting=toelichting[:TEKST]
    )


def opschorting_van(verzoek) -> Opschorting:
    """One request for information as a suspension for the deadline engine."""
    return Opschorting(
        verzocht_op=timezone.localdate(verzoek.verzocht_op),
        termijn_tot=verzoek.termijn_tot,
        aangevuld_op=timezone.localdate(verzoek.beantwoord_op) if verzoek.beantwoord_op else None,
    )


def opschortingen_van(aanvraag: Aanvraag) -> list[Opschorting]:
    """The claim's requests for information as suspensions for the deadline engine."""
    return [opschorting_van(verzoek) for verzoek in aanvraag.aanvulverzoeken.all()]


def _beslistermijn_invoer(aanvraag: Aanvraag, *, verzoeken=None, met_verdaging=True) -> dict:
    """The deadline engine's input for the claim: receipt, policy term, requests, postponement.

    One place, so the stored deadline, the back office's warning and the case page's
    suspended days are computed from the same facts. `verzoeken` are the claim's requests
    when the caller already loaded them (the case page), else they are read.
    """
    invoer = {
        "ontvangen_op": timezone.localdate(aanvraag.ingediend_op),
        "weken": aanvraag.regeling.beslistermijn_weken,
        "opschortingen": (
            opschortingen_van(aanvraag)
            if verzoeken is None
            else [opschorting_van(verzoek) for verzoek in verzoeken]
        ),
    }
    if met_verdaging:
        invoer["verdaagd_tot"] = aanvraag.verdaagd_tot
        invoer["verdaagd_op"] = aanvraag.verdaagd_op
    return invoer


def beslistermijn_berekenen(aanvraag: Aanvraag, *, met_verdaging: bool = True) -> date:
    """The decision deadline from receipt, suspensions and (unless asked not to) postponement.

    Without the postponement it is the date the postponement letter calls the original one.
    A request sent on or after the term's last day suspends nothing (Awb 4:15; see
    `fondsbeveiliging.termijnen.berekening.beslistermijn_einde`).
    """
    return beslistermijn_einde(**_beslistermijn_invoer(aanvraag, met_verdaging=met_verdaging))


def opschorting_mogelijk_op(aanvraag: Aanvraag, dag: date) -> bool:
    """Whether a request for information with a term sent on `dag` would suspend the term.

    False on or after the term's last day (Awb 4:15 suspends only a running term), so the
    back office can warn the assessor before the request goes out.
    """
    return opschorting_mogelijk(dag, **_beslistermijn_invoer(aanvraag))


def verzoek_schort_op(verzoek) -> bool:
    """Whether this stored request for information suspends the claim's decision term.

    Only a request with a term, sent while the term still ran (Awb 4:15), so a letter or a
    screen that says "de beslistermijn staat stil" can ask the rule that moved the deadline.
    """
    if verzoek.termijn_tot is None:
        return False
    return opschorting_mogelijk_op(verzoek.aanvraag, timezone.localdate(verzoek.verzocht_op))


def opgeschorte_dagen_van(aanvraag: Aanvraag, *, verzoeken=None) -> set[date]:
    """The suspended days that actually moved the claim's decision term (for the case page)."""
    return opgeschorte_dagen(**_beslistermijn_invoer(aanvraag, verzoeken=verzoeken))


def beslistermijn_herberekenen(*, aanvraag: Aanvraag) -> None:
    """Store the decision deadline again (the caller holds the lock on the claim)."""
    aanvraag.beslistermijn_einde = beslistermijn_berekenen(aanvraag)
    aanvraag.save(update_fields=["beslistermijn_einde", "gewijzigd_op"])


# A changed non-working day can only move a stored end that lies close to it: the Atw moves
# an end off a non-working day onto the next working day (a run of a few days at most).
RONDOM_FEESTDAG = timedelta(days=14)


@transaction.atomic
def beslistermijnen_herberekenen_rond(*, datum: date) -> list[int]:
    """Store again the decision deadline of open claims whose end lies near `datum`.

    Called when a non-working day (Atw art. 3(3), added by Royal Decree) is added, changed or
    removed: the stored deadline, the queue's "days left" and a later letter must follow it.
    Each claim is locked and recomputed by the one rule; returns the ids whose date changed.
    Sent decisions keep their stored payment and objection ends: their letters named them.
    """
    kandidaten = Aanvraag.objects.filter(
        status__in=BESLISTERMIJN_LOOPT,
        beslistermijn_einde__range=(datum - RONDOM_FEESTDAG, datum + RONDOM_FEESTDAG),
    ).values_list("pk", flat=True)
    gewijzigd = []
    for aanvraag_id in kandidaten:
        aanvraag = lock_aanvraag(aanvraag_id)
        voor = aanvraag.beslistermijn_einde
        beslistermijn_herberekenen(aanvraag=aanvraag)
        if aanvraag.beslistermijn_einde != voor:
            gewijzigd.append(aanvraag_id)
    return gewijzigd


@transaction.atomic
def besluit_verzenden(*, besluit_id: int, verzonden_op: datetime) -> Besluit:
    """Mark an approved decision as sent and store its payment and objection term ends.

    Called by the letters once the decision letter is dispatched (no actor: the system).
    The payment term is only set when an amount is granted. Idempotent: a decision already
    sent is returned unchanged.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    if besluit.status == BesluitStatus.VERZONDEN:
        return besluit
    if besluit.status != BesluitStatus.GOEDGEKEURD or aanvraag.status not in TE_VERZENDEN:
        raise WorkflowFout(
            _("Alleen een goedgekeurd besluit kan worden verzonden."), code="transitie"
        )
    dag = timezone.localdate(verzonden_op)
    regeling = aanvraag.regeling
    besluit.status = BesluitStatus.VERZONDEN
    besluit.verzonden_op = verzonden_op
    besluit.bezwaartermijn_einde = bezwaartermijn_einde(dag)
    besluit.betaaltermijn_einde = (
        betaaltermijn_einde(dag, weken=regeling.betaaltermijn_weken)
        if besluit.bedrag_toegekend > 0
        else None
    )
    besluit.save(
        update_fields=["status", "verzonden_op", "bezwaartermijn_einde", "betaaltermijn_einde"]
    )
    status_wijzigen(
        aanvraag,
        AanvraagStatus.VERZONDEN,
        door=None,
        toelichting=_("Besluit verzonden; bezwaar mogelijk tot en met %(datum)s")
        % {"datum": lange_datum(besluit.bezwaartermijn_einde)},
    )
    return besluit
