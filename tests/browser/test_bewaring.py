"""Browser tests for retention: the office holder deletes a draft (desktop and 375 px), and
the records manager reviews and approves a destruction list in the back office; axe-core finds
no serious or critical violations and no page scrolls sideways.

Screenshots go to $SCHERMAFDRUK_MAP when it is set (for looking at the pages by hand).
"""

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from bewaring import services
from bewaring.constants import LijstStatus
from fondsbeveiliging.berichten.models import Bericht
from meldingen.models import Melding
from tests.browser.helpers import past_in_breedte, schermafdruk
from tests.meldingen.factories import MeldingFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def eager_en_opslag(tmp_path):
    """The purge runs inline after approval (no broker); private files under tmp_path."""
    from fondsbeveiliging.celery import app as celery_app
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


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_office_holder_deletes_a_draft_after_confirming(
    scherm, request, login_as, ambtsdrager, assert_no_axe_violations
):
    page = request.getfixturevalue(scherm)
    concept = MeldingFactory(eigenaar=ambtsdrager)
    login_as(page, ambtsdrager)
    page.goto(reverse("meldingen:lijst"))
    page.get_by_role("link", name="Verwijderen").click()
    page.wait_for_url(f"**{reverse('meldingen:verwijderen', args=[concept.uuid])}")
    assert page.get_by_role("heading", level=1).inner_text() == "Concept verwijderen"
    past_in_breedte(page)
    assert_no_axe_violations(page)
    schermafdruk(page, f"concept-verwijderen-{scherm}")
    page.get_by_role("button", name="Ja, concept verwijderen").click()
    page.wait_for_url(f"**{reverse('meldingen:lijst')}")
    assert page.get_by_text("Uw concept-melding is verwijderd.").count()
    assert not Melding.objects.filter(pk=concept.pk).exists()


def test_records_manager_reviews_and_approves_a_list(
    page, login_as, functioneel_beheerder, assert_no_axe_violations
):
    Bericht.objects.create(sleutel="oud", aan="a@example.nl", onderwerp="x", tekst="y")
    Bericht.objects.update(aangemaakt_op=timezone.now() - relativedelta(years=2))
    lijst = services.vernietigingslijst_opstellen()
    login_as(page, functioneel_beheerder)
    page.goto(reverse("admin:bewaring_vernietigingslijst_changelist"))
    past_in_breedte(page)
    assert_no_axe_violations(page)
    schermafdruk(page, "vernietigingslijsten")
    page.get_by_role("link", name="Beoordelen en goedkeuren").click()
    past_in_breedte(page)
    assert_no_axe_violations(page)
    schermafdruk(page, "vernietigingslijst-beoordelen")
    page.goto(reverse("admin:bewaring_bewaartermijn_changelist"))
    past_in_breedte(page)
    schermafdruk(page, "bewaartermijnen")
    page.goto(reverse("admin:bewaring_vernietigingslijst_goedkeuren", args=[lijst.pk]))
    page.get_by_role("button", name="Lijst goedkeuren en vernietigen").click()
    page.wait_for_url(f"**{reverse('admin:bewaring_vernietigingslijst_changelist')}")
    past_in_breedte(page)
    schermafdruk(page, "vernietigingslijst-uitgevoerd")
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.VOLTOOID  # the purge ran inline (eager)
    assert page.get_by_role("link", name="Verslag (PDF)").count()
    assert not Bericht.objects.filter(sleutel="oud").exists()
    assert lijst.goedgekeurd_door == functioneel_beheerder
