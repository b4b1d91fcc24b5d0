"""Statutory terms of domain.md §6, as pure functions over dates (no ORM).

Day-counting conventions (checked against the Awb and Atw texts):

- A term of N weeks "after" or "from" an event starts on the day after the event (Awb 6:8
  says so for objections; for the others it is the general rule of Dutch term computation,
  the event day itself is never counted). Its last day, inclusive, is event + N*7 days: a
  term starting on Friday 6 March ends on a Friday. The action is in time on that last day.
- Atw art. 1: if that last day is a Saturday, Sunday or public holiday, the term runs up to
  and including the next working day (`kalender.volgende_werkdag`). Only the end of a term
  moves; days inside the term are counted as calendar days. Atw art. 2: a term of three
  days or more is first extended by at most two days so it holds two working days (only
  relevant for short policy terms given in days; weeks-long terms always qualify).
- Awb 4:15(1)(a): a request to complete (4:5) that sets a term suspends the decision term
  "met ingang van de dag na" the request "tot de dag waarop" the application is completed or
  the completion term has expired unused. "tot" is exclusive: the suspended days are
  request+1 up to and including the day before the clock runs again. The clock runs again on
  the day the answer arrives (that day counts again), or, without an answer, on the day
  after the completion term's last day (only then has the term expired unused). So an answer
  on day C suspends C - request - 1 days; no answer suspends last_day - request days.
  A request without a term does not suspend (4:15 only covers a 4:5 request with a term).
  Overlapping suspensions are counted once per day.
- Awb 4:14(3): a postponement must be sent before the decision term ends; sending on the last
  day is in time. The postponement names a new end date, which replaces the computed one
  (it is a date chosen by the administration, returned exactly as sent); a suspension that
  starts after the postponement was sent extends that date by its days (4:15 suspends
  "the" decision term, postponed or not).
- Awb 4:17(3): the first penalty day is the day on which two weeks have passed after the day
  the written notice of default was received (received on 1 June: first day 15 June). The
  decision day itself (or today, for an accrual to date) is not counted: the penalty runs
  "tot" the decision. 4:17(2): EUR 23 a day for the first 14 days, 35 for the next 14, 45 for
  the rest; 4:17(1): at most 42 days, so at most EUR 1,442. A notice received on or before
  the last day of the decision term is premature and no notice of default (case law of the
  Council of State); pass `beslistermijn_einde` to have that checked.

Every function that rolls a date forward takes `extra`: additional holidays (see
`kalender`); `None` reads the configured `ExtraFeestdag` days.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fondsbeveiliging.termijnen.kalender import extra_feestdagen, is_werkdag, volgende_werkdag

DWANGSOM_WACHTTIJD = timedelta(weeks=2)
DWANGSOM_MAX_DAGEN = 42
DWANGSOM_STAFFEL = ((14, Decimal("23")), (14, Decimal("35")), (14, Decimal("45")))


@dataclass(frozen=True)
class Opschorting:
    """A 4:5 request for information and its effect on the decision term (4:15).

    verzocht_op: the day the request was sent.
    termijn_tot: the last day (inclusive) to answer; None if the request set no term, in
        which case the decision term is not suspended.
    aangevuld_op: the day the answer arrived, or None (not answered yet / never). While
        unanswered, the suspension is assumed to last until the term expires, so the
        computed decision date is a forecast that can only move earlier when the answer
        arrives.
    """

    verzocht_op: date
    termijn_tot: date | None = None
    aangevuld_op: date | None = None

    def hervat_op(self) -> date | None:
        """Return the first day the decision clock runs again, or None if never suspended."""
        if self.termijn_tot is None:
            return None
        na_termijn = self.termijn_tot + timedelta(days=1)
        if self.aangevuld_op is not None and self.aangevuld_op < na_termijn:
            return max(self.aangevuld_op, self.verzocht_op + timedelta(days=1))
        return na_termijn

    def dagen(self) -> set[date]:
        """Return the suspended days: request+1 up to and including the day before resumption."""
        hervat = self.hervat_op()
        if hervat is None:
            return set()
        eerste = self.verzocht_op + timedelta(days=1)
        return {eerste + timedelta(days=i) for i in range((hervat - eerste).days)}


def opschortingsdagen(opschortingen: Iterable[Opschorting]) -> int:
    """Return the number of distinct suspended days over all suspensions (Awb 4:15)."""
    dagen: set[date] = set()
    for opschorting in opschortingen:
        dagen |= opschorting.dagen()
    return len(dagen)


def termijn_einde(
    start: date, *, weken: int = 0, dagen: int = 0, extra: Collection[date] | None = None
) -> date:
    """Return the last day of a term of `weken` weeks + `dagen` days after `start` (Atw applied).

    The term starts the day after `start`; the returned day is inclusive. Atw art. 2: a term
    of at least three days is extended by one or two days (no more) where needed so that it
    holds at least two working days (only matters for short terms in days); then Atw art. 1
    moves an end on a weekend or holiday to the next working day.
    """
    extra = _extra(extra)
    einde = start + timedelta(weeks=weken, days=dagen)
    if (einde - start).days >= 3:
        for _ in range(2):  # "met een of twee dagen": at most two days
            if _werkdagen_tussen(start, einde, extra) >= 2:
                break
            einde += timedelta(days=1)
    return volgende_werkdag(einde, extra)


def _werkdagen_tussen(start: date, einde: date, extra: Collection[date]) -> int:
    """Count working days after `start` up to and including `einde`."""
    dagen = (einde - start).days
    return sum(is_werkdag(start + timedelta(days=i), extra) for i in range(1, dagen + 1))


def _extra(extra: Collection[date] | None) -> Collection[date]:
    return extra_feestdagen() if extra is None else extra


def beslistermijn_einde(
    ontvangen_op: date,
    weken: int = 8,
    opschortingen: Iterable[Opschorting] = (),
    verdaagd_tot: date | None = None,
    *,
    verdaagd_op: date | None = None,
    extra: Collection[date] | None = None,
) -> date:
    """Return the last day (inclusive) to decide on an application (Awb 4:13, 4:14, 4:15).

    Receipt + `weken` weeks (receipt day not counted), plus the suspended days (4:15), then
    rolled forward to a working day (Atw art. 1). A postponement (4:14) replaces the result
    with `verdaagd_tot`, exactly as named in the notice; only days suspended after the
    postponement was sent (`verdaagd_op`) extend that date further (then Atw art. 1 applies
    again). Without `verdaagd_op` no suspension extends a postponed date.
    """
    opschortingen = list(opschortingen)
    if verdaagd_tot is not None:
        na_verdaging = _dagen_na(opschortingen, verdaagd_op) if verdaagd_op else 0
        if not na_verdaging:
            return verdaagd_tot
        return volgende_werkdag(verdaagd_tot + timedelta(days=na_verdaging), extra)
    einde = ontvangen_op + timedelta(weeks=weken, days=opschortingsdagen(opschortingen))
    return volgende_werkdag(einde, extra)


def _dagen_na(opschortingen: Iterable[Opschorting], na: date) -> int:
    """Count distinct suspended days after `na`."""
    dagen: set[date] = set()
    for opschorting in opschortingen:
        dagen |= opschorting.dagen()
    return sum(1 for dag in dagen if dag > na)


def verdaging_toegestaan(op: date, huidige_einde: date) -> bool:
    """Return True if a postponement sent on `op` is in time (Awb 4:14(3): before the term ends).

    The last day of the term (`huidige_einde`, inclusive) is still in time.
    """
    return op <= huidige_einde


def hersteltermijn_einde(
    verzocht_op: date, weken: int = 2, dagen: int = 0, *, extra: Collection[date] | None = None
) -> date:
    """Return the last day (inclusive) to complete an application (Awb 4:5; policy term, Atw)."""
    return termijn_einde(verzocht_op, weken=weken, dagen=dagen, extra=extra)


def zienswijzetermijn_einde(
    verzonden_op: date, weken: int = 2, dagen: int = 0, *, extra: Collection[date] | None = None
) -> date:
    """Return the last day (inclusive) to give a view on an intended refusal (Awb 4:7, Atw)."""
    return termijn_einde(verzonden_op, weken=weken, dagen=dagen, extra=extra)


def betaaltermijn_einde(
    verzonden_op: date, weken: int = 6, *, extra: Collection[date] | None = None
) -> date:
    """Return the last day (inclusive) to pay a granted amount (Awb 4:87(1), Atw).

    Six weeks after the decision was made known (sent); the sending day is not counted.
    """
    return termijn_einde(verzonden_op, weken=weken, extra=extra)


# Awb 6:7: the objection term is six weeks by law; no policy version can change it.
BEZWAARTERMIJN_WEKEN = 6


def bezwaartermijn_einde(verzonden_op: date, *, extra: Collection[date] | None = None) -> date:
    """Return the last day (inclusive) to object (Awb 6:7, 6:8(1), Atw art. 1).

    The term starts on the day after dispatch and lasts six weeks: sent on Monday 2 March
    2026, the last day is Monday 13 April 2026.
    """
    return termijn_einde(verzonden_op, weken=BEZWAARTERMIJN_WEKEN, extra=extra)


def dwangsom_eerste_dag(ingebrekestelling_op: date) -> date:
    """Return the first day the late-decision penalty is due (Awb 4:17(3)).

    Two weeks after the day the notice of default was received: received 1 June, first
    day 15 June. Assumes the decision term had already expired when the notice arrived (a
    premature notice is no valid notice of default).
    """
    return ingebrekestelling_op + DWANGSOM_WACHTTIJD


def dwangsom_dagen(
    ingebrekestelling_op: date,
    beslist_op_of_vandaag: date,
    *,
    beslistermijn_einde: date | None = None,
) -> int:
    """Return the number of penalty days, 0..42 (Awb 4:17(1)); the end day is not counted.

    With `beslistermijn_einde`, a notice received on or before the last day of the decision
    term is premature (no valid notice of default, settled case law) and yields 0.
    """
    if beslistermijn_einde is not None and ingebrekestelling_op <= beslistermijn_einde:
        return 0
    dagen = (beslist_op_of_vandaag - dwangsom_eerste_dag(ingebrekestelling_op)).days
    return max(0, min(dagen, DWANGSOM_MAX_DAGEN))


def dwangsom(
    ingebrekestelling_op: date,
    beslist_op_of_vandaag: date,
    *,
    beslistermijn_einde: date | None = None,
) -> Decimal:
    """Return the penalty in euros due for a late decision (Awb 4:17(1)-(3)); at most 1,442.

    `beslist_op_of_vandaag` is the decision day, or today for the accrual so far; that day
    itself is not counted. Pass `beslistermijn_einde` to treat a premature notice as none.
    """
    rest = dwangsom_dagen(
        ingebrekestelling_op, beslist_op_of_vandaag, beslistermijn_einde=beslistermijn_einde
    )
    bedrag = Decimal("0")
    for dagen, per_dag in DWANGSOM_STAFFEL:
        deel = min(rest, dagen)
        bedrag += deel * per_dag
        rest -= deel
    return bedrag
