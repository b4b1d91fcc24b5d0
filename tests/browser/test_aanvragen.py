"""An office holder drafts a claim with two cost lines and evidence, leaves, returns and
submits; the confirmation page and then the status page show the kenmerk and the expected
decision date.

Run on a desktop page and on a 375 px phone; axe-core finds no serious or critical
violations on any page of the flow, error summary included.
"""

import re

import pytest

from aanvragen.models import Aanvraag
from tests.aanvragen.conftest import private_media  # noqa: F401 - autouse: files in tmp
from tests.aanvragen.factories import RegelingFactory, pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_office_holder_drafts_leaves_returns_and_submits(
    page,
    mobile_page,
    login_as,
    assert_no_axe_violations,
    ambtsdrager,
    andere_ambtsdrager,
    tmp_path,
):
    """Both viewports in one test: one live-server database setup for the whole flow."""
    RegelingFactory()
    bestanden = {}
    for naam in ("factuur.pdf", "betaalbewijs.pdf", "factuur-overig.pdf"):
        bestanden[naam] = tmp_path / naam
        bestanden[naam].write_bytes(pdf_bytes())
    _flow(page, ambtsdrager, login_as, assert_no_axe_violations, bestanden)
    _flow(mobile_page, andere_ambtsdrager, login_as, assert_no_axe_violations, bestanden)


def _knop(page, naam):
    page.get_by_role("button", name=naam, exact=True).click()
    page.wait_for_load_state()


def _kostenpost(page, check, soort, omschrijving, bedrag, uploads):
    _knop(page, "Kostenpost toevoegen")
    page.wait_for_url(re.compile(r"/kosten/\d+/$"))
    check(page)
    page.get_by_label("Soort kosten").select_option(label=soort)
    page.get_by_label("Omschrijving").fill(omschrijving)
    page.get_by_label("Leverancier").fill("Veilig Thuis B.V.")
    page.get_by_label("Bedrag inclusief btw").fill(bedrag)
    page.get_by_label("Al betaald").check()
    for bewijstype, pad in uploads:
        page.get_by_label("Soort bewijsstuk").select_option(label=bewijstype)
        page.get_by_label("Bestanden toevoegen").set_input_files(str(pad))
        _knop(page, "Bestand uploaden")
        assert page.get_by_role("link", name=pad.name).is_visible()
    assert page.get_by_label("Omschrijving").input_value() == omschrijving
    check(page)
    _knop(page, "Kostenpost opslaan")
    page.wait_for_url(re.compile(r"/kosten/$"))


def _flow(page, user, login_as, check, bestanden):
    login_as(page, user)
    page.goto("/aanvragen/")
    check(page)
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    check(page)
    _knop(page, "Start aanvraag")

    # Step 1: prefilled data; continue too early gives a linked error summary.
    page.wait_for_url(re.compile(r"/gegevens/$"))
    assert page.get_by_label("Correspondentieadres").input_value() == user.correspondentie_adres
    _knop(page, "Opslaan en verder")
    page.wait_for_selector("#foutmeldingen")
    assert page.get_by_label("Correspondentieadres").input_value() == user.correspondentie_adres
    check(page)
    page.get_by_label("Nee").check()
    _knop(page, "Opslaan en verder")

    # Step 2: two cost lines with evidence.
    page.wait_for_url(re.compile(r"/kosten/$"))
    check(page)
    _kostenpost(
        page,
        check,
        "Alarmsysteem",
        "Inbraakalarm met doormelding",
        "1.234,56",
        [("Factuur", bestanden["factuur.pdf"]), ("Betaalbewijs", bestanden["betaalbewijs.pdf"])],
    )
    _kostenpost(
        page,
        check,
        "Overige kosten",
        "Extra slot op de schuur",
        "250",
        [("Factuur", bestanden["factuur-overig.pdf"])],
    )
    check(page)

    # Leave: save as draft, log out; return later and resume.
    _knop(page, "Opslaan als concept")
    page.wait_for_url(re.compile(r"/aanvragen/$"))
    _knop(page, "Uitloggen")
    login_as(page, user)
    page.goto("/aanvragen/")
    page.get_by_role("link", name=re.compile("verder invullen")).click()
    page.wait_for_url(re.compile(r"/gegevens/$"))
    _knop(page, "Opslaan en verder")
    page.wait_for_url(re.compile(r"/kosten/$"))
    assert page.get_by_text("Extra slot op de schuur").is_visible()
    _knop(page, "Opslaan en verder")

    # Step 3: payee; a wrong checksum is reported, the name is kept.
    page.wait_for_url(re.compile(r"/betaling/$"))
    page.get_by_label("Mijn eigen rekening").check()
    page.get_by_label("IBAN").fill("NL92 ABNA 0417 1643 00")
    page.get_by_label("Tenaamstelling").fill(user.get_full_name())
    _knop(page, "Opslaan en verder")
    page.wait_for_selector("#foutmeldingen")
    assert page.get_by_label("Tenaamstelling").input_value() == user.get_full_name()
    check(page)
    page.get_by_label("IBAN").fill("NL91 ABNA 0417 1643 00")
    _knop(page, "Opslaan en verder")

    # Step 4: check your answers, then submit.
    page.wait_for_url(re.compile(r"/controleren/$"))
    assert page.get_by_text("€ 1.484,56").first.is_visible()
    check(page)
    page.get_by_label(re.compile("Ik verklaar")).check()
    _knop(page, "Aanvraag versturen")

    # The confirmation page: kenmerk, decision date, what happens next; then the status page.
    page.wait_for_url(re.compile(r"/aanvragen/\d+/verstuurd/$"))
    aanvraag = Aanvraag.objects.get(aanvrager=user)
    for _pagina in ("verstuurd", "detail"):
        kenmerk = page.locator("#kenmerk").inner_text()
        assert re.fullmatch(r"FB-\d{4}-\d{6}", kenmerk) and kenmerk == aanvraag.kenmerk
        datum = page.locator("#beslisdatum").inner_text()
        assert str(aanvraag.beslistermijn_einde.year) in datum
        assert str(aanvraag.beslistermijn_einde.day) in datum
        check(page)
        if _pagina == "verstuurd":
            assert page.get_by_role("heading", name="Wat gebeurt er nu?").is_visible()
            page.get_by_role("link", name="Bekijk de status van uw aanvraag").click()
            page.wait_for_url(re.compile(r"/aanvragen/\d+/$"))
    assert page.locator("#status").inner_text() == "Ontvangen"
    assert aanvraag.kostenposten.count() == 2
