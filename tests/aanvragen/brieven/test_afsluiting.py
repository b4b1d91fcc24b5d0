"""A closed case stays visible where it was before closing: finance, portal, applicant."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from aanvragen.backoffice import selectors, services
from aanvragen.backoffice.services import zaken_afsluiten
from aanvragen.brieven.models import Ontvanger
from aanvragen.constants import AanvraagStatus
from aanvragen.permissions import can_aanvraag_bekijken
from tests.aanvragen.brieven import zaken
from tests.aanvragen.brieven.test_toegang import GEMEENTE_A, klare_brief
from tests.factories import UserFactory, gemeente

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def gesloten(ambtsdrager, financieel_medewerker):
    """A partial grant sent on 2 March 2026, paid in full, closed on 21 April 2026."""
    besluit = zaken.goedgekeurd_besluit(aanvraag=zaken.ingediende_aanvraag(aanvrager=ambtsdrager))
    services.besluit_verzenden(
        besluit_id=besluit.pk, verzonden_op=datetime(2026, 3, 2, 10, tzinfo=AMS)
    )
    services.betaling_registreren(
        besluit_id=besluit.pk,
        door=financieel_medewerker,
        betaald_op=date(2026, 3, 20),
        bedrag=Decimal("1984.56"),
        referentie="BET-1",
    )
    brieven = {o: klare_brief(besluit, o) for o in (Ontvanger.AANVRAGER, Ontvanger.GEMEENTE)}
    assert zaken_afsluiten(vandaag=date(2026, 4, 21)) == [besluit.aanvraag_id]
    besluit.aanvraag.refresh_from_db()
    assert besluit.aanvraag.status == AanvraagStatus.AFGESLOTEN
    return besluit.aanvraag, brieven


def test_finance_sees_the_closed_case_and_the_besluit(
    gesloten, financieel_medewerker, verified_client
):
    """Finance still finds the closed case and downloads its decision letter; nothing to pay."""
    aanvraag, brieven = gesloten
    assert aanvraag in selectors.werkvoorraad(fetched_by=financieel_medewerker)
    assert can_aanvraag_bekijken(financieel_medewerker, aanvraag)
    c = verified_client(financieel_medewerker)
    for brief in brieven.values():
        assert c.get(reverse("brieven:download", args=[brief.pk])).status_code == 200
    assert not selectors.te_betalen().exists()


def test_gemeente_sees_the_besluit_as_betaald(gesloten, verified_client):
    """The municipality portal lists the closed case's decision, under 'betaald' as well."""
    aanvraag, _brieven = gesloten
    c = verified_client(UserFactory(gemeente_medewerker=True, gemeente=gemeente(GEMEENTE_A)))
    html = c.get(reverse("brieven:portaal"), {"betaalstatus": "betaald"}).content.decode()
    assert aanvraag.kenmerk in html and "Betaald" in html


def test_applicant_sees_afgerond(gesloten, ambtsdrager, verified_client):
    aanvraag, brieven = gesloten
    c = verified_client(ambtsdrager)
    html = c.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
    assert '<dd class="col-sm-8" id="status">Afgerond</dd>' in html
    brief = brieven[Ontvanger.AANVRAGER]
    assert c.get(reverse("brieven:download", args=[brief.pk])).status_code == 200
