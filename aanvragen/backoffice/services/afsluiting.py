"""Closing finished cases automatically: verzonden -> [betaald] -> afgesloten (domain.md §5).

Nobody closes a case by hand: once the objection term is over and nothing is left to pay,
a daily task (`tasks.zaken_afsluiten_task`) closes it, as the system (`door=None`, the
same actor `aanvragen.kern.besluit_verzenden` records when a decision letter goes out).
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import lange_datum
from fondsbeveiliging.termijnen.kalender import volgende_werkdag

from ...constants import AanvraagStatus, BesluitStatus
from ...kern import status_wijzigen
from ...models import Aanvraag, Besluit, Bezwaar
from ...selectors import betaald_op_besluit

logger = logging.getLogger(__name__)

S = AanvraagStatus
AFSLUITBARE_STATUSSEN = (S.VERZONDEN, S.BETAALD)
# Awb 6:9(2): an objection posted by the last day of the term is in time if it arrives
# within a week after the term.
NAZENDTERMIJN = timedelta(weeks=1)
LIMIET = 500


def bezwaar_uiterlijk_ontvangen(bezwaartermijn_einde: date) -> date:
    """Return the last day an objection posted in time can still arrive (Awb 6:9(2)).

    One week after the recorded end of the objection term. When that day is not a working
    day it moves to the next one (Atw art. 1), a conservative choice: post that arrives on
    the next working day then still finds the case open, and closing a day later costs
    nothing.
    """
    return volgende_werkdag(bezwaartermijn_einde + NAZENDTERMIJN)


def _afsluitbare_besluiten(vandaag: date) -> QuerySet[Besluit]:
    """Current sent decisions of claims that meet the closing rules (see `zaken_afsluiten`).

    The Atw roll of `bezwaar_uiterlijk_ontvangen` is checked per row afterwards; this query
    uses the plain week, which can only let through a few days too many, never too few.
    """
    hoogste_versie = (
        Besluit.objects.filter(aanvraag=OuterRef("aanvraag")).order_by("-versie").values("versie")
    )
    return (
        Besluit.objects.filter(
            aanvraag__status__in=AFSLUITBARE_STATUSSEN,
            status=BesluitStatus.VERZONDEN,
            versie=Subquery(hoogste_versie[:1]),
            bezwaartermijn_einde__lt=vandaag - NAZENDTERMIJN,
        )
        .filter(~Exists(Bezwaar.objects.filter(besluit__aanvraag=OuterRef("aanvraag"))))
        .annotate(betaald=betaald_op_besluit())
        .filter(betaald__gte=F("bedrag_toegekend"))
    )


def zaken_afsluiten(*, vandaag: date | None = None, limiet: int = LIMIET) -> list[int]:
    """Close every claim whose case is finished; return the ids of the claims closed.

    A claim in status verzonden or betaald is closed when all of these hold:
    (a) the objection term of its current decision (the highest version, which must be
        sent) has ended, plus one week: an objection posted on the last day still counts if
        it arrives within a week (Awb 6:9(2)). The term end is the one recorded at dispatch
        (`Besluit.bezwaartermijn_einde`: six weeks from the day after dispatch, Atw
        applied); the extra week is rolled to a working day too (see
        `bezwaar_uiterlijk_ontvangen`). The claim closes on the day after that;
    (b) no objection is registered against any decision of the claim (such a claim has
        status bezwaar anyway; checked all the same);
    (c) nothing is left to pay: the granted amount is 0 (refused, not considered) or the
        payments registered on the current decision add up to at least that amount.
    A granted claim still "verzonden" although fully paid is first marked betaald, as
    `betaling_registreren` would have done, so every paid case has that step in its history.

    Every status change goes through `status_wijzigen` with `door=None` (the system). Each
    claim is locked in its own transaction, skipping one another action holds right now
    (it is tried again on the next run), and checked again under the lock. At most `limiet`
    claims are looked at per run, oldest objection term first. Safe to run twice: a closed
    claim no longer matches.
    """
    vandaag = vandaag or timezone.localdate()
    kandidaten = list(
        _afsluitbare_besluiten(vandaag)
        .order_by("bezwaartermijn_einde", "aanvraag_id")
        .values_list("aanvraag_id", flat=True)[:limiet]
    )
    gesloten = [pk for pk in kandidaten if _zaak_afsluiten(pk, vandaag)]
    logger.info("zaken_afgesloten aantal=%s kandidaten=%s", len(gesloten), len(kandidaten))
    return gesloten


@transaction.atomic
def _zaak_afsluiten(aanvraag_id: int, vandaag: date) -> bool:
    """Lock one claim, check the rules again and close it; False when it stays open."""
    aanvraag = (
        Aanvraag.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(pk=aanvraag_id)
        .first()
    )
    if aanvraag is None:
        return False
    # Read after the lock, so a payment or objection committed meanwhile is seen.
    besluit = _afsluitbare_besluiten(vandaag).filter(aanvraag_id=aanvraag_id).first()
    if besluit is None or vandaag <= bezwaar_uiterlijk_ontvangen(besluit.bezwaartermijn_einde):
        return False
    if aanvraag.status == S.VERZONDEN and besluit.bedrag_toegekend > 0:
        status_wijzigen(
            aanvraag,
            S.BETAALD,
            door=None,
            toelichting=_("Volledig betaald (vastgesteld bij het afsluiten)"),
        )
    status_wijzigen(
        aanvraag,
        S.AFGESLOTEN,
        door=None,
        toelichting=_(
            "Afgesloten: bezwaartermijn verstreken op %(datum)s, geen bezwaar ontvangen, "
            "niets meer te betalen"
        )
        % {"datum": lange_datum(besluit.bezwaartermijn_einde)},
    )
    return True
