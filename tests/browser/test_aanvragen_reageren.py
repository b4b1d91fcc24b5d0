"""Issue #14 item 4 in the browser, on a desktop page and a 375 px phone: giving a view on an
intended refusal from the status page (and the closed form after its term), and lodging an
objection against a sent decision, each ending on its receipt page. axe-core finds no
serious or critical violation; the CSP reports none (conftest).

Screenshots go to /tmp/i_*.png for a look by eye.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from aanvragen.models import Bezwaar, Voornemen
from tests.aanvragen.conftest import private_media  # noqa: F401 - autouse: files in tmp
from tests.aanvragen.factories import RegelingFactory
from tests.aanvragen.test_reageren import verzonden_zaak, voornemen_zaak

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _past(page):
    """WCAG 1.4.10: the page does not scroll sideways at this width."""
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= page.viewport_size["width"], (page.url, breedte)


def _controleer(page, naam, assert_no_axe_violations):
    _past(page)
    assert_no_axe_violations(page)
    page.screenshot(path=f"/tmp/i_{naam}_{page.viewport_size['width']}.png", full_page=True)


def test_view_within_the_term_and_refused_after_it(
    page, mobile_page, login_as, assert_no_axe_violations, ambtsdrager
):
    RegelingFactory()
    vandaag = timezone.localdate()
    for p in (page, mobile_page):
        aanvraag, voornemen = voornemen_zaak(ambtsdrager, termijn_tot=vandaag)
        login_as(p, ambtsdrager)
        p.goto(f"/aanvragen/{aanvraag.pk}/")
        p.get_by_role("link", name="Zienswijze geven").click()
        p.wait_for_url(re.compile(rf"/zienswijze/{voornemen.pk}/$"))
        _controleer(p, "zienswijze", assert_no_axe_violations)

        # Sent empty: the error summary names the field.
        p.get_by_role("button", name="Zienswijze versturen").click()
        assert p.get_by_text("Vul uw zienswijze in.").first.is_visible()
        _controleer(p, "zienswijze_fout", assert_no_axe_violations)

        p.get_by_label("Uw zienswijze").fill("Ik heb twee deuren; het maximum is te laag.")
        p.get_by_role("button", name="Zienswijze versturen").click()
        p.wait_for_url(re.compile(r"/ontvangen/$"))
        assert p.get_by_role("heading", name="Wij hebben uw zienswijze ontvangen").is_visible()
        assert p.locator("#kenmerk").inner_text() == aanvraag.kenmerk
        _controleer(p, "zienswijze_ontvangen", assert_no_axe_violations)
        assert Voornemen.objects.get(pk=voornemen.pk).zienswijze_ontvangen_op is not None

        te_laat, verlopen = voornemen_zaak(ambtsdrager, termijn_tot=vandaag - timedelta(days=1))
        p.goto(f"/aanvragen/{te_laat.pk}/zienswijze/{verlopen.pk}/")
        assert p.get_by_role(
            "heading", name="De termijn voor uw zienswijze is voorbij"
        ).is_visible()
        assert p.locator("textarea").count() == 0
        _controleer(p, "zienswijze_verlopen", assert_no_axe_violations)


def test_lodging_an_objection(page, mobile_page, login_as, assert_no_axe_violations, ambtsdrager):
    RegelingFactory()
    einde = timezone.localdate() + timedelta(days=20)
    for p in (page, mobile_page):
        aanvraag, besluit = verzonden_zaak(ambtsdrager, bezwaartermijn_einde=einde)
        login_as(p, ambtsdrager)
        p.goto(f"/aanvragen/{aanvraag.pk}/")
        p.get_by_role("link", name="Bezwaar maken").click()
        p.wait_for_url(re.compile(r"/bezwaar/$"))
        _controleer(p, "bezwaar", assert_no_axe_violations)

        p.get_by_label("Waarom bent u het niet eens met het besluit?").fill(
            "Het maximum voor camera's past niet bij twee deuren."
        )
        p.get_by_role("button", name="Bezwaar versturen").click()
        p.wait_for_url(re.compile(r"/bezwaar/\d+/ontvangen/$"))
        assert p.get_by_role("heading", name="Wij hebben uw bezwaar ontvangen").is_visible()
        _controleer(p, "bezwaar_ontvangen", assert_no_axe_violations)
        bezwaar = Bezwaar.objects.get(besluit=besluit)
        assert bezwaar.online_ingediend and bezwaar.ontvangen_op == timezone.localdate()

        p.goto(f"/aanvragen/{aanvraag.pk}/")
        assert p.get_by_role("heading", name="Uw bezwaar").is_visible()
        assert p.get_by_role("link", name="Bezwaar maken").count() == 0
        _controleer(p, "status_na_bezwaar", assert_no_axe_violations)
