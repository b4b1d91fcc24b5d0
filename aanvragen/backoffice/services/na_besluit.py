"""After the decision: payments and a notice of default for a late decision.

Objections are their own small case: module `bezwaar`.

Rules chosen where the issue is silent: a notice of default received on or before the
decision deadline is refused as premature; a payment is dated between the dispatch of the
decision and today, and one identical to a registered payment (same day, amount and
reference) is refused as the same form sent twice.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import euro, lange_datum

from ...kern import WorkflowFout, lock_aanvraag, lock_besluit, status_wijzigen
from ...models import Aanvraag, Besluit, Betaling, StatusWijziging
from .. import hooks, permissions, selectors
from .basis import S, check_actie, verplicht


@transaction.atomic
def betaling_registreren(
    *, besluit_id: int, door, betaald_op: date, bedrag: Decimal, referentie: str
) -> Betaling:
    """Register a (partial) payment of a sent decision; finance only.

    The total paid may not exceed the granted amount. Paid so far on a decision that fixes
    the claim's amount counts the payments on the decisions it replaced (a correction pays
    only the extra); a dwangsom decision counts its own. A decision replaced by an approved
    or sent one is not paid any more (pay the new one). When the claim's amount is reached,
    a claim in verzonden or bezwaar beslist becomes betaald; a dwangsom payment changes no
    status.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    check_actie(
        permissions.betaal_actie(besluit),
        aanvraag,
        permissions.can_betaling_registreren(door, besluit),
    )
    _vervangen_weigeren(besluit)
    referentie = verplicht(referentie, _("het betalingskenmerk"))
    bedrag = Decimal(bedrag)
    _betaaldatum_controleren(besluit, betaald_op)
    _dubbele_betaling_weigeren(besluit, betaald_op=betaald_op, bedrag=bedrag, referentie=referentie)
    al_betaald = selectors.besluit_betaald(besluit=besluit)
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
    hooks.betaling_geregistreerd(betaling.pk)
    if (
        besluit.regelt_aanvraag
        and al_betaald + bedrag == besluit.bedrag_toegekend
        and aanvraag.status in (S.VERZONDEN, S.BEZWAAR_BESLIST)
    ):
        status_wijzigen(
            aanvraag,
            S.BETAALD,
            door=door,
            toelichting=_("Betaald: %(bedrag)s") % {"bedrag": euro(besluit.bedrag_toegekend)},
        )
    return betaling


def _vervangen_weigeren(besluit: Besluit) -> None:
    nieuw = (
        Besluit.objects.filter(vervangt=besluit, status__in=selectors.UITSTAANDE_BESLUITSTATUSSEN)
        .values_list("versie", flat=True)
        .first()
    )
    if nieuw is not None:
        raise WorkflowFout(
            _(
                "Dit besluit is vervangen door versie %(versie)s: registreer de betaling op "
                "het nieuwe besluit."
            )
            % {"versie": nieuw},
            code="vervangen",
        )


@transaction.atomic
def terugbetaling_registreren(*, besluit_id: int, door, terugbetaald_op: date) -> Besluit:
    """Register that the reclaimed amount of a decision (Awb 4:57) was repaid; finance only.

    The whole amount at once (a partial repayment is not recorded here). The date lies
    between the dispatch of the decision and today. What is paid so far on the claim is
    lowered by the amount (`aanvragen.selectors.betaald_op_besluit`).
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    check_actie(
        "terugbetaling_registreren",
        aanvraag,
        permissions.can_terugbetaling_registreren(door, besluit),
    )
    if besluit.terugbetaald_op is not None:
        raise WorkflowFout(
            _("De terugbetaling is al geregistreerd op %(datum)s.")
            % {"datum": lange_datum(besluit.terugbetaald_op)},
            code="dubbel",
        )
    _betaaldatum_controleren(besluit, terugbetaald_op)
    besluit.terugbetaald_op = terugbetaald_op
    besluit.save(update_fields=["terugbetaald_op"])
    StatusWijziging.objects.create(
        aanvraag=aanvraag,
        van=aanvraag.status,
        naar=aanvraag.status,
        door=door,
        toelichting=_("Terugbetaling van %(bedrag)s ontvangen op %(datum)s")
        % {"bedrag": euro(besluit.terugvordering), "datum": lange_datum(terugbetaald_op)},
    )
    return besluit


def _betaaldatum_controleren(besluit, betaald_op: date) -> None:
    """A payment is made between the dispatch of the decision and today.

    An earlier date (a typo such as 1900) would also count the payment in the budget of
    the wrong year.
    """
    if betaald_op > timezone.localdate():
        raise WorkflowFout(_("De betaaldatum kan niet in de toekomst liggen."), code="datum")
    verzonden = timezone.localdate(besluit.verzonden_op)
    if betaald_op < verzonden:
        raise WorkflowFout(
            _("De betaaldatum kan niet vóór de verzenddatum van het besluit (%(datum)s) liggen.")
            % {"datum": lange_datum(verzonden)},
            code="datum",
        )


def _dubbele_betaling_weigeren(besluit, *, betaald_op: date, bedrag: Decimal, referentie: str):
    """Refuse a payment identical to one already registered (a form sent twice)."""
    if besluit.betalingen.filter(
        betaald_op=betaald_op, bedrag=bedrag, referentie__iexact=referentie
    ).exists():
        raise WorkflowFout(
            _(
                "Deze betaling is al geregistreerd: %(bedrag)s op %(datum)s met "
                "betalingskenmerk %(referentie)s."
            )
            % {"bedrag": euro(bedrag), "datum": lange_datum(betaald_op), "referentie": referentie},
            code="dubbel",
        )


@transaction.atomic
def ingebrekestelling_registreren(*, aanvraag_id: int, door, ontvangen_op: date) -> Aanvraag:
    """Register a written notice of default for a late decision (Awb 4:17).

    The penalty accrues from two weeks later, moved to a working day by the Atw (see
    `selectors.dwangsom_stand`). A notice received on or before the decision deadline is
    premature and refused; the stored deadline is the one to compare with, because a
    request for information sent after the term ended does not revive it (Awb 4:15).
    """
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
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
            % {"datum": lange_datum(aanvraag.beslistermijn_einde)},
            code="te_vroeg",
        )
    aanvraag.ingebrekestelling_op = ontvangen_op
    aanvraag.save(update_fields=["ingebrekestelling_op", "gewijzigd_op"])
    return aanvraag
