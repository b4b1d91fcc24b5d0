"""The data export (AVG art. 15): made by the task, a ZIP of the owner's data, no one else's."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gegevens import services
from gegevens.constants import ExportStatus
from gegevens.models import GegevensExport
from gegevens.tasks import export_maken_task, exports_opruimen_task
from tests.gegevens.dossier import volledig_dossier

pytestmark = pytest.mark.django_db

MERK = "GEHEIM-INTERN-7f3a"


@pytest.fixture
def dossier(utrecht, ambtsdrager, beoordelaar):
    return volledig_dossier(
        ambtsdrager, beoordelaar, merk=MERK, omschrijving="Dreigbrief in de bus (eigen-tekst-1)."
    )


@pytest.fixture
def ander_dossier(utrecht, andere_ambtsdrager, beoordelaar):
    return volledig_dossier(
        andere_ambtsdrager,
        beoordelaar,
        merk="ANDER-MERK",
        omschrijving="Iets heel anders (andere-tekst-2).",
    )


def _export(eigenaar) -> GegevensExport:
    """Ask for an export and run the task directly, as a worker would."""
    export = GegevensExport.objects.create(eigenaar=eigenaar)
    assert export_maken_task(export.pk) is True
    export.refresh_from_db()
    return export


def _zip(export) -> zipfile.ZipFile:
    with export.bestand.open("rb") as bestand:
        return zipfile.ZipFile(io.BytesIO(bestand.read()))


def _alle_tekst(archief: zipfile.ZipFile) -> str:
    """Every member's bytes, decoded leniently, with its name."""
    return "\n".join(
        naam + "\n" + archief.read(naam).decode("utf-8", "replace") for naam in archief.namelist()
    )


def test_the_task_makes_a_zip_whose_index_lists_every_record(dossier, ambtsdrager):
    """Profile, melding reference, claim kenmerk, letters and every uploaded file are in it."""
    export = _export(ambtsdrager)

    assert export.status == ExportStatus.KLAAR
    assert export.verloopt_op == export.klaar_op + timedelta(days=7)
    archief = _zip(export)
    assert archief.testzip() is None
    index = archief.read("index.html").decode()
    namen = archief.namelist()
    assert ambtsdrager.email in index and "Gemeente" in index and "Utrecht" in index
    assert dossier.melding.referentie in index and "eigen-tekst-1" in index
    assert "Concept-melding van" in index
    assert dossier.aanvraag.kenmerk in index
    for kostenpost in ("Alarm met doormelding", "Camera bij de voordeur"):
        assert kostenpost in index
    assert "<dt>Factuurnummer</dt><dd>CAM-2026-7</dd>" in index
    assert "Gedeeltelijk toegekend" in index and "1.734,56" in index
    for brief in dossier.brieven_aanvrager:
        assert brief.download_naam in index
        assert f"brieven/{brief.download_naam}" in namen
    bestanden = [
        dossier.bijlage.bestandsnaam,
        "later.png",
        *(b.bestandsnaam for b in dossier.bewijsstukken),
        dossier.aanvullingbestand.bestandsnaam,
    ]
    for naam in bestanden:
        assert naam in index
        assert any(pad.endswith(naam) for pad in namen), naam
    assert archief.read(f"brieven/{dossier.brief_aanvrager.download_naam}").startswith(b"%PDF")


def test_the_municipalitys_copies_are_not_in_the_owners_zip(dossier, ambtsdrager):
    """The notice to the municipality is its letter, not the office holder's."""
    archief = _zip(_export(ambtsdrager))
    assert dossier.brief_gemeente.download_naam not in _alle_tekst(archief)
    assert not any("kennisgeving" in naam for naam in archief.namelist())


def test_no_internal_note_appears_anywhere_in_the_zip(dossier, ambtsdrager):
    """The marker in every internal field (status history, hearing note, melding notes, notes
    on answers, objection, assessors' motivations) is in no member of the ZIP."""
    archief = _zip(_export(ambtsdrager))
    for naam in archief.namelist():
        assert MERK.encode() not in archief.read(naam), naam


def test_no_staff_names_or_other_office_holders_data_in_the_zip(
    dossier, ander_dossier, ambtsdrager, andere_ambtsdrager, beoordelaar, gemeente_medewerker
):
    """Each office holder's ZIP has only their own records."""
    eerste = _alle_tekst(_zip(_export(ambtsdrager)))
    tweede = _alle_tekst(_zip(_export(andere_ambtsdrager)))

    for naam in (beoordelaar.first_name, beoordelaar.last_name, beoordelaar.email):
        assert naam not in eerste and naam not in tweede
    assert gemeente_medewerker.email not in eerste
    eigen = [
        dossier.melding.referentie,
        dossier.aanvraag.kenmerk,
        ambtsdrager.email,
        "eigen-tekst-1",
    ]
    ander = [
        ander_dossier.melding.referentie,
        ander_dossier.aanvraag.kenmerk,
        andere_ambtsdrager.email,
        andere_ambtsdrager.last_name,
        "andere-tekst-2",
    ]
    for tekst in ander:
        assert tekst not in eerste
    for tekst in eigen:
        assert tekst not in tweede


def test_the_access_log_is_in_the_zip(dossier, ambtsdrager, gemeente_medewerker):
    """The reads of the owner's records, as on the page, with role and municipality."""
    client = Client()
    client.force_login(gemeente_medewerker)
    assert (
        client.get(reverse("brieven:download", args=[dossier.brief_gemeente.pk])).status_code == 200
    )

    index = _zip(_export(ambtsdrager)).read("index.html").decode()

    assert "Gemeentemedewerker, Gemeente Utrecht" in index
    assert f"Kennisgeving aan de gemeente over aanvraag {dossier.aanvraag.kenmerk}" in index


def test_the_task_is_idempotent(dossier, ambtsdrager):
    """A ready export is left alone when the message comes again."""
    export = _export(ambtsdrager)
    naam, sha = export.bestand.name, export.sha256
    assert export_maken_task(export.pk) is False
    export.refresh_from_db()
    assert (export.bestand.name, export.sha256, export.pogingen) == (naam, sha, 1)


def test_a_transient_error_is_retried_then_marked_failed(ambtsdrager, monkeypatch):
    """A disk error is retried with backoff; after the last retry the export is mislukt."""
    export = GegevensExport.objects.create(eigenaar=ambtsdrager)

    def kapot(**kwargs):
        raise OSError("schijf weg")

    monkeypatch.setattr(services, "export_schrijven", kapot)
    result = export_maken_task.apply(args=[export.pk])
    export.refresh_from_db()
    assert result.successful() and result.result is False
    assert export.status == ExportStatus.MISLUKT
    assert export.pogingen == export_maken_task.max_retries + 1
    assert "schijf weg" in export.laatste_fout


def test_asking_queues_the_task_after_commit(ambtsdrager, django_capture_on_commit_callbacks):
    """The export is queued only once the request's transaction commits; a second click
    while it is being made gives the same export."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = services.export_aanvragen(eigenaar=ambtsdrager)
        assert services.export_aanvragen(eigenaar=ambtsdrager) == export
    assert len(callbacks) == 1
    assert GegevensExport.objects.get().status == ExportStatus.WACHTEND

    callbacks[0]()  # the broker delivers it; the worker (eager here) makes it

    export.refresh_from_db()
    assert export.status == ExportStatus.KLAAR


def test_the_button_asks_for_an_export_and_the_page_shows_its_status(
    ambtsdrager, client, django_capture_on_commit_callbacks
):
    """ "Mijn gegevens downloaden" -> wordt gemaakt -> klaar tot <datum> -> verlopen."""
    client.force_login(ambtsdrager)
    url = reverse("gegevens:overzicht")
    assert "Mijn gegevens downloaden" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("gegevens:export_aanvragen"), follow=True)
    assert "Wordt gemaakt" in response.content.decode()
    callbacks[0]()

    html = client.get(url).content.decode()
    export = GegevensExport.objects.get()
    assert "Klaar. U kunt het bestand downloaden tot" in html
    assert reverse("gegevens:export_downloaden", args=[export.pk]) in html

    GegevensExport.objects.filter(pk=export.pk).update(verloopt_op=timezone.now())
    html = client.get(url).content.decode()
    assert "Verlopen: het bestand was te downloaden tot" in html
    assert "Mijn gegevens downloaden" in html


def test_an_expired_export_cannot_be_downloaded_and_its_file_is_deleted(ambtsdrager, client):
    export = _export(ambtsdrager)
    opslag, naam = export.bestand.storage, export.bestand.name
    GegevensExport.objects.filter(pk=export.pk).update(
        verloopt_op=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(ambtsdrager)

    response = client.get(reverse("gegevens:export_downloaden", args=[export.pk]))

    assert response.status_code == 302
    assert "Content-Disposition" not in response
    export.refresh_from_db()
    assert export.status == ExportStatus.VERLOPEN and not export.bestand
    assert not opslag.exists(naam)


def test_the_hourly_clean_up_deletes_expired_exports_only(ambtsdrager, andere_ambtsdrager):
    oud, nieuw = _export(ambtsdrager), _export(andere_ambtsdrager)
    GegevensExport.objects.filter(pk=oud.pk).update(verloopt_op=timezone.now())
    opslag, naam = oud.bestand.storage, oud.bestand.name

    assert exports_opruimen_task() == 1

    oud.refresh_from_db()
    nieuw.refresh_from_db()
    assert oud.status == ExportStatus.VERLOPEN and not oud.bestand
    assert not opslag.exists(naam) and opslag.listdir(f"gegevens/{oud.pk}")[1] == []
    assert nieuw.status == ExportStatus.KLAAR and opslag.exists(nieuw.bestand.name)
