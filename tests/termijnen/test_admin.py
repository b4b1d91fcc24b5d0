"""Extra holidays by Royal Decree (Atw art. 3(3)) are kept in the admin by the functioneel
beheerder, with the decree's reference, and every computation reads them at once."""

from datetime import date

import pytest
from django.urls import reverse

from fondsbeveiliging.termijnen import kalender
from fondsbeveiliging.termijnen.berekening import beslistermijn_einde, dwangsom_eerste_dag
from fondsbeveiliging.termijnen.models import ExtraFeestdag

# Explicit: one test takes its user through getfixturevalue, and pytest-django orders a test
# without a visible database fixture after the transactional ones (which empty the groups).
pytestmark = pytest.mark.django_db

LIJST = reverse("admin:termijnen_extrafeestdag_changelist")
NIEUW = reverse("admin:termijnen_extrafeestdag_add")


@pytest.fixture(autouse=True)
def _schone_cache():
    kalender.clear_extra_cache()
    yield
    kalender.clear_extra_cache()


def test_functioneel_beheerder_adds_a_day_with_the_decree(verified_client, functioneel_beheerder):
    """The functioneel beheerder lists and adds extra days; the decree's reference is kept
    and the next computation in this process already skips the day."""
    client = verified_client(functioneel_beheerder)
    assert client.get(LIJST).status_code == 200
    assert beslistermijn_einde(date(2026, 3, 6)) == date(2026, 5, 1)
    response = client.post(
        NIEUW,
        {
            "datum": "01-05-2026",
            "omschrijving": "Nationale rouwdag",
            "koninklijk_besluit": "Besluit van 2 april 2026, Stb. 2026, 87",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dag = ExtraFeestdag.objects.get()
    assert dag.datum == date(2026, 5, 1)
    assert dag.koninklijk_besluit == "Besluit van 2 april 2026, Stb. 2026, 87"
    assert "Stb. 2026, 87" in client.get(LIJST).content.decode()
    # Friday 1 May is now no working day: the term runs to Monday 4 May.
    assert beslistermijn_einde(date(2026, 3, 6)) == date(2026, 5, 4)
    assert dwangsom_eerste_dag(date(2026, 4, 17)) == date(2026, 5, 4)


def test_the_decree_is_required(verified_client, functioneel_beheerder):
    """A day without the decree's reference is refused: each day needs its legal basis."""
    client = verified_client(functioneel_beheerder)
    response = client.post(NIEUW, {"datum": "01-05-2026", "omschrijving": "Zonder besluit"})
    assert response.status_code == 200
    assert not ExtraFeestdag.objects.exists()


@pytest.mark.parametrize("rol", ["beoordelaar", "financieel_medewerker"])
def test_other_staff_cannot_change_the_calendar(request, verified_client, rol):
    """Only the functioneel beheerder keeps the calendar; assessors and finance get 403."""
    client = verified_client(request.getfixturevalue(rol))
    assert client.get(NIEUW).status_code == 403
