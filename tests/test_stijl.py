"""The public site's stylesheet and icon: form control borders at 3:1 or more against white
(WCAG 1.4.11, computed from the stylesheet's own values), and a favicon without a 404."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

STIJL = Path(settings.BASE_DIR) / "static" / "css" / "fondsbeveiliging.css"
WIT = "#ffffff"


def _lineair(kanaal: int) -> float:
    c = kanaal / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminantie(hex_kleur: str) -> float:
    waarde = hex_kleur.lstrip("#")
    if len(waarde) == 3:
        waarde = "".join(c * 2 for c in waarde)
    r, g, b = (int(waarde[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _lineair(r) + 0.7152 * _lineair(g) + 0.0722 * _lineair(b)


def contrast(a: str, b: str) -> float:
    licht, donker = sorted((luminantie(a), luminantie(b)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000", WIT) == pytest.approx(21)
    assert contrast("#dee2e6", WIT) == pytest.approx(1.3, abs=0.05)  # Bootstrap's border


def _randkleur(css: str, selector: str) -> str:
    """The border colour the stylesheet gives `selector` (resolving one var())."""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if selector not in [s.strip() for s in selectors.split(",")]:
            continue
        match = re.search(r"border-color:\s*([^;]+)", body)
        if not match:
            continue
        waarde = match.group(1).strip()
        var = re.fullmatch(r"var\((--[\w-]+)\)", waarde)
        if var:
            waarde = re.search(rf"{var.group(1)}:\s*(#[0-9a-fA-F]{{3,6}})", css).group(1)
        return waarde
    raise AssertionError(f"no border-color for {selector} in {STIJL.name}")


@pytest.mark.parametrize("selector", [".form-control", ".form-select", ".form-check-input"])
def test_form_control_borders_have_3_to_1_contrast_against_white(selector):
    kleur = _randkleur(STIJL.read_text(), selector)
    assert contrast(kleur, WIT) >= 3, (selector, kleur, contrast(kleur, WIT))


@pytest.mark.django_db
def test_favicon_is_a_static_file_linked_from_every_page(client):
    assert finders.find("favicon.ico") and finders.find("favicon.svg")
    html = client.get(reverse("two_factor:login")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.ico")}"' in html


def test_favicon_ico_at_the_root_is_no_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
