"""Pages that no other browser test opens, under the strict Content-Security-Policy.

The `page` fixture fails a test when any page it opened reported a CSP violation (a refused
inline script or style); these tests open the remaining page types: admin pages and popups,
the two-factor set-up with its QR code, and the applicant's pages with free text.
"""

import pytest
from django.urls import reverse

from meldingen.models import Aanvulling
from tests.aanvragen.factories import AanvraagFactory
from tests.factories import UserFactory
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.browser


def _open(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.ok, f"{url}: {response.status}"


def test_back_office_pages_and_popups_report_no_violation(page, login_as, csp_violations):
    """Index, lists, change forms, an add form and an add popup load cleanly."""
    beheerder = UserFactory(functioneel_beheerder=True)
    ambtsdrager = UserFactory(ambtsdrager=True)
    login_as(page, beheerder)
    for url in (
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[ambtsdrager.pk]),
        reverse("admin:accounts_user_add") + "?_popup=1",
        reverse("admin:aanvragen_regeling_add"),
    ):
        _open(page, url)
    assert csp_violations == []


def test_melding_in_the_back_office_reports_no_violation(page, login_as, csp_violations):
    """The triage page shows an aanvulling with its line breaks (a class, not style=)."""
    beoordelaar = UserFactory(beoordelaar=True)
    ambtsdrager = UserFactory(ambtsdrager=True)
    melding = MeldingFactory(eigenaar=ambtsdrager, ingediend=True)
    Aanvulling.objects.create(melding=melding, tekst="Regel een\nRegel twee", door=ambtsdrager)
    login_as(page, beoordelaar)
    _open(page, reverse("admin:meldingen_melding_changelist"))
    _open(page, reverse("admin:meldingen_melding_change", args=[melding.pk]))
    regel = page.locator(".aanvulling-regel").first
    assert regel.evaluate("div => getComputedStyle(div).whiteSpace") == "pre-line"
    assert csp_violations == []


def test_two_factor_set_up_shows_its_qr_code(page, login_as, csp_violations):
    """The QR code is an image from this site: it loads under img-src 'self'."""
    login_as(page, UserFactory(ambtsdrager=True))
    _open(page, reverse("two_factor:setup"))
    page.get_by_role("button", name="Volgende").click()
    qr = page.locator('img[alt="QR Code"]')
    qr.wait_for()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert csp_violations == []


def test_applicant_status_page_with_free_text(page, login_as, csp_violations):
    """The request for more information keeps its line breaks through a class, not style=."""
    ambtsdrager = UserFactory(ambtsdrager=True)
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
    login_as(page, ambtsdrager)
    _open(page, reverse("aanvragen:detail", args=[aanvraag.pk]))
    vraag = page.locator("p.tekst-regels").first
    assert vraag.evaluate("p => getComputedStyle(p).whiteSpace") == "pre-line"
    assert csp_violations == []
