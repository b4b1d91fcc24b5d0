"""Letters and the stored case agree for every generated history (Hypothesis, #12).

For receipt dates, requests for information (with or without a term, answered or not) and
an optional postponement, the claim's core stores the deadline; the letter builders must then
print exactly the stored dates: the receipt's expected decision date, the request's term and
whether it stops the clock, the postponement's old and new dates. Contexts are built (the
same objects the templates print); `test_pdf_inhoud.py` reads the dates back from real PDFs
per letter kind. `database=None` keeps Hypothesis from writing into the working tree.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanvragen import kern
from aanvragen.brieven import opbouw
from aanvragen.brieven.models import Brief, BriefSoort
from aanvragen.models import Aanvraag, Aanvulverzoek
from fondsbeveiliging.termijnen.berekening import beslistermijn_einde

AMS = ZoneInfo("Europe/Amsterdam")
DATUM = date(2026, 6, 1)  # the letters' own date (not compared)


def _moment(dag: date) -> datetime:
    return datetime.combine(dag, time(10), tzinfo=AMS)


@pytest.fixture
def aanvraag(db):
    from aanvragen.constants import AanvraagStatus
    from tests.aanvragen.backoffice.factories import aanvraag_in
    from tests.aanvragen.factories import RegelingFactory

    RegelingFactory()
    return aanvraag_in(AanvraagStatus.IN_BEHANDELING)


@st.composite
def geschiedenis(draw):
    """Receipt, up to three requests after it, and maybe a postponement before the end."""
    ontvangen = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31)))
    verzoeken = []
    for _ in range(draw(st.integers(0, 3))):
        verzocht = ontvangen + timedelta(days=draw(st.integers(0, 90)))
        termijn = draw(st.none() | st.integers(1, 42).map(lambda n: verzocht + timedelta(n)))
        antwoord = draw(st.none() | st.integers(0, 50).map(lambda n: verzocht + timedelta(n)))
        verzoeken.append((verzocht, termijn, antwoord))
    verdaging = draw(st.none() | st.tuples(st.integers(0, 50), st.integers(1, 12)))
    return ontvangen, verzoeken, verdaging


def _opslaan(aanvraag_id: int, ontvangen, verzoeken, verdaging) -> Aanvraag:
    Aanvraag.objects.filter(pk=aanvraag_id).update(ingediend_op=_moment(ontvangen))
    for verzocht, termijn, antwoord in verzoeken:
        Aanvulverzoek.objects.create(
            aanvraag_id=aanvraag_id,
            vraag="Stuur de factuur.",
            termijn_tot=termijn,
            verzocht_op=_moment(verzocht),
            beantwoord_op=_moment(antwoord) if antwoord else None,
        )
    claim = kern.lock_aanvraag(aanvraag_id)
    if verdaging is not None:
        na_dagen, weken = verdaging
        einde = kern.beslistermijn_berekenen(claim)
        claim.verdaagd_op = min(ontvangen + timedelta(days=na_dagen), einde)
        claim.verdaagd_tot = einde + timedelta(weeks=weken)
        claim.save(update_fields=["verdaagd_op", "verdaagd_tot"])
    kern.beslistermijn_herberekenen(aanvraag=claim)
    return Aanvraag.objects.select_related("regeling", "gemeente").get(pk=aanvraag_id)


def _brief(aanvraag, soort, **velden) -> Brief:
    return Brief(aanvraag=aanvraag, soort=soort, bron="eigenschap", **velden)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(feiten=geschiedenis())
def test_every_letter_names_the_stored_dates(aanvraag, feiten):
    """Receipt, requests and postponement letters print the deadline and terms the case
    stores; a request's letter says the clock stops exactly when the stored deadline moved."""
    with transaction.atomic():
        claim = _opslaan(aanvraag.pk, *feiten)
        opgeslagen = claim.beslistermijn_einde

        ontvangst = opbouw.brief_context(
            _brief(claim, BriefSoort.ONTVANGSTBEVESTIGING), datum=DATUM
        )
        assert ontvangst.beslist_uiterlijk_op == opgeslagen

        for verzoek in claim.aanvulverzoeken.all():
            brief = opbouw.brief_context(
                _brief(claim, BriefSoort.AANVULLING, aanvulverzoek=verzoek), datum=DATUM
            )
            assert brief.termijn_tot == verzoek.termijn_tot
            zonder_dit_verzoek = beslistermijn_einde(
                feiten[0],
                weken=claim.regeling.beslistermijn_weken,
                opschortingen=[
                    kern.opschorting_van(ander)
                    for ander in claim.aanvulverzoeken.exclude(pk=verzoek.pk)
                ],
                verdaagd_tot=claim.verdaagd_tot,
                verdaagd_op=claim.verdaagd_op,
            )
            if not brief.schort_op:
                assert opgeslagen == zonder_dit_verzoek

        if claim.verdaagd_tot is not None:
            verdaging = opbouw.brief_context(_brief(claim, BriefSoort.VERDAGING), datum=DATUM)
            assert verdaging.nieuw_uiterlijk_op == opgeslagen >= claim.verdaagd_tot
            assert verdaging.oorspronkelijk_uiterlijk_op == kern.beslistermijn_berekenen(
                claim, met_verdaging=False
            )
        transaction.set_rollback(True)
