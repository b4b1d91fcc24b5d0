"""The two entry points of issue 22 item 2: a huge answer and a huge question are refused.

Each is refused with the count, nothing is stored, and the page comes back with what was
typed. The form-by-form walk is in tests/core/test_tekstlimieten.py.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvulverzoek, StatusWijziging
from tests.aanvragen.admin.conftest import in_behandeling_door
from tests.aanvragen.factories import AanvraagFactory

pytestmark = pytest.mark.django_db

VIER_MB = 4 * 1024 * 1024
DRIE_MB = 3 * 1024 * 1024


@pytest.fixture
def eigen_client(client, ambtsdrager):
    client.force_login(ambtsdrager)
    return client


def test_a_4_mb_body_fits_under_the_request_limit():
    """So the form limit, not Django's request limit, is what refuses the text."""
    assert VIER_MB < settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class TestAanvullingBeantwoorden:
    """The office holder answers a request for more information."""

    def test_a_4_mb_answer_is_refused_and_not_stored(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
        verzoek = aanvraag.aanvulverzoeken.get()
        url = reverse("aanvragen:aanvulling", args=[aanvraag.pk, verzoek.pk])
        antwoord = "Zie de offerte. " + "x" * (VIER_MB - 16)

        response = eigen_client.post(url, {"antwoord": antwoord})

        assert response.status_code == 400  # this view's answer to any form error
        html = response.content.decode()
        assert "Gebruik maximaal 5.000 tekens; u gebruikte er 4.194.304." in html
        assert antwoord in html  # the typed text comes back, nothing cut off
        verzoek.refresh_from_db()
        aanvraag.refresh_from_db()
        assert verzoek.antwoord == "" and verzoek.beantwoord_op is None
        assert aanvraag.status == AanvraagStatus.AANVULLING_GEVRAAGD

    def test_an_answer_at_the_limit_is_sent(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
        verzoek = aanvraag.aanvulverzoeken.get()
        url = reverse("aanvragen:aanvulling", args=[aanvraag.pk, verzoek.pk])
        # 2,500 lines of "x" and a line break: the browser posts CRLF, counted as one each.
        antwoord = "x\r\n" * 2_499 + "xx"

        response = eigen_client.post(url, {"antwoord": antwoord})

        assert response.status_code == 302
        verzoek.refresh_from_db()
        assert verzoek.antwoord == antwoord.replace("\r\n", "\n")
        assert len(verzoek.antwoord) == 5_000

    def test_the_form_states_the_limit(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
        verzoek = aanvraag.aanvulverzoeken.get()
        url = reverse("aanvragen:aanvulling", args=[aanvraag.pk, verzoek.pk])
        html = eigen_client.get(url).content.decode()
        assert "Maximaal 5.000 tekens." in html
        assert "maxlength" not in html.split('name="antwoord"', 1)[0].rsplit("<textarea", 1)[1]


class TestAanvullingVragen:
    """The assessor asks for more information on the back-office action page."""

    def _url(self, aanvraag):
        return reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "aanvulling-vragen"])

    def test_a_3_mb_question_is_refused_and_not_stored(
        self, verified_client, beoordelaar, regeling
    ):
        aanvraag = in_behandeling_door(beoordelaar)
        historie = StatusWijziging.objects.filter(aanvraag=aanvraag).count()
        termijn = f"{timezone.localdate() + timedelta(days=21):%d-%m-%Y}"
        vraag = "x" * DRIE_MB

        response = verified_client(beoordelaar).post(
            self._url(aanvraag), {"vraag": vraag, "termijn_tot": termijn}
        )

        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="foutoverzicht"' in html
        assert "Gebruik maximaal 5.000 tekens; u gebruikte er 3.145.728." in html
        assert vraag in html and f'value="{termijn}"' in html  # all input kept
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.IN_BEHANDELING
        assert not Aanvulverzoek.objects.filter(aanvraag=aanvraag).exists()
        assert StatusWijziging.objects.filter(aanvraag=aanvraag).count() == historie

    def test_the_form_states_the_limit(self, verified_client, beoordelaar, regeling):
        aanvraag = in_behandeling_door(beoordelaar)
        html = verified_client(beoordelaar).get(self._url(aanvraag)).content.decode()
        assert "Maximaal 5.000 tekens." in html
