"""Each statistic against the hand-counted data set of `dossier.py`."""

from datetime import date

import pytest

from statistieken.periode import Periode
from statistieken.secties import secties_vullen, tabel_zoeken
from tests.aanvragen.factories import AanvraagFactory
from tests.factories import gemeente
from tests.meldingen.factories import MeldingFactory
from tests.statistieken import dossier

pytestmark = pytest.mark.django_db

JAAR = Periode(jaar=2025)
K1 = Periode(jaar=2025, kwartaal=1)


def cel(tabel, rij: str, kolom: int = 0) -> str:
    """The shown text of the cell in the row labelled `rij`."""
    for r in tabel.rijen:
        if r.label == rij:
            return r.waarden[kolom].tekst
    raise AssertionError(f"no row {rij!r} in {[r.label for r in tabel.rijen]}")


@pytest.fixture
def meldingen(db):
    dossier.meldingen_aanmaken()


@pytest.fixture
def aanvragen(db):
    dossier.aanvragen_aanmaken()


def test_meldingen_per_month_count_sent_meldingen_of_the_period(meldingen):
    """March 7, May 5 + 2 = 7, total 14; the concept and the 2024 melding do not count."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="meldingen-per-maand")

    assert cel(tabel, "mrt 2025") == "7"
    assert cel(tabel, "mei 2025") == "7"
    assert cel(tabel, "jan 2025") == "0"
    assert cel(tabel, "Totaal") == "14"


def test_meldingen_per_kind_count_every_kind_named(meldingen):
    """Every melding names threat and online aggression: 14 each, 0 for the rest, no total."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="meldingen-per-soort")

    assert cel(tabel, "Bedreiging (ook doodsbedreiging)") == "14"
    assert cel(tabel, "Fysiek geweld") == "0"
    assert not any(r.is_totaal for r in tabel.rijen)


def test_meldingen_per_province_and_office_suppress_small_cells(meldingen):
    """Utrecht/burgemeester 5 shows; Noord-Holland/raadslid 2 is '<5', and its partner in the
    row (wethouder 7) is protected with 'x', as is the wethouder column total 7 (its only
    non-zero cell is hidden); row and grand totals still show."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="meldingen-per-provincie")
    kolommen = [k.label for k in tabel.kolommen]

    assert kolommen[:3] == ["Burgemeester", "Wethouder", "Raadslid"]
    assert cel(tabel, "Utrecht", 0) == "5"
    assert cel(tabel, "Noord-Holland", 2) == "<5"
    assert cel(tabel, "Noord-Holland", 1) == "x"
    assert cel(tabel, "Noord-Holland", 3) == "9"
    assert cel(tabel, "Totaal", 1) == "x"
    assert cel(tabel, "Totaal", 0) == "5"
    assert cel(tabel, "Totaal", 3) == "14"


def test_an_office_no_longer_offered_counts_as_unknown(meldingen):
    """Meldingen stored with 'statenlid' (offered before only municipal offices were) still
    count: 5 in Utrecht's 'Onbekend' column, so Utrecht totals 10 and the year 19."""
    for _ in range(5):
        MeldingFactory(
            ingediend=True,
            ingediend_op=dossier.moment(2025, 5, 20),
            gemeente=gemeente(dossier.UTRECHT),
            ambtstype="statenlid",
        )
    tabel = tabel_zoeken(periode=JAAR, sleutel="meldingen-per-provincie")

    assert [k.label for k in tabel.kolommen][3:] == ["Onbekend", "Totaal"]
    assert cel(tabel, "Utrecht", 3) == "5"
    assert cel(tabel, "Utrecht", 4) == "10"
    assert cel(tabel, "Totaal", 4) == "19"


def test_share_with_police_report_and_with_support(meldingen):
    """7 of 14 with aangifte (50,0%); 7 of 14 asked for support (50,0%)."""
    aangifte = tabel_zoeken(periode=JAAR, sleutel="meldingen-aangifte")
    steun = tabel_zoeken(periode=JAAR, sleutel="meldingen-ondersteuning")

    assert cel(aangifte, "Ja, ik heb aangifte gedaan") == "7"
    assert cel(aangifte, "Ja, ik heb aangifte gedaan", 1) == "50,0%"
    assert cel(aangifte, "Nog niet, maar ik ga aangifte doen") == "0"
    assert cel(steun, "Ondersteuning gevraagd", 1) == "50,0%"


def test_place_and_channel_cross_table(meldingen):
    """Online: social media 7, e-mail 2 ('<5'); at home in person 5."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="meldingen-waar-en-hoe")
    kanalen = [k.label for k in tabel.kolommen]

    assert cel(tabel, "Bij of in mijn woning", kanalen.index("Persoonlijk (face to face)")) == "5"
    assert cel(tabel, "Online", kanalen.index("E-mail")) == "<5"
    assert cel(tabel, "Totaal", kanalen.index("Totaal")) == "14"


def test_claims_per_status_protect_the_small_status(aanvragen):
    """verzonden 6 shows; in behandeling 3 is '<5' and ingediend 5 is protected ('x')."""
    tabel = tabel_zoeken(periode=K1, sleutel="aanvragen-per-status")

    assert cel(tabel, "Besluit verzonden") == "6"
    assert cel(tabel, "In behandeling") == "<5"
    assert cel(tabel, "Ingediend") == "x"
    assert cel(tabel, "Totaal") == "14"


def test_amounts_per_province(aanvragen):
    """Noord-Holland: 6 claims, 6,000 claimed, 4,800 granted, 3,200 paid. Utrecht (3) and its
    protecting partner Zuid-Holland (5) show no amounts; the totals do."""
    tabel = tabel_zoeken(periode=K1, sleutel="bedragen-per-provincie")

    assert [cel(tabel, "Noord-Holland", k) for k in range(4)] == [
        "6",
        "€\u00a06.000,00",
        "€\u00a04.800,00",
        "€\u00a03.200,00",
    ]
    assert [cel(tabel, "Utrecht", k) for k in range(4)] == ["<5"] * 4
    assert [cel(tabel, "Zuid-Holland", k) for k in range(2)] == ["x", "x"]
    assert cel(tabel, "Totaal", 1) == "€\u00a08.500,00"


def test_decisions_per_outcome(aanvragen):
    """Six partial grants of 800 sent in 2025."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="besluiten-per-uitkomst")

    assert cel(tabel, "Gedeeltelijk toegekend") == "6"
    assert cel(tabel, "Gedeeltelijk toegekend", 1) == "€\u00a04.800,00"


def test_share_within_term_median_and_p90(aanvragen):
    """Days 10..50 and 70 against a 56-day term: 5 of 6 within (83,3%), median 35, p90 60
    (percentile_cont: halfway between 50 and 70)."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="doorlooptijd")

    assert [cel(tabel, "Deze periode", k) for k in range(4)] == ["6", "83,3%", "35,0", "60,0"]


def test_within_term_per_month_hides_shares_of_small_months(aanvragen):
    """Feb: 10 and 20 days (2 decisions: '<5', no share); Mar: 30, 40, 50 days (3: '<5');
    Apr: 70 days. All months are small, so no share is shown."""
    tabel = tabel_zoeken(periode=K1, sleutel="binnen-termijn-per-maand")

    assert cel(tabel, "feb 2025") == "<5"
    assert cel(tabel, "feb 2025", 1) == "<5"
    assert tabel.reeks()[1][1] is None


def test_budget_hides_paid_amounts_of_a_year_with_few_payments(aanvragen):
    """Four payments in 2025: the count is '<5' and the paid amount is not shown."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="budget-per-jaar")

    assert cel(tabel, "2025", 3) == "<5"
    assert cel(tabel, "2025", 4) == "<5"
    assert cel(tabel, "2025", 0) == "€\u00a01.000.000,00"


def test_procedure_steps(aanvragen):
    """Six information requests with a term in the quarter."""
    tabel = tabel_zoeken(periode=K1, sleutel="procedure")

    assert cel(tabel, "Verzoeken om aanvulling (Awb 4:5)") == "6"
    assert cel(tabel, "waarvan met hersteltermijn (schort de termijn op)") == "6"
    assert cel(tabel, "Verdagingen (Awb 4:14)") == "0"


def test_postponements_count_on_their_date():
    """One claim postponed in March 2025, five in April: Q1 shows '<5', Q2 shows 5."""
    for maand, aantal in [(3, 1), (4, 5)]:
        for _ in range(aantal):
            AanvraagFactory(ingediend=True, verdaagd_op=date(2025, maand, 10))

    k1 = tabel_zoeken(periode=K1, sleutel="procedure")
    k2 = tabel_zoeken(periode=Periode(jaar=2025, kwartaal=2), sleutel="procedure")

    assert cel(k1, "Verdagingen (Awb 4:14)") == "<5"
    assert cel(k2, "Verdagingen (Awb 4:14)") == "5"


def test_the_page_needs_a_constant_number_of_queries(
    meldingen, aanvragen, django_assert_max_num_queries
):
    """All sections together: a fixed handful of aggregate queries, whatever the data size."""
    with django_assert_max_num_queries(30):
        secties = secties_vullen(periode=JAAR)

    assert sum(len(s.tabellen) for s in secties) == 19


def test_budget_per_year_agrees_with_the_budget_page(aanvragen):
    """One query for every year gives what the budget page computes per year (no drift)."""
    from aanvragen.backoffice.selectors import budget_overzicht
    from statistieken.selectors.aanvragen import budget_per_jaar

    for jaar in budget_per_jaar(periode=JAAR):
        pagina = budget_overzicht(jaar=jaar.jaar)
        assert (jaar.budget, jaar.vastgelegd, jaar.betaald, jaar.resterend) == (
            pagina.budget,
            pagina.vastgelegd,
            pagina.betaald,
            pagina.resterend,
        ), jaar.jaar


def test_computed_sections_run_without_jit_and_with_more_work_mem(meldingen):
    """The aggregates run in a transaction with `SET LOCAL jit = off, work_mem = 32MB` (the
    test's own transaction keeps it open, so the settings can be read back)."""
    from django.db import connection

    secties_vullen(periode=JAAR)

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('work_mem')")
        assert cursor.fetchone() == ("off", "32MB")
