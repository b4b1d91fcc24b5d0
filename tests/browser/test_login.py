"""Every role logs in through the real form (2FA for staff), lands on its start page, and
every page on the way has no serious or critical axe-core violations."""

import pytest

from fondsbeveiliging.accounts.constants import Rol
from tests.browser.helpers import default_device, submit_password, submit_token
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

STAFF = [
    Rol.BEOORDELAAR,
    Rol.TWEEDE_BEOORDELAAR,
    Rol.FINANCIEEL_MEDEWERKER,
    Rol.FUNCTIONEEL_BEHEERDER,
]


def test_login_page_is_accessible_on_desktop_and_mobile(
    page, mobile_page, assert_no_axe_violations
):
    """The login page passes axe at both sizes and has one h1 and a skip link."""
    for p in (page, mobile_page):
        p.goto("/account/login/")
        assert p.get_by_role("heading", level=1).inner_text() == "Inloggen"
        assert p.locator("html").get_attribute("lang") == "nl"
        assert_no_axe_violations(p)


def test_skip_link_moves_focus_to_the_content(page, login_as):
    """On a page without autofocus the first Tab stop is the skip link; it leads to <main>."""
    login_as(page, UserFactory(ambtsdrager=True))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_ambtsdrager_lands_on_own_overview(page, login_as, assert_no_axe_violations):
    """An office holder logs in with a password and sees "Mijn meldingen en aanvragen"."""
    user = UserFactory(ambtsdrager=True)
    login_as(page, user)
    assert page.url.endswith("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn meldingen en aanvragen"
    assert_no_axe_violations(page)


def test_gemeente_medewerker_lands_on_letters(mobile_page, login_as, assert_no_axe_violations):
    """A municipal employee lands on "Brieven" (checked on a phone-sized screen)."""
    user = UserFactory(gemeente_medewerker=True)
    login_as(mobile_page, user)
    assert mobile_page.get_by_role("heading", level=1).inner_text() == "Brieven"
    assert_no_axe_violations(mobile_page)


@pytest.mark.parametrize("rol", STAFF)
def test_staff_log_in_with_totp_and_land_in_the_back_office(page, rol, assert_no_axe_violations):
    """Password, then a real TOTP code: staff land in the back office; each step passes axe.

    Assessors and the teamleider start on the work queue, finance on what is still to pay,
    the beheerder on the index.
    """
    user = UserFactory(rol=rol, ambtstype="", gemeente=None)
    device = default_device(user)
    page.goto("/account/login/")
    assert_no_axe_violations(page)
    submit_password(page, user.email)
    assert page.get_by_label("Token").is_visible()
    assert_no_axe_violations(page)
    submit_token(page, device)
    if rol == Rol.FUNCTIONEEL_BEHEERDER:
        assert page.url.endswith("/backoffice/")
        assert page.get_by_role("heading", level=1).inner_text() == "Werkvoorraad en beheer"
    elif rol == Rol.FINANCIEEL_MEDEWERKER:
        assert page.url.endswith("/backoffice/aanvragen/betaalbatch/te-betalen/")
    else:
        assert page.url.split("?")[0].endswith("/backoffice/aanvragen/aanvraag/")
    assert_no_axe_violations(page)


def test_staff_without_device_are_sent_to_2fa_setup(page, assert_no_axe_violations):
    """A staff member without a device ends up on the 2FA set-up page, not in the admin."""
    user = UserFactory(beoordelaar=True)
    submit_password(page, user.email)
    assert "/account/two_factor/setup/" in page.url
    assert_no_axe_violations(page)
    page.goto("/backoffice/")
    assert "/account/two_factor/setup/" in page.url


def test_login_as_helper_logs_staff_in(page, login_as):
    """The shared login_as fixture handles the token step for staff."""
    login_as(page, UserFactory(functioneel_beheerder=True))
    assert page.url.endswith("/backoffice/")


def test_password_reset_pages_are_accessible(page, assert_no_axe_violations):
    """The reset form and its confirmation page pass axe; the answer reveals nothing."""
    page.goto("/account/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wachtwoord vergeten"
    assert_no_axe_violations(page)
    page.get_by_label("E-mailadres").fill("onbekend@example.nl")
    page.get_by_role("button", name="Verstuur link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Controleer uw e-mail"
    assert_no_axe_violations(page)


def test_lockout_page_is_accessible(page, settings, assert_no_axe_violations):
    """After too many wrong passwords the Dutch lockout page is shown, and passes axe."""
    user = UserFactory(ambtsdrager=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        submit_password(page, user.email, "fout-wachtwoord")
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen tijdelijk geblokkeerd"
    assert_no_axe_violations(page)
