"""BZK triage in the back office."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fondsbeveiliging.audit.models import Inzage, InzageActie
from meldingen.constants import MeldingStatus
from tests.factories import UserFactory, gemeente
from tests.meldingen.factories import BijlageFactory, MeldingFactory

pytestmark = pytest.mark.django_db


def _lijst():
    return reverse("admin:meldingen_melding_changelist")


@pytest.fixture
def staff(beoordelaar, verified_client):
    return verified_client(beoordelaar)


def test_list_is_newest_first_and_hides_concepts(staff):
    oud = MeldingFactory(ingediend=True, ingediend_op=timezone.now() - timedelta(days=2))
    nieuw = MeldingFactory(ingediend=True)
    concept = MeldingFactory()
    html = staff.get(_lijst()).content.decode()
    assert html.index(nieuw.referentie) < html.index(oud.referentie)
    assert str(concept.uuid) not in html and "Concept-melding" not in html


def test_list_never_shows_sensitive_mental_impact(staff):
    MeldingFactory(ingediend=True, psychische_impact="Zeer-gevoelig-123")
    assert "Zeer-gevoelig-123" not in staff.get(_lijst()).content.decode()


def test_list_query_count_is_constant(staff):
    MeldingFactory(ingediend=True)
    with CaptureQueriesContext(connection) as een:
        staff.get(_lijst())
    for _ in range(5):
        MeldingFactory(ingediend=True, eigenaar=UserFactory(gemeente=gemeente("GM0344")))
    with CaptureQueriesContext(connection) as zes:
        staff.get(_lijst())
    assert len(zes) == len(een)


@pytest.mark.parametrize(
    ("param", "match", "other"),
    [
        ("status=in_behandeling", {"in_behandeling": True}, {"ingediend": True}),
        ("categorie=doxing", {"categorieen": ["doxing"]}, {"categorieen": ["bedreiging"]}),
        ("ondersteuning=ja", {"ondersteuning": ["juridisch"]}, {"ondersteuning": []}),
        ("ondersteuning=nee", {"ondersteuning": []}, {"ondersteuning": ["juridisch"]}),
        (
            "ondersteuning=juridisch",
            {"ondersteuning": ["juridisch"]},
            {"ondersteuning": ["collegiaal"]},
        ),
        ("aangifte__exact=ja", {"aangifte": "ja"}, {"aangifte": "nee"}),
        ("ambtstype__exact=burgemeester", {"ambtstype": "burgemeester"}, {"ambtstype": "raadslid"}),
        ("provincie=Utrecht", {"gemeente_code": "GM0344"}, {"gemeente_code": "GM0363"}),
        ("gemeente__code__exact=GM0344", {"gemeente_code": "GM0344"}, {"gemeente_code": "GM0363"}),
        ("datum_van__gte={today}", {"datum_van_delta": 0}, {"datum_van_delta": 400}),
    ],
)
def test_filters(staff, param, match, other):
    def maak(kwargs):
        kwargs = dict(kwargs)
        code = kwargs.pop("gemeente_code", None)
        if code:
            kwargs["gemeente"] = gemeente(code)
        delta = kwargs.pop("datum_van_delta", None)
        if delta is not None:
            kwargs["datum_van"] = timezone.localdate() - timedelta(days=delta)
        status_traits = {"in_behandeling"} & set(kwargs)
        if not status_traits:
            kwargs["ingediend"] = True
        m = MeldingFactory(**kwargs)
        return m

    wel, niet = maak(match), maak(other)
    url = _lijst() + "?" + param.format(today=timezone.localdate().isoformat())
    response = staff.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert wel.referentie in html and niet.referentie not in html


def test_detail_is_read_only_logged_and_shows_files_and_history(staff, beoordelaar):
    melding = MeldingFactory(ingediend=True, psychische_impact="Slapeloosheid-xyz")
    bijlage = BijlageFactory(melding=melding)
    response = staff.get(reverse("admin:meldingen_melding_change", args=[melding.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("meldingen:bijlage", args=[bijlage.uuid]) in html
    assert "Slapeloosheid-xyz" in html  # assessors may see the sensitive field
    assert 'name="status"' not in html and 'name="omschrijving"' not in html
    assert "In behandeling nemen" in html
    inzage = Inzage.objects.get(gebruiker=beoordelaar)
    assert inzage.actie == InzageActie.BEKEKEN and inzage.omschrijving == melding.referentie
    # Posting to the change view changes nothing.
    assert (
        staff.post(
            reverse("admin:meldingen_melding_change", args=[melding.pk]), {"status": "afgehandeld"}
        ).status_code
        == 403
    )


def test_staff_download_is_logged(staff, beoordelaar):
    bijlage = BijlageFactory()
    response = staff.get(reverse("meldingen:bijlage", args=[bijlage.uuid]))
    assert response.status_code == 200
    inzage = Inzage.objects.get(gebruiker=beoordelaar)
    assert inzage.actie == InzageActie.GEDOWNLOAD and str(bijlage.uuid) in inzage.omschrijving


def test_owner_download_is_not_a_staff_read(ambtsdrager, verified_client):
    bijlage = BijlageFactory(melding=MeldingFactory(eigenaar=ambtsdrager, ingediend=True))
    verified_client(ambtsdrager).get(reverse("meldingen:bijlage", args=[bijlage.uuid]))
    assert not Inzage.objects.exists()


def test_status_steps_need_a_note_and_are_recorded(staff, beoordelaar):
    melding = MeldingFactory(ingediend=True)
    url = reverse("admin:meldingen_melding_status", args=[melding.pk, "in-behandeling"])
    assert staff.get(url).status_code == 200
    response = staff.post(url, {"toelichting": ""})
    assert response.status_code == 200
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.ONTVANGEN
    response = staff.post(url, {"toelichting": "Contact opgenomen"})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.IN_BEHANDELING
    regel = melding.historie.last()
    assert (regel.door, regel.toelichting, regel.intern) == (beoordelaar, "Contact opgenomen", True)
    # The same step cannot be taken twice; the next one can.
    assert staff.get(url).status_code == 403
    afhandelen = reverse("admin:meldingen_melding_status", args=[melding.pk, "afhandelen"])
    staff.post(afhandelen, {"toelichting": "Klaar"})
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.AFGEHANDELD
    html = staff.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert "Contact opgenomen" in html and "Klaar" in html


def test_linked_aanvragen_are_shown_with_a_link(staff):
    """Staff see which claims refer to the melding (relation added by the aanvragen app)."""
    from tests.aanvragen.factories import AanvraagFactory

    melding = MeldingFactory(ingediend=True)
    aanvraag = AanvraagFactory(ingediend=True, aanvrager=melding.eigenaar)
    aanvraag.meldingen.add(melding)
    html = staff.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).content.decode()
    assert "gekoppelde aanvragen" in html.lower()
    assert aanvraag.kenmerk in html
    assert reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk]) in html


def test_functioneel_beheerder_superuser_still_has_no_content_access(verified_client):
    """The role matrix decides, not the superuser flag."""
    beheerder = UserFactory(functioneel_beheerder=True, is_superuser=True)
    melding = MeldingFactory(ingediend=True)
    client = verified_client(beheerder)
    assert (
        client.get(reverse("admin:meldingen_melding_change", args=[melding.pk])).status_code == 404
    )
    assert melding.referentie not in client.get(reverse("admin:index")).content.decode()
