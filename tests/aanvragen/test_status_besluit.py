"""The applicant's side of a decision: the outcome on the status page and in "Mijn
aanvragen", the evidence rules before upload, "Wijzigen" back to the check page, and the
confirmation page after submitting (issue #14 items 1-3)."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanvragen.constants import AanvraagStatus, KostenAard, Uitkomst
from aanvragen.controles import problemen_bij_indienen
from aanvragen.models import Besluit
from aanvragen.views import bewijsregels
from tests.aanvragen.backoffice.factories import BesluitFactory, aanvraag_in
from tests.aanvragen.besluit_zaken import INTERN, gedeeltelijk_toegekend
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def eigen_client(client, ambtsdrager):
    client.force_login(ambtsdrager)
    return client


def _tekst(html: str) -> str:
    """The page's text with tags removed and whitespace folded (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def _kaart(html: str, kenmerk: str) -> str:
    return _tekst(html.split(kenmerk, 1)[1].split("</li>", 1)[0])


def _detail(client, aanvraag) -> str:
    response = client.get(reverse("aanvragen:detail", args=[aanvraag.pk]))
    assert response.status_code == 200
    return response.content.decode()


class TestStatusPage:
    def test_partly_granted_and_partly_paid_claim_shows_outcome_lines_and_payments(
        self, eigen_client, regeling, ambtsdrager
    ):
        aanvraag = gedeeltelijk_toegekend(aanvrager=ambtsdrager, betaald=(Decimal("2000.00"),))
        html = _detail(eigen_client, aanvraag)
        tekst = _tekst(html)
        assert re.search(r'id="uitkomst">Gedeeltelijk toegekend<', html)
        assert f'id="aangevraagd">€{NBSP}5.000,00<' in html
        assert f'id="toegekend">€{NBSP}3.450,00<' in html
        assert f'id="betaald">€{NBSP}2.000,00<' in html
        assert f'id="nog-te-betalen">€{NBSP}1.450,00<' in html
        # Per cost line: claimed, granted and the reason written for the letter.
        assert "Inbraakalarm met doormelding" in tekst
        assert "Twee camera's bij de voordeur" in tekst.replace("&#x27;", "'")
        assert (
            "Gedeeltelijk toegekend: Boven het maximum van de regeling: het maximum voor "
            "camera&#x27;s is €" in tekst
        )
        assert f"€{NBSP}2.000,00 betaald op 3 maart 2026" in tekst
        assert f"Wij betalen €{NBSP}1.450,00 uiterlijk op 14 april 2026" in tekst
        assert "tot en met 14 april 2026 bezwaar maken" in tekst
        assert "De camera&#x27;s vergoeden wij tot het maximum." in tekst

    def test_internal_notes_and_payment_references_stay_off_the_page(
        self, eigen_client, regeling, ambtsdrager
    ):
        aanvraag = gedeeltelijk_toegekend(aanvrager=ambtsdrager)
        assert INTERN not in _detail(eigen_client, aanvraag)
        assert INTERN not in eigen_client.get(reverse("aanvragen:lijst")).content.decode()

    def test_fully_paid_claim_says_nothing_is_left_to_pay(
        self, eigen_client, regeling, ambtsdrager
    ):
        aanvraag = gedeeltelijk_toegekend(
            aanvrager=ambtsdrager, betaald=(Decimal("2000.00"), Decimal("1450.00"))
        )
        html = _detail(eigen_client, aanvraag)
        assert f'id="nog-te-betalen">€{NBSP}0,00<' in html
        assert "Het toegekende bedrag is helemaal betaald" in html
        assert f"€{NBSP}1.450,00 betaald op 17 maart 2026" in _tekst(html)

    def test_refusal_shows_no_payment(self, eigen_client, regeling, ambtsdrager):
        aanvraag = aanvraag_in(AanvraagStatus.VERZONDEN, aanvrager=ambtsdrager)
        BesluitFactory(
            aanvraag=aanvraag,
            verzonden=True,
            uitkomst=Uitkomst.AFGEWEZEN,
            bedrag_toegekend=Decimal("0"),
        )
        html = _detail(eigen_client, aanvraag)
        assert 'id="uitkomst">Afgewezen<' in html
        assert f'id="toegekend">€{NBSP}0,00<' in html
        assert 'id="betaald"' not in html and "Betalingen" not in html

    def test_a_decision_not_yet_sent_is_not_shown(self, eigen_client, regeling, ambtsdrager):
        aanvraag = aanvraag_in(AanvraagStatus.BESLUIT_GOEDGEKEURD, aanvrager=ambtsdrager)
        BesluitFactory(aanvraag=aanvraag, goedgekeurd=True, uitkomst=Uitkomst.AFGEWEZEN)
        html = _detail(eigen_client, aanvraag)
        assert 'id="uitkomst"' not in html and "Afgewezen" not in html

    def test_a_correction_shows_the_latest_sent_decision(self, eigen_client, regeling, ambtsdrager):
        aanvraag = gedeeltelijk_toegekend(aanvrager=ambtsdrager, betaald=())
        eerste = Besluit.objects.get(aanvraag=aanvraag)
        BesluitFactory(
            aanvraag=aanvraag,
            versie=2,
            vervangt=eerste,
            verzonden=True,
            uitkomst=Uitkomst.TOEGEKEND,
            bedrag_toegekend=Decimal("5000.00"),
        )
        assert 'id="uitkomst">Toegekend<' in _detail(eigen_client, aanvraag)

    def test_status_page_queries_do_not_grow_with_cost_lines_or_payments(self, client, regeling):
        aantallen = []
        for betalingen in (1, 4):
            user = UserFactory(ambtsdrager=True)
            client.force_login(user)
            aanvraag = gedeeltelijk_toegekend(
                aanvrager=user, betaald=(Decimal("100.00"),) * betalingen
            )
            for _ in range(betalingen):
                KostenpostFactory(aanvraag=aanvraag, bewijs=False)
            with CaptureQueriesContext(connection) as queries:
                _detail(client, aanvraag)
            aantallen.append(len(queries))
        assert aantallen[0] == aantallen[1], aantallen


class TestList:
    def test_cards_show_outcome_granted_and_paid_with_labels(
        self, eigen_client, regeling, ambtsdrager
    ):
        betaald = gedeeltelijk_toegekend(aanvrager=ambtsdrager, kenmerk="FB-2026-000201")
        afgewezen = aanvraag_in(
            AanvraagStatus.VERZONDEN, aanvrager=ambtsdrager, kenmerk="FB-2026-000202"
        )
        BesluitFactory(
            aanvraag=afgewezen,
            verzonden=True,
            uitkomst=Uitkomst.AFGEWEZEN,
            bedrag_toegekend=Decimal("0"),
        )
        aanvraag_in(AanvraagStatus.IN_BEHANDELING, aanvrager=ambtsdrager, kenmerk="FB-2026-000203")
        html = eigen_client.get(reverse("aanvragen:lijst")).content.decode()
        kaart = _kaart(html, betaald.kenmerk)
        assert "Status Uitbetaald" in kaart
        assert "Uitkomst Gedeeltelijk toegekend" in kaart
        assert f"Aangevraagd €{NBSP}5.000,00" in kaart
        assert f"Toegekend €{NBSP}3.450,00" in kaart
        assert f"Betaald €{NBSP}3.450,00" in kaart
        kaart = _kaart(html, "FB-2026-000202")
        assert "Uitkomst Afgewezen" in kaart and f"Toegekend €{NBSP}0,00" in kaart
        assert "Betaald" not in kaart
        kaart = _kaart(html, "FB-2026-000203")
        assert "Toegekend" not in kaart and "uiterlijk" in kaart

    def test_list_uses_a_constant_number_of_queries(self, client, regeling):
        aantallen = []
        for claims in (1, 5):
            user = UserFactory(ambtsdrager=True)
            client.force_login(user)
            for _ in range(claims):
                gedeeltelijk_toegekend(aanvrager=user, betaald=(Decimal("100.00"),) * 2)
                AanvraagFactory(aanvrager=user)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("aanvragen:lijst"))
            assert response.status_code == 200
            aantallen.append(len(queries))
        assert aantallen[0] == aantallen[1], aantallen

    def test_list_query_count_is_pinned(self, client, regeling, django_assert_num_queries):
        user = UserFactory(ambtsdrager=True)
        for _ in range(3):
            gedeeltelijk_toegekend(aanvrager=user)
        client.force_login(user)
        # Session and user; the claims with their outcome, amounts and payments in one query;
        # the session's save (savepoint, update, release).
        with django_assert_num_queries(6):
            client.get(reverse("aanvragen:lijst"))


class TestBewijsregels:
    def test_cost_line_page_lists_required_and_optional_evidence_per_category(
        self, eigen_client, regeling, ambtsdrager
    ):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        regel = KostenpostFactory(
            aanvraag=aanvraag, categorie=regeling.categorieen.get(code="camera"), bewijs=False
        )
        html = eigen_client.get(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk])
        ).content.decode()
        camera = regeling.categorieen.get(code="camera")
        alarm = regeling.categorieen.get(code="alarm")
        # The saved category's rule is shown, the others are there for the script (hidden).
        paneel = _tekst(html.split('id="bewijsregels"', 1)[1].split("</div>", 1)[0])
        assert "Nodig bij Camerabewaking" in paneel
        assert (
            "Al betaald Verplicht: factuur en beveiligingsadvies. Niet verplicht, wel welkom: "
            "overig." in paneel
        )
        assert "Offerte (nog niet betaald) Verplicht: offerte." in paneel
        assert re.search(rf'data-categorie="{camera.pk}" aria-labelledby="[^"]+">', html)
        assert re.search(rf'data-categorie="{alarm.pk}" aria-labelledby="[^"]+" hidden>', html)
        # Without JavaScript every category's rule is in the explanation.
        assert "Bewijsstukken per soort kosten" in html
        assert "Al betaald: Verplicht: factuur en betaalbewijs." in _tekst(html)
        assert 'src="/static/js/bewijsregels.js"' in html

    def test_no_category_chosen_shows_no_single_rule(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        regel = KostenpostFactory(aanvraag=aanvraag, categorie=None, bewijs=False)
        html = eigen_client.get(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk])
        ).content.decode()
        assert "data-bewijsregels-leeg>" in html  # the hint is shown, not hidden
        assert html.count('class="bewijsregel"') == regeling.categorieen.count()
        assert html.count('aria-labelledby="bewijsregel-') == html.count('" hidden>')

    @pytest.mark.parametrize("aard", KostenAard.values)
    def test_the_rule_shown_is_the_rule_the_check_page_applies(self, regeling, ambtsdrager, aard):
        """Per category and kind: what the cost-line page calls required is exactly what the
        check page reports missing on a line without evidence."""
        for categorie in regeling.categorieen.all():
            aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
            KostenpostFactory(
                aanvraag=aanvraag,
                categorie=categorie,
                aard=aard,
                bewijs=False,
                omschrijving="Een maatregel die lang genoeg is uitgelegd.",
            )
            regel = next(r for r in bewijsregels(categorie) if r.aard == KostenAard(aard).label)
            gemist = [
                p.tekst for p in problemen_bij_indienen(aanvraag, regeling) if "voeg een" in p.tekst
            ]
            assert [re.search(r"voeg een (.+?) toe", t).group(1) for t in gemist] == (
                regel.verplicht
            ), categorie.naam
            assert not set(regel.optioneel) & set(regel.verplicht)


class TestTerugNaarControleren:
    def test_check_page_change_links_return_to_the_check_page(self, eigen_client, concept):
        html = eigen_client.get(reverse("aanvragen:controleren", args=[concept.pk])).content
        html = html.decode()
        for stap in ("gegevens", "kostenposten", "betaling"):
            url = reverse(f"aanvragen:{stap}", args=[concept.pk])
            assert f'href="{url}?terug=controleren"' in html, stap

    @pytest.mark.parametrize(
        ("stap", "data"),
        [
            ("gegevens", None),
            ("kostenposten", {"actie": "verder"}),
            (
                "betaling",
                {
                    "iban": "NL91 ABNA 0417 1643 00",
                    "rekeninghouder": "J. Jansen",
                    "rekening_soort": "eigen",
                    "actie": "verder",
                },
            ),
        ],
    )
    def test_saving_a_step_with_terug_goes_back_to_the_check_page(
        self, eigen_client, concept, stap, data
    ):
        url = reverse(f"aanvragen:{stap}", args=[concept.pk])
        pagina = eigen_client.get(f"{url}?terug=controleren").content.decode()
        assert "Opslaan en terug naar controleren" in pagina
        if data is None:
            data = {
                "correspondentie_adres": concept.correspondentie_adres,
                "correspondentie_postcode": concept.correspondentie_postcode,
                "correspondentie_plaats": concept.correspondentie_plaats,
                "maatregel_bij_woning": "False",
                "actie": "verder",
            }
        response = eigen_client.post(f"{url}?terug=controleren", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == reverse("aanvragen:controleren", args=[concept.pk])

    def test_cost_line_keeps_terug_through_an_upload_and_returns_on_save(
        self, eigen_client, concept
    ):
        regel = concept.kostenposten.get()
        url = reverse("aanvragen:kostenpost", args=[concept.pk, regel.pk])
        data = {
            "categorie": regel.categorie_id,
            "omschrijving": regel.omschrijving,
            "leverancier": regel.leverancier,
            "bedrag": "1234,56",
            "aard": regel.aard,
            "bewijs-soort": "factuur",
        }
        response = eigen_client.post(f"{url}?terug=controleren", {**data, "actie": "uploaden"})
        assert response["Location"] == f"{url}?terug=controleren"
        response = eigen_client.post(f"{url}?terug=controleren", {**data, "actie": "opslaan"})
        assert response["Location"] == reverse("aanvragen:controleren", args=[concept.pk])

    @pytest.mark.parametrize(
        "terug", ["https://evil.example/", "//evil.example", "lijst", "controleren/../x"]
    )
    def test_any_other_terug_is_ignored(self, eigen_client, concept, terug):
        url = reverse("aanvragen:kostenposten", args=[concept.pk])
        response = eigen_client.post(url, {"actie": "verder"}, QUERY_STRING=f"terug={terug}")
        assert response["Location"] == reverse("aanvragen:betaling", args=[concept.pk])
        assert (
            "terug naar controleren" not in eigen_client.get(url, {"terug": terug}).content.decode()
        )

    def test_save_as_draft_still_goes_to_the_list(self, eigen_client, concept):
        url = reverse("aanvragen:kostenposten", args=[concept.pk])
        response = eigen_client.post(f"{url}?terug=controleren", {"actie": "concept"})
        assert response["Location"] == reverse("aanvragen:lijst")


class TestBevestiging:
    def test_submitting_leads_to_the_confirmation_page(self, eigen_client, concept):
        response = eigen_client.post(
            reverse("aanvragen:controleren", args=[concept.pk]), {"verklaring": "on"}
        )
        concept.refresh_from_db()
        assert response["Location"] == reverse("aanvragen:verstuurd", args=[concept.pk])
        response = eigen_client.get(response["Location"])
        html = response.content.decode()
        assert f'<strong id="kenmerk">{concept.kenmerk}</strong>' in html
        assert "Wat gebeurt er nu?" in html
        einde = concept.beslistermijn_einde
        assert re.search(rf'id="beslisdatum">{einde.day} \w+ {einde.year}<', html)
        assert f'href="{reverse("aanvragen:detail", args=[concept.pk])}"' in html
        # No flash message any more: the page itself confirms.
        assert 'class="messages"' not in html

    def test_only_the_owner_sees_it(self, client, verified_client, ingediende_aanvraag):
        url = reverse("aanvragen:verstuurd", args=[ingediende_aanvraag.pk])
        for user in (UserFactory(ambtsdrager=True), UserFactory(gemeente_medewerker=True)):
            client.force_login(user)
            assert client.get(url).status_code == 404, user.rol
        for user in (UserFactory(beoordelaar=True), UserFactory(financieel_medewerker=True)):
            assert verified_client(user).get(url).status_code == 404, user.rol
        client.force_login(ingediende_aanvraag.aanvrager)
        assert client.get(url).status_code == 200

    def test_a_draft_has_no_confirmation(self, eigen_client, concept):
        response = eigen_client.get(reverse("aanvragen:verstuurd", args=[concept.pk]))
        assert response["Location"] == reverse("aanvragen:controleren", args=[concept.pk])
