"""After the end of office (#19 item 4): no new claim; existing claims and replies go on."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from aanvragen import permissions, services
from aanvragen.models import Aanvraag
from tests.aanvragen.factories import AanvraagFactory
from tests.aanvragen.test_reageren import voornemen_zaak

pytestmark = pytest.mark.django_db

GEWEIGERD = "U kunt geen nieuwe aanvraag meer indienen."


def _einde(user, dagen: int):
    user.in_functie_tot = timezone.localdate() + timedelta(days=dagen)
    user.save(update_fields=["in_functie_tot"])


@pytest.fixture
def eigen_client(client, ambtsdrager):
    client.force_login(ambtsdrager)
    return client


class TestNaHetEinde:
    def test_a_new_claim_is_refused_with_the_date_and_none_is_created(
        self, eigen_client, regeling, ambtsdrager
    ):
        _einde(ambtsdrager, 0)  # the last day counts as ended
        url = reverse("aanvragen:nieuw")
        response = eigen_client.post(url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "Uw ambt is beëindigd op" in html and GEWEIGERD in html
        assert reverse("aanvragen:lijst") in html
        assert "Start aanvraag" not in html
        assert not Aanvraag.objects.filter(aanvrager=ambtsdrager).exists()
        with pytest.raises(ValidationError):
            services.aanvraag_aanmaken(aanvrager=ambtsdrager)

    def test_existing_claims_and_drafts_can_still_be_followed(
        self, eigen_client, regeling, ambtsdrager
    ):
        ingediend = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True)
        concept = AanvraagFactory(aanvrager=ambtsdrager)
        _einde(ambtsdrager, -10)
        lijst = eigen_client.get(reverse("aanvragen:lijst"))
        assert lijst.status_code == 200
        html = lijst.content.decode()
        assert GEWEIGERD in html and reverse("aanvragen:nieuw") not in html
        assert ingediend.kenmerk in html
        assert eigen_client.get(reverse("aanvragen:detail", args=[ingediend.pk])).status_code == 200
        assert eigen_client.get(reverse("aanvragen:gegevens", args=[concept.pk])).status_code == 200

    def test_a_view_on_an_intended_refusal_can_still_be_given(
        self, eigen_client, regeling, ambtsdrager
    ):
        aanvraag, voornemen = voornemen_zaak(ambtsdrager, termijn_tot=timezone.localdate())
        _einde(ambtsdrager, -1)
        url = reverse("aanvragen:zienswijze", args=[aanvraag.pk, voornemen.pk])
        response = eigen_client.post(url, {"tekst": "Ik ben het er niet mee eens."})
        assert response.status_code == 302
        voornemen.refresh_from_db()
        assert voornemen.zienswijze_ontvangen_op is not None


class TestVoorHetEinde:
    def test_an_end_in_the_future_still_allows_a_new_claim(
        self, eigen_client, regeling, ambtsdrager
    ):
        _einde(ambtsdrager, 30)
        assert permissions.can_aanvraag_starten(ambtsdrager)
        assert (
            reverse("aanvragen:nieuw")
            in eigen_client.get(reverse("aanvragen:lijst")).content.decode()
        )
        response = eigen_client.post(reverse("aanvragen:nieuw"))
        assert response.status_code == 302
        assert Aanvraag.objects.filter(aanvrager=ambtsdrager).count() == 1
