"""Letters in the back office: a failed letter is visible and can be queued again."""

import pytest
from django.urls import reverse

from aanvragen.brieven.models import Brief, BriefStatus
from tests.aanvragen.brieven import zaken

pytestmark = pytest.mark.django_db


@pytest.fixture
def mislukt():
    from aanvragen.brieven import services

    besluit = zaken.goedgekeurd_besluit()
    brief = services.besluitbrief_aanmaken(besluit_id=besluit.pk)
    Brief.objects.filter(pk=brief.pk).update(
        status=BriefStatus.MISLUKT, pogingen=7, laatste_fout="OSError: schijf weg"
    )
    return brief


def test_list_with_status_filter(mislukt, verified_client, beoordelaar):
    c = verified_client(beoordelaar)
    url = reverse("admin:brieven_brief_changelist")
    html = c.get(url, {"status__exact": "mislukt"}).content.decode()
    assert mislukt.aanvraag.kenmerk in html and "Mislukt" in html
    assert mislukt.aanvraag.kenmerk not in c.get(url, {"status__exact": "klaar"}).content.decode()
    detail = c.get(reverse("admin:brieven_brief_change", args=[mislukt.pk])).content.decode()
    assert "OSError: schijf weg" in detail


@pytest.mark.parametrize(
    "rol,mag",
    [("functioneel_beheerder", True), ("tweede_beoordelaar", True), ("beoordelaar", False)],
)
def test_retry_action(
    rol, mag, mislukt, verified_client, request, django_capture_on_commit_callbacks
):
    c = verified_client(request.getfixturevalue(rol))
    url = reverse("admin:brieven_brief_changelist")
    with django_capture_on_commit_callbacks() as callbacks:
        response = c.post(
            url, {"action": "opnieuw_proberen", "_selected_action": [mislukt.pk]}, follow=True
        )
    assert response.status_code == 200
    mislukt.refresh_from_db()
    assert (mislukt.status == BriefStatus.WACHTEND) is mag
    assert len(callbacks) == (1 if mag else 0)


@pytest.mark.parametrize("rol", ["ambtsdrager", "gemeente_medewerker"])
def test_no_admin_for_non_bzk(rol, verified_client, request):
    response = verified_client(request.getfixturevalue(rol)).get(
        reverse("admin:brieven_brief_changelist")
    )
    assert response.status_code == 302
