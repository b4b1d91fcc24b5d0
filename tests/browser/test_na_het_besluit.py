"""Issue #16 in the browser, at 1280 × 800 and at 375 px: a sent, paid decision -> an objection
lodged online -> a hearing planned and held -> the objection founded in part -> the new
decision with its letter (made by the letter pipeline, as a worker does) -> the extra amount
in a payment batch. The applicant sees each step on the status page. axe-core finds no
serious or critical violation and no page scrolls sideways; the CSP reports none (conftest).

Screenshots go to $SCHERMAFDRUK_MAP when it is set (for looking at the pages by hand).
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus, Ontvanger
from aanvragen.brieven.services import brief_genereren
from aanvragen.constants import AanvraagStatus, BesluitSoort, BesluitStatus, BezwaarUitkomst
from aanvragen.models import Aanvraag, Besluit, Betaalbatch, Betaling, Bezwaar
from tests.aanvragen.besluit_zaken import gedeeltelijk_toegekend
from tests.aanvragen.conftest import private_media  # noqa: F401 - autouse: files in tmp
from tests.aanvragen.factories import RegelingFactory
from tests.browser.helpers import past_in_breedte, schermafdruk

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _actie(aanvraag, slug):
    return reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, slug])


def _verzonden_en_betaald(ambtsdrager, beoordelaar):
    """€ 3.450 of € 5.000 granted (cameras cut to the cap), sent three days ago and paid."""
    aanvraag = gedeeltelijk_toegekend(aanvrager=ambtsdrager)
    verzonden = timezone.now() - timedelta(days=3)
    vandaag = timezone.localdate()
    besluit = Besluit.objects.get(aanvraag=aanvraag)
    Besluit.objects.filter(pk=besluit.pk).update(
        verzonden_op=verzonden,
        bezwaartermijn_einde=vandaag + timedelta(days=39),
        betaaltermijn_einde=vandaag + timedelta(days=39),
        goedgekeurd_op=verzonden,
    )
    Betaling.objects.filter(besluit=besluit).update(betaald_op=vandaag - timedelta(days=1))
    Aanvraag.objects.filter(pk=aanvraag.pk).update(behandelaar=beoordelaar)
    return aanvraag, besluit


def _bekijk(page, naam, assert_no_axe_violations, scherm):
    past_in_breedte(page)
    assert_no_axe_violations(page)
    schermafdruk(page, f"na-besluit-{naam}-{scherm}")


def _inloggen(page, login_as, user):
    page.context.clear_cookies()
    login_as(page, user)


def _status_pagina(page, aanvraag):
    page.goto(reverse("aanvragen:detail", args=[aanvraag.pk]))
    return page.locator("section[id^=bezwaar-status-]")


def _letters_maken():
    """What the Celery worker does with each pending letter (the same service)."""
    for brief_id in Brief.objects.filter(status=BriefStatus.WACHTEND).values_list("pk", flat=True):
        brief_genereren(brief_id=brief_id)


@pytest.mark.parametrize("scherm", ["page", "mobile_page"])
def test_objection_hearing_partly_founded_new_decision_and_extra_payment(
    scherm,
    request,
    login_as,
    ambtsdrager,
    beoordelaar,
    tweede_beoordelaar,
    financieel_medewerker,
    assert_no_axe_violations,
):
    page = request.getfixturevalue(scherm)
    RegelingFactory()
    aanvraag, besluit = _verzonden_en_betaald(ambtsdrager, beoordelaar)

    # 1. The applicant objects online and then sees the objection and its decision date.
    _inloggen(page, login_as, ambtsdrager)
    page.goto(reverse("aanvragen:detail", args=[aanvraag.pk]))
    page.get_by_role("link", name="Bezwaar maken").click()
    page.get_by_label("Waarom bent u het niet eens met het besluit?").fill(
        "Voor twee deuren is het maximum voor camera's te laag."
    )
    page.get_by_role("button", name="Bezwaar versturen").click()
    page.wait_for_url(re.compile(r"/bezwaar/\d+/ontvangen/$"))
    bezwaar = Bezwaar.objects.get(besluit=besluit)
    sectie = _status_pagina(page, aanvraag)
    beslisdatum = sectie.locator(".bezwaar-beslisdatum").inner_text()
    assert f"{bezwaar.beslistermijn_einde:%-d}" in beslisdatum
    _bekijk(page, "status-bezwaar", assert_no_axe_violations, scherm)

    # 2. The assessor plans the hearing; the applicant sees when and where.
    _inloggen(page, login_as, beoordelaar)
    page.goto(reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk]))
    assert page.locator("#bezwaarzaak").is_visible()
    _bekijk(page, "zaak-bezwaar", assert_no_axe_violations, scherm)
    page.goto(_actie(aanvraag, "hoorzitting-plannen"))
    op = timezone.localtime() + timedelta(days=7)
    page.get_by_label("Datum van de hoorzitting").fill(f"{op:%d-%m-%Y}")
    page.get_by_label("Tijd", exact=True).fill("10:30")
    page.get_by_label("Plaats of link").fill("Turfmarkt 147, Den Haag")
    _bekijk(page, "hoorzitting-plannen", assert_no_axe_violations, scherm)
    page.get_by_role("button", name="Hoorzitting plannen").click()
    page.wait_for_url(f"**{reverse('admin:aanvragen_aanvraag_change', args=[aanvraag.pk])}")
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.HOORZITTING

    _inloggen(page, login_as, ambtsdrager)
    sectie = _status_pagina(page, aanvraag)
    assert "Turfmarkt 147, Den Haag" in sectie.locator(".bezwaar-hoorzitting").inner_text()
    _bekijk(page, "status-hoorzitting", assert_no_axe_violations, scherm)

    # 3. The hearing day comes; the assessor records it, raises the cameras and decides.
    Bezwaar.objects.filter(pk=bezwaar.pk).update(hoorzitting_op=timezone.now() - timedelta(hours=1))
    _inloggen(page, login_as, beoordelaar)
    page.goto(_actie(aanvraag, "hoorzitting-vastleggen"))
    page.get_by_label("Verslag van de hoorzitting").fill(
        "Indiener licht toe dat beide deuren een camera nodig hebben."
    )
    page.get_by_role("button", name="Hoorzitting vastleggen").click()
    page.wait_for_url(f"**{reverse('admin:aanvragen_aanvraag_change', args=[aanvraag.pk])}")

    page.goto(_actie(aanvraag, "beoordelen"))
    camera = page.locator("input[name$='-bedrag_toegekend']").nth(1)
    camera.fill("1.200,00")
    page.get_by_role("button", name="Kostenposten beoordelen").click()
    page.wait_for_url(f"**{reverse('admin:aanvragen_aanvraag_change', args=[aanvraag.pk])}")

    page.goto(_actie(aanvraag, "bezwaar-beslissen"))
    page.get_by_label("Uitkomst van het bezwaar").select_option(
        BezwaarUitkomst.GEDEELTELIJK_GEGROND
    )
    page.get_by_label("Heroverweging (motivering)").fill(
        "Na de hoorzitting vergoeden wij een tweede camera tot het maximum per deur."
    )
    _bekijk(page, "bezwaar-beslissen", assert_no_axe_violations, scherm)
    page.get_by_role("button", name="Beslissing op bezwaar opstellen").click()
    page.wait_for_url(f"**{reverse('admin:aanvragen_aanvraag_change', args=[aanvraag.pk])}")
    nieuw = Besluit.objects.get(aanvraag=aanvraag, soort=BesluitSoort.BEZWAAR)
    assert nieuw.vervangt_id == besluit.pk and nieuw.bedrag_toegekend == Decimal("4200.00")

    # 4. A second person approves (four eyes); the letter pipeline makes and sends the letter.
    _inloggen(page, login_as, tweede_beoordelaar)
    page.goto(_actie(aanvraag, "goedkeuren"))
    _bekijk(page, "goedkeuren", assert_no_axe_violations, scherm)
    page.get_by_role("button", name="Besluit goedkeuren").click()
    page.wait_for_url(f"**{reverse('admin:aanvragen_aanvraag_change', args=[aanvraag.pk])}")
    _letters_maken()
    nieuw.refresh_from_db()
    assert nieuw.status == BesluitStatus.VERZONDEN and nieuw.beroepstermijn_einde
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.BEZWAAR_BESLIST
    brief = Brief.objects.get(
        besluit=nieuw, soort=BriefSoort.BESLISSING_OP_BEZWAAR, ontvanger=Ontvanger.AANVRAGER
    )

    # 5. The applicant reads the outcome and downloads the letter.
    _inloggen(page, login_as, ambtsdrager)
    sectie = _status_pagina(page, aanvraag)
    uitkomst = sectie.locator(".bezwaar-uitkomst").inner_text()
    assert "Gedeeltelijk gegrond" in uitkomst
    with page.expect_download() as download:
        sectie.get_by_role("link", name="Lees de beslissing (pdf)").click()
    assert download.value.suggested_filename == brief.download_naam
    _bekijk(page, "status-beslissing", assert_no_axe_violations, scherm)

    # 6. Finance pays the extra € 750 (4.200 granted, 3.450 paid) in a batch.
    _inloggen(page, login_as, financieel_medewerker)
    page.goto(reverse("admin:aanvragen_betaalbatch_te_betalen"))
    assert page.get_by_role("link", name=aanvraag.kenmerk).is_visible()
    assert page.get_by_text("1 betaling, samen € 750,00.").is_visible()
    _bekijk(page, "te-betalen", assert_no_axe_violations, scherm)
    page.get_by_role("button", name="Betaalbatch maken").click()
    batch = Betaalbatch.objects.get()
    page.wait_for_url(f"**{reverse('admin:aanvragen_betaalbatch_change', args=[batch.pk])}")
    [regel] = batch.regels.all()
    assert regel.besluit_id == nieuw.pk and regel.bedrag == Decimal("750.00")
    _bekijk(page, "betaalbatch", assert_no_axe_violations, scherm)
