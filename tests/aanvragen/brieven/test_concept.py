"""The draft decision preview says CONCEPT on every page; a letter that is sent never does."""

import shutil
import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from pdfminer.high_level import extract_text
from pypdf import PdfReader

from aanvragen.brieven import voorbeelden
from aanvragen.brieven.context import render_brief
from aanvragen.constants import BesluitStatus
from tests.aanvragen.brieven import zaken
from tests.aanvragen.brieven.conftest import pdf_tekst
from tests.factories import UserFactory


def _paginas(pdf: bytes) -> list[str]:
    """The text of each page, read back with pdfminer (the letters' own test reader)."""
    aantal = len(PdfReader(BytesIO(pdf)).pages)
    return [extract_text(BytesIO(pdf), page_numbers=[i]) for i in range(aantal)]


def _lang_besluit():
    """A decision letter long enough for more than one page."""
    regel = voorbeelden.KOSTENREGELS[0]
    return voorbeelden.besluit(kostenregels=tuple(regel for _ in range(25)))


class TestConceptOpElkePagina:
    def test_every_page_of_a_preview_says_concept(self):
        """Each page of a multi-page preview carries CONCEPT."""
        paginas = _paginas(render_brief(_lang_besluit(), concept=True))
        assert len(paginas) >= 2
        for nummer, tekst in enumerate(paginas, start=1):
            assert "CONCEPT" in tekst, f"page {nummer} has no CONCEPT"

    def test_a_sent_letter_never_says_concept(self):
        """The same letter rendered for sending has no CONCEPT anywhere, nor in its title."""
        pdf = render_brief(_lang_besluit())
        assert "CONCEPT" not in pdf_tekst(pdf)
        assert "CONCEPT" not in (PdfReader(BytesIO(pdf)).metadata.title or "")

    def test_the_preview_title_says_concept(self):
        """The PDF's title (shown by viewers as the window name) says concept too."""
        pdf = render_brief(voorbeelden.besluit(), concept=True)
        assert PdfReader(BytesIO(pdf)).metadata.title.startswith("CONCEPT")

    @pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
    def test_pdftotext_finds_concept_on_every_page(self, tmp_path):
        """poppler's pdftotext, as a reader outside Python, sees CONCEPT per page as well."""
        bestand = tmp_path / "concept.pdf"
        bestand.write_bytes(render_brief(_lang_besluit(), concept=True))
        tekst = subprocess.run(  # noqa: S603 - fixed arguments, our own file
            ["pdftotext", "-layout", str(bestand), "-"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        paginas = [p for p in tekst.split("\f") if p.strip()]
        assert len(paginas) >= 2
        assert all("CONCEPT" in p for p in paginas)


@pytest.mark.django_db
def test_preview_download_is_named_and_marked_concept(verified_client, ambtsdrager):
    """The assessor's preview is a concept by file name, title and on every page."""
    besluit = zaken.goedgekeurd_besluit(
        aanvraag=zaken.ingediende_aanvraag(aanvrager=ambtsdrager), status=BesluitStatus.CONCEPT
    )
    response = verified_client(UserFactory(beoordelaar=True)).get(
        reverse("brieven:besluit_voorbeeld", args=[besluit.pk])
    )
    assert response.status_code == 200
    assert 'filename="CONCEPT-' in response["Content-Disposition"]
    paginas = _paginas(response.content)
    assert all("CONCEPT" in tekst for tekst in paginas)
