"""Every new URL × every role, and every (status, action, role) of the workflow.

A forbidden request on a municipality page gets the same answer for an existing request as
for an id that does not exist, so guessing ids reveals nothing.
"""

import re
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ondersteuning import permissions, services
from ondersteuning.constants import NAAR_STATUS, STATUS_VOOR_ACTIE, TRANSITIES, VerzoekStatus
from tests.ondersteuning.factories import TeamlidFactory, VerzoekFactory
from tests.ondersteuning.test_services import png_upload

pytestmark = pytest.mark.django_db

ROLLEN = [
    "gemeente_medewerker",
    "andere_gemeente_medewerker",
    "ambtsdrager",
    "beoordelaar",
    "tweede_beoordelaar",
    "financieel_medewerker",
    "functioneel_beheerder",
    "anoniem",
]
COORDINATOR = {"tweede_beoordelaar"}
GEMEENTEN = {"gemeente_medewerker", "andere_gemeente_medewerker"}

# name -> (url name, state of the request, who may open it)
GEMEENTE_VIEWS = {
    "detail": ("ondersteuning:detail", "ingediend", {"gemeente_medewerker"}),
    "verstuurd": ("ondersteuning:verstuurd", "ingediend", {"gemeente_medewerker"}),
    "aanvullen": ("ondersteuning:aanvullen", "ingediend", {"gemeente_medewerker"}),
    "bewerken": ("ondersteuning:bewerken", "concept", {"gemeente_medewerker"}),
    "controleren": ("ondersteuning:controleren", "concept", {"gemeente_medewerker"}),
    "detail_concept": ("ondersteuning:detail", "concept", {"gemeente_medewerker"}),
}


def _verzoek(state, gemeente_medewerker):
    return VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=state == "ingediend")


def _zonder_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def _assert_same_answer(existing, missing):
    assert existing.status_code == missing.status_code
    if existing.status_code in (301, 302):
        assert existing["Location"].split("?")[0] == missing["Location"].split("?")[0]
    else:
        assert _zonder_csrf(existing.content) == _zonder_csrf(missing.content)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", GEMEENTE_VIEWS)
def test_municipality_request_views(view, rol, role_user, client_for, gemeente_medewerker):
    """Only the own municipality opens a request; anyone else (guessing) gets a 404."""
    url_name, state, allowed = GEMEENTE_VIEWS[view]
    verzoek = _verzoek(state, gemeente_medewerker)
    client = client_for(role_user(rol))
    response = client.get(reverse(url_name, args=[verzoek.uuid]))
    if rol in allowed:
        assert response.status_code in (200, 302)
        return
    missing = client.get(reverse(url_name, args=[uuid.uuid4()]))
    _assert_same_answer(response, missing)
    assert response.status_code == (302 if rol == "anoniem" else 404)
    assert verzoek.onderwerp.encode() not in response.content


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", ["aanvullen", "bewerken", "controleren"])
def test_municipality_posts_by_others_change_nothing(
    view, rol, role_user, client_for, gemeente_medewerker
):
    """Writing is as closed as reading: a POST by anyone but the own municipality does nothing."""
    if rol == "gemeente_medewerker":
        return
    state = "ingediend" if view == "aanvullen" else "concept"
    verzoek = _verzoek(state, gemeente_medewerker)
    client = client_for(role_user(rol))
    data = {"tekst": "ingebroken", "onderwerp": "ingebroken", "actie": "opslaan"}
    url_name = GEMEENTE_VIEWS[view][0]
    response = client.post(reverse(url_name, args=[verzoek.uuid]), data)
    missing = client.post(reverse(url_name, args=[uuid.uuid4()]), data)
    _assert_same_answer(response, missing)
    verzoek.refresh_from_db()
    assert verzoek.onderwerp != "ingebroken"
    assert verzoek.status == (VerzoekStatus.INGEDIEND if state == "ingediend" else "concept")
    assert not verzoek.aanvullingen.exists()


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", ["ondersteuning:lijst", "ondersteuning:nieuw"])
def test_list_and_new(view, rol, role_user, client_for, gemeente_medewerker):
    """Only municipal staff have these pages; the list shows only their own municipality's."""
    verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
    response = client_for(role_user(rol)).get(reverse(view))
    if rol in GEMEENTEN:
        assert response.status_code == 200
        if view == "ondersteuning:lijst":
            assert (verzoek.kenmerk.encode() in response.content) is (rol == "gemeente_medewerker")
    else:
        assert response.status_code == (302 if rol == "anoniem" else 404)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("state", ["ingediend", "concept"])
def test_bijlage_download(state, rol, role_user, client_for, gemeente_medewerker):
    """The own municipality and the coordinator download; a concept's files stay inside."""
    verzoek = _verzoek("concept", gemeente_medewerker)
    bijlage = services.bijlage_toevoegen(
        verzoek=verzoek, door=gemeente_medewerker, uploaded=png_upload()
    )
    if state == "ingediend":
        services.verzoek_indienen(verzoek=verzoek, door=gemeente_medewerker)
    client = client_for(role_user(rol))
    response = client.get(reverse("ondersteuning:bijlage", args=[bijlage.uuid]))
    allowed = {"gemeente_medewerker"} | (COORDINATOR if state == "ingediend" else set())
    if rol in allowed:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        return
    missing = client.get(reverse("ondersteuning:bijlage", args=[uuid.uuid4()]))
    _assert_same_answer(response, missing)
    assert response.status_code == (302 if rol == "anoniem" else 404)


ADMIN_VIEWS = {
    "changelist": lambda v: reverse("admin:ondersteuning_ondersteuningsverzoek_changelist"),
    "change": lambda v: reverse("admin:ondersteuning_ondersteuningsverzoek_change", args=[v]),
    "history": lambda v: reverse("admin:ondersteuning_ondersteuningsverzoek_history", args=[v]),
    **{
        f"actie_{slug}": (
            lambda v, slug=slug: reverse(
                "admin:ondersteuning_ondersteuningsverzoek_actie", args=[v, slug]
            )
        )
        for slug in ["accepteren", "afwijzen", "notitie"]
    },
    "teamleden": lambda v: reverse("admin:ondersteuning_teamlid_changelist"),
    "teamlid_toevoegen": lambda v: reverse("admin:ondersteuning_teamlid_add"),
}


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", ADMIN_VIEWS)
def test_backoffice(view, rol, role_user, client_for, gemeente_medewerker):
    """Only the coordinator opens the queue, a request and its actions in the back office."""
    verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
    client = client_for(role_user(rol))
    response = client.get(ADMIN_VIEWS[view](verzoek.pk))
    if rol in COORDINATOR:
        assert response.status_code == 200
        return
    assert verzoek.onderwerp.encode() not in response.content
    if rol in {"anoniem", *GEMEENTEN, "ambtsdrager"}:
        # Not staff: the admin sends them to its login page.
        assert response.status_code == 302
        return
    # Staff without the right: 403, or the admin's "does not exist" redirect (history).
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"] == reverse("admin:index")


@pytest.mark.parametrize("view", ["change", "history", "actie_accepteren"])
def test_backoffice_concepts_stay_with_the_municipality(view, coordinator, verified_client):
    """A concept is the municipality's draft: the coordinator cannot open it."""
    concept = VerzoekFactory()
    client = verified_client(coordinator)
    response = client.get(ADMIN_VIEWS[view](concept.pk))
    missing = client.get(ADMIN_VIEWS[view](concept.pk + 100000))
    assert response.status_code == missing.status_code
    assert response.status_code in (302, 404)


# --- (status, action, role) ----------------------------------------------------------------

ACTIES = {**permissions.COORDINATIE_ACTIES, **permissions.GEMEENTE_ACTIES}
ROL_MET_RECHT = {
    **{actie: "tweede_beoordelaar" for actie in permissions.COORDINATIE_ACTIES},
    **{actie: "gemeente_medewerker" for actie in permissions.GEMEENTE_ACTIES},
}


@pytest.mark.parametrize("rol", [r for r in ROLLEN if r != "anoniem"])
@pytest.mark.parametrize("actie", ACTIES)
@pytest.mark.parametrize("status", list(VerzoekStatus))
def test_status_action_role_matrix(status, actie, rol, role_user, gemeente_medewerker):
    """An action is allowed exactly for its role and in the statuses of STATUS_VOOR_ACTIE."""
    verzoek = VerzoekFactory.build(aangemaakt_door=gemeente_medewerker, status=status)
    verwacht = rol == ROL_MET_RECHT[actie] and status in STATUS_VOOR_ACTIE[actie]
    assert ACTIES[actie](role_user(rol), verzoek) is verwacht


def test_status_per_action_agrees_with_the_transition_table():
    """Every status an action may start from has the action's target in TRANSITIES."""
    for actie, naar in NAAR_STATUS.items():
        for van in STATUS_VOOR_ACTIE[actie]:
            assert naar in TRANSITIES[van], (actie, van)
    for van in STATUS_VOOR_ACTIE["activiteit_plannen"]:
        assert van == VerzoekStatus.GEPLAND or VerzoekStatus.GEPLAND in TRANSITIES[van]


def test_the_functioneel_beheerder_superuser_has_no_coordinator_rights(functioneel_beheerder):
    """The superuser flag never opens case content: the role matrix decides."""
    functioneel_beheerder.is_superuser = True
    verzoek = VerzoekFactory.build(status=VerzoekStatus.INGEDIEND)
    assert not permissions.can_verzoek_accepteren(functioneel_beheerder, verzoek)
    assert not permissions.can_verzoek_bekijken(functioneel_beheerder, verzoek)


class TestServicesRefuse:
    """The services apply the same matrix: wrong role PermissionDenied, wrong status refused."""

    @pytest.mark.parametrize(
        "status",
        [
            s
            for s in VerzoekStatus
            if s not in STATUS_VOOR_ACTIE["verzoek_accepteren"] and s != VerzoekStatus.CONCEPT
        ],
    )
    def test_accepting_outside_its_statuses(self, status, coordinator, gemeente_medewerker):
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
        type(verzoek).objects.filter(pk=verzoek.pk).update(status=status)
        with pytest.raises(ValidationError):
            services.verzoek_accepteren(verzoek=verzoek, door=coordinator)

    @pytest.mark.parametrize("rol", ["beoordelaar", "gemeente_medewerker", "functioneel_beheerder"])
    def test_accepting_without_the_coordinator_right(self, rol, role_user, gemeente_medewerker):
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
        with pytest.raises(PermissionDenied):
            services.verzoek_accepteren(verzoek=verzoek, door=role_user(rol))

    def test_another_municipality_cannot_add_information(
        self, andere_gemeente_medewerker, gemeente_medewerker
    ):
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
        with pytest.raises(PermissionDenied):
            services.verzoek_aanvullen(verzoek=verzoek, door=andere_gemeente_medewerker, tekst="x")

    def test_planning_needs_a_team_member_as_contact(self, coordinator, gemeente_medewerker):
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, geaccepteerd=True)
        buitenstaander = TeamlidFactory()
        with pytest.raises(ValidationError):
            services.activiteit_plannen(
                verzoek=verzoek,
                door=coordinator,
                soort="advies",
                begint_op=verzoek.bijeenkomst_op,
                contact=buitenstaander,
            )


@pytest.mark.parametrize("rol", ROLLEN)
def test_backoffice_action_post(rol, role_user, client_for, gemeente_medewerker):
    """Only the coordinator's POST on an action page changes the request."""
    verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
    url = ADMIN_VIEWS["actie_afwijzen"](verzoek.pk)
    response = client_for(role_user(rol)).post(url, {"reden": "Geen risico."})
    verzoek.refresh_from_db()
    if rol in COORDINATOR:
        assert response.status_code == 302
        assert verzoek.status == VerzoekStatus.AFGEWEZEN and verzoek.reden == "Geen risico."
        return
    assert response.status_code in (302, 403, 404)
    assert verzoek.status == VerzoekStatus.INGEDIEND and verzoek.reden == ""
