"""Browser test for letters: a second assessor approves a draft through the admin action
page, the decision letter is generated, and the applicant and the municipality each
download theirs (the municipality a notice, not a copy); axe-core finds no serious or
critical violations on the portal pages.

The draft (cost-line assessments, hearing, decision drafted by a first assessor) is set up
in the database; approval goes through 5B's admin action page "Besluit goedkeuren". Celery
runs eagerly here (the live server shares this process), so no broker is involved.
"""

from io import BytesIO

import pytest
from django.urls import reverse
from pdfminer.high_level import extract_text

from aanvragen.brieven.models import Brief, BriefStatus, Ontvanger
from aanvragen.constants import BesluitStatus
from fondsbeveiliging.celery import app as celery_app
from tests.aanvragen.brieven import zaken
from tests.factories import UserFactory, gemeente

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def eager_en_opslag(tmp_path, settings):
    from fondsbeveiliging.core.files import private_storage

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    storage = private_storage()
    vorige = dict(storage.__dict__)
    storage.__dict__["base_location"] = str(tmp_path)
    storage.__dict__["location"] = str(tmp_path)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager
    storage.__dict__.clear()
    storage.__dict__.update(vorige)


def _tekst(pad) -> str:
    with open(pad, "rb") as bestand:
        return " ".join(extract_text(BytesIO(bestand.read())).split())


def _download(page, link) -> str:
    with page.expect_download() as info:
        link.click()
    return _tekst(info.value.path())


def test_approve_then_applicant_and_gemeente_download_the_brief(
    page, login_as, assert_no_axe_violations
):
    amsterdam = gemeente("GM0363")
    aanvrager = UserFactory(ambtsdrager=True, gemeente=amsterdam)
    aanvraag = zaken.ingediende_aanvraag(aanvrager=aanvrager)
    besluit = zaken.goedgekeurd_besluit(aanvraag=aanvraag, status=BesluitStatus.CONCEPT)
    teamleider = UserFactory(tweede_beoordelaar=True, first_name="Tess", last_name="Leider")
    medewerker = UserFactory(gemeente_medewerker=True, gemeente=amsterdam)

    # The second assessor previews the draft letter and approves it in the admin.
    login_as(page, teamleider)
    page.goto(reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk]))
    voorbeeld = page.get_by_role("link", name="Conceptbrief van besluit versie 1")
    antwoord = page.request.get(voorbeeld.get_attribute("href"))
    assert antwoord.ok and antwoord.headers["content-type"] == "application/pdf"
    page.goto(reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "goedkeuren"]))
    page.get_by_role("button", name="Besluit goedkeuren").click()
    page.wait_for_url(f"**{reverse('admin:aanvragen_aanvraag_change', args=[aanvraag.pk])}")
    besluit.refresh_from_db()
    assert besluit.status == BesluitStatus.VERZONDEN
    brieven = Brief.objects.filter(besluit=besluit, status=BriefStatus.KLAAR)
    assert set(brieven.values_list("ontvanger", flat=True)) == {
        Ontvanger.AANVRAGER,
        Ontvanger.GEMEENTE,
    }

    # The applicant downloads the letter from the status page.
    page.context.clear_cookies()
    login_as(page, aanvrager)
    page.goto(reverse("aanvragen:detail", args=[aanvraag.pk]))
    tekst = _download(page, page.get_by_role("link", name="Besluit van"))
    assert aanvraag.kenmerk in tekst and "Tess Leider" in tekst and "namens deze" in tekst

    # The municipality lands on its portal, checks it with axe and downloads its copy.
    page.context.clear_cookies()
    login_as(page, medewerker)
    page.goto("/")
    assert_no_axe_violations(page)
    page.get_by_label("Uitkomst").select_option("gedeeltelijk_toegekend")
    page.get_by_role("button", name="Filteren").click()
    assert_no_axe_violations(page)
    link = page.get_by_role("link", name=f"Download kennisgeving {aanvraag.kenmerk}")
    tekst = _download(page, link)
    assert "Kennisgeving" in tekst and aanvraag.kenmerk in tekst and "€ 1.984,56" in tekst
    for geheim in (
        "Inbraakalarm met doormelding",  # cost-line descriptions
        "Twee camera's bij de voordeur",
        "Uw maatregelen passen bij het advies.",  # the motivation
        "Telefonisch op 2 maart",  # the hearing: the internal note and the letter's text
        "U vindt het maximum te laag",
        zaken.WOONADRES,
        "9999 ZZ",
        "Postbus 16200",  # the office holder's correspondence address
        "NL91",
        "43 00",
    ):
        assert geheim not in tekst, geheim
    page.goto(reverse("brieven:portaal"))
    assert_no_axe_violations(page)


def test_gemeente_downloads_the_notice_of_a_refusal_with_a_hearing(page, login_as):
    """A refused claim with a hearing and three cost lines: the notice the municipality
    downloads in the browser names kenmerk, outcome and amounts per category, and nothing of
    the descriptions, motivation, hearing, addresses or account."""
    from tests.aanvragen.brieven.test_lezers import (
        _afgewezen_met_zienswijze,
        _geheimen,
        _verzenden,
    )

    amsterdam = gemeente("GM0363")
    besluit = _afgewezen_met_zienswijze(UserFactory(ambtsdrager=True, gemeente=amsterdam))
    _verzenden(besluit)
    aanvraag = besluit.aanvraag
    assert aanvraag.kostenposten.count() == 3 and aanvraag.voornemens.get().zienswijze

    login_as(page, UserFactory(gemeente_medewerker=True, gemeente=amsterdam))
    page.goto(reverse("brieven:portaal"))
    link = page.get_by_role("link", name=f"Download kennisgeving {aanvraag.kenmerk}")
    tekst = _download(page, link)
    assert aanvraag.kenmerk in tekst and "De aanvraag is afgewezen." in tekst
    assert "Alarmsysteem" in tekst and "Camerabewaking" in tekst and "€ 0,00" in tekst
    for geheim in _geheimen(aanvraag):
        assert geheim not in tekst, geheim
