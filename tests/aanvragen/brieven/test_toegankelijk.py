"""Letters are tagged PDFs (#14 item 7): a screen reader finds headings, paragraphs and tables.

Every letter kind is rendered for real and read back: `pdfinfo` must say "Tagged: yes" and
the structure tree (pypdf) must hold the parts a reader navigates by.
"""

import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader

from aanvragen.brieven import voorbeelden
from aanvragen.brieven.context import render_brief

SOORTEN = {
    "besluit": voorbeelden.besluit,
    "toekenning": voorbeelden.toekenning,
    "ontvangstbevestiging": voorbeelden.ontvangstbevestiging,
    "aanvulling": voorbeelden.aanvulling,
    "verdaging": voorbeelden.verdaging,
    "voornemen_afwijzing": voorbeelden.voornemen_afwijzing,
    "kennisgeving": voorbeelden.kennisgeving,
}


def _structuur(knoop, tellingen: dict) -> dict:
    """Count the structure types (/H2, /P, /Table, ...) below `knoop`."""
    knoop = knoop.get_object()
    if "/S" in knoop:
        tellingen[knoop["/S"]] = tellingen.get(knoop["/S"], 0) + 1
    kinderen = knoop.get("/K")
    if kinderen is None:
        return tellingen
    for kind in kinderen if isinstance(kinderen, list) else [kinderen]:
        kind = kind.get_object() if hasattr(kind, "get_object") else kind
        if isinstance(kind, dict):
            _structuur(kind, tellingen)
    return tellingen


@pytest.fixture(scope="module", params=sorted(SOORTEN))
def brief(request, tmp_path_factory):
    pdf = render_brief(SOORTEN[request.param]())
    pad = tmp_path_factory.mktemp("brieven") / f"{request.param}.pdf"
    pad.write_bytes(pdf)
    return request.param, pad, PdfReader(BytesIO(pdf))


def test_pdfinfo_says_tagged(brief):
    _soort, pad, _reader = brief
    info = subprocess.run(["pdfinfo", str(pad)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout


def test_language_and_structure_for_screen_readers(brief):
    soort, _pad, reader = brief
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])  # a pypdf BooleanObject
    tellingen = _structuur(root["/StructTreeRoot"], {})
    koppen = sum(n for tag, n in tellingen.items() if tag in {"/H1", "/H2", "/H3"})
    assert koppen >= 1, tellingen
    assert tellingen.get("/P", 0) >= 3, tellingen
    if soort in {"besluit", "toekenning"}:
        # The cost table is a real table with header cells, not positioned text.
        assert tellingen.get("/Table", 0) >= 1 and tellingen.get("/TH", 0) >= 1, tellingen


def test_the_objection_clause_is_in_normal_type():
    """The clause that tells how to object is not in smaller type than the rest."""
    from django.template.loader import render_to_string

    html = render_to_string("brieven/_bezwaar.html", {"brief": voorbeelden.besluit()})
    assert 'class="bezwaar"' in html
    assert "klein" not in html.split(">", 1)[0]
