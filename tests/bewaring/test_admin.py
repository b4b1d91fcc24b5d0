"""The records manager's back office: review, exempt, approve, download the report."""

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from bewaring import services
from bewaring.constants import ItemStatus, LijstStatus
from bewaring.models import Bewaartermijn
from tests.bewaring import dossiers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lijst():
    dossiers.bericht("a"), dossiers.bericht("b")
    return services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=2))


def test_records_manager_approves_a_list_in_the_back_office(
    verified_client, archiefbeheerder, lijst, django_capture_on_commit_callbacks
):
    client = verified_client(archiefbeheerder)
    url = reverse("admin:bewaring_vernietigingslijst_goedkeuren", args=[lijst.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Lijst goedkeuren en vernietigen" in pagina.content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        client.post(url)
    lijst.refresh_from_db()
    assert (lijst.status, lijst.goedgekeurd_door) == (LijstStatus.GOEDGEKEURD, archiefbeheerder)


@pytest.mark.parametrize("rol", ["beoordelaar", "tweede_beoordelaar", "financieel_medewerker"])
def test_other_staff_cannot_approve(verified_client, lijst, rol):
    client = verified_client(UserFactory(**{rol: True}))
    url = reverse("admin:bewaring_vernietigingslijst_goedkeuren", args=[lijst.pk])
    assert client.post(url).status_code in (302, 403)
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.CONCEPT


def test_approval_right_can_be_granted_to_one_person(verified_client, lijst):
    """A records manager outside the functioneel beheerder role: the permission per user."""
    from django.contrib.auth.models import Permission

    teamleider = UserFactory(tweede_beoordelaar=True)
    teamleider.user_permissions.add(
        Permission.objects.get(codename="goedkeuren_vernietigingslijst"),
        Permission.objects.get(codename="view_vernietigingslijst"),
    )
    client = verified_client(teamleider)
    client.post(reverse("admin:bewaring_vernietigingslijst_goedkeuren", args=[lijst.pk]))
    lijst.refresh_from_db()
    assert lijst.goedgekeurd_door == teamleider


def test_exempting_items_asks_for_a_reason(verified_client, archiefbeheerder, lijst):
    client = verified_client(archiefbeheerder)
    url = reverse("admin:bewaring_vernietigingsitem_changelist")
    item = lijst.items.first()
    gegevens = {"action": "uitzonderen", ACTION_CHECKBOX_NAME: [item.pk]}
    assert "Reden van uitzondering" in client.post(url, gegevens).content.decode()
    client.post(url, {**gegevens, "reden": "bezwaar loopt"})
    item.refresh_from_db()
    assert (item.status, item.uitzonderingsreden) == (ItemStatus.UITGEZONDERD, "bezwaar loopt")


def test_report_download_is_for_the_records_manager_only(
    verified_client, archiefbeheerder, beoordelaar, lijst
):
    services.vernietigingslijst_goedkeuren(lijst=lijst, door=archiefbeheerder)
    services.vernietigingslijst_uitvoeren(
        lijst_id=lijst.pk, nu=timezone.now() + relativedelta(years=2)
    )
    url = reverse("admin:bewaring_vernietigingslijst_verslag", args=[lijst.pk, "pdf"])
    antwoord = verified_client(archiefbeheerder).get(url)
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")
    assert verified_client(beoordelaar).get(url).status_code in (302, 404)


def test_schedule_change_is_logged(verified_client, archiefbeheerder):
    from auditlog.models import LogEntry

    termijn = Bewaartermijn.objects.get(soort="bericht")
    client = verified_client(archiefbeheerder)
    url = reverse("admin:bewaring_bewaartermijn_change", args=[termijn.pk])
    client.post(
        url,
        {"jaren": 2, "dagen": 0, "ingang": "aangemaakt", "grondslag": termijn.grondslag},
    )
    termijn.refresh_from_db()
    assert termijn.jaren == 2
    assert LogEntry.objects.get_for_object(termijn).filter(actor=archiefbeheerder).exists()


def test_schedule_refuses_an_event_the_kind_does_not_have(verified_client, archiefbeheerder):
    termijn = Bewaartermijn.objects.get(soort="bericht")
    client = verified_client(archiefbeheerder)
    url = reverse("admin:bewaring_bewaartermijn_change", args=[termijn.pk])
    antwoord = client.post(
        url, {"jaren": 2, "dagen": 0, "ingang": "zaak_afgesloten", "grondslag": "x"}
    )
    assert antwoord.status_code == 200
    termijn.refresh_from_db()
    assert termijn.jaren == 1


def test_teamleider_places_a_hold_by_kenmerk(verified_client, tweede_beoordelaar):
    from bewaring.models import Bewaarplicht

    aanvraag = dossiers.afgesloten_aanvraag()
    client = verified_client(tweede_beoordelaar)
    url = reverse("admin:bewaring_bewaarplicht_add")
    antwoord = client.post(url, {"kenmerk": aanvraag.kenmerk.lower(), "reden": "beroep"})
    assert antwoord.status_code == 302
    hold = Bewaarplicht.objects.get()
    assert (hold.aanvraag, hold.ingesteld_door, hold.is_actief) == (
        aanvraag,
        tweede_beoordelaar,
        True,
    )
    assert client.post(url, {"kenmerk": "FB-0000-999999", "reden": "x"}).status_code == 200
