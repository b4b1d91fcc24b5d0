"""Statutory terms of domain.md §6 with fixed dates (2026 unless stated)."""

from datetime import date
from decimal import Decimal

import pytest

from fondsbeveiliging.termijnen.berekening import (
    Opschorting,
    beslistermijn_einde,
    betaaltermijn_einde,
    bezwaartermijn_einde,
    dwangsom,
    dwangsom_dagen,
    dwangsom_eerste_dag,
    hersteltermijn_einde,
    opgeschorte_dagen,
    opschorting_mogelijk,
    opschortingsdagen,
    termijn_einde,
    verdaging_toegestaan,
    zienswijzetermijn_einde,
)

GEEN = frozenset()


class TestBeslistermijn:
    @pytest.mark.parametrize(
        ("ontvangen", "einde"),
        [
            # Friday 6 March + 8 weeks = Friday 1 May (a working day).
            (date(2026, 3, 6), date(2026, 5, 1)),
            # Tuesday 10 March + 8 weeks = 5 May 2026 (Tuesday, Liberation Day) -> 6 May.
            (date(2026, 3, 10), date(2026, 5, 6)),
            # Friday 6 February + 8 weeks = Good Friday 3 April -> Tuesday 7 April.
            (date(2026, 2, 6), date(2026, 4, 7)),
            # Friday 30 October + 8 weeks = Christmas (Friday 25 Dec) -> Monday 28 Dec.
            (date(2026, 10, 30), date(2026, 12, 28)),
            # Monday 2 March + 8 weeks = King's Day (Monday 27 April) -> 28 April.
            (date(2026, 3, 2), date(2026, 4, 28)),
            # Wednesday 10 March 2027 + 8 weeks = 5 May 2027 (Wednesday); Thursday 6 May
            # 2027 is Ascension Day -> Friday 7 May.
            (date(2027, 3, 10), date(2027, 5, 7)),
        ],
    )
    def test_eight_weeks_after_receipt(self, ontvangen, einde):
        """The term is receipt + 8 weeks, rolled forward past weekends and Atw holidays."""
        assert beslistermijn_einde(ontvangen, extra=GEEN) == einde

    def test_received_on_friday_ends_on_friday(self):
        """The receipt day is not counted: a Friday receipt ends eight weeks later on Friday."""
        einde = beslistermijn_einde(date(2026, 3, 13), extra=GEEN)
        assert einde == date(2026, 5, 8)
        assert einde.weekday() == 4

    def test_another_number_of_weeks(self):
        """A policy term other than eight weeks is honoured."""
        assert beslistermijn_einde(date(2026, 3, 6), weken=4, extra=GEEN) == date(2026, 4, 7)

    def test_suspension_of_ten_days(self):
        """Request Monday 9 March, answer Friday 20 March: 10-19 March suspended (10 days)."""
        verzoek = Opschorting(
            verzocht_op=date(2026, 3, 9),
            termijn_tot=date(2026, 3, 23),
            aangevuld_op=date(2026, 3, 20),
        )
        assert opschortingsdagen([verzoek]) == 10
        # Friday 6 March + 8 weeks = Friday 1 May; + 10 days = Monday 11 May.
        einde = beslistermijn_einde(date(2026, 3, 6), opschortingen=[verzoek], extra=GEEN)
        assert einde == date(2026, 5, 11)

    def test_suspension_ending_on_a_holiday_rolls_forward(self):
        """Suspension days are calendar days; only the end rolls forward (to past 5 May)."""
        verzoek = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 13))
        assert opschortingsdagen([verzoek]) == 3  # 10, 11, 12 March
        # Friday 1 May + 3 = Monday 4 May: a working day.
        einde = beslistermijn_einde(date(2026, 3, 6), opschortingen=[verzoek], extra=GEEN)
        assert einde == date(2026, 5, 4)
        verzoek = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 14))
        # + 4 = Tuesday 5 May -> Wednesday 6 May.
        einde = beslistermijn_einde(date(2026, 3, 6), opschortingen=[verzoek], extra=GEEN)
        assert einde == date(2026, 5, 6)

    def test_request_without_a_term_does_not_suspend(self):
        """A request for information without a deadline does not suspend the term (4:15)."""
        verzoek = Opschorting(date(2026, 3, 9), termijn_tot=None, aangevuld_op=date(2026, 3, 20))
        assert opschortingsdagen([verzoek]) == 0
        assert beslistermijn_einde(date(2026, 3, 6), opschortingen=[verzoek], extra=GEEN) == date(
            2026, 5, 1
        )

    @pytest.mark.parametrize(
        "aangevuld_op",
        [None, date(2026, 3, 24), date(2026, 4, 30)],
        ids=["geen-antwoord", "dag-na-termijn", "veel-later"],
    )
    def test_unanswered_suspends_until_the_term_passed(self, aangevuld_op):
        """Without a timely answer the suspension runs through the last day of the term."""
        verzoek = Opschorting(date(2026, 3, 9), date(2026, 3, 23), aangevuld_op)
        assert verzoek.hervat_op() == date(2026, 3, 24)
        assert opschortingsdagen([verzoek]) == 14  # 10 up to and including 23 March

    def test_answer_on_the_last_day(self):
        """An answer on the last day of the completion term restarts the clock that day."""
        verzoek = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 23))
        assert opschortingsdagen([verzoek]) == 13

    def test_answer_on_the_day_of_the_request(self):
        """An answer on the day of the request suspends nothing."""
        verzoek = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 9))
        assert opschortingsdagen([verzoek]) == 0

    def test_overlapping_suspensions_count_once(self):
        """A day covered by two requests is suspended once."""
        eerste = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 20))  # 10-19
        tweede = Opschorting(date(2026, 3, 15), date(2026, 3, 30), date(2026, 3, 25))  # 16-24
        assert opschortingsdagen([eerste, tweede]) == 15  # 10-24 March

    def test_consecutive_suspensions_add_up(self):
        """Two separate requests add up."""
        eerste = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 20))  # 10
        tweede = Opschorting(date(2026, 4, 1), date(2026, 4, 15), date(2026, 4, 6))  # 4
        assert opschortingsdagen([eerste, tweede]) == 14

    def test_suspension_after_verdaging_extends_the_postponed_date(self):
        """Days suspended after the postponement was sent extend the postponed date."""
        voor = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 20))  # 10 days
        na = Opschorting(date(2026, 6, 1), date(2026, 6, 15), date(2026, 6, 5))  # 2-4 June
        einde = beslistermijn_einde(
            date(2026, 3, 6),
            opschortingen=[voor, na],
            verdaagd_tot=date(2026, 6, 26),
            verdaagd_op=date(2026, 5, 8),
            extra=GEEN,
        )
        # Friday 26 June + 3 = Monday 29 June.
        assert einde == date(2026, 6, 29)

    def test_suspension_before_verdaging_does_not_count_again(self):
        """A suspension before the postponement is already in the date the notice named."""
        voor = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 20))
        einde = beslistermijn_einde(
            date(2026, 3, 6),
            opschortingen=[voor],
            verdaagd_tot=date(2026, 6, 26),
            verdaagd_op=date(2026, 5, 8),
            extra=GEEN,
        )
        assert einde == date(2026, 6, 26)

    def test_verdaging_replaces_the_end_date(self):
        """A postponement replaces the computed end date with the date it names."""
        assert beslistermijn_einde(
            date(2026, 3, 6), verdaagd_tot=date(2026, 6, 26), extra=GEEN
        ) == date(2026, 6, 26)


@pytest.mark.parametrize(
    ("op", "toegestaan"),
    [
        (date(2026, 4, 20), True),
        (date(2026, 5, 1), True),  # the last day of the term is still in time
        (date(2026, 5, 2), False),  # after the term: refused
        (date(2026, 6, 1), False),
    ],
)
def test_verdaging_only_before_the_term_ends(op, toegestaan):
    """A postponement is allowed only before the decision term has ended (4:14(3))."""
    assert verdaging_toegestaan(op, date(2026, 5, 1)) is toegestaan


@pytest.mark.parametrize(
    ("functie", "start", "kwargs", "einde"),
    [
        # Tuesday 21 April + 2 weeks = 5 May -> 6 May.
        (hersteltermijn_einde, date(2026, 4, 21), {}, date(2026, 5, 6)),
        (hersteltermijn_einde, date(2026, 3, 9), {}, date(2026, 3, 23)),
        (hersteltermijn_einde, date(2026, 3, 9), {"weken": 0, "dagen": 10}, date(2026, 3, 19)),
        # Friday 20 March + 2 weeks = Good Friday 3 April -> Tuesday 7 April.
        (zienswijzetermijn_einde, date(2026, 3, 20), {}, date(2026, 4, 7)),
        (zienswijzetermijn_einde, date(2026, 3, 20), {"weken": 3}, date(2026, 4, 10)),
        # Monday 2 March + 6 weeks = Monday 13 April.
        (betaaltermijn_einde, date(2026, 3, 2), {}, date(2026, 4, 13)),
        # Friday 13 November + 6 weeks = Christmas -> Monday 28 December.
        (betaaltermijn_einde, date(2026, 11, 13), {}, date(2026, 12, 28)),
        (bezwaartermijn_einde, date(2026, 3, 2), {}, date(2026, 4, 13)),
        (bezwaartermijn_einde, date(2026, 11, 13), {}, date(2026, 12, 28)),
        # Tuesday 24 March + 6 weeks = 5 May 2026 -> 6 May.
        (bezwaartermijn_einde, date(2026, 3, 24), {}, date(2026, 5, 6)),
        # Sent on a Saturday 10 January 2026: + 6 weeks = Saturday 21 Feb -> Monday 23 Feb.
        (bezwaartermijn_einde, date(2026, 1, 10), {}, date(2026, 2, 23)),
    ],
)
def test_terms(functie, start, kwargs, einde):
    """Each term counts from the day after its start and rolls forward under the Atw."""
    assert functie(start, extra=GEEN, **kwargs) == einde


@pytest.mark.parametrize(
    ("start", "dagen", "einde"),
    [
        # Thursday + 3 days = Sunday; only Friday is a working day in the term: Atw art. 2
        # extends to Monday (two working days), which is a working day.
        (date(2026, 3, 5), 3, date(2026, 3, 9)),
        # Wednesday 1 April + 3 = Saturday 4 April: Thu 2 is the only working day (Good
        # Friday 3 April); art. 2 extends past Sunday and Easter Monday to Tuesday 7 April,
        # the second working day.
        (date(2026, 4, 1), 3, date(2026, 4, 7)),
        # Issue 12, item 5: "zoveel verlengd" has no cap of two days. Thursday 2 April + 3
        # = Sunday 5 April holds no working day (Good Friday, weekend); Easter Monday is
        # none either, so the term runs to Wednesday 8 April (Tue 7 and Wed 8).
        (date(2026, 4, 2), 3, date(2026, 4, 8)),
        # Wednesday 24 December 2025 + 3 = Saturday 27 December (Christmas, Boxing Day,
        # Saturday): extended past Sunday to Tuesday 30 December (Mon 29 and Tue 30).
        (date(2025, 12, 24), 3, date(2025, 12, 30)),
        # Monday + 3 = Thursday: three working days, no extension.
        (date(2026, 3, 9), 3, date(2026, 3, 12)),
        # Two-day terms are outside art. 2: Friday + 2 = Sunday -> Monday by art. 1 only.
        (date(2026, 3, 6), 2, date(2026, 3, 9)),
    ],
)
def test_atw_article_2_at_least_two_working_days(start, dagen, einde):
    """A term of three days or more always holds at least two working days (Atw art. 2)."""
    assert hersteltermijn_einde(start, weken=0, dagen=dagen, extra=GEEN) == einde


def test_extra_holiday_moves_the_term():
    """A configured extra holiday on the last day moves the term like a statutory one."""
    extra = {date(2026, 4, 13)}
    assert bezwaartermijn_einde(date(2026, 3, 2), extra=extra) == date(2026, 4, 14)
    assert beslistermijn_einde(date(2026, 2, 16), extra=extra) == date(2026, 4, 14)


class TestDwangsom:
    NOTICE = date(2026, 6, 1)

    def test_first_day_two_weeks_after_the_ingebrekestelling(self):
        """Notice received 1 June: the first penalty day is 15 June (4:17(3))."""
        assert dwangsom_eerste_dag(self.NOTICE, extra=GEEN) == date(2026, 6, 15)

    @pytest.mark.parametrize(
        ("beslist_op", "dagen", "bedrag"),
        [
            (date(2026, 5, 20), 0, "0"),  # decided before the notice
            (date(2026, 6, 10), 0, "0"),  # within the two weeks' grace
            (date(2026, 6, 15), 0, "0"),  # decided on the first penalty day
            (date(2026, 6, 16), 1, "23"),
            (date(2026, 6, 29), 14, "322"),  # 14 x 23
            (date(2026, 6, 30), 15, "357"),  # + 35
            (date(2026, 7, 13), 28, "812"),  # 322 + 14 x 35
            (date(2026, 7, 14), 29, "857"),  # + 45
            (date(2026, 7, 27), 42, "1442"),  # 812 + 14 x 45
            (date(2026, 7, 28), 42, "1442"),  # capped at 42 days
            (date(2027, 1, 1), 42, "1442"),
        ],
    )
    def test_accrual_and_maximum(self, beslist_op, dagen, bedrag):
        """The penalty accrues 23/35/45 a day and stops at 42 days and EUR 1,442."""
        assert dwangsom_dagen(self.NOTICE, beslist_op, extra=GEEN) == dagen
        assert dwangsom(self.NOTICE, beslist_op, extra=GEEN) == Decimal(bedrag)

    def test_amount_is_decimal(self):
        """Money is a Decimal, never a float."""
        assert isinstance(dwangsom(self.NOTICE, date(2026, 7, 1), extra=GEEN), Decimal)

    @pytest.mark.parametrize(
        ("ingebrekestelling_op", "dagen"),
        [
            (date(2026, 5, 1), 0),  # on the last day of the term: premature
            (date(2026, 4, 20), 0),  # before the term ended: premature
            (date(2026, 5, 4), 5),  # after the term: first day 18 May, decided 23 May
        ],
    )
    def test_premature_ingebrekestelling(self, ingebrekestelling_op, dagen):
        """A notice of default received before the decision term expired counts for nothing."""
        kwargs = {"beslistermijn_einde": date(2026, 5, 1), "extra": GEEN}
        assert dwangsom_dagen(ingebrekestelling_op, date(2026, 5, 23), **kwargs) == dagen
        assert dwangsom(ingebrekestelling_op, date(2026, 5, 23), **kwargs) == 23 * dagen


# --- Issue 12: only a running term is suspended; the Atw for the penalty's two weeks ---------

ONTVANGEN = date(2026, 3, 6)  # Friday; eight weeks end Friday 1 May 2026


class TestOnlyARunningTermIsSuspended:
    def test_a_request_after_the_term_ended_does_not_revive_it(self):
        """Issue 12, item 1: the term ended 1 May; a request on 10 May (term to 24 May,
        answered 20 May) suspends nothing, so the deadline stays 1 May 2026 (not 11 May)."""
        verzoek = Opschorting(date(2026, 5, 10), date(2026, 5, 24), date(2026, 5, 20))
        assert beslistermijn_einde(ONTVANGEN, opschortingen=[verzoek], extra=GEEN) == date(
            2026, 5, 1
        )
        assert opgeschorte_dagen(ONTVANGEN, opschortingen=[verzoek]) == set()
        assert not opschorting_mogelijk(date(2026, 5, 10), ONTVANGEN)

    @pytest.mark.parametrize("aangevuld_op", [date(2026, 5, 8), None], ids=["beantwoord", "open"])
    def test_a_request_on_the_last_day_suspends_nothing(self, aangevuld_op):
        """Issue 12, item 2: a request on the last day (Friday 1 May) suspends from the next
        day, when nothing of the term is left: the deadline stays 1 May 2026 (not 7 May)."""
        verzoek = Opschorting(date(2026, 5, 1), date(2026, 5, 15), aangevuld_op)
        assert beslistermijn_einde(ONTVANGEN, opschortingen=[verzoek], extra=GEEN) == date(
            2026, 5, 1
        )
        assert not opschorting_mogelijk(date(2026, 5, 1), ONTVANGEN)

    def test_a_request_the_day_before_the_last_day_suspends_the_rest(self):
        """A request on Thursday 30 April answered Friday 8 May suspends 1-7 May: the one day
        left of the term runs on 8 May, the new deadline."""
        verzoek = Opschorting(date(2026, 4, 30), date(2026, 5, 14), date(2026, 5, 8))
        assert opschorting_mogelijk(date(2026, 4, 30), ONTVANGEN)
        assert beslistermijn_einde(ONTVANGEN, opschortingen=[verzoek], extra=GEEN) == date(
            2026, 5, 8
        )

    @pytest.mark.parametrize(
        ("ontvangen", "verzocht_op", "einde"),
        [
            # Tuesday 10 March + 8 weeks = Tuesday 5 May (Liberation Day) -> Wednesday 6 May.
            (date(2026, 3, 10), date(2026, 5, 5), date(2026, 5, 6)),  # the last week day
            (date(2026, 3, 10), date(2026, 5, 6), date(2026, 5, 6)),  # the day the Atw added
            # Saturday 7 March + 8 weeks = Saturday 2 May -> Monday 4 May.
            (date(2026, 3, 7), date(2026, 5, 2), date(2026, 5, 4)),
            (date(2026, 3, 7), date(2026, 5, 3), date(2026, 5, 4)),
            (date(2026, 3, 7), date(2026, 5, 4), date(2026, 5, 4)),
        ],
    )
    def test_a_request_on_a_day_the_atw_added_suspends_nothing(self, ontvangen, verzocht_op, einde):
        """The Atw moves only the end of the term; a request on or after the last of its
        weeks has nothing left to suspend, and the deadline stays the Atw's working day."""
        verzoek = Opschorting(verzocht_op, date(2026, 5, 26), date(2026, 5, 12))
        assert beslistermijn_einde(ontvangen, opschortingen=[verzoek], extra=GEEN) == einde
        assert not opschorting_mogelijk(verzocht_op, ontvangen)

    def test_a_request_before_a_last_day_on_a_holiday_suspends_that_day(self):
        """Receipt 10 March: the weeks end on 5 May (a holiday). A request on Monday 4 May
        answered 12 May suspends 5-11 May; the day left runs on Tuesday 12 May."""
        verzoek = Opschorting(date(2026, 5, 4), date(2026, 5, 18), date(2026, 5, 12))
        einde = beslistermijn_einde(date(2026, 3, 10), opschortingen=[verzoek], extra=GEEN)
        assert einde == date(2026, 5, 12)

    def test_a_later_request_after_the_moved_end_adds_nothing(self):
        """A first request moves the end to Monday 11 May; a second one on 11 May or later
        suspends nothing, while the first still counts."""
        eerste = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 20))  # 10 days
        for verzocht_op in (date(2026, 5, 11), date(2026, 5, 12)):
            tweede = Opschorting(verzocht_op, date(2026, 5, 26), date(2026, 5, 20))
            einde = beslistermijn_einde(ONTVANGEN, opschortingen=[eerste, tweede], extra=GEEN)
            assert einde == date(2026, 5, 11)
            assert len(opgeschorte_dagen(ONTVANGEN, opschortingen=[eerste, tweede])) == 10

    def test_postponed_request_on_1_june_answered_5_june_ends_29_june(self):
        """Issue 12, item 3: postponed on 30 April to 26 June, request 1 June (term 15 June)
        answered 5 June: 2-4 June are suspended, so Friday 26 June + 3 = Monday 29 June."""
        verzoek = Opschorting(date(2026, 6, 1), date(2026, 6, 15), date(2026, 6, 5))
        einde = beslistermijn_einde(
            ONTVANGEN,
            opschortingen=[verzoek],
            verdaagd_tot=date(2026, 6, 26),
            verdaagd_op=date(2026, 4, 30),
            extra=GEEN,
        )
        assert einde == date(2026, 6, 29)

    @pytest.mark.parametrize("verzocht_op", [date(2026, 6, 26), date(2026, 6, 29)])
    def test_a_request_on_or_after_the_postponed_date_suspends_nothing(self, verzocht_op):
        """The postponed term is a term like the first: on or after its last day a request
        suspends nothing, and the named date stays."""
        verzoek = Opschorting(verzocht_op, date(2026, 7, 10), date(2026, 7, 3))
        einde = beslistermijn_einde(
            ONTVANGEN,
            opschortingen=[verzoek],
            verdaagd_tot=date(2026, 6, 26),
            verdaagd_op=date(2026, 4, 30),
            extra=GEEN,
        )
        assert einde == date(2026, 6, 26)

    def test_suspended_days_before_and_after_a_postponement(self):
        """The case page's count: days that moved the first term up to the postponement, and
        days after it that moved the postponed term; nothing after the postponed date."""
        voor = Opschorting(date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 12))  # 10, 11
        na = Opschorting(date(2026, 6, 1), date(2026, 6, 15), date(2026, 6, 4))  # 2, 3 June
        te_laat = Opschorting(date(2026, 7, 1), date(2026, 7, 15), date(2026, 7, 4))
        dagen = opgeschorte_dagen(
            ONTVANGEN,
            opschortingen=[voor, na, te_laat],
            verdaagd_tot=date(2026, 6, 26),
            verdaagd_op=date(2026, 4, 30),
        )
        assert dagen == {
            date(2026, 3, 10),
            date(2026, 3, 11),
            date(2026, 6, 2),
            date(2026, 6, 3),
        }


class TestDwangsomTwoWeeksUnderTheAtw:
    def test_a_notice_on_saturday_starts_the_penalty_on_monday(self):
        """Issue 12, item 6: notice received Saturday 2 May 2026; the two weeks end Saturday
        16 May, so the first penalty day is Monday 18 May. Decided 20 May: 2 days, EUR 46."""
        assert dwangsom_eerste_dag(date(2026, 5, 2), extra=GEEN) == date(2026, 5, 18)
        assert dwangsom_dagen(date(2026, 5, 2), date(2026, 5, 20), extra=GEEN) == 2
        assert dwangsom(date(2026, 5, 2), date(2026, 5, 20), extra=GEEN) == Decimal("46")

    def test_two_weeks_ending_on_ascension_day(self):
        """Notice Thursday 30 April 2026: the two weeks end on Ascension Day (14 May), so the
        penalty starts on Friday 15 May."""
        assert dwangsom_eerste_dag(date(2026, 4, 30), extra=GEEN) == date(2026, 5, 15)

    def test_notice_after_a_term_a_late_request_did_not_revive(self):
        """Issue 12, item 1: the term ended 1 May; a notice received 4 May is valid, and a
        decision on 15 June owes 28 days (18 May - 14 June): 14 x 23 + 14 x 35 = EUR 812."""
        kwargs = {"beslistermijn_einde": date(2026, 5, 1), "extra": GEEN}
        assert dwangsom_dagen(date(2026, 5, 4), date(2026, 6, 15), **kwargs) == 28
        assert dwangsom(date(2026, 5, 4), date(2026, 6, 15), **kwargs) == Decimal("812")

    def test_an_extra_holiday_moves_the_first_penalty_day(self):
        """A day added by Royal Decree on the last of the two weeks moves the start too."""
        extra = {date(2026, 5, 18)}
        assert dwangsom_eerste_dag(date(2026, 5, 4), extra=extra) == date(2026, 5, 19)
        assert dwangsom(date(2026, 5, 4), date(2026, 6, 15), extra=extra) == Decimal("777")


def test_generic_term_of_three_days_from_good_friday_week():
    """Atw art. 2 applies to every short term through `termijn_einde`, not only the completion
    term: Thursday 2 April 2026 + 3 days ends Wednesday 8 April."""
    assert termijn_einde(date(2026, 4, 2), dagen=3, extra=GEEN) == date(2026, 4, 8)
