"""The statistics page as an assessor sees it: at 1280 and 375 px wide, axe-clean, no CSP
violation, every chart next to a table with the same numbers, no sideways page scroll.

Set STATISTIEKEN_SCREENSHOTS=<folder> to keep screenshots of both widths for a look.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.statistieken import dossier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


URL = reverse("admin:statistieken_kwartaalrapport_changelist") + "?jaar=2025"


def _schermafdruk(page, naam):
    map_ = os.environ.get("STATISTIEKEN_SCREENSHOTS")
    if map_:
        Path(map_).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(map_) / f"{naam}.png"), full_page=True)


def _elke_grafiek_heeft_zijn_tabel(page):
    grafieken = page.locator(".statistiek .grafiek-vak svg[role='img']")
    assert grafieken.count() >= 6
    for n in range(grafieken.count()):
        svg = grafieken.nth(n)
        assert svg.locator("desc").text_content().strip()
        blok = svg.locator("xpath=ancestor::div[contains(@class, 'statistiek ')][1]")
        assert blok.locator("table caption").count() == 1
        assert blok.locator("tbody tr").count() >= 1


def test_statistics_page_at_1280_px(page, login_as, assert_no_axe_violations, csp_violations):
    """All sections, charts with text alternatives beside their tables, axe 0 serious."""
    dossier.meldingen_aanmaken()
    dossier.aanvragen_aanmaken()
    beoordelaar = UserFactory(beoordelaar=True)
    login_as(page, beoordelaar)
    page.goto(URL)

    assert page.get_by_role("heading", name="Meldingen", exact=True).count() == 1
    assert page.get_by_role("heading", name="Afhandeling", exact=True).count() == 1
    _elke_grafiek_heeft_zijn_tabel(page)
    assert page.get_by_role("link", name="Meldingen per maand als CSV").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert_no_axe_violations(page)
    _schermafdruk(page, "statistieken-1280")
    assert csp_violations == []


def test_statistics_page_reflows_at_375_px(mobile_page, login_as, assert_no_axe_violations):
    """On a phone the charts stack above their tables; the page never scrolls sideways
    (wide tables scroll inside their own focusable region)."""
    dossier.meldingen_aanmaken()
    beheerder = UserFactory(functioneel_beheerder=True)
    login_as(mobile_page, beheerder)
    mobile_page.goto(URL)

    _elke_grafiek_heeft_zijn_tabel(mobile_page)
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_no_axe_violations(mobile_page)
    _schermafdruk(mobile_page, "statistieken-375")
