"""Browser test of the end of office (#19 item 4): the municipality records it from its list,
on a desktop and on a 375 px phone, with axe-core finding no serious or critical violation,
the error summary on a date before the start of office included."""

from datetime import date

import pytest
from django.utils import timezone

from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.berichten.models import Bericht
from tests.browser.helpers import past_in_breedte, schermafdruk
from tests.factories import UserFactory, gemeente

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_the_municipality_records_the_end_of_an_office(
    scherm, request, login_as, assert_no_axe_violations
):
    page = request.getfixturevalue(scherm)
    medewerker = UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))
    wethouder = UserFactory(
        ambtsdrager=True,
        gemeente=gemeente("GM0344"),
        first_name="Bram",
        last_name="Jansen",
        in_functie_sinds=date(2022, 3, 30),
    )

    login_as(page, medewerker)
    page.goto("/registraties/")
    page.get_by_role("link", name="Ambtsdragers in functie (einde ambt vastleggen)").click()
    page.get_by_role("heading", level=1, name="Ambtsdragers in functie").wait_for()
    assert_no_axe_violations(page)
    past_in_breedte(page)
    page.get_by_role("link", name="Einde ambt vastleggen van Bram Jansen").click()
    page.get_by_role("heading", level=1, name="Einde ambt vastleggen").wait_for()
    assert_no_axe_violations(page)
    past_in_breedte(page)

    page.get_by_label("Laatste dag van het ambt").fill("2022-03-01")
    page.get_by_label("Ik bevestig dat het ambt op deze datum eindigt").check()
    page.get_by_role("button", name="Einde ambt vastleggen").click()
    page.get_by_role("heading", name="Er is een probleem").wait_for()
    assert_no_axe_violations(page)
    schermafdruk(page, f"ambt-kiezen-{scherm}")
    past_in_breedte(page)

    vandaag = timezone.localdate()
    page.get_by_label("Laatste dag van het ambt").fill(vandaag.isoformat())
    page.get_by_label("Ik bevestig dat het ambt op deze datum eindigt").check()
    page.get_by_role("button", name="Einde ambt vastleggen").click()
    page.get_by_text("Het einde van het ambt van Bram Jansen is vastgelegd.").wait_for()
    assert_no_axe_violations(page)
    assert User.objects.get(pk=wethouder.pk).in_functie_tot == vandaag
    assert Bericht.objects.filter(aan=wethouder.email).count() == 1


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_a_person_with_two_offices_chooses_the_office_of_a_claim(
    scherm, request, login_as, assert_no_axe_violations
):
    """#19 item 5: the start page asks which office; without a choice, an error summary."""
    from aanvragen.models import Aanvraag
    from fondsbeveiliging.accounts.ambten import ambt_toevoegen
    from tests.aanvragen.factories import RegelingFactory

    page = request.getfixturevalue(scherm)
    RegelingFactory()
    wethouder = UserFactory(ambtsdrager=True, in_functie_sinds=date(2022, 3, 30))
    ambt_toevoegen(
        wethouder, ambtstype="raadslid", gemeente_id=gemeente("GM0344").pk, sinds=date(2024, 1, 1)
    )
    login_as(page, wethouder)
    page.goto("/aanvragen/nieuw/")
    assert page.get_by_role("group", name="Voor welk ambt doet u deze aanvraag?").is_visible()
    past_in_breedte(page)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Start aanvraag").click()
    page.get_by_role("heading", name="Er is een probleem").wait_for()
    assert_no_axe_violations(page)
    schermafdruk(page, f"ambt-kiezen-{scherm}")
    page.get_by_label("Raadslid, Utrecht").check()
    page.get_by_role("button", name="Start aanvraag").click()
    page.wait_for_url("**/gegevens/")
    assert Aanvraag.objects.get().gemeente.code == "GM0344"
