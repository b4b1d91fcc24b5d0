"""Every letter type rendered to a real PDF and read back as text."""

from datetime import date
from io import BytesIO
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from aanvragen.brieven import voorbeelden
from aanvragen.brieven.context import render_brief
from aanvragen.constants import Uitkomst
from tests.aanvragen.brieven.conftest import pdf_tekst, woorden_in_volgorde


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
            "begint op de dag na de dag waarop dit besluit is verzonden",
            "uiterlijk op 23 april 2026 zijn ontvangen",
            "naar de Minister van Binnenlandse Zaken en Koninkrijksrelaties, Postbus 20011",
            "ondertekend",
            "uw naam en adres; de datum; een omschrijving van het besluit",
            "de redenen waarom u het niet eens bent",
        ],
    )
    def test_bezwaar_clause(self, besluit_tekst, verwacht):
        """The objection clause says who, within six weeks from when, to whom and what (3:45)."""
        assert verwacht in besluit_tekst

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
    assert "U ontvangt mijn besluit uiterlijk op 10 april 2026." in tekst
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


class TestPdfBestand:
    def test_pdf_a_2b_metadata(self, besluit_pdf):
        """The XMP metadata declares PDF/A-2b and the document has a title."""
        reader = PdfReader(BytesIO(besluit_pdf))
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
        attributen = {}
        for element in ElementTree.fromstring(xmp).iter():
            attributen.update({k: v for k, v in element.attrib.items() if k.startswith(pdfaid)})
        assert attributen == {f"{pdfaid}part": "2", f"{pdfaid}conformance": "B"}
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
