"""The cost-line assessment form (issue 15): neutral start, the cap, Dutch amounts, all
errors at once and the Awb 4:7 note."""

import re
from decimal import Decimal

import pytest
from django import forms as django_forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import forms as backoffice_forms
from aanvragen.constants import RedenCode
from aanvragen.forms import BedragField
from aanvragen.models import Betaling, KostenpostBeoordeling, Regeling
from tests.aanvragen.admin.conftest import in_behandeling_door, met_verzonden_besluit
from tests.aanvragen.factories import KostenpostFactory

pytestmark = pytest.mark.django_db


def _url(aanvraag, slug="beoordelen"):
    return reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, slug])


def _data(regels):
    data = {"form-TOTAL_FORMS": len(regels), "form-INITIAL_FORMS": len(regels)}
    for i, (post, bedrag, reden, motivering) in enumerate(regels):
        data |= {
            f"form-{i}-kostenpost_id": post.pk,
            f"form-{i}-bedrag_toegekend": bedrag,
            f"form-{i}-reden_code": reden,
            f"form-{i}-motivering": motivering,
        }
    return data


def _foutoverzicht(html):
    blok = html.split('id="foutoverzicht"', 1)[1].split("</div>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", blok, flags=re.S)


@pytest.fixture
def zaak(beoordelaar, regeling):
    """A claim being assessed with three lines; the first above its cap (1850 against 1500)."""
    aanvraag = in_behandeling_door(beoordelaar)
    boven = aanvraag.kostenposten.get()
    boven.bedrag = Decimal("1850.00")
    boven.plafond_bij_indiening = Decimal("1500.00")
    boven.save(update_fields=["bedrag", "plafond_bij_indiening"])
    tweede = KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("500.00"), bewijs=False)
    derde = KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("2000.00"), bewijs=False)
    return aanvraag, [boven, tweede, derde]


class TestNeutraal:
    def test_a_fresh_assessment_form_has_no_line_assessed(self, verified_client, beoordelaar, zaak):
        """No amount and no reason is filled in until the assessor chooses."""
        aanvraag, posten = zaak
        response = verified_client(beoordelaar).get(_url(aanvraag))
        assert response.status_code == 200
        formset = response.context["formset"]
        assert len(formset.forms) == 3
        for form in formset:
            assert form["bedrag_toegekend"].value() in (None, "")
            assert form["reden_code"].value() in (None, "")
        html = response.content.decode()
        assert 'value="volledig" selected' not in html
        assert "Kies een beoordeling" in html
        # The cap of each line is shown.
        assert "€\xa01.500,00" in html

    def test_blank_lines_stay_unassessed_and_an_empty_form_is_refused(
        self, verified_client, beoordelaar, zaak
    ):
        aanvraag, (boven, tweede, derde) = zaak
        client = verified_client(beoordelaar)
        leeg = client.post(_url(aanvraag), _data([(p, "", "", "") for p in (boven, tweede, derde)]))
        assert leeg.status_code == 200
        assert "Beoordeel ten minste één kostenpost" in leeg.content.decode()
        response = client.post(
            _url(aanvraag),
            _data(
                [(boven, "", "", ""), (tweede, "500", RedenCode.VOLLEDIG, ""), (derde, "", "", "")]
            ),
        )
        assert response.status_code == 302
        assert list(KostenpostBeoordeling.objects.values_list("kostenpost", flat=True)) == [
            tweede.pk
        ]

    def test_an_amount_without_a_reason_is_an_error_on_the_reason(self):
        form = backoffice_forms.KostenpostBeoordelingForm(
            data={"kostenpost_id": 1, "bedrag_toegekend": "100", "reden_code": ""}
        )
        assert not form.is_valid()
        assert form.errors["reden_code"] == ["Kies een reden."]


class TestPlafond:
    def test_a_grant_above_the_cap_is_refused_with_the_cap_in_the_message(
        self, verified_client, beoordelaar, zaak
    ):
        aanvraag, (boven, _tweede, _derde) = zaak
        data = _data([(boven, "1.850,00", RedenCode.VOLLEDIG, "")])
        response = verified_client(beoordelaar).post(_url(aanvraag), data)
        assert response.status_code == 200
        fouten = _foutoverzicht(response.content.decode())
        assert len(fouten) == 1
        assert "maximum van deze soort kosten (€\xa01.500,00)" in fouten[0]
        assert not KostenpostBeoordeling.objects.exists()

    def test_the_cap_itself_may_be_granted(self, verified_client, beoordelaar, zaak):
        aanvraag, (boven, _tweede, _derde) = zaak
        data = _data([(boven, "1.500,00", RedenCode.BOVEN_MAXIMUM, "Maximum van de regeling.")])
        response = verified_client(beoordelaar).post(_url(aanvraag), data)
        assert response.status_code == 302
        assert KostenpostBeoordeling.objects.get().bedrag_toegekend == Decimal("1500.00")


class TestAlleFouten:
    def test_three_bad_lines_give_three_errors_at_once(self, verified_client, beoordelaar, zaak):
        """Each line is checked, also after a refused one; nothing is saved."""
        aanvraag, (boven, tweede, derde) = zaak
        data = _data(
            [
                (boven, "1850", RedenCode.VOLLEDIG, ""),  # above the cap
                (tweede, "400", RedenCode.BOVEN_MAXIMUM, ""),  # no motivation
                (derde, "2.500,00", RedenCode.VOLLEDIG, ""),  # more than claimed
            ]
        )
        response = verified_client(beoordelaar).post(_url(aanvraag), data)
        assert response.status_code == 200
        fouten = _foutoverzicht(response.content.decode())
        assert len(fouten) == 3, fouten
        assert "maximum van deze soort kosten" in fouten[0]
        assert "Geef een motivering" in fouten[1]
        assert "aangevraagde bedrag" in fouten[2]
        assert not KostenpostBeoordeling.objects.exists()

    def test_three_unreadable_amounts_give_three_errors_at_once(
        self, verified_client, beoordelaar, zaak
    ):
        aanvraag, posten = zaak
        data = _data([(p, "1,2,3", RedenCode.VOLLEDIG, "") for p in posten])
        response = verified_client(beoordelaar).post(_url(aanvraag), data)
        fouten = _foutoverzicht(response.content.decode())
        assert len(fouten) == 3
        assert all("Vul een bedrag in euro" in fout for fout in fouten)

    def test_a_valid_line_is_not_saved_when_another_is_refused(
        self, verified_client, beoordelaar, zaak
    ):
        aanvraag, (boven, tweede, _derde) = zaak
        data = _data(
            [(tweede, "500", RedenCode.VOLLEDIG, ""), (boven, "1850", RedenCode.VOLLEDIG, "")]
        )
        response = verified_client(beoordelaar).post(_url(aanvraag), data)
        assert response.status_code == 200
        assert not KostenpostBeoordeling.objects.exists()


class TestVoornemenNodig:
    def test_the_page_lists_the_factual_reasons_and_a_script_shows_the_note_live(
        self, verified_client, beoordelaar, zaak
    ):
        aanvraag, _posten = zaak
        html = verified_client(beoordelaar).get(_url(aanvraag)).content.decode()
        lijst = html.split('id="voornemen-redenen"', 1)[1].split("</p>", 1)[0]
        for reden in ("Al elders vergoed", "Onvoldoende onderbouwd", "Overige reden"):
            assert reden in lijst
        assert "Boven het maximum" not in lijst
        assert 'data-feitelijke-redenen="' in html
        assert "js/beoordelen.js" in html
        # No line has a reason yet: every note is hidden.
        assert html.count("data-voornemen-melding hidden") == 3

    def test_a_factual_reason_shows_the_47_note_on_its_line(
        self, verified_client, beoordelaar, zaak
    ):
        """After a refused submit the line with a factual reason shows the 4:7 requirement."""
        aanvraag, (boven, tweede, derde) = zaak
        data = _data(
            [
                (boven, "1850", RedenCode.VOLLEDIG, ""),
                (tweede, "0", RedenCode.ONVOLDOENDE_BEWIJS, "Geen factuur."),
                (derde, "", "", ""),
            ]
        )
        html = verified_client(beoordelaar).post(_url(aanvraag), data).content.decode()
        melding = re.search(r'<p class="help voornemen-nodig" id="form-1-voornemen"([^>]*)>', html)
        assert melding and "hidden" not in melding.group(1)
        assert "artikel 4:7 Awb" in html
        assert html.count("data-voornemen-melding hidden") == 2
        assert 'aria-describedby="form-1-voornemen"' in html

    def test_a_saved_factual_reason_shows_the_note(self, verified_client, beoordelaar, zaak):
        aanvraag, (_boven, tweede, _derde) = zaak
        KostenpostBeoordeling.objects.create(
            kostenpost=tweede,
            bedrag_toegekend=0,
            reden_code=RedenCode.DUBBELE_FINANCIERING,
            motivering="Al vergoed door de gemeente.",
            beoordeeld_door=beoordelaar,
        )
        html = verified_client(beoordelaar).get(_url(aanvraag)).content.decode()
        assert html.count("data-voornemen-melding hidden") == 2
        assert "stuur eerst een voornemen tot afwijzing" in html


class TestNederlandseBedragen:
    """'1.500,00' is 1500.00 wherever an amount is typed in the back office."""

    def test_assessment_stores_the_dutch_amount(self, verified_client, beoordelaar, zaak):
        aanvraag, (_boven, _tweede, derde) = zaak
        data = _data([(derde, "1.500,00", RedenCode.BOVEN_MAXIMUM, "Deels vergoed.")])
        response = verified_client(beoordelaar).post(_url(aanvraag), data)
        assert response.status_code == 302
        assert KostenpostBeoordeling.objects.get().bedrag_toegekend == Decimal("1500.00")

    def test_payment_stores_the_dutch_amount(
        self, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker, regeling
    ):
        aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
        aanvraag.kostenposten.update(bedrag=Decimal("2000.00"))
        besluit.bedrag_toegekend = Decimal("2000.00")
        besluit.save(update_fields=["bedrag_toegekend"])
        response = verified_client(financieel_medewerker).post(
            _url(aanvraag, "betaling"),
            {
                "betaald_op": f"{timezone.localdate():%d-%m-%Y}",
                "bedrag": "1.500,00",
                "referentie": "BET-1",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Betaling.objects.get().bedrag == Decimal("1500.00")

    def test_policy_amounts_are_stored_the_dutch_way(self, verified_client, functioneel_beheerder):
        """The policy's maximum, budget, four-eyes threshold and each category's maximum."""
        data = {
            "code": "nl-bedragen",
            "naam": "Regeling met Nederlandse bedragen",
            "grondslag": "artikel 3",
            "geldig_van": "2030-01-01",
            "geldig_tot": "",
            "ambtstypen": ["burgemeester"],
            "totaalplafond": "1.500,00",
            "jaarbudget": "1.500,00",
            "drempel_tweede_beoordelaar": "1.500,00",
            "beslistermijn_weken": 8,
            "hersteltermijn_weken": 2,
            "zienswijzetermijn_weken": 2,
            "betaaltermijn_weken": 6,
            "gemeente_kennisgeving": "on",
            "categorieen-TOTAL_FORMS": 1,
            "categorieen-INITIAL_FORMS": 0,
            "categorieen-MIN_NUM_FORMS": 0,
            "categorieen-MAX_NUM_FORMS": 1000,
            "categorieen-0-code": "alarm",
            "categorieen-0-naam": "Alarmsysteem",
            "categorieen-0-volgorde": 1,
            "categorieen-0-plafond": "1.500,00",
            "categorieen-0-bewijs_bij_betaald": ["factuur"],
            "categorieen-0-bewijs_bij_offerte": ["offerte"],
        }
        client = verified_client(functioneel_beheerder)
        response = client.post(reverse("admin:aanvragen_regeling_add"), data)
        assert response.status_code == 302, response.context and response.context.get("errors")
        regeling = Regeling.objects.get(code="nl-bedragen")
        assert regeling.totaalplafond == Decimal("1500.00")
        assert regeling.jaarbudget == Decimal("1500.00")
        assert regeling.drempel_tweede_beoordelaar == Decimal("1500.00")
        assert regeling.categorieen.get().plafond == Decimal("1500.00")

    def test_no_back_office_amount_field_bypasses_the_dutch_parser(self):
        """Every amount field of the back-office forms and the claim admin is a BedragField."""
        velden = []
        for naam in dir(backoffice_forms):
            klasse = getattr(backoffice_forms, naam)
            if isinstance(klasse, type) and issubclass(klasse, django_forms.BaseForm):
                velden += list(klasse.base_fields.items())
        for model, model_admin in admin.site._registry.items():
            if model._meta.app_label != "aanvragen":
                continue
            klassen = [model_admin.form, *(inline.form for inline in model_admin.inlines)]
            for klasse in klassen:
                velden += list(klasse.base_fields.items())
        bedragen = [(n, v) for n, v in velden if isinstance(v, django_forms.DecimalField)]
        assert bedragen == []
        assert any(isinstance(v, BedragField) for _n, v in velden)
