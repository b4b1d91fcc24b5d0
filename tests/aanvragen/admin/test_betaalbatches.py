"""Payment batches (issue 15, item 4): finance's queue, numbered batches, CSV and pain.001."""

import csv
import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from aanvragen.backoffice import selectors, services
from aanvragen.constants import AanvraagStatus
from aanvragen.kern import WorkflowFout
from aanvragen.models import Betaalbatch, BetaalbatchRegel, Betaling
from fondsbeveiliging.audit.models import Inzage, InzageActie
from tests.aanvragen.admin.conftest import met_concept_besluit, met_verzonden_besluit

pytestmark = pytest.mark.django_db

TE_BETALEN = reverse("admin:aanvragen_betaalbatch_te_betalen")
LIJST = reverse("admin:aanvragen_betaalbatch_changelist")


def _bestand(batch, soort):
    return reverse("admin:aanvragen_betaalbatch_bestand", args=[batch.pk, soort])


def _pagina(batch):
    return reverse("admin:aanvragen_betaalbatch_change", args=[batch.pk])


@pytest.fixture
def verzonden(beoordelaar, tweede_beoordelaar, regeling):
    """Two sent decisions of € 1.234,56 each, nothing paid."""
    return [met_verzonden_besluit(beoordelaar, tweede_beoordelaar) for _ in range(2)]


def _csv(response) -> list[list[str]]:
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


# -- the queue ------------------------------------------------------------------------------


def test_finance_queue_shows_amount_payee_and_due_date_of_sent_decisions_only(
    verzonden, beoordelaar, verified_client, financieel_medewerker
):
    concept, _ = met_concept_besluit(beoordelaar)  # not approved, let alone sent
    response = verified_client(financieel_medewerker).get(TE_BETALEN)
    assert response.status_code == 200
    html = response.content.decode()
    for aanvraag, besluit in verzonden:
        assert aanvraag.kenmerk in html
        # Escaped as the template prints it: a generated name may hold an apostrophe.
        assert escape(aanvraag.rekeninghouder) in html
        assert f"{besluit.betaaltermijn_einde:%d-%m-%Y}" in html
    assert concept.kenmerk not in html
    assert "€\xa01.234,56" in html
    assert "2 betalingen, samen €\xa02.469,12." in html


def test_finance_lands_on_the_queue_of_payments(client, financieel_medewerker):
    from fondsbeveiliging.accounts.views import backoffice_start

    assert backoffice_start(financieel_medewerker) == TE_BETALEN


def test_queue_uses_a_constant_number_of_queries(
    beoordelaar, tweede_beoordelaar, regeling, verified_client, financieel_medewerker
):
    client = verified_client(financieel_medewerker)
    met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
    client.get(TE_BETALEN)  # warm-up: session, content types
    with CaptureQueriesContext(connection) as een:
        client.get(TE_BETALEN)
    for _ in range(4):
        met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
    with CaptureQueriesContext(connection) as vijf:
        assert client.get(TE_BETALEN).content.decode().count("FB-") >= 5
    assert len(vijf) == len(een)


@pytest.mark.parametrize("rol", ["beoordelaar", "tweede_beoordelaar", "functioneel_beheerder"])
def test_batches_are_for_finance_only(rol, request, verzonden, verified_client):
    client = verified_client(request.getfixturevalue(rol))
    assert client.get(TE_BETALEN).status_code == 403
    assert client.post(TE_BETALEN).status_code == 403
    assert client.get(LIJST).status_code == 403
    assert not Betaalbatch.objects.exists()
    with pytest.raises(WorkflowFout, match="financiële medewerkers"):
        services.betaalbatch_maken(door=request.getfixturevalue(rol))


def test_pages_need_a_verified_staff_login(client, ambtsdrager):
    client.force_login(ambtsdrager)
    assert client.get(TE_BETALEN).status_code == 302


# -- making batches -------------------------------------------------------------------------


def test_two_batches_in_a_row_share_no_rows(
    verzonden, beoordelaar, tweede_beoordelaar, financieel_medewerker
):
    eerste = services.betaalbatch_maken(door=financieel_medewerker)
    assert eerste.nummer == 1
    assert eerste.aantal == 2
    assert eerste.totaal == Decimal("2469.12")
    with pytest.raises(WorkflowFout, match="niets te betalen"):
        services.betaalbatch_maken(door=financieel_medewerker)

    nieuw, _ = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
    tweede = services.betaalbatch_maken(door=financieel_medewerker)

    assert tweede.nummer == 2
    assert [r.kenmerk for r in tweede.regels.all()] == [nieuw.kenmerk]
    assert not set(eerste.regels.values_list("besluit", flat=True)) & set(
        tweede.regels.values_list("besluit", flat=True)
    )


def test_a_decision_cannot_be_in_two_open_batches(verzonden, financieel_medewerker):
    """The database refuses it too, whatever a service might do."""
    from django.db import IntegrityError, transaction

    batch = services.betaalbatch_maken(door=financieel_medewerker)
    regel = batch.regels.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BetaalbatchRegel.objects.create(
            batch=batch,
            besluit=regel.besluit,
            kenmerk=regel.kenmerk,
            begunstigde=regel.begunstigde,
            iban=regel.iban,
            bedrag=regel.bedrag,
            eind_tot_eind_id="X",
        )


def test_making_a_batch_in_the_browser(verzonden, verified_client, financieel_medewerker):
    response = verified_client(financieel_medewerker).post(TE_BETALEN, follow=True)
    batch = Betaalbatch.objects.get()
    assert response.redirect_chain[-1][0] == _pagina(batch)
    html = response.content.decode()
    assert "Betaalbatch 1 is gemaakt: 2 betalingen." in html
    assert "SEPA-bestand (pain.001) downloaden" in html
    leeg = verified_client(financieel_medewerker).post(TE_BETALEN, follow=True)
    assert "Er is niets te betalen dat nog niet in een betaalbatch staat." in leeg.content.decode()


# -- the files ------------------------------------------------------------------------------


def _schema() -> xmlschema.XMLSchema:
    # The ISO 20022 schema as shipped with sepaxml, read here by its own path, so the test
    # does not rely on the library's own validation call.
    pad = Path(sepaxml.__file__).parent / "schemas" / f"{settings.FONDS_SEPA_SCHEMA}.xsd"
    return xmlschema.XMLSchema(pad)


@pytest.mark.parametrize("schema", ["pain.001.001.09", "pain.001.001.03"])
def test_pain001_validates_and_sums_to_the_batch_total(
    schema, settings, verzonden, verified_client, financieel_medewerker
):
    settings.FONDS_SEPA_SCHEMA = schema
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    response = verified_client(financieel_medewerker).get(_bestand(batch, "xml"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    xml = response.content.decode()

    _schema().validate(xml)  # raises on any deviation from the schema

    ns = {"p": f"urn:iso:std:iso:20022:tech:xsd:{schema}"}
    root = ET.fromstring(xml)
    bedragen = [Decimal(e.text) for e in root.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", ns)]
    assert sum(bedragen) == batch.totaal == Decimal("2469.12")
    assert Decimal(root.find(".//p:GrpHdr/p:CtrlSum", ns).text) == batch.totaal
    assert root.find(".//p:GrpHdr/p:NbOfTxs", ns).text == "2"
    assert root.find(".//p:GrpHdr/p:MsgId", ns).text == batch.bericht_id
    ibans = {e.text for e in root.iterfind(".//p:CdtrAcct/p:Id/p:IBAN", ns)}
    assert ibans == {aanvraag.iban for aanvraag, _ in verzonden}
    omschrijvingen = [e.text for e in root.iterfind(".//p:RmtInf/p:Ustrd", ns)]
    assert sorted(omschrijvingen) == sorted(f"{a.kenmerk} Ministerie van BZK" for a, _ in verzonden)


def test_a_second_download_is_the_same_file(verzonden, verified_client, financieel_medewerker):
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    client = verified_client(financieel_medewerker)
    assert client.get(_bestand(batch, "xml")).content == client.get(_bestand(batch, "xml")).content
    assert Inzage.objects.filter(actie=InzageActie.GEEXPORTEERD).count() == 2


@pytest.mark.parametrize("begin", ["=", "+", "-", "@"])
def test_batch_csv_is_spreadsheet_safe_and_logged(
    begin, beoordelaar, tweede_beoordelaar, regeling, verified_client, financieel_medewerker
):
    naam = f"{begin}cmd|' /C calc'!A0"
    aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar, rekeninghouder=naam)
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    response = verified_client(financieel_medewerker).get(_bestand(batch, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    kop, rij = _csv(response)
    assert kop[:5] == ["batch", "kenmerk", "begunstigde", "IBAN", "bedrag"]
    assert rij[:5] == ["1", aanvraag.kenmerk, f"'{naam}", aanvraag.iban, "1234,56"]
    assert rij[5] == f"{besluit.betaaltermijn_einde:%d-%m-%Y}"
    assert rij[7] == ""  # not paid yet
    inzage = Inzage.objects.get(actie=InzageActie.GEEXPORTEERD)
    assert inzage.gebruiker == financieel_medewerker
    assert naam not in inzage.omschrijving


def test_unknown_file_kind_is_404(verzonden, verified_client, financieel_medewerker):
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    assert verified_client(financieel_medewerker).get(_bestand(batch, "pdf")).status_code == 404


# -- marking paid ---------------------------------------------------------------------------


def test_marking_one_row_and_then_the_rest_paid(verzonden, verified_client, financieel_medewerker):
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    eerste, tweede = batch.regels.order_by("pk")
    client = verified_client(financieel_medewerker)
    vandaag = timezone.localdate()

    response = client.post(
        _pagina(batch), {"betaald_op": f"{vandaag:%d-%m-%Y}", "regel": eerste.pk}, follow=True
    )
    assert f"De betaling van {eerste.kenmerk} is geregistreerd." in response.content.decode()
    eerste.refresh_from_db()
    assert eerste.betaling.bedrag == Decimal("1234.56")
    assert eerste.betaling.referentie == f"{eerste.kenmerk}-B1"
    assert eerste.besluit.aanvraag.status == AanvraagStatus.BETAALD
    assert selectors.betaalbatches().get().open_regels == 1

    response = client.post(_pagina(batch), {"betaald_op": f"{vandaag:%d-%m-%Y}", "alles": "1"})
    assert response.status_code == 302
    tweede.refresh_from_db()
    assert tweede.betaling is not None
    assert Betaling.objects.count() == 2
    assert selectors.betaalbatches().get().open_regels == 0
    rijen = _csv(client.get(_bestand(batch, "csv")))
    assert [r[7] for r in rijen[1:]] == [f"{vandaag:%d-%m-%Y}"] * 2


def test_a_row_paid_twice_is_refused(verzonden, financieel_medewerker):
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    regel = batch.regels.first()
    vandaag = timezone.localdate()
    services.batchregel_betaald(regel_id=regel.pk, door=financieel_medewerker, betaald_op=vandaag)
    with pytest.raises(WorkflowFout, match="al geregistreerd"):
        services.batchregel_betaald(
            regel_id=regel.pk, door=financieel_medewerker, betaald_op=vandaag
        )
    assert Betaling.objects.count() == 1


def test_one_refused_row_refuses_the_whole_batch_and_names_it(
    verzonden, verified_client, financieel_medewerker
):
    """A row paid meanwhile on the case page cannot be paid again from the batch."""
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    aanvraag, besluit = verzonden[1]
    vandaag = timezone.localdate()
    services.betaling_registreren(
        besluit_id=besluit.pk,
        door=financieel_medewerker,
        betaald_op=vandaag,
        bedrag=Decimal("1234.56"),
        referentie="handmatig",
    )
    response = verified_client(financieel_medewerker).post(
        _pagina(batch), {"betaald_op": f"{vandaag:%d-%m-%Y}", "alles": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is niet gelukt:" in html
    assert f"<li>{aanvraag.kenmerk}: " in html
    assert Betaling.objects.count() == 1  # the other row was rolled back too


def test_a_bad_date_is_a_form_error(verzonden, verified_client, financieel_medewerker):
    batch = services.betaalbatch_maken(door=financieel_medewerker)
    response = verified_client(financieel_medewerker).post(
        _pagina(batch), {"betaald_op": "31-02-2026", "alles": "1"}
    )
    assert response.status_code == 200
    assert "Vul een bestaande datum in" in response.content.decode()
    assert not Betaling.objects.exists()


def test_unknown_batch_is_404(verified_client, financieel_medewerker):
    client = verified_client(financieel_medewerker)
    assert client.get(reverse("admin:aanvragen_betaalbatch_change", args=[999])).status_code == 404
    assert client.get(LIJST + "abc/change/").status_code == 404


def test_finance_lists_page_with_previous_and_next():
    """The shared pager of "Te betalen" and "Terug te vorderen"."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    pagina = Paginator(list(range(250)), 100).page(2)
    html = render_to_string("admin/aanvragen/betaalbatch/_paginering.html", {"pagina": pagina})
    assert 'href="?p=1"' in html and 'href="?p=3"' in html
    assert "Pagina 2 van 3" in html
    alleen = Paginator(list(range(5)), 100).page(1)
    assert "<nav" not in render_to_string(
        "admin/aanvragen/betaalbatch/_paginering.html", {"pagina": alleen}
    )
