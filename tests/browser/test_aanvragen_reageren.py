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
from tests.aanvragen.test_reageren import te_late_zaak, verzonden_zaak, voornemen_zaak
from tests.browser.helpers import past_in_breedte
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _controleer(page, naam, assert_no_axe_violations):
    past_in_breedte(page)
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


def test_notice_of_default_and_the_back_office_sees_both_replies(
    page, mobile_page, login_as, assert_no_axe_violations, ambtsdrager
):
    """A notice of default once the decision term has passed; then an assessor finds it,
    and an objection lodged online, on the case pages with their dates of receipt."""
    from aanvragen import reacties

    RegelingFactory()
    gisteren = timezone.localdate() - timedelta(days=1)
    zaken = []
    for p in (page, mobile_page):
        aanvraag = te_late_zaak(ambtsdrager, beslistermijn_einde=gisteren)
        zaken.append(aanvraag)
        login_as(p, ambtsdrager)
        p.goto(f"/aanvragen/{aanvraag.pk}/")
        p.get_by_role("link", name="In gebreke stellen").click()
        p.wait_for_url(re.compile(r"/ingebrekestelling/$"))
        _controleer(p, "ingebrekestelling", assert_no_axe_violations)
        p.get_by_label("Ik stel het ministerie in gebreke").check()
        p.get_by_role("button", name="Ingebrekestelling versturen").click()
        p.wait_for_url(re.compile(r"/ontvangen/$"))
        assert p.get_by_role(
            "heading", name="Wij hebben uw ingebrekestelling ontvangen"
        ).is_visible()
        _controleer(p, "ingebrekestelling_ontvangen", assert_no_axe_violations)

    bezwaar_zaak, besluit = verzonden_zaak(
        ambtsdrager, bezwaartermijn_einde=timezone.localdate() + timedelta(days=10)
    )
    reacties.bezwaar_maken(besluit_id=besluit.pk, door=ambtsdrager, gronden="Te laag vergoed.")

    beoordelaar = UserFactory(tweede_beoordelaar=True)
    page.context.clear_cookies()
    login_as(page, beoordelaar)
    vandaag = timezone.localdate().strftime("%d-%m-%Y")
    page.goto(f"/backoffice/aanvragen/aanvraag/{zaken[0].pk}/change/")
    assert "Ingebrekestelling ontvangen op" in page.content()
    _controleer(page, "backoffice_ingebrekestelling", assert_no_axe_violations)
    page.goto(f"/backoffice/aanvragen/aanvraag/{bezwaar_zaak.pk}/change/")
    bezwaar = page.locator("tr.bezwaar")
    assert f"ontvangen op {vandaag}" in bezwaar.inner_text()
    assert "online ingediend" in bezwaar.inner_text()
    _controleer(page, "backoffice_bezwaar", assert_no_axe_violations)
