"""The office holder's form: bad input gives a clear message and keeps everything else."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meldingen.constants import MeldingStatus
from meldingen.models import Bijlage, Melding
from tests.meldingen.factories import BijlageFactory, MeldingFactory, png_bytes

pytestmark = pytest.mark.django_db

OMSCHRIJVING = "Er stond een man voor mijn deur die schreeuwde (uniek-kenmerk-42)."


def geldig(**overrides):
    data = {
        "datum_van": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "categorieen": ["bedreiging"],
        "omschrijving": OMSCHRIJVING,
        "locatie": "woning",
        "kanaal": "persoonlijk",
        "gericht_op": "ambt",
        "doelwitten": ["zelf", "naasten"],
        "dader": "onbekend",
        "herhaald": "False",
        "intern_gemeld": "True",
        "aangifte": "gepland",
        "impact": ["werk"],
        "ondersteuning": ["psychosociaal"],
        "actie": "controleren",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def owner_client(ambtsdrager, verified_client):
    return verified_client(ambtsdrager)


def _post(client, melding, data):
    url = (
        reverse("meldingen:bewerken", args=[melding.uuid])
        if melding
        else reverse("meldingen:nieuw")
    )
    return client.post(url, data)


def test_new_melding_page_says_who_sees_it_and_where_to_get_help(owner_client):
    """The form states BZK sees it, the municipality does not, and names help and 112."""
    html = owner_client.get(reverse("meldingen:nieuw")).content.decode()
    assert "Uw gemeente ziet uw melding niet" in html
    assert "112" in html and "peer support" in html and "Psychosociale hulp" in html


def test_valid_answers_go_to_check_page(owner_client, ambtsdrager):
    response = _post(owner_client, None, geldig())
    melding = Melding.objects.get(eigenaar=ambtsdrager)
    assert response.status_code == 302
    assert response["Location"] == reverse("meldingen:controleren", args=[melding.uuid])
    assert melding.omschrijving == OMSCHRIJVING and melding.doelwitten == ["zelf", "naasten"]
    assert melding.herhaald is False and melding.intern_gemeld is True


def test_draft_can_be_saved_half_filled_and_resumed(owner_client, ambtsdrager):
    """A concept saves with only some answers and shows them again later."""
    response = _post(owner_client, None, {"omschrijving": OMSCHRIJVING, "actie": "opslaan"})
    melding = Melding.objects.get(eigenaar=ambtsdrager)
    assert response.status_code == 302 and melding.status == MeldingStatus.CONCEPT
    html = owner_client.get(reverse("meldingen:bewerken", args=[melding.uuid])).content.decode()
    assert OMSCHRIJVING in html


def test_missing_required_fields(owner_client, ambtsdrager):
    """Each missing answer has its own message, linked from the summary at the top."""
    response = _post(owner_client, None, {"omschrijving": OMSCHRIJVING, "actie": "controleren"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutmeldingen"' in html
    for text in ("Vul de datum in", "Kies wat er is gebeurd", "Kies of u aangifte heeft gedaan"):
        assert text in html
    assert 'href="#id_categorieen_0"' in html and 'href="#id_datum_van"' in html
    assert OMSCHRIJVING in html
    # What was valid is kept on the concept as well.
    assert Melding.objects.get(eigenaar=ambtsdrager).omschrijving == OMSCHRIJVING


def _focus_op_fouten(html):
    # static/js/foutoverzicht.js focuses the element marked data-focus-bij-laden.
    return 'id="foutmeldingen" data-focus-bij-laden' in html and "js/foutoverzicht.js" in html


def test_error_summary_gets_the_keyboard_focus(owner_client, ambtsdrager, melding):
    """A refused form or aanvulling moves the focus to the error summary (WCAG 3.3.1)."""
    response = _post(owner_client, None, {"omschrijving": OMSCHRIJVING, "actie": "controleren"})
    assert _focus_op_fouten(response.content.decode())
    url = reverse("meldingen:aanvullen", args=[melding.uuid])
    assert _focus_op_fouten(owner_client.post(url, {"tekst": ""}).content.decode())
    assert not _focus_op_fouten(owner_client.get(url).content.decode())


def test_date_in_the_future(owner_client, concept):
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _post(owner_client, concept, geldig(datum_van=morgen))
    assert response.status_code == 200
    assert "De datum mag niet in de toekomst liggen." in response.content.decode()
    assert OMSCHRIJVING in response.content.decode()


def test_period_end_before_start(owner_client, concept):
    response = _post(
        owner_client,
        concept,
        geldig(datum_tot=(timezone.localdate() - timedelta(days=5)).isoformat()),
    )
    assert "De laatste dag moet na de eerste dag liggen." in response.content.decode()


def test_anders_without_explanation(owner_client, concept):
    response = _post(owner_client, concept, geldig(categorieen=["anders"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "U koos &#x27;anders&#x27;: beschrijf kort wat voor incident het was." in html
    assert OMSCHRIJVING in html
    ok = _post(owner_client, concept, geldig(categorieen=["anders"], categorie_anders="Graffiti"))
    assert ok.status_code == 302


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _truncated_png():
    data = png_bytes((300, 300), noise=True)
    return data[: len(data) * 2 // 3]


BAD_FILES = {
    "20 MB": ("groot.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "te groot"),
    "exe renamed pdf": ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500, "niet toegestaan"),
    "html renamed png": (
        "plaatje.png",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "niet toegestaan",
    ),
    "truncated image": ("kapot.png", _truncated_png(), "beschadigd of onvolledig"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_rejected_file_keeps_text_and_earlier_files(case, owner_client, concept, ambtsdrager):
    """A rejected file: a message next to the field; text and accepted files stay."""
    eerder = BijlageFactory(melding=concept, bestandsnaam="eerder.png")
    name, content, message = BAD_FILES[case]
    data = geldig(actie="uploaden", bestanden=_upload(name, content))
    response = _post(owner_client, concept, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "is niet toegevoegd" in html
    assert 'href="#id_bestanden"' in html  # in the error summary
    assert 'class="invalid-feedback' in html  # next to the field
    assert OMSCHRIJVING in html and "eerder.png" in html
    assert list(concept.bijlagen.all()) == [eerder]
    concept.refresh_from_db()
    assert concept.omschrijving == OMSCHRIJVING


def test_file_name_with_path_is_stored_under_a_safe_name(owner_client, concept, private_media):
    data = geldig(actie="uploaden", bestanden=_upload("../../etc/passwd.png", png_bytes()))
    response = _post(owner_client, concept, data)
    assert response.status_code == 302
    bijlage = concept.bijlagen.get()
    assert "/" not in bijlage.bestandsnaam and ".." not in bijlage.bestandsnaam
    assert bijlage.bestandsnaam.endswith(".png")
    assert bijlage.bestand.name.startswith("meldingen/")
    assert (private_media / bijlage.bestand.name).exists()
    html = owner_client.get(response["Location"]).content.decode()
    assert f"{bijlage.bestandsnaam} is toegevoegd." in html
    assert OMSCHRIJVING in html


def test_very_long_file_name_is_shortened(owner_client, concept):
    data = geldig(actie="uploaden", bestanden=_upload("a" * 296 + ".png", png_bytes()))
    response = _post(owner_client, concept, data)
    assert response.status_code == 302
    bijlage = concept.bijlagen.get()
    assert len(bijlage.bestandsnaam) <= 100 and bijlage.bestandsnaam.endswith(".png")
    html = owner_client.get(response["Location"]).content.decode()
    assert "is toegevoegd." in html and OMSCHRIJVING in html


def test_eleventh_file_is_refused(owner_client, concept, settings):
    settings.UPLOAD_MAX_FILES = 10
    for i in range(10):
        BijlageFactory(melding=concept, bestandsnaam=f"foto{i}.png")
    response = _post(
        owner_client, concept, geldig(actie="uploaden", bestanden=_upload("elf.png", png_bytes()))
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "maximaal 10 bestanden" in html
    assert OMSCHRIJVING in html and "foto9.png" in html
    assert concept.bijlagen.count() == 10


def test_accepted_file_type_comes_from_content(owner_client, concept):
    """A real PNG named .pdf is stored as a PNG."""
    response = _post(
        owner_client, concept, geldig(actie="uploaden", bestanden=_upload("scan.pdf", png_bytes()))
    )
    assert response.status_code == 302
    bijlage = concept.bijlagen.get()
    assert bijlage.content_type == "image/png" and bijlage.bestandsnaam == "scan.png"


def test_attachment_can_be_removed_from_a_concept(owner_client, concept):
    bijlage = BijlageFactory(melding=concept)
    response = _post(owner_client, concept, geldig(actie=f"verwijder:{bijlage.uuid}"))
    assert response.status_code == 302
    assert not Bijlage.objects.filter(pk=bijlage.pk).exists()
    assert Melding.objects.get(pk=concept.pk).omschrijving == OMSCHRIJVING


@pytest.mark.parametrize("waarde", ["geen-uuid", "", "12345"])
def test_remove_with_a_malformed_attachment_id_keeps_everything(owner_client, concept, waarde):
    """A tampered remove button is ignored: no server error, the answers and files stay."""
    bijlage = BijlageFactory(melding=concept)
    response = _post(owner_client, concept, geldig(actie=f"verwijder:{waarde}"))
    assert response.status_code == 302
    assert Bijlage.objects.filter(pk=bijlage.pk).exists()
    assert Melding.objects.get(pk=concept.pk).omschrijving == OMSCHRIJVING


def test_check_page_shows_answers_and_sends(owner_client, concept):
    url = reverse("meldingen:controleren", args=[concept.uuid])
    html = owner_client.get(url).content.decode()
    assert concept.omschrijving in html and "Melding versturen" in html
    response = owner_client.post(url)
    concept.refresh_from_db()
    assert concept.status == MeldingStatus.ONTVANGEN
    assert response["Location"] == reverse("meldingen:verstuurd", args=[concept.uuid])
    assert concept.referentie in owner_client.get(response["Location"]).content.decode()


def test_incomplete_concept_cannot_be_sent_from_check_page(owner_client, ambtsdrager):
    concept = MeldingFactory(eigenaar=ambtsdrager, leeg=True)
    url = reverse("meldingen:controleren", args=[concept.uuid])
    assert "nog niet compleet" in owner_client.get(url).content.decode()
    owner_client.post(url)
    concept.refresh_from_db()
    assert concept.status == MeldingStatus.CONCEPT


def test_aanvulling_with_bad_file_keeps_text_and_stores_nothing(owner_client, melding):
    url = reverse("meldingen:aanvullen", args=[melding.uuid])
    response = owner_client.post(
        url,
        {
            "tekst": "Hij kwam terug (aanvul-tekst)",
            "bestanden": [_upload("x.png", b"<html></html>")],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "niet toegestaan" in html and "Hij kwam terug (aanvul-tekst)" in html
    assert not melding.aanvullingen.exists()


def test_double_submit_does_not_fail(owner_client, concept, monkeypatch):
    """A second 'send' for the same concept (double click) lands on the detail page."""
    from meldingen import views

    url = reverse("meldingen:controleren", args=[concept.uuid])

    def already_sent(**kwargs):
        raise PermissionDenied

    monkeypatch.setattr(views.services, "melding_indienen", already_sent)
    response = owner_client.post(url)
    assert response["Location"] == reverse("meldingen:detail", args=[concept.uuid])


def test_confirmation_says_how_to_link_the_melding_to_a_claim(owner_client, melding):
    """A claim links meldingen by ticking them; the page says so and links to a new claim."""
    html = owner_client.get(reverse("meldingen:verstuurd", args=[melding.uuid])).content.decode()
    assert "Noem dan deze referentie" not in html
    assert "aanvinken" in html and f'href="{reverse("aanvragen:nieuw")}"' in html
