"""Deadline engine: Algemene termijnenwet calendar and the statutory terms of domain.md §6.

Public API (all dates are `datetime.date`; every returned end date is the last day of the
term, inclusive; `extra` is an optional collection of extra holidays, `None` = the days
configured in the admin as `ExtraFeestdag`, `frozenset()` = none, no database needed):

`fondsbeveiliging.termijnen.kalender`
    feestdagen(jaar) -> dict[date, str]          Atw holidays of a year (name by date)
    is_feestdag(d, extra=None) -> bool
    is_werkdag(d, extra=None) -> bool            not Sat/Sun/holiday/extra day
    volgende_werkdag(d, extra=None) -> date      d itself if a working day (Atw art. 1)
    paasdatum(jaar), koningsdag(jaar) -> date
    extra_feestdagen() -> frozenset[date]        configured days (cached a minute per process)

`fondsbeveiliging.termijnen.berekening` (pure, no ORM)
    Opschorting(verzocht_op, termijn_tot=None, aangevuld_op=None)   a 4:5 request (frozen
        dataclass); .dagen() -> set of days it asks to suspend, .hervat_op() -> date | None
    opschortingsdagen(opschortingen) -> int   distinct days asked, whether the term ran or not
    beslistermijn_einde(ontvangen_op, weken=8, opschortingen=(), verdaagd_tot=None,
                        *, verdaagd_op=None, extra=None) -> date    Awb 4:13/4:14/4:15
        (a suspended day counts only while the term runs: a request on or after the last
        day suspends nothing; a postponement returns verdaagd_tot as named; days suspended
        after verdaagd_op, the day the postponement was sent, extend it)
    opschorting_mogelijk(verzocht_op, ontvangen_op, weken=8, opschortingen=(),
                         verdaagd_tot=None, *, verdaagd_op=None) -> bool   would it suspend?
    opgeschorte_dagen(ontvangen_op, weken=8, opschortingen=(), verdaagd_tot=None,
                      *, verdaagd_op=None) -> set[date]   the days that moved the term
    verdaging_toegestaan(op, huidige_einde) -> bool                 Awb 4:14(3)
    hersteltermijn_einde(verzocht_op, weken=2, dagen=0, *, extra=None) -> date      4:5
    zienswijzetermijn_einde(verzonden_op, weken=2, dagen=0, *, extra=None) -> date  4:7
    betaaltermijn_einde(verzonden_op, weken=6, *, extra=None) -> date               4:87
    bezwaartermijn_einde(verzonden_op, *, extra=None) -> date  (six weeks by law)   6:7/6:8
    bezwaar_uiterlijk_ontvangen(bezwaartermijn_einde, *, extra=None) -> date    6:9(2)
        the term's last day + one week (Atw): the last day an objection posted in time arrives
    bezwaar_tijdig(ontvangen_op, bezwaartermijn_einde, verzonden_op=None, *, extra=None)
        -> bool   6:7/6:8/6:9: received by the last day, or posted by it and received within
        the week after
    bezwaar_beslistermijn_einde(bezwaartermijn_einde, ontvangen_op, *, opschortingen=(),
        verdaagd_tot=None, uitstel_tot=None, verzonden_op=None, verdaagd_op=None,
        extra=None) -> date   7:10: six weeks from the day after the objection term (a late
        objection: after receipt), suspended by 6:6 repair requests (`Opschorting`, 7:10(2)),
        a postponement as named (7:10(3)), a delay with consent replaces it (7:10(4))
    bezwaar_verdaging_uiterlijk(huidige_einde, *, extra=None) -> date   7:10(3) latest date
    verdaging_bezwaar_toegestaan(op, huidige_einde, nieuwe_einde, *, al_verdaagd=False,
        extra=None) -> bool   once, sent by the last day, at most six weeks later
    termijn_einde(start, *, weken=0, dagen=0, extra=None) -> date   generic: start + term,
        Atw art. 2 (a term of 3+ days extended as far as needed to hold two working days)
        and art. 1
    dwangsom(ingebrekestelling_op, beslist_op_of_vandaag, *, beslistermijn_einde=None,
             extra=None) -> Decimal                    Awb 4:17, at most 1442
    dwangsom_eerste_dag(ingebrekestelling_op, *, extra=None) -> date
        notice + 14 days, moved to a working day (Atw art. 1)
    dwangsom_dagen(ingebrekestelling_op, beslist_op_of_vandaag, *, beslistermijn_einde=None,
                   extra=None) -> int 0..42  (a notice on/before beslistermijn_einde is
        premature: 0)
    dwangsom_laatste_dag(ingebrekestelling_op, beslist_op_of_vandaag, *,
                         beslistermijn_einde=None, extra=None) -> date | None
        the last day the penalty accrued (the day before the decision, or the 42nd day)
    dwangsom_gestopt(ingebrekestelling_op, beslist_op, vandaag, **kw) -> bool
        decision sent, or 42 days accrued
    dwangsom_vaststellen_uiterlijk(laatste_dag, *, extra=None) -> date
        Awb 4:18: fix the penalty by decision within two weeks after its last day

`fondsbeveiliging.termijnen.models.ExtraFeestdag(datum, omschrijving, koninklijk_besluit)`:
extra general holidays by Royal Decree (Atw art. 3(3)), managed in the admin by the
functioneel beheerder; every function above reads them when `extra` is None.

The day-counting conventions are stated in the `berekening` module docstring. Store the
computed dates on the case so a letter and the screen always agree.
"""
