"""Issue #14 items 1-3 in the browser, on a desktop page and a 375 px phone: the decision of a
partly granted and paid claim in "Mijn aanvragen" and on its status page (outcome, granted
and paid amounts with their labels, no horizontal scrolling), the evidence rule on the
cost-line page, "Wijzigen" on the check page back to the check page, and the confirmation
page. axe-core finds no serious or critical violation; the CSP reports none (conftest).

Screenshots go to /tmp/g_*.png for a look by eye.
"""

import re
from decimal import Decimal

import pytest

from tests.aanvragen.besluit_zaken import gedeeltelijk_toegekend
from tests.aanvragen.conftest import private_media  # noqa: F401 - autouse: files in tmp
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory, RegelingFactory
from tests.browser.helpers import past_in_breedte

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _foto(page, naam):
    """The whole page, and on a phone also in parts of 900 px (readable at full size)."""
    breedte = page.viewport_size["width"]
    page.screenshot(path=f"/tmp/g_{naam}_{breedte}.png", full_page=True)
    if breedte < 600:
        hoogte = page.evaluate("document.documentElement.scrollHeight")
        for deel, y in enumerate(range(0, hoogte, 900)):
            clip = {"x": 0, "y": y, "width": breedte, "height": min(900, hoogte - y)}
            page.screenshot(path=f"/tmp/g_{naam}_{breedte}_{deel}.png", full_page=True, clip=clip)


def _waarde(page, label):
    """The value next to the visible label `label` in a summary list (dt + dd)."""
    dt = page.locator("dt", has_text=re.compile(rf"^{label}$")).first
    assert dt.is_visible(), label
    return dt.locator("xpath=following-sibling::dd[1]").inner_text()


def test_list_and_status_page_show_the_decision(
    page, mobile_page, login_as, assert_no_axe_violations, ambtsdrager
):
    RegelingFactory()
    aanvraag = gedeeltelijk_toegekend(aanvrager=ambtsdrager, betaald=(Decimal("2000.00"),))
    for p in (page, mobile_page):
        login_as(p, ambtsdrager)
        p.goto("/aanvragen/")
        kaart = p.locator(f"#aanvraag-{aanvraag.pk}")
        assert _waarde(kaart, "Uitkomst") == "Gedeeltelijk toegekend"
        assert _waarde(kaart, "Besluit") == "verzonden op 2 maart 2026"
        assert _waarde(kaart, "Toegekend") == "€\u00a03.450,00"
        assert _waarde(kaart, "Aangevraagd") == "€\u00a05.000,00"
        assert _waarde(kaart, "Betaald") == "€\u00a02.000,00"
        past_in_breedte(p)
        assert_no_axe_violations(p)
        _foto(p, "lijst")

        p.get_by_role("link", name=re.compile(aanvraag.kenmerk)).click()
        p.wait_for_url(re.compile(rf"/aanvragen/{aanvraag.pk}/$"))
        besluit = p.locator(".besluit-paneel")
        assert _waarde(besluit, "Uitkomst") == "Gedeeltelijk toegekend"
        assert _waarde(besluit, "Toegekend") == "€\u00a03.450,00"
        assert _waarde(besluit, "Betaald") == "€\u00a02.000,00"
        assert _waarde(besluit, "Nog te betalen") == "€\u00a01.450,00"
        camera = besluit.locator(".kostenregel").nth(1)
        assert _waarde(camera, "Toegekend") == "€\u00a0450,00"
        assert _waarde(camera, "Beoordeling").startswith("Gedeeltelijk toegekend: Boven het")
        assert p.get_by_text("€\u00a02.000,00 betaald op 3 maart 2026").is_visible()
        assert p.get_by_role("heading", name="Brieven").count() in (0, 1)
        past_in_breedte(p)
        assert_no_axe_violations(p)
        _foto(p, "status")


def test_evidence_rule_shows_for_the_chosen_category(
    page, mobile_page, login_as, assert_no_axe_violations, ambtsdrager
):
    RegelingFactory()
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
    regel = KostenpostFactory(aanvraag=aanvraag, categorie=None, bewijs=False)
    for p in (page, mobile_page):
        login_as(p, ambtsdrager)
        p.goto(f"/aanvragen/{aanvraag.pk}/kosten/{regel.pk}/")
        paneel = p.locator("#bewijsregels")
        assert paneel.get_by_text(re.compile("Kies hierboven de soort kosten")).is_visible()
        p.get_by_label("Soort kosten").select_option(label="Camerabewaking")
        regelblok = paneel.locator("section:visible")
        assert regelblok.count() == 1
        assert regelblok.get_by_role("heading").inner_text() == "Nodig bij Camerabewaking"
        tekst = regelblok.inner_text()
        assert "Verplicht: factuur en beveiligingsadvies." in tekst
        assert "Niet verplicht, wel welkom: overig." in tekst
        assert not paneel.get_by_text(re.compile("Kies hierboven")).is_visible()
        # Before any upload: the rule is above the upload field.
        regel_y = regelblok.bounding_box()["y"]
        assert regel_y < p.get_by_label("Bestanden toevoegen").bounding_box()["y"]
        past_in_breedte(p)
        assert_no_axe_violations(p)
        _foto(p, "kostenpost")
        p.get_by_label("Soort kosten").select_option(label="Alarmsysteem")
        assert (
            "Verplicht: factuur en betaalbewijs." in paneel.locator("section:visible").inner_text()
        )


def test_change_on_the_check_page_returns_to_the_check_page(
    page, mobile_page, login_as, assert_no_axe_violations, ambtsdrager
):
    RegelingFactory()
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
    for p, naam in ((page, "J. Jansen-de Boer"), (mobile_page, "J. de Boer")):
        login_as(p, ambtsdrager)
        p.goto(f"/aanvragen/{aanvraag.pk}/controleren/")
        p.get_by_role("link", name="Wijzigen betaling").click()
        p.wait_for_url(re.compile(r"/betaling/\?terug=controleren$"))
        p.get_by_label("Tenaamstelling").fill(naam)
        assert_no_axe_violations(p)
        p.get_by_role("button", name="Opslaan en terug naar controleren").click()
        p.wait_for_url(re.compile(rf"/aanvragen/{aanvraag.pk}/controleren/$"))
        assert p.get_by_text(naam, exact=True).is_visible()
        p.get_by_role("link", name="Wijzigen uw gegevens").click()
        p.wait_for_url(re.compile(r"/gegevens/\?terug=controleren$"))
        p.get_by_role("button", name="Opslaan en terug naar controleren").click()
        p.wait_for_url(re.compile(rf"/aanvragen/{aanvraag.pk}/controleren/$"))
        past_in_breedte(p)


def test_confirmation_page(page, mobile_page, login_as, assert_no_axe_violations, ambtsdrager):
    RegelingFactory()
    for p in (page, mobile_page):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
        login_as(p, ambtsdrager)
        p.goto(f"/aanvragen/{aanvraag.pk}/controleren/")
        p.get_by_label(re.compile("Ik verklaar")).check()
        p.get_by_role("button", name="Aanvraag versturen").click()
        p.wait_for_url(re.compile(rf"/aanvragen/{aanvraag.pk}/verstuurd/$"))
        aanvraag.refresh_from_db()
        assert p.locator("#kenmerk").inner_text() == aanvraag.kenmerk
        assert p.get_by_role("heading", name="Uw aanvraag is verstuurd").is_visible()
        assert p.get_by_role("heading", name="Wat gebeurt er nu?").is_visible()
        assert str(aanvraag.beslistermijn_einde.year) in p.locator("#beslisdatum").inner_text()
        past_in_breedte(p)
        assert_no_axe_violations(p)
        _foto(p, "verstuurd")
        p.get_by_role("link", name="Bekijk de status van uw aanvraag").click()
        p.wait_for_url(re.compile(rf"/aanvragen/{aanvraag.pk}/$"))


def test_favicon_answers(page):
    assert page.request.get("/favicon.ico").status == 200
