"""Bad input in the action forms: a Dutch error on the form, never a server error."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvraag
from tests.aanvragen.admin.conftest import in_behandeling_door

pytestmark = pytest.mark.django_db

S = AanvraagStatus


def _post(client, aanvraag, slug, data):
    return client.post(reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, slug]), data)


def _datum(d):
    return f"{d:%d-%m-%Y}"


@pytest.mark.parametrize("jaar", [9999, 2300])
@pytest.mark.parametrize(
    ("slug", "veld", "extra"),
    [
        ("aanvulling-vragen", "termijn_tot", {"vraag": "Stuur de factuur."}),
        ("verdagen", "nieuwe_datum", {"reden": "Extern advies nodig."}),
        ("voornemen", "termijn_tot", {"reden": "Geen vergoedbare kosten."}),
    ],
)
def test_a_term_in_a_far_year_is_refused_in_dutch(
    verified_client, beoordelaar, regeling, jaar, slug, veld, extra
):
    """A term ending centuries from now (a typo in the year) is refused; the claim is unchanged."""
    aanvraag = in_behandeling_door(beoordelaar)
    einde = aanvraag.beslistermijn_einde
    response = _post(verified_client(beoordelaar), aanvraag, slug, {**extra, veld: f"31-12-{jaar}"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="foutoverzicht"' in html
    assert "Controleer het jaartal" in html
    assert extra[next(iter(extra))] in html  # the text typed is still there
    aanvraag = Aanvraag.objects.get(pk=aanvraag.pk)
    assert aanvraag.status == S.IN_BEHANDELING
    assert aanvraag.beslistermijn_einde == einde


def test_a_term_within_a_year_is_accepted(verified_client, beoordelaar, regeling):
    """The bound leaves room for any real term: eleven months is fine."""
    aanvraag = in_behandeling_door(beoordelaar)
    termijn = timezone.localdate() + timedelta(days=330)
    response = _post(
        verified_client(beoordelaar),
        aanvraag,
        "aanvulling-vragen",
        {"vraag": "Stuur de factuur.", "termijn_tot": _datum(termijn)},
    )
    assert response.status_code == 302
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == S.AANVULLING_GEVRAAGD


@pytest.mark.parametrize("invoer", ["31-02-2027", "morgen", "2027"])
def test_an_unreadable_date_says_which_format_is_expected(
    verified_client, beoordelaar, regeling, invoer
):
    """The error on a date field names the format (WCAG 3.3.3) and keeps what was typed."""
    aanvraag = in_behandeling_door(beoordelaar)
    response = _post(
        verified_client(beoordelaar),
        aanvraag,
        "verdagen",
        {"nieuwe_datum": invoer, "reden": "Extern advies nodig."},
    )
    html = response.content.decode()
    assert "Vul een bestaande datum in als dd-mm-jjjj, bijvoorbeeld 31-01-2027." in html
    assert f'value="{invoer}"' in html
