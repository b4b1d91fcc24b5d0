"""Browser test of registration: request → e-mail link → the municipality confirms → first
password → logged in on the start page; and the invitation path. On a desktop and on a
375 px phone, with axe-core finding no serious or critical violation on each page.
"""

import re
import uuid

import pytest
from django.core import mail

from tests.factories import UserFactory, gemeente

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WACHTWOORD = "Een-heel-nieuw-wachtwoord-42"


@pytest.fixture(autouse=True)
def _geen_invultijd(settings):
    settings.REGISTRATIE_MIN_INVULTIJD = 0
    settings.REGISTRATIE_LIMIET_SLEUTEL = f"test-registratie-{uuid.uuid4().hex}"
    settings.REGISTRATIE_MAX_PER_IP = 10_000


def _pad(tekst):
    return re.search(r"https?://[^/\s]+(/\S+)", tekst).group(1)


def _past(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _wachtwoord_kiezen(page, assert_no_axe_violations):
    page.get_by_role("heading", name="Kies uw wachtwoord").wait_for()
    assert_no_axe_violations(page)
    page.locator('[name="new_password1"]').fill(WACHTWOORD)
    page.locator('[name="new_password2"]').fill(WACHTWOORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.get_by_role("heading", level=1, name="Mijn meldingen en aanvragen").wait_for()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_request_verify_confirm_and_log_in(scherm, request, login_as, assert_no_axe_violations):
    page = request.getfixturevalue(scherm)
    medewerker = UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))
    email = f"anna-{scherm}@example.nl"

    page.goto("/")
    page.get_by_role("link", name="Nog geen account? Account aanvragen").click()
    page.get_by_role("heading", level=1, name="Account aanvragen").wait_for()
    assert_no_axe_violations(page)
    _past(page)
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Ambt").select_option("wethouder")
    page.get_by_label("Gemeente").select_option(label="Utrecht")
    page.get_by_label("In functie sinds").fill("2022-06-01")
    page.get_by_role("button", name="Account aanvragen").click()
    page.get_by_role("heading", name="Kijk in uw e-mail").wait_for()
    assert_no_axe_violations(page)

    page.goto(_pad(mail.outbox[-1].body))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="E-mailadres bevestigen").click()
    page.get_by_role("heading", name="E-mailadres bevestigd").wait_for()

    login_as(page, medewerker)
    page.get_by_role("link", name=re.compile("Aanvragen voor een account")).click()
    page.get_by_role("heading", level=1, name="Aanvragen voor een account").wait_for()
    assert_no_axe_violations(page)
    _past(page)
    page.get_by_role("link", name="Anna de Vries").click()
    page.get_by_role("heading", level=1, name="Ambt bevestigen").wait_for()
    assert_no_axe_violations(page)
    _past(page)
    page.get_by_role("button", name="Ambt bevestigen").click()
    page.get_by_text("Het ambt is bevestigd.").wait_for()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/account/login/**")

    assert mail.outbox[-1].to == [email]
    page.goto(_pad(mail.outbox[-1].body))
    _wachtwoord_kiezen(page, assert_no_axe_violations)
    _past(page)


def test_an_invited_office_holder_accepts_and_logs_in(page, login_as, assert_no_axe_violations):
    medewerker = UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))
    login_as(page, medewerker)
    page.goto("/registraties/")
    page.get_by_role("link", name="Een ambtsdrager uitnodigen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Voornaam").fill("Bram")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("E-mailadres").fill("bram@example.nl")
    page.get_by_label("Ambt").select_option("raadslid")
    page.get_by_label("In functie sinds").fill("2022-03-30")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("De uitnodiging is verstuurd").wait_for()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/account/login/**")

    page.goto(_pad(mail.outbox[-1].body))
    page.get_by_text("De gemeente Utrecht heeft u uitgenodigd als Raadslid.").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Uitnodiging aannemen").click()
    _wachtwoord_kiezen(page, assert_no_axe_violations)


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_profile_and_e_mail_change_pages(
    scherm, request, login_as, ambtsdrager, assert_no_axe_violations
):
    """The profile, its edit page and the e-mail change (verified by link) at 1280 and 375."""
    page = request.getfixturevalue(scherm)
    login_as(page, ambtsdrager)
    page.goto("/mijn-gegevens/")
    page.get_by_role("link", name="Naam, adres en telefoonnummer wijzigen").click()
    assert_no_axe_violations(page)
    _past(page)
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Uw gegevens zijn opgeslagen.").wait_for()
    assert_no_axe_violations(page)
    _past(page)

    page.get_by_role("link", name="E-mailadres wijzigen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Nieuw e-mailadres").fill(f"nieuw-{scherm}@example.nl")
    page.get_by_role("button", name="Link versturen").click()
    page.get_by_text("Wij hebben een link gestuurd").wait_for()
    page.goto(_pad(mail.outbox[-1].body))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="E-mailadres wijzigen").click()
    page.get_by_text("Uw e-mailadres is gewijzigd.").wait_for()
    ambtsdrager.refresh_from_db()
    assert ambtsdrager.email == f"nieuw-{scherm}@example.nl"
