"""After the decision: payments, objections and a notice of default for a late decision.

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
from ...models import Aanvraag, Betaling, Bezwaar
from .. import hooks, permissions, selectors
from .basis import S, check_actie, verplicht


@transaction.atomic
def betaling_registreren(
    *, besluit_id: int, door, betaald_op: date, bedrag: Decimal, referentie: str
) -> Betaling:
    """Register a (partial) payment of a sent decision; finance only.

    The total paid may not exceed the granted amount. When it reaches it, a claim with
    status verzonden becomes betaald.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    check_actie(
        "betaling_registreren", aanvraag, permissions.can_betaling_registreren(door, besluit)
    )
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
    if al_betaald + bedrag == besluit.bedrag_toegekend and aanvraag.status == S.VERZONDEN:
        status_wijzigen(
            aanvraag,
            S.BETAALD,
            door=door,
            toelichting=_("Betaald: %(bedrag)s") % {"bedrag": euro(besluit.bedrag_toegekend)},
        )
    return betaling


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
def bezwaar_registreren(
    *, besluit_id: int, door, ontvangen_op: date, toelichting: str = ""
) -> Bezwaar:
    """Register an objection against a sent decision (Awb 6:4); a late one is noted as such."""
    aanvraag, besluit = lock_besluit(besluit_id)
    check_actie("bezwaar_registreren", aanvraag, permissions.can_bezwaar_registreren(door, besluit))
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
    notitie = _("Bezwaar ontvangen op %(datum)s") % {"datum": lange_datum(ontvangen_op)}
    if besluit.bezwaartermijn_einde and ontvangen_op > besluit.bezwaartermijn_einde:
        notitie += _(" (na de bezwaartermijn)")
    status_wijzigen(aanvraag, S.BEZWAAR, door=door, toelichting=notitie)
    return bezwaar


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
