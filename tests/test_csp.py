"""Content-Security-Policy: only this site's own files, no inline script or style anywhere."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def _directives(response) -> dict[str, str]:
    assert "Content-Security-Policy-Report-Only" not in response
    header = response["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in parts}


def _assert_strict_policy(response):
    assert response.status_code == 200
    assert _directives(response) == EXPECTED


def test_public_page_is_sent_with_the_policy(client):
    """The login page (anonymous) is enforced, not report-only, with every directive."""
    _assert_strict_policy(client.get(reverse("two_factor:login")))


def test_applicant_page_is_sent_with_the_policy(client, ambtsdrager):
    client.force_login(ambtsdrager)
    response = client.get(reverse("meldingen:nieuw"))
    _assert_strict_policy(response)
    # The idle-session warning is a static script that reads its data attributes.
    assert "js/sessie-waarschuwing.js" in response.content.decode()


def test_back_office_page_is_sent_with_the_policy(verified_client, beoordelaar):
    client = verified_client(beoordelaar)
    response = client.get(reverse("admin:aanvragen_aanvraag_changelist"))
    _assert_strict_policy(response)
    assert "css/backoffice.css" in response.content.decode()


def test_two_factor_qr_code_is_an_image_from_this_site(client, ambtsdrager):
    """The set-up page's QR code comes from this site (img-src 'self'), not from elsewhere."""
    client.force_login(ambtsdrager)
    client.get(reverse("two_factor:setup"))
    html = client.post(
        reverse("two_factor:setup"),
        {"setup_view-current_step": "welcome"},
    ).content.decode()
    src = re.search(r'<img src="([^"]+)" alt="QR Code"', html)
    assert src and src.group(1).startswith("/"), "no QR code image from this site"
    qr = client.get(src.group(1))
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg+xml")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_template_has_no_inline_script_or_style(path):
    """The policy refuses inline code: scripts live in static/js, styles in static/css."""
    text = path.read_text()
    assert not INLINE_SCRIPT.findall(text), f"inline <script> in {path}"
    assert not INLINE_STYLE.findall(text), f"inline style, event handler or javascript: in {path}"
