"""One contact block from the settings (`FONDS_CONTACT`): the letters built from a case, the
e-mails and the site's footer name the same postal address, phone and e-mail (issue #14)."""

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen import reacties
from aanvragen.brieven import opbouw
from aanvragen.brieven.berichten import brief_klaar_bericht
from aanvragen.brieven.context import render_brief
from aanvragen.brieven.services import besluitbrief_aanmaken, voornemenbrief_aanmaken
from aanvragen.constants import AanvraagStatus
from aanvragen.models import Voornemen
from fondsbeveiliging.berichten.models import Bericht
from tests.aanvragen.brieven import zaken
from tests.factories import UserFactory

from .conftest import pdf_tekst

pytestmark = pytest.mark.django_db

CONTACT = {
    "naam": "Team Fonds Beveiliging",
    "postadres": ("Postbus 12345", "2500 AA  Den Haag"),
    "telefoon": "070 123 4567",
    "bereikbaar": "werkdagen van 9.00 tot 17.00 uur",
    "email": "contact-fonds@bzk.example",
}


@pytest.fixture(autouse=True)
def _contact(settings):
    settings.FONDS_CONTACT = CONTACT


def _pdftotext(pdf: bytes, tmp_path) -> str:
    """The text as `pdftotext` reads it (Poppler), whitespace folded."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    pad = tmp_path / "brief.pdf"
    pad.write_bytes(pdf)
    uit = subprocess.run(["pdftotext", str(pad), "-"], capture_output=True, check=True, text=True)
    return " ".join(uit.stdout.split())


def _voornemenbrief():
    aanvraag = zaken.ingediende_aanvraag()
    voornemen = Voornemen.objects.create(
        aanvraag=aanvraag,
        reden="De camera's gaan boven het maximum.",
        termijn_tot=date(2026, 3, 5),
        verzonden_op=timezone.now(),
        door=UserFactory(beoordelaar=True),
    )
    aanvraag.status = AanvraagStatus.VOORNEMEN_AFWIJZING
    aanvraag.save(update_fields=["status"])
    return voornemenbrief_aanmaken(voornemen_id=voornemen.pk)


def test_intended_refusal_letter_names_every_way_to_reply(tmp_path):
    """Online, by post to the configured address, by e-mail and by phone."""
    brief = _voornemenbrief()
    tekst = _pdftotext(render_brief(opbouw.brief_context(brief, datum=date(2026, 2, 20))), tmp_path)
    assert "Retouradres Postbus 12345 2500 AA Den Haag" in tekst
    assert "T 070 123 4567" in tekst and "contact-fonds@bzk.example" in tekst
    assert "Zienswijze geven" in tekst
    assert "Postbus 12345, 2500 AA Den Haag, of per e-mail naar contact-fonds@bzk.example" in tekst
    assert "Mondeling reageren kan door te bellen naar 070 123 4567." in tekst
    assert "team-fonds@" not in tekst


def test_decision_letter_says_how_to_object_online_and_by_post():
    besluit = zaken.goedgekeurd_besluit()
    brief = besluitbrief_aanmaken(besluit_id=besluit.pk)
    tekst = pdf_tekst(render_brief(opbouw.brief_context(brief, datum=date(2026, 3, 12))))
    assert "kies bij uw aanvraag ‘Bezwaar maken’" in tekst
    assert "Minister van Binnenlandse Zaken en Koninkrijksrelaties, Postbus 12345" in tekst
    assert "Bel 070 123 4567 of mail naar contact-fonds@bzk.example." in tekst


def test_e_mails_and_footer_carry_the_same_contact(client, ambtsdrager):
    brief = _voornemenbrief()
    tekst = brief_klaar_bericht(brief).tekst
    assert "070 123 4567" in tekst and "contact-fonds@bzk.example" in tekst
    assert "Postbus 12345, 2500 AA  Den Haag" in tekst

    laat = zaken.ingediende_aanvraag(
        aanvrager=ambtsdrager, beslistermijn_einde=timezone.localdate() - timedelta(days=1)
    )
    reacties.ingebrekestelling_sturen(aanvraag_id=laat.pk, door=ambtsdrager)
    ontvangst = Bericht.objects.get(sleutel=f"ontvangstbevestiging:ingebrekestelling:{laat.pk}")
    assert "070 123 4567" in ontvangst.tekst and "contact-fonds@bzk.example" in ontvangst.tekst

    client.force_login(ambtsdrager)
    html = client.get(reverse("aanvragen:lijst")).content.decode()
    voet = html.split('class="site-footer"', 1)[1]
    assert 'href="tel:0701234567"' in voet and "mailto:contact-fonds@bzk.example" in voet
    assert "Postbus 12345, 2500 AA  Den Haag" in voet
