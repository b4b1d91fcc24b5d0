"""Reflow (WCAG 1.4.10): claim pages fit a 375 px phone without scrolling sideways."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.aanvragen.conftest import private_media  # noqa: F401 - autouse: files in tmp
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory, RegelingFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _regels(aanvraag):
    KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("1250.00"))
    camera = aanvraag.regeling.categorieen.get(code="camera")
    KostenpostFactory(aanvraag=aanvraag, categorie=camera, bedrag=Decimal("1395.00"))


def test_cost_totals_fit_a_phone(mobile_page, login_as, ambtsdrager, assert_no_axe_violations):
    """The 'Totaal per soort kosten' table on the check and status pages stays within 375 px."""
    RegelingFactory()
    concept = AanvraagFactory(aanvrager=ambtsdrager)
    _regels(concept)
    ingediend = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, kostenpost=None)
    _regels(ingediend)
    login_as(mobile_page, ambtsdrager)
    for url in (
        reverse("aanvragen:controleren", args=[concept.pk]),
        reverse("aanvragen:detail", args=[ingediend.pk]),
    ):
        mobile_page.goto(url)
        assert mobile_page.get_by_text("Camerabewaking (boven het maximum)").count()
        breedte = mobile_page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 375, (url, breedte)
        assert_no_axe_violations(mobile_page)
