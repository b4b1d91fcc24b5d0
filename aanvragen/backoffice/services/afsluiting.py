"""Closing finished cases automatically: verzonden -> [betaald] -> afgesloten (domain.md §5).

Nobody closes a case by hand: once no objection or appeal term runs, no objection is open
and nothing is left to pay or to reclaim,
a daily task (`tasks.zaken_afsluiten_task`) closes it, as the system (`door=None`, the
same actor `aanvragen.kern.besluit_verzenden` records when a decision letter goes out).
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import lange_datum
from fondsbeveiliging.termijnen.berekening import NAZENDTERMIJN_WEKEN, bezwaar_uiterlijk_ontvangen

from ...constants import AanvraagStatus, BesluitSoort, BesluitStatus
from ...kern import status_wijzigen
from ...models import Aanvraag, Besluit, Bezwaar
from ..selectors import _uitstaande_besluiten

logger = logging.getLogger(__name__)

S = AanvraagStatus
AFSLUITBARE_STATUSSEN = (S.VERZONDEN, S.BETAALD, S.BEZWAAR_BESLIST)
# Awb 6:9(2): an objection posted by the last day of the term is in time if it arrives
# within a week after the term (the one rule: `berekening.bezwaar_uiterlijk_ontvangen`).
# An appeal to the court is counted the same way (8:1 with 6:9(2)).
NAZENDTERMIJN = timedelta(weeks=NAZENDTERMIJN_WEKEN)
LIMIET = 500


def _laatste_termijn() -> Subquery:
    """The latest objection or appeal term end among the claim's (OuterRef "pk") sent decisions."""
    einde = Coalesce("beroepstermijn_einde", "bezwaartermijn_einde")
    return Subquery(
        Besluit.objects.filter(aanvraag=OuterRef("pk"), status=BesluitStatus.VERZONDEN)
        .annotate(einde=einde)
        .order_by(F("einde").desc(nulls_last=True))
        .values("einde")[:1]
    )


def _huidig(veld: str) -> Subquery:
    """A field of the claim's current sent decision (the highest version fixing its amount)."""
    return Subquery(
        Besluit.objects.filter(
            aanvraag=OuterRef("pk"), status=BesluitStatus.VERZONDEN, regelt_aanvraag=True
        )
        .order_by("-versie")
        .values(veld)[:1]
    )


def _afsluitbare_aanvragen(vandaag: date) -> QuerySet[Aanvraag]:
    """Claims that meet the closing rules (see `zaken_afsluiten`), with `laatste_termijn`.

    The Atw roll of `bezwaar_uiterlijk_ontvangen` is checked per row afterwards; this query
    uses the plain week, which can only let through a few days too many, never too few.
    """
    in_behandeling = Besluit.objects.filter(
        aanvraag=OuterRef("pk"), status__in=[BesluitStatus.CONCEPT, BesluitStatus.GOEDGEKEURD]
    )
    beslist = Besluit.objects.filter(
        bezwaar=OuterRef("pk"), soort=BesluitSoort.BEZWAAR, status=BesluitStatus.VERZONDEN
    )
    open_bezwaar = Bezwaar.objects.filter(
        besluit__aanvraag=OuterRef("pk"), ingetrokken_op__isnull=True
    ).exclude(Exists(beslist))
    te_betalen = _uitstaande_besluiten().filter(
        aanvraag=OuterRef("pk"), status=BesluitStatus.VERZONDEN
    )
    terug_te_vorderen = Besluit.objects.filter(
        aanvraag=OuterRef("pk"),
        status=BesluitStatus.VERZONDEN,
        terugvordering__gt=0,
        terugbetaald_op__isnull=True,
    )
    return (
        Aanvraag.objects.filter(status__in=AFSLUITBARE_STATUSSEN)
        .annotate(laatste_termijn=_laatste_termijn(), huidig_bedrag=_huidig("bedrag_toegekend"))
        .filter(laatste_termijn__lt=vandaag - NAZENDTERMIJN)
        .filter(
            ~Exists(in_behandeling),
            ~Exists(open_bezwaar),
            ~Exists(te_betalen),
            ~Exists(terug_te_vorderen),
        )
    )


def zaken_afsluiten(*, vandaag: date | None = None, limiet: int = LIMIET) -> list[int]:
    """Close every claim whose case is finished; return the ids of the claims closed.

    A claim in status verzonden, betaald or bezwaar beslist is closed when all of these hold:
    (a) no objection or appeal term runs: the latest term recorded at dispatch on any of its
        sent decisions (`Besluit.bezwaartermijn_einde`, or for a decision on objection
        `beroepstermijn_einde`: six weeks from the day after dispatch, Atw applied) has
        ended, plus one week: an objection or appeal posted on the last day still counts if
        it arrives within a week (Awb 6:9(2)); the extra week is rolled to a working day too
        (see `bezwaar_uiterlijk_ontvangen`). The claim closes on the day after that;
    (b) no objection is open (every objection is decided by a sent decision on it, or
        withdrawn), and no decision is in draft or approved;
    (c) nothing is left to pay: no sent decision (the current one, a dwangsom decision) has
        an amount above what is paid on it (a correction counts the payments on the
        decisions it replaced), and no reclaimed amount (4:57) waits for its repayment.
    A granted claim still "verzonden" (or "bezwaar beslist") although fully paid is first
    marked betaald, as `betaling_registreren` would have done, so every paid case has that
    step in its history.

    Every status change goes through `status_wijzigen` with `door=None` (the system). Each
    claim is locked in its own transaction, skipping one another action holds right now
    (it is tried again on the next run), and checked again under the lock. At most `limiet`
    claims are looked at per run, oldest term first. Safe to run twice: a closed claim no
    longer matches.
    """
    vandaag = vandaag or timezone.localdate()
    kandidaten = list(
        _afsluitbare_aanvragen(vandaag)
        .order_by("laatste_termijn", "pk")
        .values_list("pk", flat=True)[:limiet]
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
    rij = _afsluitbare_aanvragen(vandaag).filter(pk=aanvraag_id).first()
    if rij is None or vandaag <= bezwaar_uiterlijk_ontvangen(rij.laatste_termijn):
        return False
    if aanvraag.status in (S.VERZONDEN, S.BEZWAAR_BESLIST) and (rij.huidig_bedrag or 0) > 0:
        status_wijzigen(
            aanvraag,
            S.BETAALD,
            door=None,
            toelichting=_("Volledig betaald (vastgesteld bij het afsluiten)"),
        )
    if aanvraag.statushistorie.filter(naar=S.BEZWAAR_BESLIST).exists():
        toelichting = _(
            "Afgesloten: beroepstermijn verstreken op %(datum)s, geen bezwaar open, niets "
            "meer te betalen"
        )
    else:
        toelichting = _(
            "Afgesloten: bezwaartermijn verstreken op %(datum)s, geen bezwaar ontvangen, "
            "niets meer te betalen"
        )
    status_wijzigen(
        aanvraag,
        S.AFGESLOTEN,
        door=None,
        toelichting=toelichting % {"datum": lange_datum(rij.laatste_termijn)},
    )
    return True
