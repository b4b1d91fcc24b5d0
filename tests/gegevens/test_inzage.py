"""The office holder's access log on "Mijn gegevens": exactly the reads of their own records."""

import re
from html import unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanvragen.models import Aanvraag
from fondsbeveiliging.audit.models import Inzage, InzageActie
from tests.gegevens.dossier import volledig_dossier

pytestmark = pytest.mark.django_db

URL = reverse("gegevens:overzicht")


def _rijen(response) -> list[list[str]]:
    """The access-log table's body rows as lists of cell texts."""
    html = response.content.decode()
    tabel = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    rijen = re.findall(r"<tr>(.*?)</tr>", tabel, re.S)
    return [
        [
            " ".join(unescape(re.sub(r"<[^>]+>", "", cel)).split())
            for cel in re.findall(r"<td[^>]*>(.*?)</td>", rij, re.S)
        ]
        for rij in rijen
    ]


@pytest.fixture
def dossiers(utrecht, ambtsdrager, andere_ambtsdrager, beoordelaar):
    return {
        "eigen": volledig_dossier(ambtsdrager, beoordelaar, merk="M1", omschrijving="Eigen."),
        "ander": volledig_dossier(
            andere_ambtsdrager, beoordelaar, merk="M2", omschrijving="Ander."
        ),
    }


def test_access_log_shows_exactly_the_reads_of_the_owners_records_newest_first(
    dossiers, ambtsdrager, beoordelaar, gemeente_medewerker, verified_client, client
):
    """Assessor viewed the claim and an evidence file, the municipality downloaded the notice.

    Reads of another office holder's claim and the owner's own download do not appear.
    """
    eigen, ander = dossiers["eigen"], dossiers["ander"]
    staf = verified_client(beoordelaar)
    assert (
        staf.get(reverse("admin:aanvragen_aanvraag_change", args=[eigen.aanvraag.pk])).status_code
        == 200
    )
    bewijsstuk = eigen.bewijsstukken[1]
    assert (
        staf.get(
            reverse("aanvragen:bewijsstuk", args=[eigen.aanvraag.pk, bewijsstuk.pk])
        ).status_code
        == 200
    )
    assert (
        staf.get(reverse("admin:aanvragen_aanvraag_change", args=[ander.aanvraag.pk])).status_code
        == 200
    )
    gemeente = Client()
    gemeente.force_login(gemeente_medewerker)
    assert (
        gemeente.get(reverse("brieven:download", args=[eigen.brief_gemeente.pk])).status_code == 200
    )
    eigenaar = Client()
    eigenaar.force_login(ambtsdrager)
    assert (
        eigenaar.get(reverse("brieven:download", args=[eigen.brief_aanvrager.pk])).status_code
        == 200
    )

    response = eigenaar.get(URL)

    assert response.status_code == 200
    rijen = _rijen(response)
    kenmerk = eigen.aanvraag.kenmerk
    assert [rij[2:] for rij in rijen] == [
        [
            "Gemeentemedewerker, Gemeente Utrecht",
            f"Kennisgeving aan de gemeente over aanvraag {kenmerk}",
            "gedownload",
        ],
        [
            "Beoordelaar, Team Fonds Beveiliging, ministerie van BZK",
            f"Bewijsstuk ‘{bewijsstuk.bestandsnaam}’ bij aanvraag {kenmerk}",
            "gedownload",
        ],
        [
            "Beoordelaar, Team Fonds Beveiliging, ministerie van BZK",
            f"Uw aanvraag {kenmerk}",
            "bekeken",
        ],
    ]
    for rij in rijen:
        assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", rij[0]) and re.fullmatch(r"\d\d:\d\d", rij[1])
    html = response.content.decode()
    assert ander.aanvraag.kenmerk not in html
    for naam in (beoordelaar.first_name, beoordelaar.last_name, beoordelaar.email):
        assert naam not in html
    assert gemeente_medewerker.get_full_name() not in html
    assert gemeente_medewerker.email not in html


def test_every_logged_kind_of_record_reads_as_what_was_viewed(
    dossiers, ambtsdrager, beoordelaar, verified_client
):
    """The melding, an attachment, the claim, an evidence file, a file sent with an answer,
    the draft decision and a letter each have their own line."""
    eigen = dossiers["eigen"]
    staf = verified_client(beoordelaar)
    urls = [
        reverse("admin:meldingen_melding_change", args=[eigen.melding.pk]),
        reverse("meldingen:bijlage", args=[eigen.bijlage.uuid]),
        reverse(
            "aanvragen:aanvulling_bestand", args=[eigen.aanvraag.pk, eigen.aanvullingbestand.pk]
        ),
        reverse("brieven:download", args=[eigen.brief_aanvrager.pk]),
    ]
    for url in urls:
        assert staf.get(url).status_code == 200, url
    Inzage.objects.create(  # the draft preview needs an unsent decision: logged as it does
        gebruiker=beoordelaar,
        actie=InzageActie.BEKEKEN,
        object_type=ContentType.objects.get_for_model(eigen.besluit),
        object_id=str(eigen.besluit.pk),
        omschrijving="conceptbesluit",
    )
    eigenaar = Client()
    eigenaar.force_login(ambtsdrager)

    wat = [rij[3] for rij in _rijen(eigenaar.get(URL))]

    ref, kenmerk = eigen.melding.referentie, eigen.aanvraag.kenmerk
    assert wat == [
        f"Het conceptbesluit over aanvraag {kenmerk}",
        f"Brief ‘Besluit’ over aanvraag {kenmerk}",
        f"Bestand ‘{eigen.aanvullingbestand.bestandsnaam}’ bij uw aanvulling op aanvraag {kenmerk}",
        f"Een bijlage bij uw melding {ref}",
        f"Uw melding {ref}",
    ]


def test_reading_the_page_writes_no_access_log_row(ambtsdrager, client):
    """The owner reading their own log is not a staff read."""
    client.force_login(ambtsdrager)
    voor = Inzage.objects.count()
    assert client.get(URL).status_code == 200
    assert client.get(URL, {"pagina": 2}).status_code == 200
    assert Inzage.objects.count() == voor


def _inzagen(aantal, *, door, aanvraag):
    soort = ContentType.objects.get_for_model(Aanvraag)
    Inzage.objects.bulk_create(
        Inzage(
            gebruiker=door,
            actie=InzageActie.BEKEKEN,
            object_type=soort,
            object_id=str(aanvraag.pk),
            omschrijving=aanvraag.kenmerk,
        )
        for _ in range(aantal)
    )


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, params).status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_rows(
    dossiers, ambtsdrager, beoordelaar, gemeente_medewerker, client
):
    """Two rows or 120 (three pages of 50): the same number of queries per page."""
    client.force_login(ambtsdrager)
    aanvraag = dossiers["eigen"].aanvraag
    _inzagen(2, door=beoordelaar, aanvraag=aanvraag)
    client.get(URL)  # warm-up: content types and the session are cached after this
    weinig = _queries(client)
    _inzagen(118, door=gemeente_medewerker, aanvraag=aanvraag)

    assert _queries(client) == weinig
    assert _queries(client, pagina=3) == weinig
    response = client.get(URL, {"pagina": 3})
    assert len(_rijen(response)) == 20
    assert "Pagina 3 van 3" in response.content.decode()
