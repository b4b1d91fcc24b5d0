"""Browser test: the double-claim signals on the case page and in the assessment form pass
axe-core (links underlined, not told apart by colour alone) and cause no CSP violation."""

import pytest
from django.urls import reverse

from aanvragen.constants import AanvraagStatus
from tests.aanvragen.factories import AanvraagFactory, BewijsstukFactory, KostenpostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_signals_on_the_case_page_and_the_assessment_form_pass_axe(
    page, login_as, assert_no_axe_violations, csp_violations
):
    beoordelaar = UserFactory(beoordelaar=True)
    andere = AanvraagFactory(ingediend=True, kostenpost=None, iban="NL02ABNA0123456789")
    aanvraag = AanvraagFactory(
        ingediend=True,
        kostenpost=None,
        status=AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        iban="NL02ABNA0123456789",
    )
    for claim in (andere, aanvraag):
        post = KostenpostFactory(aanvraag=claim, bewijs=False)
        BewijsstukFactory(kostenpost=post, sha256="a" * 64)
    login_as(page, beoordelaar)
    page.goto(reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk]))
    assert page.get_by_role("link", name=andere.kenmerk).first.is_visible()
    assert_no_axe_violations(page)
    page.goto(reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "beoordelen"]))
    assert page.get_by_label("Waarom gaat u door ondanks de signalen?").is_visible()
    assert_no_axe_violations(page)
    assert csp_violations == []
