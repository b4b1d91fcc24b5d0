"""Every letter type rendered to a real PDF and read back as text; from the case in the
database, the dates a letter prints are the dates stored on the case."""

import re
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from pypdf import PdfReader

from aanvragen import services as aanvraag_services
from aanvragen.backoffice import services as backoffice
from aanvragen.brieven import services as brieven_services
from aanvragen.brieven import voorbeelden
from aanvragen.brieven.context import render_brief
from aanvragen.brieven.models import Brief, BriefSoort, Ontvanger
from aanvragen.constants import AanvraagStatus, Uitkomst
from aanvragen.kern import beslistermijn_herberekenen
from fondsbeveiliging.opmaak.formaat import MAANDEN, lange_datum
from tests.aanvragen.backoffice.factories import aanvraag_in, alles_beoordelen
from tests.aanvragen.brieven import zaken
from tests.aanvragen.brieven.conftest import pdf_tekst, woorden_in_volgorde
from tests.aanvragen.factories import AanvraagFactory, RegelingFactory


@pytest.fixture(scope="module")
def besluit_pdf():
    return render_brief(voorbeelden.besluit())


@pytest.fixture(scope="module")
def besluit_tekst(besluit_pdf):
    return pdf_tekst(besluit_pdf)


class TestBesluit:
    @pytest.mark.parametrize(
        "verwacht",
        [
            "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
            "Retouradres Postbus 20011 2500 EA Den Haag",
            "DG Openbaar Bestuur en Democratische Rechtsstaat",
            "fonds@bzk.example",
            "Mevrouw J. de Vries Postbus 16200 3500 CE Utrecht",
            "Datum",
            "12 maart 2026",
            "Ons kenmerk FB-2026-000123",
            "Uw kenmerk UTR/2026/77",
            "Bijlage(n) Overzicht beoordeling",
            "Betreft",
            "Besluit op uw aanvraag vergoeding beveiligingsmaatregelen",
            "16 januari 2026",
        ],
    )
    def test_letterhead(self, besluit_tekst, verwacht):
        """Sender, return line, addressee and the reference table are on the letter."""
        assert verwacht in besluit_tekst

    def test_besluit_sentence_and_amount(self, besluit_tekst):
        """The decision sentence names the granted and the claimed amount in Dutch format."""
        assert (
            "Ik ken uw aanvraag gedeeltelijk toe. U ontvangt een vergoeding van € 3.229,51 "
            "van de aangevraagde € 3.999,51." in besluit_tekst
        )
        assert "€ 1.234,56" in besluit_tekst

    def test_payment(self, besluit_tekst):
        """Amount, payment term and payee account (4:86, 4:87)."""
        assert (
            "Ik maak € 3.229,51 uiterlijk op 23 april 2026 over op rekeningnummer "
            "NL91 ABNA 0417 1643 00 ten name van J. de Vries." in besluit_tekst
        )
        assert "binnen 6 weken na de bekendmaking" in besluit_tekst
        assert "4:87" in besluit_tekst

    @pytest.mark.parametrize("regel", voorbeelden.KOSTENREGELS, ids=lambda r: r.omschrijving)
    def test_beoordeling_per_cost_line(self, besluit_tekst, regel):
        """Each cost line shows its decision and reason."""
        assert regel.omschrijving in besluit_tekst
        beoordeling = regel.beoordeling[0].upper() + regel.beoordeling[1:]
        verwacht = f"{beoordeling}: {regel.reden}" if regel.reden else beoordeling
        # A wrapped table cell may be interleaved with the next row: check word order only.
        start = besluit_tekst.index(regel.omschrijving)
        assert woorden_in_volgorde(besluit_tekst[start:], verwacht)

    def test_motivation_and_zienswijze(self, besluit_tekst):
        """Reasons (3:46) and the hearing outcome (4:7) are stated."""
        assert "Na herhaalde bedreigingen via sociale media" in besluit_tekst
        assert "Op 2 maart 2026 heeft u daarop uw zienswijze gegeven." in besluit_tekst
        assert "Uw zienswijze leidt niet tot een ander besluit" in besluit_tekst

    def test_legal_basis_with_version(self, besluit_tekst):
        """The legal basis names the policy, its version and article (3:47)."""
        assert (
            "artikel 4, eerste lid van de Regeling fonds beveiligingsmaatregelen politieke "
            "ambtsdragers, versie 2026.1 (geldig vanaf 1 januari 2026)" in besluit_tekst
        )

    @pytest.mark.parametrize(
        "verwacht",
        [
            "bezwaar maken",
            "belanghebbende",
            "binnen zes weken",
            "begint op de dag na de dag waarop dit besluit is verzonden en eindigt op "
            "23 april 2026.",
            "Uw bezwaar is op tijd ingediend als het uiterlijk op 23 april 2026 bij mij binnen is.",
            "Stuurt u uw bezwaarschrift per post? Dan is het ook op tijd als u het uiterlijk op "
            "23 april 2026 op de post doet en ik het niet later dan een week na die datum ontvang",
            "6:9",
            "naar de Minister van Binnenlandse Zaken en Koninkrijksrelaties, Postbus 20011",
            "ondertekend",
            "uw naam en adres; de datum; een omschrijving van het besluit",
            "de redenen waarom u het niet eens bent",
        ],
    )
    def test_bezwaar_clause(self, besluit_tekst, verwacht):
        """The objection clause says who, within six weeks from when, to whom and what (3:45)."""
        assert verwacht in besluit_tekst

    def test_bezwaar_clause_does_not_require_receipt_of_a_posted_objection(self, besluit_tekst):
        """A posted objection is on time when posted before the end (Awb 6:9(2)): the clause
        never says the objection must have been received by the last day."""
        assert "zijn ontvangen" not in besluit_tekst
        assert "moet uiterlijk" not in besluit_tekst

    def test_signed_under_mandate(self, besluit_tekst):
        """Signed under mandate (10:10) with name and function."""
        assert (
            "De Minister van Binnenlandse Zaken en Koninkrijksrelaties, namens deze, "
            "A. Bakker Teamleider Fonds Beveiliging" in besluit_tekst
        )

    def test_two_pages_with_page_numbers(self, besluit_pdf, besluit_tekst):
        """The standard decision has two A4 pages, each numbered 'Pagina X van 2'."""
        reader = PdfReader(BytesIO(besluit_pdf))
        assert len(reader.pages) == 2
        assert "Pagina 1 van 2" in besluit_tekst
        assert "Pagina 2 van 2" in besluit_tekst
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)

    def test_continuation_page_names_the_kenmerk(self, besluit_pdf):
        """Page 2 repeats kenmerk and date in its header."""
        reader = PdfReader(BytesIO(besluit_pdf))
        tekst = " ".join(reader.pages[1].extract_text().split())
        assert "FB-2026-000123" in tekst
        assert "12 maart 2026" in tekst


@pytest.mark.parametrize(
    ("uitkomst", "zin", "betaling"),
    [
        (Uitkomst.TOEGEKEND, "Ik ken uw aanvraag toe. U ontvangt een vergoeding van", True),
        (Uitkomst.GEDEELTELIJK_TOEGEKEND, "Ik ken uw aanvraag gedeeltelijk toe.", True),
        (Uitkomst.AFGEWEZEN, "Ik wijs uw aanvraag af.", False),
        (Uitkomst.BUITEN_BEHANDELING, "Ik laat uw aanvraag buiten behandeling.", False),
    ],
)
def test_besluit_sentence_per_outcome(uitkomst, zin, betaling):
    """Each outcome has its own decision sentence; only a grant has a payment section."""
    tekst = pdf_tekst(render_brief(voorbeelden.besluit(uitkomst=uitkomst)))
    assert zin in tekst
    assert ("rekeningnummer NL91 ABNA 0417 1643 00" in tekst) is betaling
    assert "binnen zes weken" in tekst


def test_buiten_behandeling_cites_article_4_5():
    """A not-considered decision rests on Awb 4:5 and still carries the objection clause."""
    tekst = pdf_tekst(
        render_brief(voorbeelden.besluit(uitkomst=Uitkomst.BUITEN_BEHANDELING, kostenregels=()))
    )
    assert "buiten behandeling op grond van artikel 4:5 van de Algemene wet bestuursrecht" in tekst
    assert "binnen zes weken" in tekst


def test_correction_besluit_refers_to_the_old_besluit():
    """A correction is a new decision that names the one it replaces."""
    tekst = pdf_tekst(render_brief(voorbeelden.besluit(corrigeert_kenmerk="FB-2026-000100")))
    assert "Dit besluit vervangt mijn besluit met kenmerk FB-2026-000100." in tekst


def test_no_zienswijze_given():
    """A hearing without a reply says no view was given in time."""
    from aanvragen.brieven.context import Zienswijze

    besluit = voorbeelden.besluit(zienswijze=Zienswijze(gevraagd_op=date(2026, 2, 20)))
    tekst = pdf_tekst(render_brief(besluit))
    assert "U heeft binnen de gestelde termijn geen zienswijze gegeven." in tekst


def test_ontvangstbevestiging():
    """Receipt (4:3a): date and time of receipt, kenmerk, expected decision date."""
    tekst = pdf_tekst(render_brief(voorbeelden.ontvangstbevestiging()))
    assert "Op 12 maart 2026 om 14:05 uur heb ik uw aanvraag" in tekst
    assert "4:3a" in tekst
    assert "kenmerk FB-2026-000123" in tekst
    assert "uiterlijk op 7 mei 2026 verwachten" in tekst
    assert "binnen 8 weken" in tekst
    assert "Pagina 1 van 1" in tekst
    assert "namens deze" in tekst


def test_aanvulling():
    """Request to complete (4:5): the questions, the deadline and what happens otherwise."""
    tekst = pdf_tekst(render_brief(voorbeelden.aanvulling()))
    assert "Stuur de factuur van het alarmsysteem mee." in tekst
    assert "uiterlijk op 26 maart 2026" in tekst
    assert "4:5" in tekst
    assert "buiten behandeling" in tekst
    assert "4:15" in tekst


def test_verdaging():
    """Postponement (4:14): the new date and the reason."""
    tekst = pdf_tekst(render_brief(voorbeelden.verdaging()))
    assert "uiterlijk op 13 maart 2026" in tekst
    assert "Ik beslis uiterlijk op 10 april 2026 op uw aanvraag." in tekst
    assert "Ik wacht op het beveiligingsadvies van de politie." in tekst
    assert "4:14" in tekst


def test_voornemen_afwijzing():
    """Intended refusal (4:7): the intention, reasons and the term for a view."""
    tekst = pdf_tekst(render_brief(voorbeelden.voornemen_afwijzing()))
    assert "Ik ben van plan uw aanvraag gedeeltelijk af te wijzen." in tekst
    assert "4:7" in tekst
    assert "uiterlijk op 26 maart 2026" in tekst
    assert "versie 2026.1" in tekst
    assert "Afgewezen: doorlopende kosten vallen buiten de regeling" in tekst


def test_aanvulling_with_a_term_says_the_term_and_that_the_clock_stops():
    """A request with a term names its last day and that the decision term is suspended."""
    tekst = pdf_tekst(render_brief(voorbeelden.aanvulling(termijn_tot=date(2026, 3, 27))))
    assert "Stuur de gevraagde informatie uiterlijk op 27 maart 2026." in tekst
    assert "staat stil vanaf de dag nadat ik u om deze informatie heb gevraagd" in tekst
    assert "4:15" in tekst


def test_aanvulling_without_a_term_names_no_term_and_no_suspension():
    """A request registered without a term gives no date to answer by, says nothing about the
    decision term stopping and does not threaten "buiten behandeling" (that needs a term)."""
    tekst = pdf_tekst(render_brief(voorbeelden.aanvulling(termijn_tot=None)))
    assert "Stuur de factuur van het alarmsysteem mee." in tekst
    assert "Stuur de gevraagde informatie zo snel mogelijk via uw persoonlijke pagina" in tekst
    for niet in ("uiterlijk", "staat stil", "opgeschort", "4:15", "buiten behandeling", "termijn"):
        assert niet not in tekst, niet


def test_verdaging_names_the_first_day_for_a_notice_of_default():
    """A notice of default received on the last day is premature: the letter gives the day
    after the new date as the first day, and never invites a notice on the last day."""
    tekst = pdf_tekst(render_brief(voorbeelden.verdaging(nieuw_uiterlijk_op=date(2026, 12, 31))))
    assert "Heb ik uiterlijk op 31 december 2026 niet beslist?" in tekst
    assert "Dat kan vanaf 1 januari 2027" in tekst
    assert "een ingebrekestelling die ik op of vóór 31 december 2026 ontvang, is te vroeg" in tekst
    assert "nog niet beslist, dan kunt u mij" not in tekst


def test_voornemen_gives_one_date_and_one_rule_for_the_zienswijze():
    """The view must be in by one date, and the letter says what happens after it, with the
    same date: no second, contradicting "voor die datum"."""
    tekst = pdf_tekst(render_brief(voorbeelden.voornemen_afwijzing()))
    assert "Uw zienswijze moet uiterlijk op 26 maart 2026 bij mij binnen zijn." in tekst
    assert "Heb ik uiterlijk op 26 maart 2026 niets van u ontvangen, dan neem ik" in tekst
    assert "voor die datum" not in tekst and "vóór die datum" not in tekst
    assert tekst.count("26 maart 2026") == 2


def test_voornemen_says_how_to_respond_by_post_e_mail_and_phone():
    """The invitation names the online way, the team's postal address, e-mail and phone and
    the kenmerk."""
    tekst = pdf_tekst(render_brief(voorbeelden.voornemen_afwijzing()))
    assert (
        "Schriftelijk reageren kan per post naar Ministerie van Binnenlandse Zaken en "
        "Koninkrijksrelaties, Team Fonds Beveiliging, Postbus 20011, 2500 EA Den Haag, of per "
        "e-mail naar fonds@bzk.example." in tekst
    )
    assert "Mondeling reageren kan door te bellen naar 070 426 6426." in tekst
    assert "Vermeld altijd kenmerk FB-2026-000123." in tekst
    assert "kies bij uw aanvraag ‘Zienswijze geven’" in tekst


def test_voornemen_without_a_phone_number_offers_an_appointment():
    """Without a configured phone number the letter says how to ask for an oral hearing."""
    from dataclasses import replace

    afzender = replace(voorbeelden.gemeenschappelijk()["afzender"], contact_telefoon="")
    tekst = pdf_tekst(render_brief(voorbeelden.voornemen_afwijzing(afzender=afzender)))
    assert (
        "Wilt u mondeling reageren? Laat mij dat dan per post of e-mail weten, dan maak ik een "
        "afspraak met u." in tekst
    )
    assert "bellen" not in tekst


LETTERS = {
    "besluit": voorbeelden.besluit,
    "ontvangstbevestiging": voorbeelden.ontvangstbevestiging,
    "aanvulling": voorbeelden.aanvulling,
    "verdaging": voorbeelden.verdaging,
    "voornemen_afwijzing": voorbeelden.voornemen_afwijzing,
}


@pytest.mark.parametrize("maak", LETTERS.values(), ids=LETTERS.keys())
def test_uw_kenmerk_is_printed_when_given(maak):
    """Every letter prints the applicant's own reference in the reference table."""
    tekst = pdf_tekst(render_brief(maak(uw_kenmerk="MIJN-REF 7")))
    assert "Ons kenmerk FB-2026-000123 Uw kenmerk MIJN-REF 7 Bijlage(n)" in tekst


@pytest.mark.parametrize("maak", LETTERS.values(), ids=LETTERS.keys())
def test_uw_kenmerk_line_is_left_out_when_there_is_none(maak):
    """Without the applicant's own reference the line is left out, not printed as "-"."""
    tekst = pdf_tekst(render_brief(maak(uw_kenmerk="")))
    assert "Uw kenmerk" not in tekst
    assert "Ons kenmerk FB-2026-000123 Bijlage(n)" in tekst


class TestPdfBestand:
    def test_pdf_a_2a_metadata(self, besluit_pdf):
        """The XMP metadata declares PDF/A-2a (archival and tagged) and the document has a title."""
        reader = PdfReader(BytesIO(besluit_pdf))
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
        attributen = {}
        for element in ElementTree.fromstring(xmp).iter():
            attributen.update({k: v for k, v in element.attrib.items() if k.startswith(pdfaid)})
        assert attributen == {f"{pdfaid}part": "2", f"{pdfaid}conformance": "A"}
        intents = reader.trailer["/Root"]["/OutputIntents"]
        assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
        assert reader.metadata.title == "Besluit op uw aanvraag vergoeding beveiligingsmaatregelen"
        assert reader.pdf_header == "%PDF-1.7"

    def test_variant_is_configurable(self, settings):
        """BRIEVEN_PDF_VARIANT switches to PDF/UA-1: tagged, and declared in the XMP."""
        settings.BRIEVEN_PDF_VARIANT = "pdf/ua-1"
        reader = PdfReader(BytesIO(render_brief(voorbeelden.ontvangstbevestiging())))
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        part = "{http://www.aiim.org/pdfua/ns/id/}part"
        waarden = [e.attrib[part] for e in ElementTree.fromstring(xmp).iter() if part in e.attrib]
        assert waarden == ["1"]
        assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in reader.trailer["/Root"]

    def test_only_the_shipped_font_is_embedded(self, besluit_pdf):
        """Every font in the PDF is the shipped Source Sans 3 (regular and bold), embedded."""
        fonts = _fonts(PdfReader(BytesIO(besluit_pdf)))
        assert fonts, "no fonts found"
        assert _fontnamen(fonts) == {"Source-Sans-3", "Source-Sans-3-Bold"}
        assert all(fonts.values()), "a font is not embedded"

    def test_euro_and_ij_in_the_shipped_font(self):
        """'€' and 'ĳ' come from the shipped font, not from a system fallback font."""
        besluit = voorbeelden.besluit(motivering="De ĳsbaan kostte € 12,50 — zo’n “klein” bedrag.")
        pdf_bytes = render_brief(besluit)
        tekst = pdf_tekst(pdf_bytes)
        assert "ĳsbaan kostte € 12,50 — zo’n “klein” bedrag." in tekst
        fonts = _fonts(PdfReader(BytesIO(pdf_bytes)))
        assert _fontnamen(fonts) <= {"Source-Sans-3", "Source-Sans-3-Bold"}

    def test_no_bijlagen_in_the_pdf(self, besluit_pdf):
        """Letters carry no embedded files."""
        reader = PdfReader(BytesIO(besluit_pdf))
        assert reader.attachments == {}


def _fontnamen(fonts) -> set[str]:
    """Strip the subset prefix (ABCDEF+) and Pango's trailing comma from font names."""
    return {naam.split("+", 1)[-1].rstrip(",") for naam in fonts}


def _fonts(reader) -> dict[str, bool]:
    """Return {BaseFont name: embedded?} over all pages."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).lstrip("/")] = embedded
    return fonts


# The month names of the formatter: reading dates back, not checking how they are written.
DATUM = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MAANDEN)}) (\d{{4}})\b")


def gedrukte_datums(tekst: str) -> set[date]:
    """Every date written out in Dutch ("12 maart 2026") in the letter's text."""
    return {
        date(int(jaar), list(MAANDEN).index(maand) + 1, int(dag))
        for dag, maand, jaar in DATUM.findall(tekst)
    }


def tekst_van(brief) -> str:
    """Generate the stored letter as the worker does and read the stored PDF back."""
    assert brieven_services.brief_genereren(brief_id=brief.pk) is True
    brief.refresh_from_db()
    with brief.bestand.open("rb") as bestand:
        return pdf_tekst(bestand.read())


@pytest.mark.django_db
class TestDatesInEveryLetterAreTheStoredDates:
    """Each letter kind made by the real services prints exactly the dates stored on the case
    (decision deadline, term ends), besides the letter's own date and the day of receipt."""

    @pytest.fixture(autouse=True)
    def _regeling(self, db):
        self.regeling = RegelingFactory(drempel_tweede_beoordelaar=Decimal("0"))

    def _in_behandeling(self, beoordelaar, **velden):
        aanvraag = aanvraag_in(
            AanvraagStatus.IN_BEHANDELING,
            behandelaar=beoordelaar,
            ingediend_op=timezone.now() - timedelta(days=10),
            **velden,
        )
        beslistermijn_herberekenen(aanvraag=aanvraag)
        return aanvraag

    def _brief(self, aanvraag, soort, ontvanger=Ontvanger.AANVRAGER):
        return Brief.objects.get(aanvraag=aanvraag, soort=soort, ontvanger=ontvanger)

    def test_ontvangstbevestiging(self, ambtsdrager):
        """The receipt promises the decision by the stored decision deadline."""
        concept = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
        aanvraag = aanvraag_services.aanvraag_indienen(aanvraag=concept, door=ambtsdrager)
        tekst = tekst_van(self._brief(aanvraag, BriefSoort.ONTVANGSTBEVESTIGING))
        aanvraag.refresh_from_db()
        assert f"uiterlijk op {lange_datum(aanvraag.beslistermijn_einde)}" in tekst
        assert gedrukte_datums(tekst) == {timezone.localdate(), aanvraag.beslistermijn_einde}

    def test_aanvulling_with_a_term(self, beoordelaar):
        """The letter's last day is the request's stored term, and the stored decision
        deadline did move: the suspension the letter announces is real."""
        aanvraag = self._in_behandeling(beoordelaar)
        voor = aanvraag.beslistermijn_einde
        verzoek = backoffice.aanvulling_vragen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            vraag="Stuur de factuur.",
            termijn_tot=timezone.localdate() + timedelta(days=17),
        )
        tekst = tekst_van(self._brief(aanvraag, BriefSoort.AANVULLING))
        aanvraag.refresh_from_db()
        assert aanvraag.beslistermijn_einde > voor
        assert f"uiterlijk op {lange_datum(verzoek.termijn_tot)}" in tekst
        assert "staat stil" in tekst
        assert gedrukte_datums(tekst) == {
            timezone.localdate(),
            timezone.localdate(aanvraag.ingediend_op),
            verzoek.termijn_tot,
        }

    def test_aanvulling_without_a_term(self, beoordelaar):
        """No stored term: the letter names no date to answer by and no suspension, and the
        stored decision deadline stays where it was."""
        aanvraag = self._in_behandeling(beoordelaar)
        voor = aanvraag.beslistermijn_einde
        backoffice.aanvulling_vragen(
            aanvraag_id=aanvraag.pk, door=beoordelaar, vraag="Stuur de factuur."
        )
        tekst = tekst_van(self._brief(aanvraag, BriefSoort.AANVULLING))
        aanvraag.refresh_from_db()
        assert aanvraag.beslistermijn_einde == voor
        assert "uiterlijk" not in tekst and "staat stil" not in tekst
        assert gedrukte_datums(tekst) == {
            timezone.localdate(),
            timezone.localdate(aanvraag.ingediend_op),
        }

    def test_verdaging(self, beoordelaar):
        """The old and the new date are the stored deadlines before and after; the first day
        for a notice of default is the day after the new one."""
        aanvraag = self._in_behandeling(beoordelaar)
        voor = aanvraag.beslistermijn_einde
        backoffice.verdagen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            nieuwe_datum=voor + timedelta(days=28),
            reden="Extern advies nodig.",
        )
        tekst = tekst_van(self._brief(aanvraag, BriefSoort.VERDAGING))
        aanvraag.refresh_from_db()
        nieuw = aanvraag.beslistermijn_einde
        assert nieuw == aanvraag.verdaagd_tot == voor + timedelta(days=28)
        assert f"Ik zou uiterlijk op {lange_datum(voor)} op uw aanvraag beslissen." in tekst
        assert f"Ik beslis uiterlijk op {lange_datum(nieuw)} op uw aanvraag." in tekst
        assert f"Dat kan vanaf {lange_datum(nieuw + timedelta(days=1))};" in tekst
        assert gedrukte_datums(tekst) == {
            timezone.localdate(),
            timezone.localdate(aanvraag.ingediend_op),
            voor,
            nieuw,
            nieuw + timedelta(days=1),
        }

    def test_voornemen_afwijzing(self, beoordelaar):
        """The one date for the view is the intended refusal's stored term."""
        aanvraag = self._in_behandeling(beoordelaar)
        voornemen = backoffice.voornemen_afwijzing_versturen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            reden="Al vergoed.",
            termijn_tot=backoffice.zienswijzetermijn_voorstel(aanvraag) + timedelta(days=3),
        )
        tekst = tekst_van(self._brief(aanvraag, BriefSoort.VOORNEMEN_AFWIJZING))
        assert f"uiterlijk op {lange_datum(voornemen.termijn_tot)} bij mij binnen" in tekst
        assert gedrukte_datums(tekst) == {
            timezone.localdate(),
            timezone.localdate(aanvraag.ingediend_op),
            voornemen.termijn_tot,
        }

    def test_besluit_and_kennisgeving(self, beoordelaar, tweede_beoordelaar):
        """The decision prints the payment and objection term ends stored at its dispatch;
        the municipality's notice the same payment date."""
        aanvraag = self._in_behandeling(beoordelaar)
        alles_beoordelen(aanvraag, beoordelaar)
        besluit = backoffice.besluit_opstellen(
            aanvraag_id=aanvraag.pk,
            door=beoordelaar,
            uitkomst=Uitkomst.TOEGEKEND,
            motivering="Ja.",
        )
        backoffice.besluit_goedkeuren(besluit_id=besluit.pk, door=tweede_beoordelaar)
        tekst = tekst_van(self._brief(aanvraag, BriefSoort.BESLUIT))
        besluit.refresh_from_db()
        betalen, bezwaar = besluit.betaaltermijn_einde, besluit.bezwaartermijn_einde
        assert f"uiterlijk op {lange_datum(betalen)} over op rekeningnummer" in tekst
        assert f"en eindigt op {lange_datum(bezwaar)}." in tekst
        assert gedrukte_datums(tekst) == {
            timezone.localdate(besluit.verzonden_op),
            timezone.localdate(aanvraag.ingediend_op),
            betalen,
            bezwaar,
            self.regeling.geldig_van,
        }
        kennisgeving = self._brief(aanvraag, BriefSoort.KENNISGEVING, Ontvanger.GEMEENTE)
        tekst = tekst_van(kennisgeving)
        assert gedrukte_datums(tekst) == {timezone.localdate(besluit.verzonden_op), betalen}


@pytest.mark.django_db
def test_uw_kenmerk_of_the_aanvraag_is_printed_on_the_applicants_letters_only():
    """The applicant's own reference from the claim is on their decision letter; neither the
    municipality's notice nor an older copy for the municipality carries it."""
    besluit = zaken.goedgekeurd_besluit(aanvraag=zaken.ingediende_aanvraag(uw_kenmerk="MIJN-REF 7"))
    brief = brieven_services.besluitbrief_aanmaken(besluit_id=besluit.pk)
    assert "Ons kenmerk" in (tekst := tekst_van(brief))
    assert "Uw kenmerk MIJN-REF 7" in tekst
    kennisgeving = Brief.objects.get(besluit=besluit, soort=BriefSoort.KENNISGEVING)
    afschrift = brieven_services.brief_aanmaken(
        aanvraag_id=besluit.aanvraag_id,
        soort=BriefSoort.BESLUIT,
        bron=f"besluit:{besluit.pk}",
        ontvanger=Ontvanger.GEMEENTE,
        besluit_id=besluit.pk,
    )
    for andere in (kennisgeving, afschrift):
        tekst = tekst_van(andere)
        assert "MIJN-REF" not in tekst and "Uw kenmerk" not in tekst
