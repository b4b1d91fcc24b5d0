"""An office holder files a melding in steps with an attachment, on desktop and a 375 px phone.

axe-core must find no serious or critical violations on any page of the flow, including
the form with its error summary.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from meldingen.constants import MeldingStatus
from meldingen.models import Melding
from tests.meldingen.conftest import private_media  # noqa: F401 - autouse: files in tmp
from tests.meldingen.factories import png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _vul_stap_gebeurtenis_in(page):
    datum = (timezone.localdate() - timedelta(days=1)).isoformat()
    page.fill("#id_datum_van", datum)
    page.get_by_label("Bedreiging (ook doodsbedreiging)").check()
    page.get_by_label("Online agressie of haat (sociale media, e-mail)").check()
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Sociale media", exact=True).check()


def _vul_stap_beschrijving_in(page):
    page.fill("#id_omschrijving", "Via Facebook kreeg ik een bericht dat ze me zouden opwachten.")
    page.get_by_label("Op mijn ambt of functie").check()
    page.get_by_label("Ikzelf").check()
    page.get_by_label("Onbekend", exact=True).check()
    page.locator("#id_herhaald_1").check()


def _vul_stap_aangifte_in(page):
    page.locator("#id_intern_gemeld_0").check()
    page.get_by_label("Nog niet, maar ik ga aangifte doen").check()
    page.get_by_label("Collegiale ondersteuning (peer support)").check()


def _verder(page, stap):
    page.get_by_role("button", name="Opslaan en verder").click()
    page.wait_for_url(f"**/bewerken/{stap}/")


def _vul_formulier_in(page):
    """From step 1 through the questions: ends on the attachments step."""
    _vul_stap_gebeurtenis_in(page)
    _verder(page, "beschrijving")
    _vul_stap_beschrijving_in(page)
    _verder(page, "aangifte")
    _vul_stap_aangifte_in(page)
    _verder(page, "bijlagen")


def _huidige_stap(page):
    return page.locator('nav[aria-label="Stappen van de melding"] [aria-current="step"]')


def _past_op_scherm(page, mobile):
    if mobile:
        # Nothing wider than the 375 px screen: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    """Keep the outbox message off the shared broker: another checkout's worker could take it.

    The message row is still stored in the send transaction (the outbox sweeper would send it).
    """
    from fondsbeveiliging.berichten.tasks import bericht_versturen_task

    monkeypatch.setattr(bericht_versturen_task, "delay", lambda *args: None)


def test_office_holder_files_a_melding_on_desktop_and_phone(
    page,
    mobile_page,
    live_server,
    login_as,
    assert_no_axe_violations,
    ambtsdrager,
    andere_ambtsdrager,
):
    """Both viewports in one test: one live-server database setup for the whole flow."""
    _flow(page, ambtsdrager, live_server, login_as, assert_no_axe_violations, mobile=False)
    _flow(
        mobile_page,
        andere_ambtsdrager,
        live_server,
        login_as,
        assert_no_axe_violations,
        mobile=True,
    )


def _flow(page, ambtsdrager, live_server, login_as, assert_no_axe_violations, mobile):
    login_as(page, ambtsdrager)

    page.goto(f"{live_server.url}/meldingen/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Nieuwe melding maken").click()
    page.wait_for_url("**/meldingen/nieuw/")
    assert page.get_by_text("Uw gemeente ziet uw melding niet.").is_visible()
    assert_no_axe_violations(page)

    # Asking to continue too early: error summary, focusable links, nothing lost.
    page.get_by_label("Online", exact=True).check()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.wait_for_selector("#foutmeldingen")
    assert page.locator("#id_locatie_3").is_checked()
    assert "1. Wat er gebeurde" in _huidige_stap(page).inner_text()
    assert_no_axe_violations(page)
    _past_op_scherm(page, mobile)

    _vul_stap_gebeurtenis_in(page)
    _verder(page, "beschrijving")
    assert "2. Beschrijving en gevolgen" in _huidige_stap(page).inner_text()
    assert_no_axe_violations(page)
    _past_op_scherm(page, mobile)
    # Left as a concept halfway and resumed from the list.
    page.fill("#id_omschrijving", "Eerste versie")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_selector("text=Uw melding is opgeslagen als concept.")
    page.goto(f"{live_server.url}/meldingen/")
    page.get_by_role("link", name="Verder invullen").click()
    page.get_by_role("link", name="2. Beschrijving en gevolgen").click()
    page.wait_for_url("**/bewerken/beschrijving/")
    assert page.input_value("#id_omschrijving") == "Eerste versie"
    _vul_stap_beschrijving_in(page)
    _verder(page, "aangifte")
    assert_no_axe_violations(page)
    _past_op_scherm(page, mobile)
    _vul_stap_aangifte_in(page)
    _verder(page, "bijlagen")
    assert_no_axe_violations(page)
    _past_op_scherm(page, mobile)

    # A disguised file is refused next to the field; the answers stay.
    page.set_input_files(
        "#id_bestanden",
        files=[{"name": "foto.png", "mimeType": "image/png", "buffer": b"<html></html>"}],
    )
    page.get_by_role("button", name="Bestand toevoegen").click()
    fout = page.locator("#id_bestanden_error")
    fout.wait_for()
    assert fout.is_visible() and "niet toegestaan" in fout.inner_text()
    assert_no_axe_violations(page)

    page.set_input_files(
        "#id_bestanden",
        files=[{"name": "schermafbeelding.png", "mimeType": "image/png", "buffer": png_bytes()}],
    )
    page.get_by_role("button", name="Bestand toevoegen").click()
    page.wait_for_selector("text=schermafbeelding.png is toegevoegd.")
    assert page.get_by_role("button", name="Verwijderen schermafbeelding.png").is_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Opslaan en verder").click()
    page.wait_for_url("**/controleren/")
    assert page.get_by_text("Via Facebook kreeg ik een bericht").is_visible()
    assert_no_axe_violations(page)
    _past_op_scherm(page, mobile)

    # Wijzigen opens the right step and comes back to the check page.
    page.get_by_role("link", name="Wijzigen waar en hoe").click()
    page.wait_for_url("**/bewerken/gebeurtenis/?terug=controleren*")
    assert page.locator("#id_locatie_3").is_checked()
    page.get_by_label("Openbare ruimte", exact=True).check()
    page.get_by_role("button", name="Opslaan en terug naar controleren").click()
    page.wait_for_url("**/controleren/")
    assert "Openbare ruimte, Sociale media" in page.locator("dl.summary").inner_text()

    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/verstuurd/")
    melding = Melding.objects.get(eigenaar=ambtsdrager)
    assert melding.status == MeldingStatus.ONTVANGEN
    assert page.inner_text("#referentie") == melding.referentie
    assert melding.bijlagen.get().bestandsnaam == "schermafbeelding.png"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Bekijk uw melding").click()
    page.wait_for_url(f"**/meldingen/{melding.uuid}/")
    assert page.get_by_role("link", name="schermafbeelding.png").is_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Informatie toevoegen").click()
    assert_no_axe_violations(page)
    page.fill("#id_tekst", "Vandaag kwam er nog een bericht.")
    page.get_by_role("button", name="Aanvulling versturen").click()
    page.wait_for_url(f"**/meldingen/{melding.uuid}/")
    page.get_by_role("link", name="Melding intrekken").click()
    assert_no_axe_violations(page)
    _past_op_scherm(page, mobile)
