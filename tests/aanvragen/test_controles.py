from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aanvragen.controles import check_iban, parse_bedrag, plafondsignalen
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory


@pytest.mark.parametrize(
    ("invoer", "bedrag"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234,5", "1234.50"),
        ("€ 1.000", "1000.00"),
        ("12.50", "12.50"),
        ("1.000.000", "1000000.00"),
        (" 0,01 ", "0.01"),
    ],
)
def test_dutch_amounts_are_parsed(invoer, bedrag):
    assert parse_bedrag(invoer) == Decimal(bedrag)


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("12,3,4", "bijv. 1.234,56"),
        ("1.23.4", "bijv. 1.234,56"),
        ("12,345", "twee cijfers na de komma"),
        ("abc", "bedrag in euro"),
        ("-5", "groter zijn dan € 0"),
        ("-1.234,56", "groter zijn dan € 0"),
        ("0", "groter zijn dan € 0"),
        ("0,00", "groter zijn dan € 0"),
        ("1.000.000,01", "niet hoger zijn dan €\u00a01.000.000,00"),
    ],
)
def test_bad_amounts_get_a_clear_message(invoer, melding):
    with pytest.raises(ValidationError) as exc:
        parse_bedrag(invoer)
    assert melding in exc.value.messages[0]


def test_iban_checksum():
    assert check_iban("nl91 abna 0417 1643 00", buitenland_toegestaan=False) == "NL91ABNA0417164300"
    with pytest.raises(ValidationError, match="controlecijfers kloppen niet"):
        check_iban("NL92ABNA0417164300", buitenland_toegestaan=False)
    with pytest.raises(ValidationError, match="geen geldig IBAN"):
        check_iban("NL91ABNA04", buitenland_toegestaan=False)


def test_foreign_iban_depends_on_policy():
    with pytest.raises(ValidationError, match="Alleen een Nederlands IBAN"):
        check_iban("DE89370400440532013000", buitenland_toegestaan=False)
    assert check_iban("DE89370400440532013000", buitenland_toegestaan=True).startswith("DE")


@pytest.mark.django_db
def test_overall_cap_without_earlier_claims_does_not_mention_them(regeling, ambtsdrager):
    """A first claim above the overall cap gets its own total, not "with earlier claims (€ 0)"."""
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
    KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("1400.00"))
    overig = regeling.categorieen.get(code="overig")
    KostenpostFactory(aanvraag=aanvraag, categorie=overig, bedrag=Decimal("1100.00"))
    [signaal] = plafondsignalen(aanvraag, regeling)
    assert "eerdere aanvragen" not in signaal and "€\u00a00,00" not in signaal
    assert "€\u00a02.500,00" in signaal and "€\u00a02.400,00" in signaal


@pytest.mark.django_db
def test_overall_cap_with_earlier_claims_names_them(regeling, ambtsdrager):
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
    KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("1000.00"))
    [signaal] = plafondsignalen(aanvraag, regeling, Decimal("1500.00"))
    assert (
        "eerdere aanvragen" in signaal
        and "€\u00a01.500,00" in signaal
        and "€\u00a02.500,00" in signaal
    )
