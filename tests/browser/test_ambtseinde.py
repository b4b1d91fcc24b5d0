"""Browser test of the end of office (#19 item 4): the municipality records it from its list,
on a desktop and on a 375 px phone, with axe-core finding no serious or critical violation,
the error summary on a date before the start of office included."""

from datetime import date

import pytest
from django.utils import timezone

from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.berichten.models import Bericht
from tests.factories import UserFactory, gemeente

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _past(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


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
    _past(page)
    page.get_by_role("link", name="Einde ambt vastleggen van Bram Jansen").click()
    page.get_by_role("heading", level=1, name="Einde ambt vastleggen").wait_for()
    assert_no_axe_violations(page)
    _past(page)

    page.get_by_label("Laatste dag van het ambt").fill("2022-03-01")
    page.get_by_label("Ik bevestig dat het ambt op deze datum eindigt").check()
    page.get_by_role("button", name="Einde ambt vastleggen").click()
    page.get_by_role("heading", name="Er is een probleem").wait_for()
    assert_no_axe_violations(page)
    _past(page)

    vandaag = timezone.localdate()
    page.get_by_label("Laatste dag van het ambt").fill(vandaag.isoformat())
    page.get_by_label("Ik bevestig dat het ambt op deze datum eindigt").check()
    page.get_by_role("button", name="Einde ambt vastleggen").click()
    page.get_by_text("Het einde van het ambt van Bram Jansen is vastgelegd.").wait_for()
    assert_no_axe_violations(page)
    assert User.objects.get(pk=wethouder.pk).in_functie_tot == vandaag
    assert Bericht.objects.filter(aan=wethouder.email).count() == 1
