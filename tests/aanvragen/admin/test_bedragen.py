"""Amounts typed in the back office: the Dutch way, one parser, and a message for nonsense."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice.forms import BetalingForm, KostenpostBeoordelingForm
from tests.aanvragen.admin.conftest import met_verzonden_besluit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("invoer", "bedrag"),
    [("1.500,00", "1500.00"), ("1500,00", "1500.00"), ("1500", "1500.00"), ("0", "0.00")],
)
def test_assessment_amount_is_read_the_dutch_way(invoer, bedrag):
    form = KostenpostBeoordelingForm(
        data={"kostenpost_id": 1, "bedrag_toegekend": invoer, "reden_code": "toegekend"}
    )
    form.is_valid()
    assert "bedrag_toegekend" not in form.errors, form.errors
    assert form.cleaned_data["bedrag_toegekend"] == Decimal(bedrag)


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("sNaN", "Vul een bedrag in euro"),
        ("NaN", "Vul een bedrag in euro"),
        ("Infinity", "Vul een bedrag in euro"),
        ("1e309", "Vul een bedrag in euro"),
        ("-5", "Het bedrag mag niet negatief zijn."),
    ],
)
def test_payment_page_answers_nonsense_amounts_with_a_message(
    invoer, melding, verified_client, beoordelaar, tweede_beoordelaar, financieel_medewerker
):
    """sNaN used to raise InvalidOperation (a 500); NaN, 1e309 and -5 gave no clear message."""
    aanvraag, besluit = met_verzonden_besluit(beoordelaar, tweede_beoordelaar)
    response = verified_client(financieel_medewerker).post(
        reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "betaling"]),
        {
            "betaald_op": f"{timezone.localdate():%d-%m-%Y}",
            "bedrag": invoer,
            "referentie": "BET-1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="foutoverzicht"' in html
    assert melding in html
    assert not besluit.betalingen.exists()


def test_payment_form_keeps_the_typed_amount_after_an_error():
    form = BetalingForm(data={"betaald_op": "", "bedrag": "1.500,00", "referentie": ""})
    assert not form.is_valid()
    assert 'value="1.500,00"' in str(form["bedrag"])
