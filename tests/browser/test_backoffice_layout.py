"""Browser test: the back office fits a 1280 x 800 laptop and reflows at 375 px (WCAG 1.4.10).

The work queue, the case page and the cost-line assessment form: no horizontal page scroll
at either width; at 1280 px the queue's deadline and "Oppakken" columns are on screen
without scrolling; axe finds nothing serious or critical. Screenshots go to /tmp/h_*.png
for a human look.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen.constants import AanvraagStatus
from tests.aanvragen.conftest import private_media  # noqa: F401 - autouse: files in tmp
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def _zaken(beoordelaar):
    """A queue with long names, an overdue case and an unassigned one; return the worked case."""
    vandaag = timezone.localdate()
    AanvraagFactory(
        ingediend=True,
        aanvrager_naam="Maria Johanna van der Heijden-Vermeulen",
        beslistermijn_einde=vandaag - timedelta(days=3),
    )
    AanvraagFactory(
        ingediend=True,
        status=AanvraagStatus.VOORNEMEN_AFWIJZING,
        behandelaar=beoordelaar,
        beslistermijn_einde=vandaag + timedelta(days=5),
    )
    aanvraag = AanvraagFactory(
        ingediend=True,
        kostenpost=None,
        status=AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        aanvrager_naam="Pieter-Jan Wijnaldum-Schaapman",
    )
    KostenpostFactory(aanvraag=aanvraag)
    camera = aanvraag.regeling.categorieen.get(code="camera")
    KostenpostFactory(
        aanvraag=aanvraag,
        categorie=camera,
        omschrijving="Camerabewaking aan de voor- en achterzijde met opslag van beelden",
        leverancier="Beveiligingstechniek Noord-Nederland B.V.",
        bedrag=Decimal("1850.00"),
    )
    return aanvraag


def _pagina_breedte(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _rechterrand(locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"]


def _urls(aanvraag):
    return {
        "werkvoorraad": reverse("admin:aanvragen_aanvraag_changelist"),
        "zaak": reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk]),
        "beoordelen": reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "beoordelen"]),
    }


@pytest.mark.parametrize("scherm", ["laptop", "telefoon"])
def test_queue_case_page_and_assessment_form_fit(page, login_as, assert_no_axe_violations, scherm):
    """No page scrolls sideways at 1280 x 800 or at 375 px, and axe finds nothing serious."""
    viewport = LAPTOP if scherm == "laptop" else PHONE
    beoordelaar = UserFactory(beoordelaar=True)
    aanvraag = _zaken(beoordelaar)
    login_as(page, beoordelaar)
    page.set_viewport_size(viewport)
    breedtes = {}
    for naam, url in _urls(aanvraag).items():
        page.goto(url)
        page.screenshot(path=f"/tmp/h_{naam}_{viewport['width']}.png", full_page=True)
        breedtes[naam] = _pagina_breedte(page)
    assert all(b <= viewport["width"] for b in breedtes.values()), breedtes
    for url in _urls(aanvraag).values():
        page.goto(url)
        assert_no_axe_violations(page)


def test_queue_shows_deadline_and_action_on_a_laptop(page, login_as):
    """At 1280 px the deadline (with days late in words) and "Oppakken" need no scrolling."""
    beoordelaar = UserFactory(beoordelaar=True)
    _zaken(beoordelaar)
    login_as(page, beoordelaar)
    page.set_viewport_size(LAPTOP)
    page.goto(reverse("admin:aanvragen_aanvraag_changelist"))
    te_laat = page.get_by_text("3 dagen te laat")
    assert te_laat.is_visible()
    assert _rechterrand(te_laat) <= LAPTOP["width"]
    oppakken = page.get_by_role("link", name="Oppakken")
    assert oppakken.is_visible()
    assert _rechterrand(oppakken) <= LAPTOP["width"]
    for kop in ("Kenmerk", "Aanvrager", "Gemeente", "Status", "Beoordelaar"):
        kolom = page.locator("#result_list thead th").filter(has_text=kop).first
        assert kolom.is_visible(), kop
        assert _rechterrand(kolom) <= LAPTOP["width"], kop
    # On a narrow screen only this region scrolls; it has a name and takes the focus.
    regio = page.get_by_role("region", name="Werkvoorraad")
    assert regio.get_attribute("tabindex") == "0"


def test_assessment_form_fits_a_laptop(page, login_as):
    """Every cost line's last field (the motivation) ends inside 1280 px."""
    beoordelaar = UserFactory(beoordelaar=True)
    aanvraag = _zaken(beoordelaar)
    login_as(page, beoordelaar)
    page.set_viewport_size(LAPTOP)
    page.goto(_urls(aanvraag)["beoordelen"])
    motiveringen = page.locator(".beoordeling textarea")
    assert motiveringen.count() == 2
    for i in range(motiveringen.count()):
        assert _rechterrand(motiveringen.nth(i)) <= LAPTOP["width"]
