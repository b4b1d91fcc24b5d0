"""Invariants of the deadline engine over generated dates (Hypothesis).

Fixed-date tests show single cases; these check rules that must hold for every date: a term
ends on a working day, a request after the term ended moves nothing, and a postponement
survives every later recomputation by the claim's core. Example counts stay modest so the
file runs in a few seconds; `database=None` keeps Hypothesis from writing an example store
into the working tree.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fondsbeveiliging.termijnen.berekening import (
    Opschorting,
    beslistermijn_einde,
    dwangsom_eerste_dag,
    termijn_einde,
)
from fondsbeveiliging.termijnen.kalender import is_werkdag

AMS = ZoneInfo("Europe/Amsterdam")
SNEL = settings(max_examples=150, deadline=None, database=None)

datums = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))
# Extra days by Royal Decree: a few dates near the generated ones (2024-2033).
extra_dagen = st.frozensets(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2033, 12, 31)), max_size=4
)


@st.composite
def verzoeken(draw, na: date, *, binnen_dagen: int = 120, max_aantal: int = 3):
    """Requests for information sent after `na`: with or without a term, answered or not."""
    resultaat = []
    for _ in range(draw(st.integers(0, max_aantal))):
        verzocht = na + timedelta(days=draw(st.integers(0, binnen_dagen)))
        termijn = draw(st.none() | st.integers(1, 42).map(lambda n: verzocht + timedelta(n)))
        antwoord = draw(st.none() | st.integers(0, 60).map(lambda n: verzocht + timedelta(n)))
        resultaat.append(Opschorting(verzocht, termijn, antwoord))
    return resultaat


@SNEL
@given(ontvangen=datums, weken=st.integers(1, 12), data=st.data(), extra=extra_dagen)
def test_a_decision_term_never_ends_on_a_non_working_day(ontvangen, weken, data, extra):
    """Whatever the suspensions, the decision term ends on a working day (Atw art. 1)."""
    opschortingen = data.draw(verzoeken(ontvangen))
    einde = beslistermijn_einde(ontvangen, weken, opschortingen, extra=extra)
    assert is_werkdag(einde, extra)
    assert einde >= ontvangen + timedelta(weeks=weken)


@SNEL
@given(start=datums, weken=st.integers(0, 8), dagen=st.integers(0, 20), extra=extra_dagen)
def test_every_other_term_ends_on_a_working_day(start, weken, dagen, extra):
    """Completion, view, payment and objection terms and the penalty's two weeks end on a
    working day; a term of three days or more holds at least two working days (Atw art. 2)."""
    einde = termijn_einde(start, weken=weken, dagen=dagen, extra=extra)
    assert is_werkdag(einde, extra)
    assert einde >= start + timedelta(weeks=weken, days=dagen)
    if weken * 7 + dagen >= 3:
        binnen = [start + timedelta(days=i) for i in range(1, (einde - start).days + 1)]
        assert sum(is_werkdag(dag, extra) for dag in binnen) >= 2
    assert is_werkdag(dwangsom_eerste_dag(start, extra=extra), extra)


@SNEL
@given(
    ontvangen=datums,
    weken=st.integers(1, 12),
    data=st.data(),
    na_einde=st.integers(0, 90),
    termijn=st.none() | st.integers(1, 42),
    antwoord=st.none() | st.integers(0, 60),
    verdaagd=st.none() | st.integers(1, 120),
)
def test_a_suspension_never_moves_a_term_that_had_already_ended(
    ontvangen, weken, data, na_einde, termijn, antwoord, verdaagd
):
    """A request sent on or after the deadline (the last day included) leaves it where it
    was, with or without a postponement (Awb 4:15 suspends only a running term)."""
    eerder = data.draw(verzoeken(ontvangen))
    kwargs = {}
    if verdaagd is not None:
        oorspronkelijk = beslistermijn_einde(ontvangen, weken, eerder, extra=frozenset())
        kwargs = {
            "verdaagd_op": oorspronkelijk,  # sent on the last day: still in time (4:14(3))
            "verdaagd_tot": oorspronkelijk + timedelta(days=verdaagd),
        }
    einde = beslistermijn_einde(ontvangen, weken, eerder, extra=frozenset(), **kwargs)
    verzocht = einde + timedelta(days=na_einde)
    laat = Opschorting(
        verzocht,
        None if termijn is None else verzocht + timedelta(days=termijn),
        None if antwoord is None else verzocht + timedelta(days=antwoord),
    )
    na = beslistermijn_einde(ontvangen, weken, [*eerder, laat], extra=frozenset(), **kwargs)
    assert na == einde


@SNEL
@given(ontvangen=datums, data=st.data())
def test_a_request_never_brings_the_deadline_forward(ontvangen, data):
    """Adding a request can keep or move the deadline later, never earlier."""
    eerder = data.draw(verzoeken(ontvangen))
    extra = data.draw(verzoeken(ontvangen, max_aantal=1))
    zonder = beslistermijn_einde(ontvangen, 8, eerder, extra=frozenset())
    met = beslistermijn_einde(ontvangen, 8, [*eerder, *extra], extra=frozenset())
    assert met >= zonder


# --- Through the claim's core (real PostgreSQL) ---------------------------------------------


@pytest.fixture
def aanvraag(db):
    """One submitted claim in assessment; each example changes it inside a savepoint."""
    from aanvragen.constants import AanvraagStatus
    from tests.aanvragen.backoffice.factories import aanvraag_in
    from tests.aanvragen.factories import RegelingFactory

    RegelingFactory()
    return aanvraag_in(AanvraagStatus.IN_BEHANDELING)


@pytest.fixture
def geen_extra_dagen():
    """Start from the configured calendar as the database has it (no cached extra days)."""
    from fondsbeveiliging.termijnen import kalender

    kalender.clear_extra_cache()
    yield
    kalender.clear_extra_cache()


def _moment(dag: date) -> datetime:
    return datetime.combine(dag, time(10), tzinfo=AMS)


def _verzoeken_opslaan(aanvraag, opschortingen):
    from aanvragen.models import Aanvulverzoek

    Aanvulverzoek.objects.bulk_create(
        Aanvulverzoek(
            aanvraag=aanvraag,
            vraag="Stuur de factuur.",
            termijn_tot=o.termijn_tot,
            verzocht_op=_moment(o.verzocht_op),
            beantwoord_op=_moment(o.aangevuld_op) if o.aangevuld_op else None,
        )
        for o in opschortingen
    )


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    ontvangen=datums,
    data=st.data(),
    verdaagd_na=st.integers(0, 55),
    extra_weken=st.integers(1, 16),
)
def test_a_postponement_is_never_lost_by_a_later_recomputation(
    aanvraag, geen_extra_dagen, ontvangen, data, verdaagd_na, extra_weken
):
    """Postponed before the term ended, the claim's core recomputes (as after every request
    or answer, from either side) a deadline on or after the postponed date, and exactly the
    engine's date for those facts."""
    from aanvragen import kern
    from aanvragen.models import Aanvraag

    voor = data.draw(verzoeken(ontvangen, binnen_dagen=40))
    with transaction.atomic():
        Aanvraag.objects.filter(pk=aanvraag.pk).update(ingediend_op=_moment(ontvangen))
        _verzoeken_opslaan(aanvraag, voor)
        claim = Aanvraag.objects.select_related("regeling").get(pk=aanvraag.pk)
        einde = kern.beslistermijn_berekenen(claim)
        verdaagd_op = min(ontvangen + timedelta(days=verdaagd_na), einde)  # before the end
        verdaagd_tot = einde + timedelta(weeks=extra_weken)
        Aanvraag.objects.filter(pk=aanvraag.pk).update(
            verdaagd_op=verdaagd_op, verdaagd_tot=verdaagd_tot
        )
        na = data.draw(verzoeken(verdaagd_op))
        _verzoeken_opslaan(aanvraag, na)

        claim = Aanvraag.objects.select_related("regeling").get(pk=aanvraag.pk)
        kern.beslistermijn_herberekenen(aanvraag=claim)
        opgeslagen = Aanvraag.objects.values_list("beslistermijn_einde", flat=True).get(
            pk=aanvraag.pk
        )
        assert opgeslagen >= verdaagd_tot
        assert opgeslagen == beslistermijn_einde(
            ontvangen,
            claim.regeling.beslistermijn_weken,
            [*voor, *na],
            verdaagd_tot,
            verdaagd_op=verdaagd_op,
            extra=frozenset(),
        )
        transaction.set_rollback(True)
