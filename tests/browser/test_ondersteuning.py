"""Browser test of a support request from filing to debriefing, as its users experience it.

The municipality files a request; the coordinator accepts it, assigns a team and plans a
scenario session; the municipality sees the plan; the coordinator records the debriefing.
Every page passes axe-core (0 serious/critical) at 1280 px, the municipality's pages and the
coordinator's request page also at 375 px, without horizontal scrolling.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ondersteuning.constants import VerzoekStatus
from ondersteuning.models import Ondersteuningsverzoek
from tests.factories import UserFactory
from tests.ondersteuning.factories import TeamlidFactory

pytestmark = pytest.mark.browser


def _opnieuw_inloggen(page, login_as, user):
    page.context.clear_cookies()
    login_as(page, user)


def _geen_horizontale_scroll(page):
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= page.viewport_size["width"], page.url


def _verzoek_indienen(page, assert_no_axe_violations, moment):
    page.goto(reverse("ondersteuning:lijst"))
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Nieuw verzoek").click()
    assert_no_axe_violations(page)
    page.locator("#id_titel").fill("Informatieavond opvanglocatie")
    page.locator("#id_bijeenkomst_op").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_locatie").fill("Sporthal De Wetering")
    page.locator("#id_verwacht_aantal").fill("300")
    page.locator("#id_openbaar_0").check()
    page.locator("#id_livestream_0").check()
    page.locator("#id_onderwerp").fill("De komst van een opvanglocatie.")
    page.locator("#id_risicosignalen_1").check()
    page.locator("#id_hulpvormen_1").check()
    page.locator("#id_contact_1_naam").fill("Sanne de Vries")
    page.locator("#id_contact_1_rol").fill("Griffier")
    page.locator("#id_contact_1_telefoon").fill("030 286 00 00")
    page.get_by_role("button", name="Verder naar controleren").click()
    page.get_by_role("heading", name="Controleer uw verzoek").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Verzoek versturen").click()
    kenmerk = page.locator("#kenmerk").inner_text()
    assert kenmerk.startswith("O-")
    assert page.get_by_role("heading", name="Wat gebeurt er nu?").is_visible()
    assert_no_axe_violations(page)
    return kenmerk


def _actie(page, assert_no_axe_violations, knop):
    page.get_by_role("link", name=knop, exact=True).click()
    assert_no_axe_violations(page)


def _verzenden(page, knop):
    page.get_by_role("button", name=knop, exact=True).click()
    page.locator(".messagelist .success").wait_for()


def test_support_request_from_filing_to_debriefing(
    page, mobile_page, login_as, assert_no_axe_violations
):
    gemeente_medewerker = UserFactory(gemeente_medewerker=True)
    coordinator = UserFactory(tweede_beoordelaar=True)
    lid = TeamlidFactory(naam="Ruben Visser", functie="Adviseur")
    moment = timezone.localtime() + timedelta(days=14)

    # The municipality files the request.
    login_as(page, gemeente_medewerker)
    kenmerk = _verzoek_indienen(page, assert_no_axe_violations, moment)
    verzoek = Ondersteuningsverzoek.objects.get(kenmerk=kenmerk)

    # The coordinator accepts it, assigns a team and plans a scenario session.
    _opnieuw_inloggen(page, login_as, coordinator)
    page.goto(reverse("admin:ondersteuning_ondersteuningsverzoek_changelist"))
    assert_no_axe_violations(page)
    page.get_by_role("link", name=kenmerk).click()
    assert_no_axe_violations(page)
    _actie(page, assert_no_axe_violations, "Accepteren")
    page.get_by_label("Toelichting voor de gemeente (niet verplicht)").fill("Wij helpen graag.")
    _verzenden(page, "Accepteren")
    _actie(page, assert_no_axe_violations, "Team toewijzen")
    page.get_by_label(f"NCTV: {lid.naam} (Adviseur)").check()
    _verzenden(page, "Team toewijzen")
    _actie(page, assert_no_axe_violations, "Activiteit plannen")
    page.get_by_label("Soort activiteit").select_option("scenariosessie")
    sessie = moment - timedelta(days=7)
    page.get_by_label("Begint op").fill(sessie.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Locatie (niet verplicht)").fill("Stadhuis")
    page.get_by_label("Contactpersoon van het team").select_option(label=str(lid))
    _verzenden(page, "Activiteit plannen")
    assert_no_axe_violations(page)

    # The municipality sees the plan, at 1280 and 375 px.
    _opnieuw_inloggen(page, login_as, gemeente_medewerker)
    detail = reverse("ondersteuning:detail", args=[verzoek.uuid])
    page.goto(detail)
    plan = page.locator("#activiteiten")
    assert "Scenariosessie" in plan.inner_text() and "Ruben Visser" in plan.inner_text()
    assert sessie.strftime("%d-%m-%Y %H:%M") in plan.inner_text()
    assert "Wij helpen graag." in page.content()
    assert_no_axe_violations(page)
    login_as(mobile_page, gemeente_medewerker)
    for url in (reverse("ondersteuning:lijst"), detail, reverse("ondersteuning:nieuw")):
        mobile_page.goto(url)
        assert_no_axe_violations(mobile_page)
        _geen_horizontale_scroll(mobile_page)

    # The coordinator records the debriefing.
    _opnieuw_inloggen(page, login_as, coordinator)
    page.goto(reverse("admin:ondersteuning_ondersteuningsverzoek_change", args=[verzoek.pk]))
    _actie(page, assert_no_axe_violations, "Debriefing vastleggen")
    page.get_by_label("Wat er gebeurde").fill("Rustig verlopen; twee verstoorders verwijderd.")
    _verzenden(page, "Debriefing vastleggen")
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEROND
    _opnieuw_inloggen(mobile_page, login_as, coordinator)
    mobile_page.goto(reverse("admin:ondersteuning_ondersteuningsverzoek_change", args=[verzoek.pk]))
    assert_no_axe_violations(mobile_page)
