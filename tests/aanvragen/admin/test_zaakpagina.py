"""The case page: read-only, per-role content, logged, with only the allowed action buttons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanvragen.models import Aanvraag
from fondsbeveiliging.audit.models import Inzage, InzageActie
from tests.aanvragen.admin.conftest import met_concept_besluit, met_verzonden_besluit
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory

pytestmark = pytest.mark.django_db


def _url(aanvraag):
    return reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])


def _actie(aanvraag, slug):
    return reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, slug])


@pytest.fixture
def met_woonadres(regeling):
    return AanvraagFactory(
        ingediend=True,
        maatregel_bij_woning=True,
        woonadres="Geheimstraat 12",
        woon_postcode="1234 AB",
        woon_plaats="Ergens",
    )


def test_assessor_sees_the_whole_file_and_the_view_is_logged(
    verified_client, beoordelaar, met_woonadres
):
    html = verified_client(beoordelaar).get(_url(met_woonadres)).content.decode()
    assert "Geheimstraat 12" in html
    bewijs = met_woonadres.kostenposten.get().bewijsstukken.first()
    assert reverse("aanvragen:bewijsstuk", args=[met_woonadres.pk, bewijs.pk]) in html
    for kop in ["Termijnen", "Kostenposten en beoordeling", "Verzoeken om aanvulling"]:
        assert kop in html
    for kop in ["Besluiten, betalingen en bezwaren", "Statushistorie", "Uiterste beslisdatum"]:
        assert kop in html
    # Unassigned and submitted: take it or start; nothing after the decision.
    assert _actie(met_woonadres, "toewijzen") in html
    assert _actie(met_woonadres, "behandeling-starten") in html
    assert _actie(met_woonadres, "goedkeuren") not in html
    assert _actie(met_woonadres, "betaling") not in html
    inzage = Inzage.objects.get(actie=InzageActie.BEKEKEN)
    assert inzage.gebruiker == beoordelaar and inzage.omschrijving == met_woonadres.kenmerk


def test_finance_sees_decisions_but_no_home_address_evidence_or_requests(
    verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker
):
    aanvraag, _besluit = met_verzonden_besluit(
        beoordelaar,
        tweede_beoordelaar,
        maatregel_bij_woning=True,
        woonadres="Geheimstraat 12",
    )
    html = verified_client(financieel_medewerker).get(_url(aanvraag)).content.decode()
    assert "Geheimstraat" not in html
    assert "factuur.pdf" not in html
    assert "Verzoeken om aanvulling" not in html
    assert "Besluit versie 1" in html and "Uiterlijk betalen op" in html
    assert _actie(aanvraag, "betaling") in html
    assert _actie(aanvraag, "bezwaar") not in html


class TestFinanceOnlyDecidedCases:
    """Finance opens a case only once its decision is approved or sent; otherwise a 404."""

    def test_undecided_case_and_its_pages_are_404_and_not_logged(
        self, verified_client, financieel_medewerker, regeling
    ):
        aanvraag = AanvraagFactory(ingediend=True)
        client = verified_client(financieel_medewerker)
        response = client.get(_url(aanvraag))
        assert response.status_code == 404
        assert aanvraag.aanvrager_naam not in response.content.decode()
        assert client.get(_actie(aanvraag, "betaling")).status_code == 404
        historie = reverse("admin:aanvragen_aanvraag_history", args=[aanvraag.pk])
        assert client.get(historie).status_code == 404
        # No read of the case is logged; the three refusals are (who tried what).
        assert not Inzage.objects.exclude(actie=InzageActie.GEWEIGERD).exists()
        assert Inzage.objects.filter(actie=InzageActie.GEWEIGERD).count() == 3

    def test_draft_decision_is_not_enough(
        self, verified_client, beoordelaar, financieel_medewerker
    ):
        aanvraag, _besluit = met_concept_besluit(beoordelaar)
        assert verified_client(financieel_medewerker).get(_url(aanvraag)).status_code == 404

    def test_unknown_case_answers_the_same(self, verified_client, financieel_medewerker):
        """A hidden case and a missing one look alike: nobody learns that a case exists."""
        missend = reverse("admin:aanvragen_aanvraag_change", args=[987654])
        assert verified_client(financieel_medewerker).get(missend).status_code == 404

    def test_approved_decision_opens_the_case(
        self, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker
    ):
        """Approved, not yet sent: readable and logged, but nothing to pay yet."""
        from aanvragen.backoffice import services

        aanvraag, besluit = met_concept_besluit(beoordelaar)
        services.besluit_goedkeuren(besluit_id=besluit.pk, door=tweede_beoordelaar)
        response = verified_client(financieel_medewerker).get(_url(aanvraag))
        assert response.status_code == 200
        assert response.context["acties"] == []
        assert Inzage.objects.get().gebruiker == financieel_medewerker


def test_concept_is_never_shown(verified_client, beoordelaar, regeling):
    concept = AanvraagFactory(compleet=True)
    response = verified_client(beoordelaar).get(_url(concept))
    assert response.status_code == 404  # as for a case that does not exist
    assert not Inzage.objects.exclude(actie=InzageActie.GEWEIGERD).exists()


def test_nothing_is_edited_or_deleted_as_a_form(verified_client, tweede_beoordelaar, regeling):
    aanvraag = AanvraagFactory(ingediend=True)
    client = verified_client(tweede_beoordelaar)
    html = client.get(_url(aanvraag)).content.decode()
    for veld in ["status", "bedrag_aangevraagd", "iban", "behandelaar"]:
        assert f'name="{veld}"' not in html
    assert client.post(_url(aanvraag), {"status": "betaald"}).status_code == 403
    delete = reverse("admin:aanvragen_aanvraag_delete", args=[aanvraag.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == "ingediend"


def test_case_page_query_count_does_not_grow_with_cost_lines(
    verified_client, beoordelaar, regeling
):
    aanvraag = AanvraagFactory(ingediend=True)
    client = verified_client(beoordelaar)
    client.get(_url(aanvraag))

    def tellen():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(aanvraag)).status_code == 200
        return len(ctx.captured_queries)

    een = tellen()
    for _ in range(4):
        KostenpostFactory(aanvraag=aanvraag)
    assert tellen() == een


class TestStatushistorieAdmin:
    URL = reverse("admin:aanvragen_statuswijziging_changelist")

    def test_functioneel_beheerder_reads_the_history_and_access_log(
        self, verified_client, functioneel_beheerder, beoordelaar, regeling
    ):
        from tests.aanvragen.admin.conftest import in_behandeling_door

        aanvraag = in_behandeling_door(beoordelaar)
        client = verified_client(functioneel_beheerder)
        response = client.get(self.URL)
        assert response.status_code == 200
        assert aanvraag.kenmerk in response.content.decode()
        assert client.get(reverse("admin:audit_inzage_changelist")).status_code == 200

    @pytest.mark.parametrize(
        ("rol", "ziet"),
        [
            ("beoordelaar", True),
            ("tweede_beoordelaar", True),
            ("functioneel_beheerder", False),
            ("superuser_beheerder", False),  # the demo's beheerder: the role decides
        ],
    )
    def test_the_assessors_explanation_is_case_content(
        self, rol, ziet, request, verified_client, beoordelaar, regeling
    ):
        """A reason typed by an assessor shows to assessors only, in the list and the detail."""
        from aanvragen.constants import AanvraagStatus
        from aanvragen.models import StatusWijziging
        from tests.aanvragen.admin.conftest import in_behandeling_door
        from tests.factories import UserFactory

        aanvraag = in_behandeling_door(beoordelaar)
        rij = StatusWijziging.objects.create(
            aanvraag=aanvraag,
            van=AanvraagStatus.IN_BEHANDELING,
            naar=AanvraagStatus.VERDAAGD,
            door=beoordelaar,
            toelichting="Wacht op het advies van de politie over de woning.",
        )
        if rol == "superuser_beheerder":
            user = UserFactory(functioneel_beheerder=True, is_superuser=True, is_staff=True)
        else:
            user = request.getfixturevalue(rol)
        client = verified_client(user)
        lijst = client.get(self.URL)
        detail = client.get(reverse("admin:aanvragen_statuswijziging_change", args=[rij.pk]))
        for response in (lijst, detail):
            assert response.status_code == 200
            html = response.content.decode()
            assert aanvraag.kenmerk in html
            assert ("advies van de politie" in html) is ziet
            assert ("Toelichting" in html) is ziet

    def test_history_cannot_be_changed_or_deleted(
        self, verified_client, functioneel_beheerder, beoordelaar, regeling
    ):
        from tests.aanvragen.admin.conftest import in_behandeling_door

        rij = in_behandeling_door(beoordelaar).statushistorie.first()
        client = verified_client(functioneel_beheerder)
        change = reverse("admin:aanvragen_statuswijziging_change", args=[rij.pk])
        assert client.post(change, {"toelichting": "weg"}).status_code == 403
        delete = reverse("admin:aanvragen_statuswijziging_delete", args=[rij.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert client.get(reverse("admin:aanvragen_statuswijziging_add")).status_code == 403
        rij.refresh_from_db()
        assert rij.toelichting != "weg"


def test_a_closed_case_reads_right_on_the_case_page_and_in_the_history(
    verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker, regeling
):
    """A case closed by the daily job: status 'Afgesloten', the system named as the actor."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from aanvragen.backoffice import services
    from aanvragen.backoffice.services import zaken_afsluiten
    from tests.factories import UserFactory

    aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
    services.betaling_registreren(
        besluit_id=besluit.pk,
        door=financieel_medewerker,
        betaald_op=timezone.localdate(),
        bedrag=Decimal(besluit.bedrag_toegekend),
        referentie="BET-1",
    )
    assert zaken_afsluiten(vandaag=besluit.bezwaartermijn_einde + timedelta(days=30)) == [
        aanvraag.pk
    ]
    html = verified_client(beoordelaar).get(_url(aanvraag)).content.decode()
    assert "Afgesloten" in html
    assert html.count("Systeem (automatisch)") == 2  # sent and closed by the system
    beheer = verified_client(UserFactory(functioneel_beheerder=True))
    lijst = beheer.get(reverse("admin:aanvragen_statuswijziging_changelist")).content.decode()
    assert lijst.count("Systeem (automatisch)") == 2


@pytest.mark.parametrize("rol", ["beoordelaar", "financieel_medewerker"])
def test_case_page_writes_amounts_the_dutch_way(rol, request, verified_client, regeling):
    """Claimed, approved, granted and paid amounts read '€ 1.250,00', as in the letters."""
    from decimal import Decimal

    from django.utils import timezone

    from aanvragen.constants import AanvraagStatus
    from aanvragen.models import Betaling
    from tests.aanvragen.backoffice.factories import (
        BesluitFactory,
        aanvraag_in,
        alles_beoordelen,
    )

    beoordelaar = request.getfixturevalue("beoordelaar")
    aanvraag = aanvraag_in(
        AanvraagStatus.VERZONDEN, bedragen=(Decimal("1250.00"), Decimal("1395.00"))
    )
    alles_beoordelen(aanvraag, beoordelaar)
    besluit = BesluitFactory(aanvraag=aanvraag, verzonden=True)
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=timezone.localdate(),
        bedrag=Decimal("1250.00"),
        referentie="BET-1",
        geregistreerd_door=request.getfixturevalue("financieel_medewerker"),
    )
    html = verified_client(request.getfixturevalue(rol)).get(_url(aanvraag)).content.decode()
    assert "€\xa02.645,00" in html  # claimed, and granted in the decision
    assert "€\xa01.250,00" in html  # a cost line and the payment
    assert "€\xa01.395,00" in html
    for kaal in ["2645,00", "1250,00", "1395,00"]:
        assert kaal not in html, kaal


def test_the_penalty_to_date_is_written_the_dutch_way(verified_client, beoordelaar, regeling):
    from datetime import timedelta

    from django.utils import timezone

    from aanvragen.constants import AanvraagStatus
    from tests.aanvragen.backoffice.factories import aanvraag_in

    vandaag = timezone.localdate()
    aanvraag = aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        beslistermijn_einde=vandaag - timedelta(days=120),
        ingebrekestelling_op=vandaag - timedelta(days=100),
    )
    html = verified_client(beoordelaar).get(_url(aanvraag)).content.decode()
    assert "€\xa01.442,00" in html  # the maximum: 42 days
