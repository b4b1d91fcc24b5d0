"""The objection's terms with fixed dates (2026): in time (6:7-6:9) and the decision term (7:10)."""

from datetime import date

import pytest

from fondsbeveiliging.termijnen.berekening import (
    Opschorting,
    bezwaar_beslistermijn_einde,
    bezwaar_tijdig,
    bezwaar_uiterlijk_ontvangen,
    bezwaar_verdaging_uiterlijk,
    bezwaartermijn_einde,
    verdaging_bezwaar_toegestaan,
)

GEEN = frozenset()
# Decision sent Tuesday 3 March 2026: the objection term ends Tuesday 14 April.
VERZONDEN = date(2026, 3, 3)
EINDE = date(2026, 4, 14)


def test_the_objection_term_of_the_examples():
    assert bezwaartermijn_einde(VERZONDEN, extra=GEEN) == EINDE


class TestBezwaarTijdig:
    def test_received_on_the_last_day_is_in_time(self):
        assert bezwaar_tijdig(date(2026, 4, 14), EINDE, extra=GEEN)

    def test_received_the_day_after_without_a_postmark_is_late(self):
        assert not bezwaar_tijdig(date(2026, 4, 15), EINDE, extra=GEEN)

    def test_posted_on_the_last_day_and_received_within_the_week_is_in_time(self):
        # Posted Tuesday 14 April, received Tuesday 21 April: the seventh day after the term.
        assert bezwaar_uiterlijk_ontvangen(EINDE, extra=GEEN) == date(2026, 4, 21)
        assert bezwaar_tijdig(date(2026, 4, 21), EINDE, date(2026, 4, 14), extra=GEEN)
        assert bezwaar_tijdig(date(2026, 4, 16), EINDE, date(2026, 4, 14), extra=GEEN)

    def test_posted_on_the_last_day_and_received_the_eighth_day_is_late(self):
        assert not bezwaar_tijdig(date(2026, 4, 22), EINDE, date(2026, 4, 14), extra=GEEN)

    def test_posted_after_the_last_day_is_late_even_if_it_arrives_in_the_week(self):
        assert not bezwaar_tijdig(date(2026, 4, 16), EINDE, date(2026, 4, 15), extra=GEEN)

    def test_the_postal_week_ending_on_a_holiday_runs_to_the_next_working_day(self):
        # Term ends Monday 20 April; the week ends Monday 27 April, King's Day -> Tuesday 28.
        einde = date(2026, 4, 20)
        assert bezwaar_uiterlijk_ontvangen(einde, extra=GEEN) == date(2026, 4, 28)
        assert bezwaar_tijdig(date(2026, 4, 28), einde, date(2026, 4, 20), extra=GEEN)
        assert not bezwaar_tijdig(date(2026, 4, 29), einde, date(2026, 4, 20), extra=GEEN)

    def test_an_extra_holiday_by_royal_decree_counts(self):
        # Tuesday 21 April declared a holiday: the week runs to Wednesday 22 April.
        extra = frozenset({date(2026, 4, 21)})
        assert bezwaar_tijdig(date(2026, 4, 22), EINDE, date(2026, 4, 14), extra=extra)


class TestBezwaarBeslistermijn:
    def test_six_weeks_from_the_day_after_the_objection_term(self):
        # 14 April + 6 weeks = Tuesday 26 May, wherever in the term the objection arrived.
        for ontvangen in (date(2026, 3, 10), date(2026, 4, 14)):
            assert bezwaar_beslistermijn_einde(EINDE, ontvangen, extra=GEEN) == date(2026, 5, 26)

    def test_an_objection_posted_in_time_counts_from_the_objection_term(self):
        einde = bezwaar_beslistermijn_einde(
            EINDE, date(2026, 4, 20), verzonden_op=date(2026, 4, 14), extra=GEEN
        )
        assert einde == date(2026, 5, 26)

    def test_a_late_objection_counts_from_its_receipt(self):
        # Received Thursday 23 April + 6 weeks = Thursday 4 June.
        assert bezwaar_beslistermijn_einde(EINDE, date(2026, 4, 23), extra=GEEN) == date(2026, 6, 4)

    def test_an_end_on_whit_monday_runs_to_tuesday(self):
        # Sent Monday 2 March: term ends Monday 13 April; + 6 weeks = Whit Monday 25 May.
        einde = bezwaartermijn_einde(date(2026, 3, 2), extra=GEEN)
        assert einde == date(2026, 4, 13)
        assert bezwaar_beslistermijn_einde(einde, einde, extra=GEEN) == date(2026, 5, 26)

    def test_an_end_on_a_saturday_runs_to_monday(self):
        # A late objection received Saturday 16 May + 6 weeks = Saturday 27 June -> Monday 29.
        assert bezwaar_beslistermijn_einde(EINDE, date(2026, 5, 16), extra=GEEN) == date(
            2026, 6, 29
        )

    def test_a_repair_request_suspends_until_repaired(self):
        # Request Monday 20 April, repaired Tuesday 28 April: 21-27 April, 7 days suspended.
        verzoek = Opschorting(date(2026, 4, 20), date(2026, 5, 4), date(2026, 4, 28))
        einde = bezwaar_beslistermijn_einde(EINDE, EINDE, opschortingen=[verzoek], extra=GEEN)
        assert einde == date(2026, 6, 2)

    def test_a_repair_term_ended_unused_suspends_all_of_it(self):
        # Request 20 April, term to 4 May, no answer: 21 April - 4 May, 14 days.
        verzoek = Opschorting(date(2026, 4, 20), date(2026, 5, 4))
        einde = bezwaar_beslistermijn_einde(EINDE, EINDE, opschortingen=[verzoek], extra=GEEN)
        assert einde == date(2026, 6, 9)

    def test_a_repair_request_in_the_objection_term_suspends_only_the_decision_term(self):
        # Request 10 April, repaired 20 April: 11-19 April asked, only 15-19 April were days
        # of the decision term: 26 May + 5 = Sunday 31 May -> Monday 1 June.
        verzoek = Opschorting(date(2026, 4, 10), date(2026, 4, 24), date(2026, 4, 20))
        einde = bezwaar_beslistermijn_einde(
            EINDE, date(2026, 4, 1), opschortingen=[verzoek], extra=GEEN
        )
        assert einde == date(2026, 6, 1)

    def test_a_postponement_replaces_the_end_as_named(self):
        einde = bezwaar_beslistermijn_einde(
            EINDE, EINDE, verdaagd_tot=date(2026, 7, 7), verdaagd_op=date(2026, 5, 20), extra=GEEN
        )
        assert einde == date(2026, 7, 7)

    def test_a_repair_after_the_postponement_extends_it(self):
        # Postponed on 20 May to 7 July; a request on 1 June, repaired 4 June: 2-3 June.
        verzoek = Opschorting(date(2026, 6, 1), date(2026, 6, 15), date(2026, 6, 4))
        einde = bezwaar_beslistermijn_einde(
            EINDE,
            EINDE,
            opschortingen=[verzoek],
            verdaagd_tot=date(2026, 7, 7),
            verdaagd_op=date(2026, 5, 20),
            extra=GEEN,
        )
        assert einde == date(2026, 7, 9)

    def test_a_delay_with_consent_replaces_every_other_end(self):
        einde = bezwaar_beslistermijn_einde(
            EINDE,
            EINDE,
            verdaagd_tot=date(2026, 7, 7),
            uitstel_tot=date(2026, 9, 1),
            extra=GEEN,
        )
        assert einde == date(2026, 9, 1)


class TestVerdaging:
    HUIDIG = date(2026, 5, 26)

    def test_at_most_six_weeks_later(self):
        # 26 May + 6 weeks = Tuesday 7 July.
        assert bezwaar_verdaging_uiterlijk(self.HUIDIG, extra=GEEN) == date(2026, 7, 7)
        assert verdaging_bezwaar_toegestaan(
            date(2026, 5, 20), self.HUIDIG, date(2026, 7, 7), extra=GEEN
        )
        assert not verdaging_bezwaar_toegestaan(
            date(2026, 5, 20), self.HUIDIG, date(2026, 7, 8), extra=GEEN
        )

    def test_six_weeks_ending_on_a_holiday_run_to_the_next_working_day(self):
        # Current end Monday 13 April + 6 weeks = Whit Monday 25 May -> Tuesday 26 May.
        huidig = date(2026, 4, 13)
        assert bezwaar_verdaging_uiterlijk(huidig, extra=GEEN) == date(2026, 5, 26)
        assert verdaging_bezwaar_toegestaan(huidig, huidig, date(2026, 5, 26), extra=GEEN)

    def test_sent_on_the_last_day_is_in_time_the_day_after_is_not(self):
        nieuw = date(2026, 6, 30)
        assert verdaging_bezwaar_toegestaan(self.HUIDIG, self.HUIDIG, nieuw, extra=GEEN)
        assert not verdaging_bezwaar_toegestaan(date(2026, 5, 27), self.HUIDIG, nieuw, extra=GEEN)

    def test_only_once(self):
        assert not verdaging_bezwaar_toegestaan(
            date(2026, 5, 20), self.HUIDIG, date(2026, 6, 30), al_verdaagd=True, extra=GEEN
        )

    @pytest.mark.parametrize("nieuw", [date(2026, 5, 26), date(2026, 5, 25)])
    def test_the_new_date_must_be_later(self, nieuw):
        assert not verdaging_bezwaar_toegestaan(date(2026, 5, 20), self.HUIDIG, nieuw, extra=GEEN)
