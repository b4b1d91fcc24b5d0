"""A refused upload in the browser: the reason next to the field, every answer kept.

The EICAR PDF goes through the real clamd (`make test` starts it); the deep page tree is
refused by the PDF limits. Both on /meldingen/nieuw/, as an office holder would meet them.
"""

import pytest

from meldingen.models import Bijlage, Melding
from tests.browser.test_meldingen import _vul_formulier_in, no_broker  # noqa: F401 - autouse
from tests.core import hostile_files
from tests.meldingen.conftest import private_media  # noqa: F401 - autouse: files in tmp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_virus_and_deep_pdf_are_refused_next_to_the_field(
    page, live_server, login_as, assert_no_axe_violations, ambtsdrager
):
    login_as(page, ambtsdrager)
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    _vul_formulier_in(page)
    eicar_pdf, deep_pdf = hostile_files.eicar_pdf(), hostile_files.deep_pdf()
    page.set_input_files(
        "#id_bestanden",
        files=[
            {"name": "factuur.pdf", "mimeType": "application/pdf", "buffer": eicar_pdf},
            {"name": "diep.pdf", "mimeType": "application/pdf", "buffer": deep_pdf},
        ],
    )
    page.get_by_role("button", name="Bestand toevoegen").click()
    fout = page.locator("#id_bestanden_error")
    fout.wait_for()
    tekst = fout.inner_text()
    assert "factuur.pdf is niet toegevoegd" in tekst and "mogelijk een virus" in tekst
    assert "diep.pdf is niet toegevoegd" in tekst and "te diep genest" in tekst
    melding = Melding.objects.get(eigenaar=ambtsdrager)  # the answers of steps 1-3 are kept
    assert "Via Facebook" in melding.omschrijving and melding.locatie == "online"
    assert_no_axe_violations(page)
    assert not Bijlage.objects.exists()
