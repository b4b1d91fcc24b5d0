"""The claim's service core: locks, status changes with history, the decision term, and the
objection's 7:10 term and admissibility (used by the online objection and the back office).

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
    bezwaar_beslistermijn_einde,
    bezwaar_tijdig,
    bezwaartermijn_einde,
    opgeschorte_dagen,
    opschorting_mogelijk,
    termijn_einde,
)

from .constants import (
    BESLISTERMIJN_LOOPT,
    TE_VERZENDEN,
    TRANSITIES,
    AanvraagStatus,
    BesluitSoort,
    BesluitStatus,
    Indiener,
)
from .models import Aanvraag, Besluit, Bezwaar, StatusWijziging


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


# The claim status from which an approved decision of each kind is sent (a decision on a
# claim: `TE_VERZENDEN`), and the status it moves to; a dwangsom decision changes no status.
VERZENDEN_VANUIT: dict[str, frozenset[AanvraagStatus]] = {
    BesluitSoort.AANVRAAG: TE_VERZENDEN,
    BesluitSoort.HERZIENING: frozenset({AanvraagStatus.HERZIENING_GOEDGEKEURD}),
    BesluitSoort.BEZWAAR: frozenset({AanvraagStatus.BEZWAAR_GOEDGEKEURD}),
}
VERZONDEN_NAAR: dict[str, AanvraagStatus] = {
    BesluitSoort.AANVRAAG: AanvraagStatus.VERZONDEN,
    BesluitSoort.HERZIENING: AanvraagStatus.VERZONDEN,
    BesluitSoort.BEZWAAR: AanvraagStatus.BEZWAAR_BESLIST,
}
# Awb 4:57: a reclaimed amount is repaid within six weeks after the decision was sent.
TERUGBETAALTERMIJN_WEKEN = 6


@transaction.atomic
def besluit_verzenden(*, besluit_id: int, verzonden_op: datetime) -> Besluit:
    """Mark an approved decision of any kind as sent and store the term ends it starts.

    Called by the letters once the letter is dispatched (no actor: the system). Per kind:
    - a decision on the claim or a correction (herziening): claim -> verzonden, with a new
      objection term (6:7, 6:8);
    - a decision on objection: claim -> bezwaar beslist, with the appeal term
      (`beroepstermijn_einde`: six weeks from the day after dispatch, as the objection term,
      6:7, 6:8, 8:1) and no objection term;
    - a dwangsom decision (4:18): no status change, a history row from and to the current
      status; an objection term like any decision.
    The payment term (4:87) is set only when something is still to pay on it (a correction
    or decision on objection: an amount above what is paid so far); the repayment term
    (4:57, six weeks, Atw) only when it reclaims an amount. Idempotent: a decision already
    sent is returned unchanged.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    if besluit.status == BesluitStatus.VERZONDEN:
        return besluit
    vanuit = VERZENDEN_VANUIT.get(besluit.soort)
    if besluit.status != BesluitStatus.GOEDGEKEURD or (
        vanuit is not None and aanvraag.status not in vanuit
    ):
        raise WorkflowFout(
            _("Alleen een goedgekeurd besluit kan worden verzonden."), code="transitie"
        )
    dag = timezone.localdate(verzonden_op)
    besluit.status = BesluitStatus.VERZONDEN
    besluit.verzonden_op = verzonden_op
    _termijnen_bij_verzending(aanvraag, besluit, dag)
    besluit.save(
        update_fields=[
            "status",
            "verzonden_op",
            "bezwaartermijn_einde",
            "beroepstermijn_einde",
            "betaaltermijn_einde",
            "terugbetaaltermijn_einde",
        ]
    )
    _status_na_verzending(aanvraag, besluit)
    return besluit


def _termijnen_bij_verzending(aanvraag: Aanvraag, besluit: Besluit, dag: date) -> None:
    if besluit.soort == BesluitSoort.BEZWAAR:
        besluit.beroepstermijn_einde = bezwaartermijn_einde(dag)
    else:
        besluit.bezwaartermijn_einde = bezwaartermijn_einde(dag)
    nog_te_betalen = besluit.bedrag_toegekend > 0
    if besluit.soort in (BesluitSoort.HERZIENING, BesluitSoort.BEZWAAR):
        from .selectors import betaald_op_besluit  # the money rule lives with the queries

        betaald = (
            Besluit.objects.filter(pk=besluit.pk)
            .annotate(betaald=betaald_op_besluit())
            .values_list("betaald", flat=True)
            .get()
        )
        nog_te_betalen = besluit.regelt_aanvraag and besluit.bedrag_toegekend > betaald
    besluit.betaaltermijn_einde = (
        betaaltermijn_einde(dag, weken=aanvraag.regeling.betaaltermijn_weken)
        if nog_te_betalen
        else None
    )
    besluit.terugbetaaltermijn_einde = (
        termijn_einde(dag, weken=TERUGBETAALTERMIJN_WEKEN) if besluit.terugvordering > 0 else None
    )


def _status_na_verzending(aanvraag: Aanvraag, besluit: Besluit) -> None:
    if besluit.soort == BesluitSoort.DWANGSOM:
        StatusWijziging.objects.create(
            aanvraag=aanvraag,
            van=aanvraag.status,
            naar=aanvraag.status,
            door=None,
            toelichting=_(
                "Besluit vaststelling dwangsom verzonden; bezwaar mogelijk tot en met %(datum)s"
            )
            % {"datum": lange_datum(besluit.bezwaartermijn_einde)},
        )
        return
    if besluit.soort == BesluitSoort.BEZWAAR:
        toelichting = _(
            "Beslissing op bezwaar verzonden; beroep bij de rechtbank mogelijk tot en met %(datum)s"
        ) % {"datum": lange_datum(besluit.beroepstermijn_einde)}
    elif besluit.soort == BesluitSoort.HERZIENING:
        toelichting = _("Herzieningsbesluit verzonden; bezwaar mogelijk tot en met %(datum)s") % {
            "datum": lange_datum(besluit.bezwaartermijn_einde)
        }
    else:
        toelichting = _("Besluit verzonden; bezwaar mogelijk tot en met %(datum)s") % {
            "datum": lange_datum(besluit.bezwaartermijn_einde)
        }
    status_wijzigen(aanvraag, VERZONDEN_NAAR[besluit.soort], door=None, toelichting=toelichting)


# --- the objection's 7:10 term and admissibility (issue 16) ----------------------------


def bezwaar_opschortingen(bezwaar: Bezwaar) -> list[Opschorting]:
    """The 6:6 repair request of the objection as a suspension (7:10(2)), if one was sent."""
    if bezwaar.verzuim_gevraagd_op is None:
        return []
    return [
        Opschorting(
            verzocht_op=bezwaar.verzuim_gevraagd_op,
            termijn_tot=bezwaar.hersteltermijn_tot,
            aangevuld_op=bezwaar.verzuim_hersteld_op,
        )
    ]


def bezwaar_beslistermijn(bezwaar: Bezwaar) -> date:
    """The last day to decide on `bezwaar` (Awb 7:10), from the facts stored on it.

    The one place that turns an objection into the engine's input
    (`berekening.bezwaar_beslistermijn_einde`): the services store its result in
    `Bezwaar.beslistermijn_einde`, which the letters and screens read.
    """
    besluit = bezwaar.besluit
    return bezwaar_beslistermijn_einde(
        besluit.bezwaartermijn_einde or timezone.localdate(besluit.verzonden_op),
        bezwaar.ontvangen_op,
        opschortingen=bezwaar_opschortingen(bezwaar),
        verdaagd_tot=bezwaar.verdaagd_tot,
        verdaagd_op=bezwaar.verdaagd_op,
        uitstel_tot=bezwaar.uitstel_tot,
        verzonden_op=bezwaar.verzonden_op,
    )


def registratie_notitie(bezwaar: Bezwaar) -> str:
    """The history note of a new objection: receipt, lateness, what is missing, 7:10 end."""
    notitie = _("Bezwaar ontvangen op %(datum)s") % {"datum": lange_datum(bezwaar.ontvangen_op)}
    if not bezwaar_is_tijdig(bezwaar):
        notitie += _(" (na de bezwaartermijn)")
    if bezwaar.indiener == Indiener.GEMACHTIGDE:
        notitie += _(", ingediend door gemachtigde %(naam)s") % {"naam": bezwaar.gemachtigde_naam}
    ontbreekt = ontbrekende_vereisten(bezwaar)
    if ontbreekt:
        notitie += _("; ontbreekt: %(wat)s") % {"wat": ", ".join(ontbreekt)}
    notitie += _("; beslissen uiterlijk op %(datum)s") % {
        "datum": lange_datum(bezwaar.beslistermijn_einde)
    }
    return notitie


def bezwaar_is_tijdig(bezwaar: Bezwaar) -> bool:
    """In time per 6:7-6:9 (with the postal week); True when the decision has no term stored."""
    einde = bezwaar.besluit.bezwaartermijn_einde
    return einde is None or bezwaar_tijdig(bezwaar.ontvangen_op, einde, bezwaar.verzonden_op)


def ontbrekende_vereisten(bezwaar: Bezwaar) -> list[str]:
    """What the objection lacks to be admissible and can be repaired (6:5, 2:1(2), 6:6)."""
    ontbreekt = []
    if not bezwaar.ondertekend:
        ontbreekt.append(_("ondertekening"))
    if not bezwaar.gronden_vermeld:
        ontbreekt.append(_("gronden"))
    if bezwaar.indiener == Indiener.GEMACHTIGDE and not bezwaar.machtiging_ontvangen:
        ontbreekt.append(_("machtiging"))
    return ontbreekt
