"""Policy versions in the admin: managed by the functioneel beheerder, frozen once used."""

import datetime as dt

import pytest
from django.urls import reverse

from aanvragen import services
from aanvragen.backoffice.services import regeling_kopieren
from aanvragen.constants import AanvraagStatus, BesluitStatus
from aanvragen.models import Regeling
from tests.aanvragen.factories import AanvraagFactory, RegelingFactory

pytestmark = pytest.mark.django_db


def _regeling_data(regeling, **wijzigingen):
    data = {
        "code": regeling.code,
        "naam": regeling.naam,
        "grondslag": regeling.grondslag,
        "geldig_van": regeling.geldig_van.isoformat(),
        "geldig_tot": regeling.geldig_tot.isoformat() if regeling.geldig_tot else "",
        "ambtstypen": regeling.ambtstypen,
        "totaalplafond": regeling.totaalplafond or "",
        "jaarbudget": regeling.jaarbudget,
        "beslistermijn_weken": regeling.beslistermijn_weken,
        "hersteltermijn_weken": regeling.hersteltermijn_weken,
        "zienswijzetermijn_weken": regeling.zienswijzetermijn_weken,
        "betaaltermijn_weken": regeling.betaaltermijn_weken,
        "gemeente_kennisgeving": "on",
        "drempel_tweede_beoordelaar": regeling.drempel_tweede_beoordelaar,
        "categorieen-TOTAL_FORMS": 0,
        "categorieen-INITIAL_FORMS": 0,
    }
    categorieen = list(regeling.categorieen.all()) if regeling.pk else []
    data["categorieen-TOTAL_FORMS"] = data["categorieen-INITIAL_FORMS"] = len(categorieen)
    for i, c in enumerate(categorieen):
        data.update(
            {
                f"categorieen-{i}-id": c.pk,
                f"categorieen-{i}-regeling": regeling.pk,
                f"categorieen-{i}-code": c.code,
                f"categorieen-{i}-naam": c.naam,
                f"categorieen-{i}-volgorde": c.volgorde,
                f"categorieen-{i}-plafond": c.plafond or "",
                f"categorieen-{i}-bewijs_bij_betaald": c.bewijs_bij_betaald,
                f"categorieen-{i}-bewijs_bij_offerte": c.bewijs_bij_offerte,
            }
        )
    data.update(wijzigingen)
    return data


def test_functioneel_beheerder_edits_an_unused_version(verified_client, functioneel_beheerder):
    regeling = RegelingFactory()
    url = reverse("admin:aanvragen_regeling_change", args=[regeling.pk])
    client = verified_client(functioneel_beheerder)
    response = client.post(url, _regeling_data(regeling, beslistermijn_weken=10))
    assert response.status_code == 302, response.content.decode()[:2000]
    regeling.refresh_from_db()
    assert regeling.beslistermijn_weken == 10


def test_used_version_is_frozen_except_its_end_date(verified_client, functioneel_beheerder):
    """After a submission only `geldig_tot` can change; terms and categories stay."""
    regeling = RegelingFactory()
    aanvraag = AanvraagFactory(compleet=True)
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=aanvraag.aanvrager)
    url = reverse("admin:aanvragen_regeling_change", args=[regeling.pk])
    client = verified_client(functioneel_beheerder)
    html = client.get(url).content.decode()
    assert 'name="beslistermijn_weken"' not in html
    assert 'name="geldig_tot"' in html
    eind = dt.date(2099, 12, 31)
    data = _regeling_data(regeling, beslistermijn_weken=20, geldig_tot=eind.isoformat())
    data["categorieen-0-plafond"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    regeling.refresh_from_db()
    assert regeling.geldig_tot == eind
    assert regeling.beslistermijn_weken == 8
    assert regeling.categorieen.get(code="alarm").plafond == 1500
    aanvraag.refresh_from_db()
    assert aanvraag.regeling == regeling


def test_end_date_cannot_cut_off_received_claims(verified_client, functioneel_beheerder):
    regeling = RegelingFactory()
    aanvraag = AanvraagFactory(compleet=True)
    services.aanvraag_indienen(aanvraag=aanvraag, door=aanvraag.aanvrager)
    url = reverse("admin:aanvragen_regeling_change", args=[regeling.pk])
    response = verified_client(functioneel_beheerder).post(
        url, _regeling_data(regeling, geldig_tot="2021-01-01")
    )
    assert response.status_code == 200
    assert "Er zijn aanvragen ontvangen tot en met" in response.content.decode()


def test_overlapping_version_is_refused_with_a_dutch_message(
    verified_client, functioneel_beheerder
):
    bestaand = RegelingFactory()
    nieuw = Regeling(
        code="overlap",
        naam="Overlap",
        grondslag="artikel 1",
        geldig_van=dt.date(2030, 1, 1),
        jaarbudget=1,
    )
    response = verified_client(functioneel_beheerder).post(
        reverse("admin:aanvragen_regeling_add"), _regeling_data(nieuw)
    )
    assert response.status_code == 200
    assert "overlapt met een andere versie" in response.content.decode()
    assert Regeling.objects.get() == bestaand


def test_copy_makes_a_new_version_after_the_end_date():
    regeling = RegelingFactory(geldig_tot=dt.date(2026, 12, 31))
    kopie = regeling_kopieren(regeling_id=regeling.pk)
    assert kopie.geldig_van == dt.date(2027, 1, 1) and kopie.geldig_tot is None
    assert kopie.categorieen.count() == 3


def test_assessor_cannot_change_a_policy(verified_client, beoordelaar):
    regeling = RegelingFactory()
    url = reverse("admin:aanvragen_regeling_change", args=[regeling.pk])
    client = verified_client(beoordelaar)
    assert client.get(url).status_code == 200  # view only
    response = client.post(url, _regeling_data(regeling, beslistermijn_weken=1))
    assert response.status_code == 403
    regeling.refresh_from_db()
    assert regeling.beslistermijn_weken == 8


def test_claim_admin_is_read_only(verified_client, beoordelaar, regeling):
    aanvraag = AanvraagFactory(ingediend=True)
    url = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
    client = verified_client(beoordelaar)
    html = client.get(url).content.decode()
    assert aanvraag.kenmerk in html and 'name="iban"' not in html
    assert client.post(url, {"iban": "NL02ABNA0123456789"}).status_code == 403


def test_demo_data_is_idempotent(django_capture_on_commit_callbacks):
    """Demo policy 2026 with all 12 categories, one submitted, cap-flagged demo claim, and
    one whose decision was sent (still to pay) and objected to."""
    from aanvragen.demo import demo_data
    from fondsbeveiliging.accounts.demo import demo_data as accounts_demo_data

    accounts_demo_data()
    with django_capture_on_commit_callbacks(execute=True):
        demo_data()
    demo_data()
    regeling = Regeling.objects.get(code="2026")
    assert regeling.categorieen.count() == 12
    assert regeling.totaalplafond == 2400
    aanvraag = regeling.aanvragen.get(status=AanvraagStatus.INGEDIEND)
    assert aanvraag.kenmerk and aanvraag.plafond_overschreden
    assert aanvraag.kostenposten.count() == 2
    bezwaarzaak = regeling.aanvragen.get(status=AanvraagStatus.BEZWAAR)
    besluit = bezwaarzaak.besluiten.get()
    assert besluit.status == BesluitStatus.VERZONDEN and besluit.bezwaartermijn_einde
    assert besluit.bezwaren.get().online_ingediend
    assert regeling.aanvragen.count() == 2
