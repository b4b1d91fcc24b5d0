"""The quarterly report: queued after commit, rendered by the task, stored privately,
downloadable by the statistics roles; its text holds every table and no count under 5."""

import re
import subprocess

import pytest
from django.urls import reverse

from statistieken import services
from statistieken.models import Kwartaalrapport, RapportStatus
from statistieken.periode import Periode
from statistieken.secties import secties_vullen
from statistieken.tabellen import AANTAL
from tests.statistieken import dossier

pytestmark = pytest.mark.django_db

K1 = Periode(jaar=2025, kwartaal=1)


def _pdf_tekst(pad) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def rapport(beoordelaar, celery_eager, django_capture_on_commit_callbacks):
    dossier.meldingen_aanmaken()
    dossier.aanvragen_aanmaken()
    dossier.ondersteuning_aanmaken()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rapport = services.kwartaalrapport_aanvragen(jaar=2025, kwartaal=1, door=beoordelaar)
    assert len(callbacks) == 1
    rapport.refresh_from_db()
    return rapport


def test_the_task_renders_and_stores_the_report(rapport, private_media):
    """After commit the task made the PDF: klaar, hash recorded, file in private storage."""
    assert rapport.status == RapportStatus.KLAAR
    assert len(rapport.sha256) == 64
    assert (private_media / rapport.bestand.name).read_bytes().startswith(b"%PDF")


def test_report_text_holds_every_table_of_the_page_and_no_count_under_5(rapport, private_media):
    """pdftotext finds each table's title, row labels and cells as the page shows them; no
    count column publishes a number from 1 to 4 (only '<5' or 'x')."""
    tekst = _pdf_tekst(private_media / rapport.bestand.name).replace("\xa0", " ")
    platte_tekst = re.sub(r"\s+", " ", tekst)
    regels = tekst.splitlines()

    assert "Monitor agressie en geweld tegen politieke ambtsdragers" in platte_tekst
    assert "1e kwartaal 2025" in platte_tekst
    for sectie in secties_vullen(periode=K1):
        for tabel in sectie.tabellen:
            assert tabel.titel in platte_tekst, tabel.titel
            for rij in tabel.rijen:
                teksten = [w.tekst.replace("\xa0", " ") for w in rij.waarden]
                assert any(
                    regel.strip().startswith(rij.label[:12]) and all(t in regel for t in teksten)
                    for regel in regels
                ), (tabel.titel, rij.label, teksten)
                for kolom, waarde in zip(tabel.kolommen, rij.waarden, strict=True):
                    if kolom.soort == AANTAL:
                        assert waarde.tekst not in {"1", "2", "3", "4"}, (tabel.titel, rij.label)
    assert "<5" in tekst


def test_a_pending_report_of_the_same_quarter_is_not_queued_twice(beoordelaar):
    eerste = services.kwartaalrapport_aanvragen(jaar=2025, kwartaal=1, door=beoordelaar)
    tweede = services.kwartaalrapport_aanvragen(jaar=2025, kwartaal=1, door=beoordelaar)

    assert eerste.pk == tweede.pk
    assert Kwartaalrapport.objects.count() == 1


def test_a_report_pending_too_long_is_queued_again(beoordelaar, django_capture_on_commit_callbacks):
    """The broker may lose a message: asking again after 5 minutes queues the same row."""
    from datetime import timedelta

    from django.utils import timezone

    eerste = services.kwartaalrapport_aanvragen(jaar=2025, kwartaal=3, door=beoordelaar)
    Kwartaalrapport.objects.filter(pk=eerste.pk).update(
        aangevraagd_op=timezone.now() - timedelta(minutes=6)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        tweede = services.kwartaalrapport_aanvragen(jaar=2025, kwartaal=3, door=beoordelaar)

    assert tweede.pk == eerste.pk
    assert len(callbacks) == 1
    assert Kwartaalrapport.objects.count() == 1


def test_the_task_is_a_no_op_for_a_finished_report(rapport):
    assert services.kwartaalrapport_maken(rapport_id=rapport.pk) is False


def test_statistics_roles_download_the_report_finance_does_not(
    rapport, verified_client, tweede_beoordelaar, financieel_medewerker
):
    url = reverse("admin:statistieken_rapport_downloaden", args=[rapport.pk])

    response = verified_client(tweede_beoordelaar).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert verified_client(financieel_medewerker).get(url).status_code == 403


def test_the_page_queues_a_report_with_a_post(
    verified_client, functioneel_beheerder, django_capture_on_commit_callbacks
):
    client = verified_client(functioneel_beheerder)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("admin:statistieken_rapport_maken"),
            {"rapport-jaar": 2025, "rapport-kwartaal": 2},
        )

    assert response.status_code == 302
    assert Kwartaalrapport.objects.get().kwartaal == 2
    assert len(callbacks) == 1


def test_csv_of_a_table_has_the_suppressed_cells(verified_client, beoordelaar):
    """The CSV holds the same suppression: '<5' and 'x', BOM and ';' as every export."""
    dossier.meldingen_aanmaken()
    url = reverse("admin:statistieken_tabel_csv", args=["meldingen-per-provincie"])

    inhoud = verified_client(beoordelaar).get(url, {"jaar": 2025}).content.decode("utf-8")

    assert inhoud.startswith("\ufeffProvincie;Burgemeester;Wethouder;Raadslid;Totaal")
    assert "Noord-Holland;0;x;<5;9\r\n" in inhoud
    assert "Totaal;5;x;<5;14\r\n" in inhoud
