"""Workflow actions through the admin: each form calls its service; refusals come back in Dutch."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import services
from aanvragen.constants import AanvraagStatus, BesluitStatus, RedenCode, Uitkomst
from aanvragen.models import Aanvraag, Besluit, KostenpostBeoordeling, StatusWijziging
from tests.aanvragen.admin.conftest import (
    in_behandeling_door,
    met_concept_besluit,
    met_verzonden_besluit,
    volledig_beoordeeld,
)
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

S = AanvraagStatus


def _url(aanvraag, slug):
    return reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, slug])


def _case_url(aanvraag):
    return reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])


def _post(client, aanvraag, slug, data=None):
    return client.post(_url(aanvraag, slug), data or {}, follow=True)


def _geslaagd(response, aanvraag):
    """The POST redirected to the case page with a success message."""
    assert response.redirect_chain, response.content.decode()[:3000]
    assert response.redirect_chain[-1][0] == _case_url(aanvraag)
    tekst = [str(m) for m in response.context["messages"]]
    assert any("is gelukt" in m for m in tekst), tekst


def _fout(response):
    """The page was shown again with the error summary; returns its text."""
    assert response.status_code == 200
    assert not response.redirect_chain
    html = response.content.decode()
    assert 'id="foutoverzicht"' in html
    return html


def _datum(d):
    return f"{d:%d-%m-%Y}"


class TestToewijzen:
    def test_assessor_takes_an_unassigned_claim(self, verified_client, beoordelaar, regeling):
        aanvraag = AanvraagFactory(ingediend=True)
        client = verified_client(beoordelaar)
        assert client.get(_url(aanvraag, "toewijzen")).status_code == 200
        response = _post(client, aanvraag, "toewijzen")
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.behandelaar == beoordelaar

    def test_assessor_cannot_take_a_claim_of_someone_else(
        self, verified_client, beoordelaar, regeling
    ):
        anders = in_behandeling_door(beoordelaar)
        collega = UserFactory(beoordelaar=True)
        html = _fout(_post(verified_client(collega), anders, "toewijzen"))
        assert "U mag deze actie niet uitvoeren" in html
        anders.refresh_from_db()
        assert anders.behandelaar == beoordelaar

    def test_teamleider_reassigns_to_an_assessor_from_the_list(
        self, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker, regeling
    ):
        aanvraag = in_behandeling_door(beoordelaar)
        collega = UserFactory(beoordelaar=True)
        client = verified_client(tweede_beoordelaar)
        html = client.get(_url(aanvraag, "toewijzen")).content.decode()
        assert f'value="{collega.pk}"' in html
        assert f'value="{financieel_medewerker.pk}"' not in html
        _geslaagd(_post(client, aanvraag, "toewijzen", {"behandelaar": collega.pk}), aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.behandelaar == collega
        # Not an assessor: the choice field refuses it before any service is called.
        _fout(_post(client, aanvraag, "toewijzen", {"behandelaar": financieel_medewerker.pk}))


def test_start_assessment(verified_client, beoordelaar, regeling):
    aanvraag = AanvraagFactory(ingediend=True, behandelaar=beoordelaar)
    _geslaagd(_post(verified_client(beoordelaar), aanvraag, "behandeling-starten"), aanvraag)
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.IN_BEHANDELING
    assert StatusWijziging.objects.filter(aanvraag=aanvraag, naar=S.IN_BEHANDELING).exists()


class TestAanvulling:
    def test_request_with_a_term_suspends_and_moves_the_deadline(
        self, verified_client, beoordelaar, regeling
    ):
        aanvraag = in_behandeling_door(beoordelaar)
        oud = aanvraag.beslistermijn_einde
        termijn = timezone.localdate() + timedelta(days=14)
        response = _post(
            verified_client(beoordelaar),
            aanvraag,
            "aanvulling-vragen",
            {"vraag": "Stuur de offerte.", "termijn_tot": _datum(termijn)},
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.AANVULLING_GEVRAAGD
        assert aanvraag.aanvulverzoeken.get().termijn_tot == termijn
        assert aanvraag.beslistermijn_einde > oud

    def test_request_needs_a_question(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        html = _fout(_post(verified_client(beoordelaar), aanvraag, "aanvulling-vragen", {}))
        assert "Dit veld is verplicht" in html
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.IN_BEHANDELING

    def test_register_an_answer_received_by_post(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        services.aanvulling_vragen(aanvraag_id=aanvraag.pk, door=beoordelaar, vraag="Offerte?")
        response = _post(
            verified_client(beoordelaar),
            aanvraag,
            "aanvulling-registreren",
            {"antwoord": "Offerte per post ontvangen."},
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.AANGEVULD
        assert aanvraag.aanvulverzoeken.get().notitie == "Offerte per post ontvangen."

    def test_term_passed_puts_the_claim_out_of_consideration(
        self, verified_client, beoordelaar, regeling
    ):
        aanvraag = AanvraagFactory(aanvulling_gevraagd=True, behandelaar=beoordelaar)
        aanvraag.aanvulverzoeken.update(termijn_tot=timezone.localdate() - timedelta(days=1))
        response = _post(verified_client(beoordelaar), aanvraag, "hersteltermijn-verstreken")
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.BUITEN_BEHANDELING


class TestVerdagen:
    def test_postpone_before_the_term_ends(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        nieuw = aanvraag.beslistermijn_einde + timedelta(weeks=4)
        response = _post(
            verified_client(beoordelaar),
            aanvraag,
            "verdagen",
            {"nieuwe_datum": _datum(nieuw), "reden": "Advies van de politie nodig."},
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.VERDAAGD
        assert aanvraag.verdaagd_tot == nieuw

    def test_postponement_after_the_term_is_refused_in_dutch(
        self, verified_client, beoordelaar, regeling
    ):
        aanvraag = in_behandeling_door(beoordelaar)
        Aanvraag.objects.filter(pk=aanvraag.pk).update(
            beslistermijn_einde=timezone.localdate() - timedelta(days=1)
        )
        response = _post(
            verified_client(beoordelaar),
            aanvraag,
            "verdagen",
            {"nieuwe_datum": _datum(timezone.localdate() + timedelta(weeks=4)), "reden": "Laat"},
        )
        assert "Verdagen kan niet meer" in _fout(response)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.IN_BEHANDELING and aanvraag.verdaagd_tot is None


class TestVoornemenEnZienswijze:
    def test_intended_refusal_then_view(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        client = verified_client(beoordelaar)
        termijn = services.zienswijzetermijn_voorstel(aanvraag)
        assert _datum(termijn) in client.get(_url(aanvraag, "voornemen")).content.decode()
        response = _post(
            client,
            aanvraag,
            "voornemen",
            {"reden": "Geen bewijs van betaling.", "termijn_tot": _datum(termijn)},
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.VOORNEMEN_AFWIJZING
        response = _post(
            client,
            aanvraag,
            "zienswijze",
            {"zienswijze": "Belde: bewijs volgt.", "zienswijze_in_brief": "U stuurt bewijs na."},
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.ZIENSWIJZE_ONTVANGEN
        voornemen = aanvraag.voornemens.get()
        assert voornemen.zienswijze == "Belde: bewijs volgt."
        assert voornemen.zienswijze_in_brief == "U stuurt bewijs na."

    def test_term_passed_without_view_is_refused_while_the_term_runs(
        self, verified_client, beoordelaar, regeling
    ):
        aanvraag = in_behandeling_door(beoordelaar)
        services.voornemen_afwijzing_versturen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            reden="Geen bewijs.",
            termijn_tot=services.zienswijzetermijn_voorstel(aanvraag),
        )
        response = _post(
            verified_client(beoordelaar), aanvraag, "zienswijze", {"termijn_verstreken": "on"}
        )
        assert "loopt nog tot en met" in _fout(response)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.VOORNEMEN_AFWIJZING


class TestBeoordelen:
    def _data(self, regels):
        data = {"form-TOTAL_FORMS": len(regels), "form-INITIAL_FORMS": len(regels)}
        for i, (kostenpost, bedrag, reden, motivering) in enumerate(regels):
            data.update(
                {
                    f"form-{i}-kostenpost_id": kostenpost.pk,
                    f"form-{i}-bedrag_toegekend": bedrag,
                    f"form-{i}-reden_code": reden,
                    f"form-{i}-motivering": motivering,
                }
            )
        return data

    def test_assess_every_line_in_one_form(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        tweede = KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("500.00"))
        eerste = aanvraag.kostenposten.exclude(pk=tweede.pk).get()
        data = self._data(
            [
                (eerste, "1234,56", RedenCode.VOLLEDIG, ""),
                (tweede, "400,00", RedenCode.BOVEN_MAXIMUM, "Maximum alarm"),
            ]
        )
        _geslaagd(_post(verified_client(beoordelaar), aanvraag, "beoordelen", data), aanvraag)
        eerste.refresh_from_db()
        tweede.refresh_from_db()
        assert eerste.beoordeling.bedrag_toegekend == Decimal("1234.56")
        assert tweede.beoordeling.bedrag_toegekend == Decimal("400.00")

    def test_more_than_claimed_is_refused_and_nothing_is_saved(
        self, verified_client, beoordelaar, regeling
    ):
        aanvraag = in_behandeling_door(beoordelaar)
        tweede = KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("500.00"))
        eerste = aanvraag.kostenposten.exclude(pk=tweede.pk).get()
        data = self._data(
            [
                (eerste, "1234,56", RedenCode.VOLLEDIG, ""),
                (tweede, "600,00", RedenCode.VOLLEDIG, ""),
            ]
        )
        html = _fout(_post(verified_client(beoordelaar), aanvraag, "beoordelen", data))
        assert "moet tussen € 0 en het aangevraagde bedrag" in html
        assert not KostenpostBeoordeling.objects.filter(kostenpost__aanvraag=aanvraag).exists()


class TestBesluit:
    def test_draft_shows_the_sum_and_records_the_decision(
        self, verified_client, beoordelaar, regeling
    ):
        aanvraag = volledig_beoordeeld(in_behandeling_door(beoordelaar), beoordelaar)
        client = verified_client(beoordelaar)
        assert "€\xa01.234,56" in client.get(_url(aanvraag, "besluit-opstellen")).content.decode()
        response = _post(
            client,
            aanvraag,
            "besluit-opstellen",
            {"uitkomst": Uitkomst.TOEGEKEND, "motivering": "Alles komt in aanmerking."},
        )
        _geslaagd(response, aanvraag)
        besluit = Besluit.objects.get(aanvraag=aanvraag)
        assert besluit.bedrag_toegekend == Decimal("1234.56")
        assert besluit.opgesteld_door == beoordelaar

    def test_second_assessor_approves(self, verified_client, beoordelaar, tweede_beoordelaar):
        aanvraag, besluit = met_concept_besluit(beoordelaar)
        client = verified_client(tweede_beoordelaar)
        assert "Besluit goedkeuren" in client.get(_case_url(aanvraag)).content.decode()
        _geslaagd(_post(client, aanvraag, "goedkeuren"), aanvraag)
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.GOEDGEKEURD
        assert besluit.goedgekeurd_door == tweede_beoordelaar

    def test_drafter_cannot_approve_own_decision(self, verified_client, tweede_beoordelaar):
        """Four-eyes: no button for the drafter, and a direct POST is refused in Dutch."""
        aanvraag, besluit = met_concept_besluit(tweede_beoordelaar)
        client = verified_client(tweede_beoordelaar)
        assert _url(aanvraag, "goedkeuren") not in client.get(_case_url(aanvraag)).content.decode()
        html = _fout(_post(client, aanvraag, "goedkeuren"))
        assert "vier-ogenprincipe" in html
        besluit.refresh_from_db()
        aanvraag.refresh_from_db()
        assert besluit.status == BesluitStatus.CONCEPT and besluit.goedgekeurd_door is None
        assert aanvraag.status == S.BESLUIT_CONCEPT

    def test_budget_warning_then_explicit_confirmation(
        self, verified_client, beoordelaar, tweede_beoordelaar, regeling
    ):
        regeling.jaarbudget = Decimal("1000.00")
        regeling.save()
        aanvraag, besluit = met_concept_besluit(beoordelaar)
        client = verified_client(tweede_beoordelaar)
        html = client.get(_url(aanvraag, "goedkeuren")).content.decode()
        assert 'name="budget_overschrijding_bevestigd"' not in html
        html = _fout(_post(client, aanvraag, "goedkeuren"))
        assert "hoger dan het resterende budget" in html
        assert "€\xa01.000,00" in html and "€\xa01.234,56" in html
        assert 'name="budget_overschrijding_bevestigd"' in html
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.CONCEPT
        response = _post(client, aanvraag, "goedkeuren", {"budget_overschrijding_bevestigd": "on"})
        _geslaagd(response, aanvraag)
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.GOEDGEKEURD
        assert besluit.budget_overschrijding_bevestigd

    def test_return_the_draft_with_a_reason(self, verified_client, beoordelaar, tweede_beoordelaar):
        aanvraag, besluit = met_concept_besluit(beoordelaar)
        response = _post(
            verified_client(tweede_beoordelaar),
            aanvraag,
            "terugsturen",
            {"reden": "Motivering aanvullen."},
        )
        _geslaagd(response, aanvraag)
        besluit.refresh_from_db()
        aanvraag.refresh_from_db()
        assert besluit.status == BesluitStatus.TERUGGESTUURD
        assert aanvraag.status == S.IN_BEHANDELING


class TestNaHetBesluit:
    def test_finance_registers_the_payment(
        self, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker
    ):
        aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
        client = verified_client(financieel_medewerker)
        assert "Betaling registreren" in client.get(_case_url(aanvraag)).content.decode()
        assert 'value="1234,56"' in client.get(_url(aanvraag, "betaling")).content.decode()
        response = _post(
            client,
            aanvraag,
            "betaling",
            {
                "betaald_op": _datum(timezone.localdate()),
                "bedrag": "1234,56",
                "referentie": "BET-2026-1",
            },
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.BETAALD
        assert besluit.betalingen.get().referentie == "BET-2026-1"

    def test_assessor_cannot_register_a_payment(
        self, verified_client, beoordelaar, tweede_beoordelaar
    ):
        """Not finance: the payment page answers 404, like every page outside one's role."""
        aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
        client = verified_client(beoordelaar)
        assert client.get(_url(aanvraag, "betaling")).status_code == 404
        response = client.post(
            _url(aanvraag, "betaling"),
            {"betaald_op": _datum(timezone.localdate()), "bedrag": "10", "referentie": "X"},
        )
        assert response.status_code == 404
        assert not besluit.betalingen.exists()

    @pytest.mark.parametrize(
        "slug", ["behandeling-starten", "beoordelen", "besluit-opstellen", "goedkeuren", "bezwaar"]
    )
    def test_finance_gets_404_on_the_assessors_action_pages(
        self, slug, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker
    ):
        """The hostile run: finance got 200 and a form that refused only on submit."""
        aanvraag, _besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
        client = verified_client(financieel_medewerker)
        assert client.get(_url(aanvraag, slug)).status_code == 404
        assert client.post(_url(aanvraag, slug), {}).status_code == 404

    def test_register_an_objection(self, verified_client, beoordelaar, tweede_beoordelaar):
        aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
        response = _post(
            verified_client(beoordelaar),
            aanvraag,
            "bezwaar",
            {"ontvangen_op": _datum(timezone.localdate()), "toelichting": "Per brief."},
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.BEZWAAR
        assert besluit.bezwaren.count() == 1


class TestIngebrekestelling:
    def test_notice_after_the_deadline_is_registered(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        Aanvraag.objects.filter(pk=aanvraag.pk).update(
            beslistermijn_einde=timezone.localdate() - timedelta(days=10)
        )
        ontvangen = timezone.localdate() - timedelta(days=2)
        response = _post(
            verified_client(beoordelaar),
            aanvraag,
            "ingebrekestelling",
            {"ontvangen_op": _datum(ontvangen)},
        )
        _geslaagd(response, aanvraag)
        aanvraag.refresh_from_db()
        assert aanvraag.ingebrekestelling_op == ontvangen
        html = verified_client(beoordelaar).get(_case_url(aanvraag)).content.decode()
        assert "Dwangsom loopt vanaf" in html

    def test_premature_notice_is_refused(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        response = _post(
            verified_client(beoordelaar),
            aanvraag,
            "ingebrekestelling",
            {"ontvangen_op": _datum(timezone.localdate())},
        )
        assert "te vroeg" in _fout(response)
        aanvraag.refresh_from_db()
        assert aanvraag.ingebrekestelling_op is None

    def test_button_only_once_a_notice_can_count(self, verified_client, beoordelaar, regeling):
        """No button while the deadline runs (always premature) nor after a registered one."""
        aanvraag = in_behandeling_door(beoordelaar)
        client = verified_client(beoordelaar)
        knop = _url(aanvraag, "ingebrekestelling")
        assert knop not in client.get(_case_url(aanvraag)).content.decode()
        Aanvraag.objects.filter(pk=aanvraag.pk).update(
            beslistermijn_einde=timezone.localdate() - timedelta(days=10)
        )
        assert knop in client.get(_case_url(aanvraag)).content.decode()
        Aanvraag.objects.filter(pk=aanvraag.pk).update(
            ingebrekestelling_op=timezone.localdate() - timedelta(days=2)
        )
        assert knop not in client.get(_case_url(aanvraag)).content.decode()


def test_unknown_action_is_404(verified_client, beoordelaar, regeling):
    aanvraag = in_behandeling_door(beoordelaar)
    assert verified_client(beoordelaar).get(_url(aanvraag, "verwijderen")).status_code == 404


def test_action_pages_need_csrf(beoordelaar, regeling):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    aanvraag = in_behandeling_door(beoordelaar)
    client = Client(enforce_csrf_checks=True)
    client.force_login(beoordelaar)
    device = TOTPDevice.objects.create(user=beoordelaar, name="t", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.post(_url(aanvraag, "behandeling-starten")).status_code == 403


def test_action_without_its_object_goes_back_with_a_message(
    verified_client, tweede_beoordelaar, beoordelaar, regeling
):
    """No draft decision to approve: back to the case page with a Dutch message."""
    aanvraag = in_behandeling_door(beoordelaar)
    response = verified_client(tweede_beoordelaar).post(
        _url(aanvraag, "goedkeuren"), {}, follow=True
    )
    assert response.redirect_chain[-1][0] == _case_url(aanvraag)
    tekst = [str(m) for m in response.context["messages"]]
    assert tekst == ["Deze actie is bij deze aanvraag nu niet mogelijk."]


def test_get_shows_the_form_and_changes_nothing(verified_client, beoordelaar, regeling):
    aanvraag = in_behandeling_door(beoordelaar)
    for slug in ["aanvulling-vragen", "verdagen", "voornemen", "beoordelen", "besluit-opstellen"]:
        response = verified_client(beoordelaar).get(_url(aanvraag, slug))
        assert response.status_code == 200, slug
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.IN_BEHANDELING
    assert aanvraag.statushistorie.count() == 1
