"""Support requests (issue 18) on the statistics page: counts of `dossier.py`, suppression,
and the page and CSV showing the section."""

import pytest
from django.urls import reverse

from statistieken.periode import Periode
from statistieken.secties import SECTIES, tabel_zoeken
from tests.statistieken import dossier
from tests.statistieken.test_selectors import cel

pytestmark = pytest.mark.django_db

JAAR = Periode(jaar=2025)
K1 = Periode(jaar=2025, kwartaal=1)
K2 = Periode(jaar=2025, kwartaal=2)


@pytest.fixture
def verzoeken(db):
    dossier.ondersteuning_aanmaken()


def test_the_section_is_on_the_page_csv_and_report_list():
    """One `Sectie` entry: the page, the CSV lookup and the report all read SECTIES."""
    assert [s.sleutel for s in SECTIES][-1] == "ondersteuning"


def test_requests_per_quarter_count_sent_requests_by_date_of_sending(verzoeken):
    """Q1 12, Q2 2 ('<5'), Q3 6 protected with 'x' (else 20 - 12 - 6 gives Q2), Q4 0; total
    20: the concept and the request of 31 December 2024 do not count."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="ondersteuning-per-kwartaal")

    assert [r.label for r in tabel.rijen][:4] == [
        "1e kwartaal 2025",
        "2e kwartaal 2025",
        "3e kwartaal 2025",
        "4e kwartaal 2025",
    ]
    assert cel(tabel, "1e kwartaal 2025") == "12"
    assert cel(tabel, "2e kwartaal 2025") == "<5"
    assert cel(tabel, "3e kwartaal 2025") == "x"
    assert cel(tabel, "4e kwartaal 2025") == "0"
    assert cel(tabel, "Totaal") == "20"
    assert tabel.heeft_onderdrukking


def test_a_quarter_shows_only_its_own_quarter(verzoeken):
    """The first quarter alone: one row, 12."""
    tabel = tabel_zoeken(periode=K1, sleutel="ondersteuning-per-kwartaal")

    assert [(r.label, r.waarden[0].tekst) for r in tabel.rijen] == [
        ("1e kwartaal 2025", "12"),
        ("Totaal", "12"),
    ]


def test_requests_per_province_hide_a_province_with_few_requests(verzoeken):
    """Noord-Holland 12; Utrecht's 2 requests show as '<5' and Zuid-Holland's 6 as 'x', so
    the municipality of Utrecht cannot be picked out; other provinces 0; total 20."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="ondersteuning-per-provincie")

    assert cel(tabel, "Noord-Holland") == "12"
    assert cel(tabel, "Utrecht") == "<5"
    assert cel(tabel, "Zuid-Holland") == "x"
    assert cel(tabel, "Drenthe") == "0"
    assert cel(tabel, "Totaal") == "20"


def test_accepted_declined_and_open_with_their_shares(verzoeken):
    """7 accepted (35,0%), 5 declined (25,0%), 8 not decided yet (40,0%) of 20."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="ondersteuning-beslissing")

    assert [(cel(tabel, r), cel(tabel, r, 1)) for r in ("Geaccepteerd", "Afgewezen")] == [
        ("7", "35,0%"),
        ("5", "25,0%"),
    ]
    assert (cel(tabel, "Nog niet beslist"), cel(tabel, "Nog niet beslist", 1)) == ("8", "40,0%")
    assert cel(tabel, "Totaal") == "20"


def test_kind_of_help_counts_every_kind_asked_without_a_total(verzoeken):
    """Advice 12, scenario session 6, presence on location 8; a request may ask for several,
    so there is no total row."""
    tabel = tabel_zoeken(periode=JAAR, sleutel="ondersteuning-hulpvorm")

    assert cel(tabel, "Advies vooraf") == "12"
    assert cel(tabel, "Scenariosessie") == "6"
    assert cel(tabel, "Aanwezigheid op locatie") == "8"
    assert not any(r.is_totaal for r in tabel.rijen)
    assert "(20 in deze periode)" in tabel.toelichting


def test_a_quarter_with_only_small_counts_publishes_none_of_them(verzoeken):
    """Q2: Utrecht's 2 requests. Every count is '<5' (or 0), shares are hidden with them (a
    share of 0 stays 0,0%), and the explanation does not give the total either."""
    tabellen = {
        sleutel: tabel_zoeken(periode=K2, sleutel=sleutel)
        for sleutel in (
            "ondersteuning-per-kwartaal",
            "ondersteuning-per-provincie",
            "ondersteuning-beslissing",
            "ondersteuning-hulpvorm",
        )
    }

    for tabel in tabellen.values():
        for rij in tabel.rijen:
            for waarde in rij.waarden:
                assert waarde.tekst in {"0", "0,0%", "<5", "x", "-"}, (tabel.sleutel, rij.label)
    assert cel(tabellen["ondersteuning-per-provincie"], "Utrecht") == "<5"
    assert cel(tabellen["ondersteuning-beslissing"], "Nog niet beslist", 1) == "<5"
    assert "(<5 in deze periode)" in tabellen["ondersteuning-hulpvorm"].toelichting


def test_the_page_shows_the_section_and_its_csv_links(verzoeken, verified_client, beoordelaar):
    """The page has the section heading and a CSV link per support-request table."""
    url = reverse("admin:statistieken_kwartaalrapport_changelist")

    inhoud = verified_client(beoordelaar).get(url, {"jaar": 2025}).content.decode()

    assert 'id="sectie-ondersteuning"' in inhoud
    assert "Ondersteuningsverzoeken per provincie" in inhoud
    for sleutel in ("per-kwartaal", "per-provincie", "beslissing", "hulpvorm"):
        csv = reverse("admin:statistieken_tabel_csv", args=[f"ondersteuning-{sleutel}"])
        assert csv in inhoud, sleutel


def test_csv_of_a_support_table_has_the_same_suppression(verzoeken, verified_client, beoordelaar):
    """The CSV of the province table: '<5' for Utrecht, 'x' for its partner."""
    url = reverse("admin:statistieken_tabel_csv", args=["ondersteuning-per-provincie"])

    inhoud = verified_client(beoordelaar).get(url, {"jaar": 2025}).content.decode("utf-8")

    assert inhoud.startswith("\ufeffProvincie;Verzoeken")
    assert "Utrecht;<5\r\n" in inhoud
    assert "Zuid-Holland;x\r\n" in inhoud
    assert "Noord-Holland;12\r\n" in inhoud
    assert "Totaal;20\r\n" in inhoud
