"""Statutory terms of domain.md §6, as pure functions over dates (no ORM).

Day-counting conventions (checked against the Awb and Atw texts):

- A term of N weeks "after" or "from" an event starts on the day after the event (Awb 6:8
  says so for objections; for the others it is the general rule of Dutch term computation,
  the event day itself is never counted). Its last day, inclusive, is event + N*7 days: a
  term starting on Friday 6 March ends on a Friday. The action is in time on that last day.
- Atw art. 1: if that last day is a Saturday, Sunday or public holiday, the term runs up to
  and including the next working day (`kalender.volgende_werkdag`). Only the end of a term
  moves; days inside the term are counted as calendar days. Atw art. 2: a term of three
  days or more is extended "zoveel" (as far as needed) that it holds at least two working
  days (only relevant for short policy terms given in days; weeks-long terms always qualify).
- Awb 4:15(1)(a): a request to complete (4:5) that sets a term suspends the decision term
  "met ingang van de dag na" the request "tot de dag waarop" the application is completed or
  the completion term has expired unused. "tot" is exclusive: the suspended days are
  request+1 up to and including the day before the clock runs again. The clock runs again on
  the day the answer arrives (that day counts again), or, without an answer, on the day
  after the completion term's last day (only then has the term expired unused). So an answer
  on day C suspends C - request - 1 days; no answer suspends last_day - request days.
  A request without a term does not suspend (4:15 only covers a 4:5 request with a term).
  Overlapping suspensions are counted once per day.
- Only a running term can be suspended (4:15 suspends "de termijn voor het geven van de
  beschikking"; a term that has ended no longer exists). The decision term is therefore its
  first N*7 days after receipt that are not suspended: a suspended day moves the end only if
  it falls on or before the end as it stands. A request sent on or after the last day of the
  term suspends nothing, because the suspension starts on the day after it, when no day of
  the term is left (issue 12: request on the last day, Friday 1 May 2026, stays 1 May; a
  request after the term ended does not revive it). See `beslistermijn_einde` for a request
  on the days the Atw adds after a term that ends on a weekend or holiday.
- Awb 4:14(3): a postponement must be sent before the decision term ends; sending on the last
  day is in time. The postponement names a new end date, which replaces the computed one
  (it is a date chosen by the administration, returned exactly as sent); a suspension that
  starts after the postponement was sent, while the postponed term still runs, extends that
  date by its days (4:15 suspends "the" decision term, postponed or not).
- Awb 4:17(3): the first penalty day is the day on which two weeks have passed after the day
  the written notice of default was received (received on 1 June: first day 15 June). Those
  two weeks are a statutory term, so Atw art. 1 applies: when they end on a weekend or
  holiday, the first penalty day is the next working day (received Saturday 2 May 2026:
  two weeks end Saturday 16 May, first penalty day Monday 18 May). The 42 days of 4:17(1)
  are not moved: they cap the number of penalty days and are no term to act within. The
  decision day itself (or today, for an accrual to date) is not counted: the penalty runs
  "tot" the decision. 4:17(2): EUR 23 a day for the first 14 days, 35 for the next 14, 45
  for the rest; 4:17(1): at most 42 days, so at most EUR 1,442. A notice received on or
  before the last day of the decision term is premature and no notice of default (case law
  of the Council of State); pass `beslistermijn_einde` to have that checked.

Every function that rolls a date forward takes `extra`: additional holidays (see
`kalender`); `None` reads the configured `ExtraFeestdag` days (Atw art. 3(3)).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fondsbeveiliging.termijnen.kalender import extra_feestdagen, is_werkdag, volgende_werkdag

# Awb 4:17(3): the penalty starts two weeks after the notice of default was received.
DWANGSOM_WACHTTIJD_WEKEN = 2
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


def _opschortingsdagen(opschortingen: Iterable[Opschorting]) -> set[date]:
    """Return the union of the days the requests ask to suspend (each day once)."""
    dagen: set[date] = set()
    for opschorting in opschortingen:
        dagen |= opschorting.dagen()
    return dagen


def opschortingsdagen(opschortingen: Iterable[Opschorting]) -> int:
    """Return the number of distinct days the requests would suspend (Awb 4:15).

    This counts a request's days whether or not the decision term still ran; the days that
    actually moved a claim's term are `opgeschorte_dagen`.
    """
    return len(_opschortingsdagen(opschortingen))


def termijn_einde(
    start: date, *, weken: int = 0, dagen: int = 0, extra: Collection[date] | None = None
) -> date:
    """Return the last day of a term of `weken` weeks + `dagen` days after `start` (Atw applied).

    The term starts the day after `start`; the returned day is inclusive. Atw art. 2: a term
    of at least three days is extended "zoveel" (as far as needed, not by a fixed number of
    days) that it holds at least two working days, so a 3-day term from Thursday 2 April 2026
    (Good Friday, a weekend and Easter Monday follow) ends on Wednesday 8 April. Then Atw
    art. 1 moves an end on a weekend or holiday to the next working day.
    """
    extra = _extra(extra)
    einde = start + timedelta(weeks=weken, days=dagen)
    if (einde - start).days >= 3:
        while _werkdagen_tussen(start, einde, extra) < 2:
            einde += timedelta(days=1)
    return volgende_werkdag(einde, extra)


def _werkdagen_tussen(start: date, einde: date, extra: Collection[date]) -> int:
    """Count working days after `start` up to and including `einde`."""
    dagen = (einde - start).days
    return sum(is_werkdag(start + timedelta(days=i), extra) for i in range(1, dagen + 1))


def _extra(extra: Collection[date] | None) -> Collection[date]:
    """Resolve `extra`: None means the configured ExtraFeestdag days (Atw art. 3(3))."""
    return extra_feestdagen() if extra is None else extra


def _verschuiven(start: date, einde: date, opgeschort: Collection[date]) -> date:
    """Return `einde` moved one day for every suspended day after `start` the term still held.

    The days are taken in order: a suspended day counts only if it falls on or before the end
    as moved so far (Awb 4:15 suspends a running term; an ended one has nothing left). So a
    day counts exactly when it is on or before the returned end.
    """
    for dag in sorted(d for d in opgeschort if d > start):
        if dag > einde:
            break
        einde += timedelta(days=1)
    return einde


def _laatste_termijndag(
    ontvangen_op: date,
    weken: int,
    opgeschort: Collection[date],
    verdaagd_tot: date | None,
    verdaagd_op: date | None,
) -> date:
    """Return the decision term's last day before Atw art. 1 (why: see `beslistermijn_einde`)."""
    if verdaagd_tot is None:
        return _verschuiven(ontvangen_op, ontvangen_op + timedelta(weeks=weken), opgeschort)
    if verdaagd_op is None:
        return verdaagd_tot
    return _verschuiven(verdaagd_op, verdaagd_tot, opgeschort)


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

    The term is the first `weken` weeks of days after receipt (receipt day not counted) that
    are not suspended (4:15), then rolled forward to a working day (Atw art. 1). A suspended
    day counts only while the term still runs: a request sent on or after the term's last
    day suspends nothing (the suspension starts the day after the request, when no day of
    the term is left), and a request after the term ended does not revive it.

    A request on a day the Atw added (the last of the weeks fell on a weekend or holiday and
    art. 1 moved the end to the next working day; the request is sent on or after that last
    week day) also suspends nothing, and the deadline stays that working day. Reasoning: Atw
    art. 1 does not lengthen the term of 4:13; it "verlengt tot en met" the next working day
    only so that the last day to act is not a day the office is closed. 4:15 suspends the
    decision term itself, "met ingang van de dag na" the request; when the weeks of the term
    have all passed, nothing of it is left to suspend, exactly as for a request on the last
    day. Treating the added days as term days a suspension could carry over would apply the
    Atw twice: once to create those days and again to the end after the suspension. (A
    request before the last week day suspends that day and the rest; the Atw then applies
    once, to the new end.) We found no case law on this exact point; the rule follows from
    the text of both laws.

    A postponement (4:14) replaces the result with `verdaagd_tot`, exactly as named in the
    notice; only days suspended after the postponement was sent (`verdaagd_op`) while the
    postponed term still runs extend that date (then Atw art. 1 applies again). Without
    `verdaagd_op` no suspension extends a postponed date.
    """
    opgeschort = _opschortingsdagen(opschortingen)
    laatste = _laatste_termijndag(ontvangen_op, weken, opgeschort, verdaagd_tot, verdaagd_op)
    if verdaagd_tot is not None and laatste == verdaagd_tot:
        return verdaagd_tot
    return volgende_werkdag(laatste, extra)


def opschorting_mogelijk(
    verzocht_op: date,
    ontvangen_op: date,
    weken: int = 8,
    opschortingen: Iterable[Opschorting] = (),
    verdaagd_tot: date | None = None,
    *,
    verdaagd_op: date | None = None,
) -> bool:
    """Return True if a request with a term sent on `verzocht_op` would suspend the term.

    Awb 4:15: only while a day of the decision term is left after the request day, the same
    rule `beslistermijn_einde` applies; so the back office can warn before it is sent.
    `opschortingen` are the requests already sent.
    """
    opgeschort = _opschortingsdagen(opschortingen)
    laatste = _laatste_termijndag(ontvangen_op, weken, opgeschort, verdaagd_tot, verdaagd_op)
    return verzocht_op < laatste


def opgeschorte_dagen(
    ontvangen_op: date,
    weken: int = 8,
    opschortingen: Iterable[Opschorting] = (),
    verdaagd_tot: date | None = None,
    *,
    verdaagd_op: date | None = None,
) -> set[date]:
    """Return the suspended days that actually moved the decision term (Awb 4:15).

    A request's days after the term ended moved nothing, so a screen that counts them would
    contradict the stored deadline. With a postponement: the days up to the day it was sent
    that moved the original term (they are in the named date), plus the days after it that
    moved the postponed one.
    """
    opgeschort = _opschortingsdagen(opschortingen)
    oorspronkelijk = _laatste_termijndag(ontvangen_op, weken, opgeschort, None, None)
    voor = {d for d in opgeschort if ontvangen_op < d <= oorspronkelijk}
    if verdaagd_tot is None or verdaagd_op is None:
        return voor
    verdaagd = _verschuiven(verdaagd_op, verdaagd_tot, opgeschort)
    return {d for d in voor if d <= verdaagd_op} | {
        d for d in opgeschort if verdaagd_op < d <= verdaagd
    }


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


# Awb 6:9(2): an objection posted in time still counts if it arrives within a week after the
# term; Awb 7:10: the decision on it is due within six weeks, postponable once by six weeks.
NAZENDTERMIJN_WEKEN = 1
BEZWAAR_BESLISTERMIJN_WEKEN = 6
BEZWAAR_VERDAGING_WEKEN = 6


def bezwaar_uiterlijk_ontvangen(
    bezwaartermijn_einde: date, *, extra: Collection[date] | None = None
) -> date:
    """Return the last day an objection posted in time may arrive (Awb 6:9(2), Atw art. 1).

    One week after the last day of the objection term. When that day is not a working day it
    moves to the next one: a conservative choice (the week is a statutory term, so the Atw
    applies to it as to any other), so post arriving on the next working day still counts.
    """
    return volgende_werkdag(
        bezwaartermijn_einde + timedelta(weeks=NAZENDTERMIJN_WEKEN), _extra(extra)
    )


def bezwaar_tijdig(
    ontvangen_op: date,
    bezwaartermijn_einde: date,
    verzonden_op: date | None = None,
    *,
    extra: Collection[date] | None = None,
) -> bool:
    """Return True if an objection is in time (Awb 6:7, 6:8, 6:9).

    In time when received on or before the last day of the objection term (6:9(1)); or, sent
    by post (`verzonden_op`, the postmark) on or before that day, when received no later
    than a week after it (6:9(2), see `bezwaar_uiterlijk_ontvangen`). Term ends Monday 13
    April 2026: received 13 April in time; posted 13 April and received Monday 20 April in
    time; received Tuesday 21 April late, whenever posted.
    """
    if ontvangen_op <= bezwaartermijn_einde:
        return True
    return (
        verzonden_op is not None
        and verzonden_op <= bezwaartermijn_einde
        and ontvangen_op <= bezwaar_uiterlijk_ontvangen(bezwaartermijn_einde, extra=extra)
    )


def bezwaar_beslistermijn_einde(
    bezwaartermijn_einde: date,
    ontvangen_op: date,
    *,
    opschortingen: Iterable[Opschorting] = (),
    verdaagd_tot: date | None = None,
    uitstel_tot: date | None = None,
    verzonden_op: date | None = None,
    verdaagd_op: date | None = None,
    extra: Collection[date] | None = None,
) -> date:
    """Return the last day (inclusive) to decide on an objection (Awb 7:10, Atw art. 1).

    7:10(1): six weeks "gerekend vanaf de dag na die waarop de termijn voor het indienen van
    het bezwaarschrift is verstreken": for an objection in time (also one posted in time and
    received in the week after, 6:9(2); pass `verzonden_op`) the six weeks start the day
    after `bezwaartermijn_einde`, wherever in the term it arrived. For a late objection that
    term has long started or even ended, so the six weeks run from the day after receipt
    instead (a choice: the law does not say, and BZK must still decide on it, 6:11).

    7:10(2): a request to repair an omission (6:6) with a term suspends the decision term
    from the day after the request until the day it is repaired or the repair term ended
    unused: the same rule and day counting as a 4:5 request under 4:15 (`Opschorting`,
    `beslistermijn_einde`); only days of the running term count, so a request sent during
    the objection term suspends only the days after that term ended.

    7:10(3): a postponement of at most six weeks (see `verdaging_bezwaar_toegestaan`) names a
    new end, returned as named; days suspended after it was sent (`verdaagd_op`) extend it.
    7:10(4): a further delay with the objector's consent names its own date (`uitstel_tot`),
    which replaces every other end, exactly as agreed.
    """
    if uitstel_tot is not None:
        return uitstel_tot
    tijdig = bezwaar_tijdig(ontvangen_op, bezwaartermijn_einde, verzonden_op, extra=extra)
    start = bezwaartermijn_einde if tijdig else ontvangen_op
    opgeschort = _opschortingsdagen(opschortingen)
    laatste = _laatste_termijndag(
        start, BEZWAAR_BESLISTERMIJN_WEKEN, opgeschort, verdaagd_tot, verdaagd_op
    )
    if verdaagd_tot is not None and laatste == verdaagd_tot:
        return verdaagd_tot
    return volgende_werkdag(laatste, _extra(extra))


def bezwaar_verdaging_uiterlijk(
    huidige_einde: date, *, extra: Collection[date] | None = None
) -> date:
    """Return the latest date a postponement may name (Awb 7:10(3): at most six weeks, Atw)."""
    return termijn_einde(huidige_einde, weken=BEZWAAR_VERDAGING_WEKEN, extra=extra)


def verdaging_bezwaar_toegestaan(
    op: date,
    huidige_einde: date,
    nieuwe_einde: date,
    *,
    al_verdaagd: bool = False,
    extra: Collection[date] | None = None,
) -> bool:
    """Return True if a postponement of the decision on an objection is allowed (Awb 7:10(3)).

    Only once (`al_verdaagd`), sent on or before the last day of the current term (`op` <=
    `huidige_einde`, as for 4:14(3)), and naming a later date no more than six weeks after
    the current end (`bezwaar_verdaging_uiterlijk`, Atw applied). Anything longer needs the
    objector's consent (7:10(4)).
    """
    return (
        not al_verdaagd
        and op <= huidige_einde
        and huidige_einde < nieuwe_einde <= bezwaar_verdaging_uiterlijk(huidige_einde, extra=extra)
    )


def dwangsom_eerste_dag(
    ingebrekestelling_op: date, *, extra: Collection[date] | None = None
) -> date:
    """Return the first day the late-decision penalty is due (Awb 4:17(3), Atw art. 1).

    The day on which two weeks have passed after the day the notice of default was received:
    received 1 June, first day 15 June. The two weeks are a statutory term, so the Atw moves
    an end on a weekend or holiday to the next working day: received Saturday 2 May 2026,
    first day Monday 18 May (not Saturday 16 May). The case page's "loopt vanaf" and the
    amount both use this day. Assumes the decision term had already expired when the notice
    arrived (a premature notice is no valid notice of default).
    """
    return termijn_einde(ingebrekestelling_op, weken=DWANGSOM_WACHTTIJD_WEKEN, extra=extra)


def dwangsom_dagen(
    ingebrekestelling_op: date,
    beslist_op_of_vandaag: date,
    *,
    beslistermijn_einde: date | None = None,
    extra: Collection[date] | None = None,
) -> int:
    """Return the number of penalty days, 0..42 (Awb 4:17(1)); the end day is not counted.

    With `beslistermijn_einde`, a notice received on or before the last day of the decision
    term is premature (no valid notice of default, settled case law) and yields 0. The 42
    days cap the penalty and are no term to act within, so the Atw does not move them.
    """
    if beslistermijn_einde is not None and ingebrekestelling_op <= beslistermijn_einde:
        return 0
    eerste = dwangsom_eerste_dag(ingebrekestelling_op, extra=extra)
    return max(0, min((beslist_op_of_vandaag - eerste).days, DWANGSOM_MAX_DAGEN))


def dwangsom(
    ingebrekestelling_op: date,
    beslist_op_of_vandaag: date,
    *,
    beslistermijn_einde: date | None = None,
    extra: Collection[date] | None = None,
) -> Decimal:
    """Return the penalty in euros due for a late decision (Awb 4:17(1)-(3)); at most 1,442.

    `beslist_op_of_vandaag` is the decision day, or today for the accrual so far; that day
    itself is not counted. Pass `beslistermijn_einde` to treat a premature notice as none.
    """
    rest = dwangsom_dagen(
        ingebrekestelling_op,
        beslist_op_of_vandaag,
        beslistermijn_einde=beslistermijn_einde,
        extra=extra,
    )
    bedrag = Decimal("0")
    for dagen, per_dag in DWANGSOM_STAFFEL:
        deel = min(rest, dagen)
        bedrag += deel * per_dag
        rest -= deel
    return bedrag


# Awb 4:18: the penalty is fixed by decision within two weeks after its last day.
DWANGSOM_VASTSTELLING_WEKEN = 2


def dwangsom_laatste_dag(
    ingebrekestelling_op: date,
    beslist_op_of_vandaag: date,
    *,
    beslistermijn_einde: date | None = None,
    extra: Collection[date] | None = None,
) -> date | None:
    """Return the last day the penalty accrued so far (Awb 4:17), None when no day accrued.

    The day before the decision (the decision day itself is not counted), or the 42nd day:
    first day 15 June and the decision sent on 20 June gives 19 June (five days).
    """
    dagen = dwangsom_dagen(
        ingebrekestelling_op,
        beslist_op_of_vandaag,
        beslistermijn_einde=beslistermijn_einde,
        extra=extra,
    )
    if dagen == 0:
        return None
    return dwangsom_eerste_dag(ingebrekestelling_op, extra=extra) + timedelta(days=dagen - 1)


def dwangsom_gestopt(
    ingebrekestelling_op: date, beslist_op: date | None, vandaag: date, **kwargs
) -> bool:
    """True once the penalty no longer accrues: the decision was sent, or 42 days passed."""
    if beslist_op is not None:
        return True
    return dwangsom_dagen(ingebrekestelling_op, vandaag, **kwargs) >= DWANGSOM_MAX_DAGEN


def dwangsom_vaststellen_uiterlijk(
    laatste_dag: date, *, extra: Collection[date] | None = None
) -> date:
    """Return the last day to fix the penalty by decision (Awb 4:18, Atw).

    Two weeks after the last day on which the penalty accrued; that day is not counted.
    """
    return termijn_einde(laatste_dag, weken=DWANGSOM_VASTSTELLING_WEKEN, extra=extra)
