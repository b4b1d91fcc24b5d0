"""The applicant's status page shows the objection (issue 16 item 6): its receipt, the date we
decide by (7:10) with a postponement or delay, the hearing, and the outcome with its letter;
never an internal note or the hearing's report. An objection lodged online stores its term."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen import reacties
from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus
from aanvragen.constants import AanvraagStatus as S
from aanvragen.constants import BesluitSoort, BesluitStatus, BezwaarUitkomst, Hoorzitting
from aanvragen.models import Besluit, Bezwaar
from tests.aanvragen.backoffice.factories import BesluitFactory, aanvraag_in

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
INTERN = "INTERN-NIET-TONEN"


@pytest.fixture(autouse=True)
def geen_extra_feestdagen(monkeypatch):
    from fondsbeveiliging.termijnen import kalender

    monkeypatch.setattr(kalender, "extra_feestdagen", lambda: frozenset())


@pytest.fixture
def vandaag(monkeypatch):
    moment = datetime(2026, 4, 14, 10, tzinfo=AMS)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment.date()


@pytest.fixture
def eigen_client(client, ambtsdrager):
    client.force_login(ambtsdrager)
    return client


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _besluit(ambtsdrager, status=S.BEZWAAR):
    return BesluitFactory(
        aanvraag=aanvraag_in(status, aanvrager=ambtsdrager),
        verzonden=True,
        verzonden_op=datetime(2026, 3, 3, 10, tzinfo=AMS),
        bezwaartermijn_einde=date(2026, 4, 14),
    )


def _bezwaar(besluit, **kw):
    velden = {
        "ontvangen_op": date(2026, 4, 14),
        "beslistermijn_einde": date(2026, 5, 26),
        "toelichting": INTERN,
        "geregistreerd_door": besluit.opgesteld_door,
        **kw,
    }
    return Bezwaar.objects.create(besluit=besluit, **velden)


def _detail(client, aanvraag) -> str:
    response = client.get(reverse("aanvragen:detail", args=[aanvraag.pk]))
    assert response.status_code == 200
    return _tekst(response.content.decode())


def test_a_running_objection_shows_receipt_and_decision_date(
    eigen_client, ambtsdrager, regeling, vandaag
):
    besluit = _besluit(ambtsdrager)
    _bezwaar(besluit)
    tekst = _detail(eigen_client, besluit.aanvraag)
    assert "Uw bezwaar" in tekst
    assert "Ontvangen op 14 april 2026" in tekst
    assert "U krijgt uiterlijk een beslissing op 26 mei 2026" in tekst
    assert "Wij behandelen uw bezwaar" in tekst
    assert INTERN not in tekst


def test_postponement_and_hearing_are_shown_never_the_report(
    eigen_client, ambtsdrager, regeling, vandaag
):
    besluit = _besluit(ambtsdrager, status=S.HOORZITTING)
    _bezwaar(
        besluit,
        beslistermijn_einde=date(2026, 7, 7),
        verdaagd_op=date(2026, 5, 20),
        verdaagd_tot=date(2026, 7, 7),
        hoorzitting=Hoorzitting.GEPLAND,
        hoorzitting_op=datetime(2026, 5, 11, 14, tzinfo=AMS),
        hoorzitting_plaats="Den Haag",
        hoorzitting_verslag=INTERN,
        uitstel_instemming=INTERN,
        verzuim=INTERN,
    )
    tekst = _detail(eigen_client, besluit.aanvraag)
    assert "U krijgt uiterlijk een beslissing op 7 juli 2026 (verdaagd)" in tekst
    assert "Hoorzitting 11 mei 2026, 14:00, Den Haag" in tekst
    assert INTERN not in tekst


def test_the_outcome_with_its_letter_once_sent(eigen_client, ambtsdrager, regeling, vandaag):
    besluit = _besluit(ambtsdrager, status=S.BEZWAAR_BESLIST)
    bezwaar = _bezwaar(besluit)
    beslissing = Besluit.objects.create(
        aanvraag=besluit.aanvraag,
        versie=2,
        soort=BesluitSoort.BEZWAAR,
        regelt_aanvraag=False,
        bezwaar=bezwaar,
        bezwaar_uitkomst=BezwaarUitkomst.ONGEGROND,
        uitkomst=besluit.uitkomst,
        motivering=INTERN,
        bedrag_toegekend=0,
        vierogen_vereist=True,
        opgesteld_door=besluit.opgesteld_door,
        opgesteld_op=timezone.now(),
        goedgekeurd_door=besluit.goedgekeurd_door,
        goedgekeurd_op=timezone.now(),
        status=BesluitStatus.VERZONDEN,
        verzonden_op=datetime(2026, 5, 20, 10, tzinfo=AMS),
    )
    brief = Brief.objects.create(
        aanvraag=besluit.aanvraag,
        besluit=beslissing,
        bezwaar=bezwaar,
        bron=f"besluit:{beslissing.pk}",
        soort=BriefSoort.BESLISSING_OP_BEZWAAR,
        status=BriefStatus.KLAAR,
        gegenereerd_op=timezone.now(),
        bestand="brieven/beslissing.pdf",
        sha256="0" * 64,
        grootte=1,
    )
    response = eigen_client.get(reverse("aanvragen:detail", args=[besluit.aanvraag.pk]))
    html = response.content.decode()
    tekst = _tekst(html)
    assert "Beslissing op uw bezwaar Ongegrond: het besluit blijft in stand" in tekst
    assert "verzonden op 20 mei 2026" in tekst
    assert reverse("brieven:download", args=[brief.pk]) in html
    assert "U krijgt uiterlijk een beslissing" not in tekst
    assert "Wij behandelen uw bezwaar" not in tekst


def test_someone_else_does_not_see_the_objection(client, ambtsdrager, regeling, vandaag):
    from tests.factories import UserFactory

    besluit = _besluit(ambtsdrager)
    _bezwaar(besluit)
    client.force_login(UserFactory(ambtsdrager=True))
    response = client.get(reverse("aanvragen:detail", args=[besluit.aanvraag.pk]))
    assert response.status_code == 404


def test_an_objection_lodged_online_stores_its_decision_term(ambtsdrager, regeling, vandaag):
    besluit = _besluit(ambtsdrager, status=S.VERZONDEN)
    bezwaar = reacties.bezwaar_maken(besluit_id=besluit.pk, door=ambtsdrager, gronden="Te laag.")
    bezwaar.refresh_from_db()
    assert bezwaar.indiener == "aanvrager"
    assert bezwaar.beslistermijn_einde == date(2026, 5, 26)
    notitie = besluit.aanvraag.statushistorie.latest("pk").toelichting
    assert "online ingediend" in notitie and "26 mei 2026" in notitie
