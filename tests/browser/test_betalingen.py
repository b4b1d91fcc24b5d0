"""Browser test for finance's payments (issue 15, item 4): the queue of what is still to
pay, making a batch and marking it paid, at 1280 × 800 and at 375 px; axe-core finds no
serious or critical violations and no page scrolls sideways.

Screenshots go to $SCHERMAFDRUK_MAP when it is set (for looking at the pages by hand).
"""

import pytest
from django.urls import reverse

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Betaalbatch, Betaling
from tests.aanvragen.admin.conftest import met_verzonden_besluit
from tests.aanvragen.factories import RegelingFactory
from tests.browser.helpers import past_in_breedte, schermafdruk

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_finance_makes_a_batch_and_marks_it_paid(
    scherm,
    request,
    login_as,
    beoordelaar,
    tweede_beoordelaar,
    financieel_medewerker,
    assert_no_axe_violations,
):
    page = request.getfixturevalue(scherm)
    RegelingFactory()
    zaken = [met_verzonden_besluit(beoordelaar, tweede_beoordelaar) for _ in range(2)]
    login_as(page, financieel_medewerker)
    page.goto(reverse("admin:aanvragen_betaalbatch_te_betalen"))
    assert page.get_by_role("heading", level=1).inner_text() == "Te betalen"
    for aanvraag, _besluit in zaken:
        assert page.get_by_role("link", name=aanvraag.kenmerk).is_visible()
    assert page.get_by_text("2 betalingen, samen € 2.469,12.").is_visible()
    past_in_breedte(page)
    assert_no_axe_violations(page)
    schermafdruk(page, f"te-betalen-{scherm}")

    page.get_by_role("button", name="Betaalbatch maken").click()
    batch = Betaalbatch.objects.get()
    page.wait_for_url(f"**{reverse('admin:aanvragen_betaalbatch_change', args=[batch.pk])}")
    assert page.get_by_text("Betaalbatch 1 is gemaakt: 2 betalingen.").is_visible()
    assert page.get_by_role("link", name="SEPA-bestand (pain.001) downloaden").is_visible()
    past_in_breedte(page)
    assert_no_axe_violations(page)
    schermafdruk(page, f"betaalbatch-{scherm}")

    with page.expect_download() as download:
        page.get_by_role("link", name="SEPA-bestand (pain.001) downloaden").click()
    assert download.value.suggested_filename == "betaalbatch-1.xml"

    page.get_by_role("button", name="Alle 2 open betalingen als betaald markeren").click()
    page.get_by_text("2 betalingen van Betaalbatch 1 zijn geregistreerd.").wait_for()
    past_in_breedte(page)
    assert Betaling.objects.count() == 2
    for aanvraag, _besluit in zaken:
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.BETAALD
