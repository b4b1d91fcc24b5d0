"""Snapshots: the page reads stored, suppressed tables; a beat task refreshes them."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from statistieken import momentopnamen, services, tasks
from statistieken.models import Momentopname
from statistieken.periode import Periode
from statistieken.secties import SECTIES, secties_vullen, tabel_zoeken
from statistieken.tabellen import AANTAL
from tests.statistieken import dossier

pytestmark = pytest.mark.django_db

PAGINA = reverse("admin:statistieken_kwartaalrapport_changelist")
JAAR = Periode(jaar=2025)
PERIODEN = [JAAR, Periode(jaar=2025, kwartaal=2), Periode(jaar=2025, maand=3)]


def _totaal(tabel) -> str:
    return next(r for r in tabel.rijen if r.is_totaal).waarden[0].tekst


def _secties_html(response) -> str:
    """The sections of the page (the freshness line and the report list left out)."""
    html = response.content.decode()
    return html[html.index('<section id="sectie-') : html.index('<section id="rapporten"')]


def _pagina_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(PAGINA, {"jaar": 2025})
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_the_page_of_snapshots_runs_the_same_queries_at_any_data_size(
    verified_client, beoordelaar, django_assert_num_queries
):
    """With every snapshot stored, the page reads them in one query and runs no aggregate;
    ten times the data gives exactly the same number of queries."""
    client = verified_client(beoordelaar)
    dossier.meldingen_aanmaken()
    services.momentopnamen_verversen(perioden=[JAAR])
    klein = _pagina_queries(client)
    for _ in range(9):
        dossier.meldingen_aanmaken()
        dossier.aanvragen_aanmaken()
    services.momentopnamen_verversen(perioden=[JAAR])

    with django_assert_num_queries(len(klein)) as ctx:
        response = client.get(PAGINA, {"jaar": 2025})

    assert _totaal(tabel_zoeken(periode=JAAR, sleutel="meldingen-per-maand")) == "140"
    assert response.status_code == 200
    tabel = Momentopname._meta.db_table
    assert sum(tabel in q["sql"] for q in ctx.captured_queries) == 1
    assert not any("percentile_cont" in q["sql"] for q in ctx.captured_queries)


def test_the_page_shows_when_the_figures_were_computed(verified_client, beoordelaar):
    """The oldest section's time is on the page, in Dutch and in Amsterdam time."""
    services.momentopnamen_verversen(perioden=[JAAR])
    tijd = timezone.make_aware(datetime(2026, 12, 4, 14, 5))
    Momentopname.objects.filter(periode="2025", sectie="afhandeling").update(berekend_op=tijd)

    response = verified_client(beoordelaar).get(PAGINA, {"jaar": 2025})

    assert "Cijfers bijgewerkt op 4 december 2026 om 14:05" in response.content.decode()


def test_a_missing_snapshot_is_computed_and_stored(verified_client, beoordelaar):
    """The first view of a period computes every section and stores it; a snapshot of an
    older table shape (versie) counts as missing."""
    dossier.meldingen_aanmaken()
    client = verified_client(beoordelaar)

    client.get(PAGINA, {"jaar": 2025, "kwartaal": 2})

    opgeslagen = Momentopname.objects.filter(periode="2025-K2", taal="nl")
    assert sorted(opgeslagen.values_list("sectie", flat=True)) == sorted(s.sleutel for s in SECTIES)
    assert all(timezone.now() - m.berekend_op < timedelta(minutes=1) for m in opgeslagen)
    opgeslagen.filter(sectie="meldingen").update(versie=0, tabellen=[])
    client.get(PAGINA, {"jaar": 2025, "kwartaal": 2})
    meldingen = opgeslagen.get(sectie="meldingen")
    assert meldingen.versie == momentopnamen.VERSIE and meldingen.tabellen


def test_the_task_refreshes_this_and_last_year_after_new_data(monkeypatch):
    """The page keeps showing the snapshot until the task runs; then the counts change.
    Running it again changes nothing but the time (idempotent)."""
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2026, 2, 1))
    dossier.meldingen_aanmaken()
    tasks.momentopnamen_verversen_task()
    dossier.meldingen_aanmaken()

    assert _totaal(tabel_zoeken(periode=JAAR, sleutel="meldingen-per-maand")) == "14"
    tasks.momentopnamen_verversen_task()
    assert _totaal(tabel_zoeken(periode=JAAR, sleutel="meldingen-per-maand")) == "28"
    inhoud = list(Momentopname.objects.order_by("pk").values_list("pk", "tabellen"))
    tasks.momentopnamen_verversen_task()
    assert list(Momentopname.objects.order_by("pk").values_list("pk", "tabellen")) == inhoud
    # 2025: year, 4 quarters, 12 months; 2026 up to 1 February: year, Q1, January, February.
    assert Momentopname.objects.count() == (17 + 4) * len(SECTIES)
    assert not Momentopname.objects.filter(periode="2026-03").exists()


def test_older_years_are_refreshed_only_where_someone_looked():
    """The nightly run refreshes the periods before last year that have a snapshot."""
    secties_vullen(periode=Periode(jaar=2019, maand=4))
    secties_vullen(periode=Periode(jaar=2025))

    perioden = services.oudere_perioden(vandaag=date(2026, 12, 4))

    assert perioden == [Periode(jaar=2019, maand=4)]
    assert len(services.recente_perioden(vandaag=date(2026, 12, 4))) == 34


def test_an_older_computation_never_replaces_a_newer_snapshot():
    """The refresh task and a page may store the same period at once: the later figures win."""
    tabellen = secties_vullen(periode=JAAR)[0].tabellen
    nieuw = Momentopname.objects.get(periode="2025", sectie="meldingen").berekend_op

    momentopnamen.opslaan(JAAR, {"meldingen": []}, berekend_op=nieuw - timedelta(minutes=5))

    bewaard = momentopnamen.lezen(JAAR)["meldingen"]
    assert bewaard.berekend_op == nieuw
    assert [t.naar_json() for t in bewaard.tabellen] == [t.naar_json() for t in tabellen]


@pytest.mark.parametrize("periode", PERIODEN, ids=lambda p: p.slug)
def test_snapshot_and_live_computation_publish_identical_tables(periode):
    """What the page reads back equals what the selectors compute (the report's path)."""
    dossier.meldingen_aanmaken()
    dossier.aanvragen_aanmaken()
    live = secties_vullen(periode=periode, vers=True)
    services.momentopnamen_verversen(perioden=[periode])

    bewaard = secties_vullen(periode=periode)

    assert Momentopname.objects.filter(periode=periode.slug).count() == len(SECTIES)
    assert [[t.naar_json() for t in g.tabellen] for g in bewaard] == [
        [t.naar_json() for t in g.tabellen] for g in live
    ]


def test_page_and_csv_are_the_same_from_a_snapshot_and_computed_live(verified_client, beoordelaar):
    """The same HTML of every section and the same CSV bytes, whichever path served them."""
    dossier.meldingen_aanmaken()
    dossier.aanvragen_aanmaken()
    client = verified_client(beoordelaar)
    csv = reverse("admin:statistieken_tabel_csv", args=["meldingen-per-provincie"])

    live_pagina = client.get(PAGINA, {"jaar": 2025})  # no snapshot yet: computed live
    Momentopname.objects.all().delete()
    live_csv = client.get(csv, {"jaar": 2025}).content
    # The CSV computed only the section that holds its table, and stored it.
    assert list(Momentopname.objects.values_list("sectie", flat=True)) == ["meldingen"]
    services.momentopnamen_verversen(perioden=[JAAR])
    bewaard_pagina = client.get(PAGINA, {"jaar": 2025})
    bewaard_csv = client.get(csv, {"jaar": 2025}).content

    assert _secties_html(bewaard_pagina) == _secties_html(live_pagina)
    assert bewaard_csv == live_csv
    assert "Noord-Holland;0;x;<5;9\r\n" in bewaard_csv.decode("utf-8")


def test_snapshots_hold_no_count_from_1_to_4():
    """Stored tables are the suppressed ones: every count is 0, 5 or more, or hidden."""
    dossier.meldingen_aanmaken()
    dossier.aanvragen_aanmaken()
    services.momentopnamen_verversen(perioden=PERIODEN)

    gezien = set()
    for periode in PERIODEN:
        for bewaard in momentopnamen.lezen(periode).values():
            for tabel in bewaard.tabellen:
                for rij in tabel.rijen:
                    for kolom, waarde in zip(tabel.kolommen, rij.waarden, strict=True):
                        gezien.add(waarde.tekst)
                        if kolom.soort == AANTAL and waarde.getal is not None:
                            assert waarde.getal == 0 or waarde.getal >= 5, (tabel.sleutel, rij)
    assert {"<5", "x"} <= gezien
