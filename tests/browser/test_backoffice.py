"""Browser test of the back-office action pages as an assessor experiences them.

The queue, the case page and an action page with errors pass axe-core; after a refused
submit the keyboard focus is on the error summary, whose links lead to the fields.
"""

import pytest
from django.urls import reverse

from aanvragen.constants import AanvraagStatus
from tests.aanvragen.factories import AanvraagFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def _actie(aanvraag, slug):
    return reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, slug])


def test_action_page_focuses_the_error_summary(
    page, login_as, assert_no_axe_violations, csp_violations
):
    """A refused form puts the focus on the summary (a static script, no inline one: the
    CSP refuses those); the pages pass axe and report no CSP violation."""
    beoordelaar = UserFactory(beoordelaar=True)
    aanvraag = AanvraagFactory(
        ingediend=True, status=AanvraagStatus.IN_BEHANDELING, behandelaar=beoordelaar
    )
    login_as(page, beoordelaar)
    page.goto(reverse("admin:aanvragen_aanvraag_changelist"))
    assert_no_axe_violations(page)
    page.goto(reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk]))
    assert_no_axe_violations(page)
    page.goto(_actie(aanvraag, "verdagen"))
    assert_no_axe_violations(page)
    page.get_by_label("Nieuwe uiterste beslisdatum").fill("31-02-2027")
    page.get_by_role("button", name="Verdagen").click()
    samenvatting = page.locator("#foutoverzicht")
    samenvatting.wait_for()
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    assert page.get_by_label("Nieuwe uiterste beslisdatum").input_value() == "31-02-2027"
    assert_no_axe_violations(page)
    samenvatting.get_by_role("link", name="Reden van de verdaging").click()
    assert page.evaluate("document.activeElement.id") == "id_reden"
    assert csp_violations == []


def test_cost_line_assessment_with_errors_passes_axe(page, login_as, assert_no_axe_violations):
    """The assessment of all cost lines at once, refused, passes axe and keeps the input."""
    beoordelaar = UserFactory(beoordelaar=True)
    aanvraag = AanvraagFactory(
        ingediend=True, status=AanvraagStatus.IN_BEHANDELING, behandelaar=beoordelaar
    )
    login_as(page, beoordelaar)
    page.goto(_actie(aanvraag, "beoordelen"))
    assert_no_axe_violations(page)
    page.get_by_label("Toegekend bedrag").fill("99999")
    page.get_by_role("button", name="Kostenposten beoordelen").click()
    page.locator("#foutoverzicht").wait_for()
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    assert page.get_by_label("Toegekend bedrag").input_value() == "99999"
    assert_no_axe_violations(page)


def test_assessment_starts_neutral_and_shows_the_47_note_live(
    page, login_as, assert_no_axe_violations, csp_violations
):
    """No line is assessed at first; choosing a factual reason shows the Awb 4:7 note at once
    (a static script under the strict CSP); '1.000,00' is stored as 1000.00."""
    from decimal import Decimal

    from aanvragen.models import KostenpostBeoordeling

    beoordelaar = UserFactory(beoordelaar=True)
    aanvraag = AanvraagFactory(
        ingediend=True, status=AanvraagStatus.IN_BEHANDELING, behandelaar=beoordelaar
    )
    login_as(page, beoordelaar)
    page.goto(_actie(aanvraag, "beoordelen"))
    reden = page.get_by_label("Reden", exact=True)
    assert reden.input_value() == ""
    assert page.get_by_label("Toegekend bedrag").input_value() == ""
    melding = page.locator("#form-0-voornemen")
    assert melding.is_hidden()
    reden.select_option("onvoldoende_bewijs")
    assert melding.is_visible() and "4:7" in melding.inner_text()
    reden.select_option("boven_maximum")
    assert melding.is_hidden()
    page.get_by_label("Toegekend bedrag").fill("1.000,00")
    page.get_by_label("Motivering", exact=True).fill("Deels vergoed.")
    page.get_by_role("button", name="Kostenposten beoordelen").click()
    page.wait_for_url(f"**{reverse('admin:aanvragen_aanvraag_change', args=[aanvraag.pk])}")
    assert KostenpostBeoordeling.objects.get().bedrag_toegekend == Decimal("1000.00")
    page.goto(reverse("admin:aanvragen_aanvraag_voor_mij"))
    assert_no_axe_violations(page)
    assert csp_violations == []
