"""Browser test for "Mijn gegevens": the office holder reads the access log and downloads
their data, on a desktop and on a 375 px phone; axe-core finds no serious or critical
violations and the phone page does not scroll sideways.

Celery runs eagerly here (the live server shares this process), so no broker is involved.
"""

import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from aanvragen.models import Aanvraag
from fondsbeveiliging.audit.models import Inzage, InzageActie
from fondsbeveiliging.celery import app as celery_app
from tests.aanvragen.factories import AanvraagFactory
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def eager_en_opslag(tmp_path):
    from fondsbeveiliging.core.files import private_storage

    storage = private_storage()
    vorige = dict(storage.__dict__)
    storage.__dict__["base_location"] = str(tmp_path)
    storage.__dict__["location"] = str(tmp_path)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager
    storage.__dict__.clear()
    storage.__dict__.update(vorige)


def _gelezen(aanvraag, aantal):
    """`aantal` reads of the claim by an assessor, as the back office logs them."""
    beoordelaar = UserFactory(beoordelaar=True)
    soort = ContentType.objects.get_for_model(Aanvraag)
    for _ in range(aantal):
        Inzage.objects.create(
            gebruiker=beoordelaar,
            actie=InzageActie.BEKEKEN,
            object_type=soort,
            object_id=str(aanvraag.pk),
            omschrijving=aanvraag.kenmerk,
        )


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_office_holder_reads_the_log_and_downloads_their_data(
    scherm, request, login_as, ambtsdrager, assert_no_axe_violations
):
    page = request.getfixturevalue(scherm)
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True)
    _gelezen(aanvraag, 3)
    login_as(page, ambtsdrager)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn gegevens"
    ).click()
    page.wait_for_url(f"**{reverse('gegevens:overzicht')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn gegevens"
    assert page.locator("tbody tr").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Mijn gegevens downloaden").click()
    assert page.get_by_text("Het bestand met al uw gegevens is klaar.").count()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download het bestand").click()
    with zipfile.ZipFile(info.value.path()) as archief:
        assert aanvraag.kenmerk in archief.read("index.html").decode()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_no_axe_violations(page)
