"""Every melding view and download × every role: allowed works, the rest learns nothing.

A forbidden request gets exactly the same answer for an existing melding as for an id that
does not exist, so guessing URLs reveals nothing.
"""

import re
import uuid

import pytest
from django.urls import reverse

from tests.meldingen.factories import BijlageFactory, MeldingFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "eigenaar",
    "andere_ambtsdrager",
    "gemeente_medewerker",
    "beoordelaar",
    "tweede_beoordelaar",
    "financieel_medewerker",
    "functioneel_beheerder",
    "anoniem",
]
TRIAGE = {"beoordelaar", "tweede_beoordelaar"}

# name -> (URL builder from the target, which melding state, who may use it)
OWNER_VIEWS = {
    "detail": ("meldingen:detail", "ingediend", {"eigenaar"}),
    "verstuurd": ("meldingen:verstuurd", "ingediend", {"eigenaar"}),
    "aanvullen": ("meldingen:aanvullen", "ingediend", {"eigenaar"}),
    "intrekken": ("meldingen:intrekken", "ingediend", {"eigenaar"}),
    "bewerken": ("meldingen:bewerken", "concept", {"eigenaar"}),
    "controleren": ("meldingen:controleren", "concept", {"eigenaar"}),
    "detail_concept": ("meldingen:detail", "concept", {"eigenaar"}),
}


def _melding(state, eigenaar):
    return MeldingFactory(eigenaar=eigenaar, ingediend=state == "ingediend")


def _assert_same_answer(existing, missing):
    assert existing.status_code == missing.status_code
    if existing.status_code in (301, 302):
        assert existing["Location"].split("?")[0] == missing["Location"].split("?")[0]
    else:
        assert _zonder_csrf(existing.content) == _zonder_csrf(missing.content)


def _zonder_csrf(content: bytes) -> bytes:
    """The page without its CSRF token, which is masked anew on every render."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", OWNER_VIEWS)
def test_owner_views(view, rol, role_user, client_for, ambtsdrager):
    url_name, state, allowed = OWNER_VIEWS[view]
    melding = _melding(state, ambtsdrager)
    client = client_for(role_user(rol))
    response = client.get(reverse(url_name, args=[melding.uuid]))
    if rol in allowed:
        assert response.status_code == 200
        return
    missing = client.get(reverse(url_name, args=[uuid.uuid4()]))
    _assert_same_answer(response, missing)
    if rol == "anoniem":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 404
    assert melding.omschrijving.encode() not in response.content


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", ["detail", "aanvullen", "intrekken", "bewerken"])
def test_owner_views_refuse_post_from_others(view, rol, role_user, client_for, ambtsdrager):
    """Writing is as closed as reading: POST by anyone but the owner changes nothing."""
    state = "concept" if view == "bewerken" else "ingediend"
    melding = _melding(state, ambtsdrager)
    if rol == "eigenaar":
        return
    client = client_for(role_user(rol))
    url_name = OWNER_VIEWS[view][0]
    data = {"tekst": "ingebroken", "omschrijving": "ingebroken", "actie": "opslaan"}
    response = client.post(reverse(url_name, args=[melding.uuid]), data)
    missing = client.post(reverse(url_name, args=[uuid.uuid4()]), data)
    _assert_same_answer(response, missing)
    assert response.status_code in (302, 404, 405)
    melding.refresh_from_db()
    assert melding.omschrijving != "ingebroken" and not melding.aanvullingen.exists()


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", ["meldingen:lijst", "meldingen:nieuw"])
def test_list_and_new(view, rol, role_user, client_for, ambtsdrager):
    """Only office holders have these pages; their list shows only their own meldingen."""
    melding = MeldingFactory(eigenaar=ambtsdrager, ingediend=True)
    response = client_for(role_user(rol)).get(reverse(view))
    if rol in {"eigenaar", "andere_ambtsdrager"}:
        assert response.status_code == 200
        eigen = rol == "eigenaar"
        if view == "meldingen:lijst":
            assert (melding.referentie.encode() in response.content) is eigen
    elif rol == "anoniem":
        assert response.status_code == 302
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("state", ["ingediend", "concept"])
def test_attachment_download(state, rol, role_user, client_for, ambtsdrager):
    """Owner and triage staff download; a concept's files are the owner's alone."""
    bijlage = BijlageFactory(melding=_melding(state, ambtsdrager))
    client = client_for(role_user(rol))
    response = client.get(reverse("meldingen:bijlage", args=[bijlage.uuid]))
    allowed = {"eigenaar"} | (TRIAGE if state == "ingediend" else set())
    if rol in allowed:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        return
    missing = client.get(reverse("meldingen:bijlage", args=[uuid.uuid4()]))
    _assert_same_answer(response, missing)
    assert response.status_code == (302 if rol == "anoniem" else 404)


ADMIN_VIEWS = {
    "changelist": lambda m: reverse("admin:meldingen_melding_changelist"),
    "change": lambda m: reverse("admin:meldingen_melding_change", args=[m]),
    "in_behandeling": lambda m: reverse(
        "admin:meldingen_melding_status", args=[m, "in-behandeling"]
    ),
    "history": lambda m: reverse("admin:meldingen_melding_history", args=[m]),
}


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", ADMIN_VIEWS)
def test_backoffice(view, rol, role_user, client_for, ambtsdrager):
    """Only triage roles open meldingen in the back office; others get nothing."""
    melding = MeldingFactory(eigenaar=ambtsdrager, ingediend=True)
    client = client_for(role_user(rol))
    response = client.get(ADMIN_VIEWS[view](melding.pk))
    if rol in TRIAGE:
        assert response.status_code == 200
        return
    assert melding.omschrijving.encode() not in response.content
    if view == "changelist":
        # Logged-in staff without the right: 403; everyone else: to the admin login.
        assert response.status_code in (302, 403)
        return
    missing = client.get(ADMIN_VIEWS[view](melding.pk + 100000))
    _assert_same_answer(response, missing)
    assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("view", ["change", "in_behandeling", "history"])
def test_backoffice_concepts_are_private(view, beoordelaar, verified_client):
    """A concept is the owner's draft: BZK cannot open it, just like a missing id."""
    concept = MeldingFactory()
    client = verified_client(beoordelaar)
    response = client.get(ADMIN_VIEWS[view](concept.pk))
    missing = client.get(ADMIN_VIEWS[view](concept.pk + 100000))
    assert response.status_code == missing.status_code
    assert response.status_code in (302, 404)
