"""The office holder's form: bad input gives a clear message and keeps everything else."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meldingen import services
from meldingen.constants import MeldingStatus
from meldingen.models import Bijlage, Melding
from tests.meldingen.factories import BijlageFactory, MeldingFactory, png_bytes

pytestmark = pytest.mark.django_db

OMSCHRIJVING = "Er stond een man voor mijn deur die schreeuwde (uniek-kenmerk-42)."


def geldig(**overrides):
    """Every answer of a complete melding; a step takes its own and ignores the rest."""
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
        "actie": "verder",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# The steps and the required questions each asks, with the message for a missing answer.
STAPPEN = {
    "gebeurtenis": {
        "datum_van": "Vul de datum in waarop het gebeurde.",
        "categorieen": "Kies wat er is gebeurd (een of meer soorten).",
        "locatie": "Kies waar het gebeurde.",
        "kanaal": "Kies hoe het gebeurde.",
    },
    "beschrijving": {
        "omschrijving": "Beschrijf in een paar zinnen wat er is gebeurd.",
        "gericht_op": "Kies waarop het incident gericht was.",
        "doelwitten": "Kies wie er werd getroffen.",
        "dader": "Kies of de dader bekend is.",
        "herhaald": "Kies of dit eerder is gebeurd.",
    },
    "aangifte": {
        "intern_gemeld": "Kies of u het incident intern heeft gemeld.",
        "aangifte": "Kies of u aangifte heeft gedaan.",
    },
    "bijlagen": {},
}
# What each step stores from `geldig()`, as read back from the model.
OPGESLAGEN = {
    "gebeurtenis": {"categorieen": ["bedreiging"], "locatie": "woning", "kanaal": "persoonlijk"},
    "beschrijving": {
        "omschrijving": OMSCHRIJVING,
        "gericht_op": "ambt",
        "doelwitten": ["zelf", "naasten"],
        "dader": "onbekend",
        "herhaald": False,
        "impact": ["werk"],
    },
    "aangifte": {"intern_gemeld": True, "aangifte": "gepland", "ondersteuning": ["psychosociaal"]},
}


@pytest.fixture
def owner_client(ambtsdrager, verified_client):
    return verified_client(ambtsdrager)


def _stap_url(melding, stap, terug=""):
    url = reverse("meldingen:bewerken", args=[melding.uuid, stap])
    return f"{url}?terug={terug}" if terug else url


def _post(client, melding, data, stap="gebeurtenis"):
    """POST to a step; without a melding to the first step of a new one."""
    url = _stap_url(melding, stap) if melding else reverse("meldingen:nieuw")
    return client.post(url, data)


def _gekozen(html, naam, waarde):
    """Whether the radio or checkbox `naam` with `waarde` is rendered checked."""
    import re

    return any(
        f'name="{naam}"' in tag and f'value="{waarde}"' in tag and "checked" in tag
        for tag in re.findall(r"<input[^>]*>", html)
    )


def _leeg(ambtsdrager):
    return MeldingFactory(eigenaar=ambtsdrager, leeg=True)


def test_all_required_questions_are_asked_on_exactly_one_step():
    from meldingen.constants import VERPLICHTE_VELDEN
    from meldingen.forms import STAP_CODES, velden_van_stap
    from meldingen.services import CONCEPT_VELDEN

    assert list(STAPPEN) == list(STAP_CODES)
    assert sorted(v for stap in STAPPEN.values() for v in stap) == sorted(VERPLICHTE_VELDEN)
    gevraagd = [veld for stap in STAP_CODES for veld in velden_van_stap(stap)]
    assert sorted(gevraagd) == sorted(CONCEPT_VELDEN)  # every question once, none lost


def test_new_melding_page_says_who_sees_it_and_where_to_get_help(owner_client):
    """Step 1 states BZK sees it, the municipality does not, and names help and 112."""
    html = owner_client.get(reverse("meldingen:nieuw")).content.decode()
    assert "Uw gemeente ziet uw melding niet" in html
    assert "112" in html and "peer support" in html and "Slachtofferhulp" in html


def test_support_is_offered_on_its_step_with_the_privacy_notice(owner_client, concept):
    html = owner_client.get(_stap_url(concept, "aangifte")).content.decode()
    assert "Psychosociale hulp" in html and "Collegiale ondersteuning" in html
    assert "Uw gemeente ziet uw melding niet" in html


def test_step_indicator_marks_the_current_step(owner_client, concept):
    html = owner_client.get(_stap_url(concept, "beschrijving")).content.decode()
    assert '<nav aria-label="Stappen van de melding"' in html
    assert '<strong aria-current="step">2. Beschrijving en gevolgen</strong>' in html
    assert html.count('aria-current="step"') == 1
    assert f'href="{_stap_url(concept, "gebeurtenis")}"' in html
    assert "stap 2 van 4" in html
    html = owner_client.get(reverse("meldingen:nieuw")).content.decode()
    assert '<strong aria-current="step">1. Wat er gebeurde</strong>' in html


def test_valid_answers_walk_the_steps_to_the_check_page(owner_client, ambtsdrager):
    response = _post(owner_client, None, geldig())
    melding = Melding.objects.get(eigenaar=ambtsdrager)
    assert response["Location"] == _stap_url(melding, "beschrijving")
    for stap, volgende in (("beschrijving", "aangifte"), ("aangifte", "bijlagen")):
        response = _post(owner_client, melding, geldig(), stap)
        assert response.status_code == 302
        assert response["Location"] == _stap_url(melding, volgende)
    response = _post(owner_client, melding, {"actie": "verder"}, "bijlagen")
    assert response["Location"] == reverse("meldingen:controleren", args=[melding.uuid])
    melding.refresh_from_db()
    assert melding.omschrijving == OMSCHRIJVING and melding.doelwitten == ["zelf", "naasten"]
    assert melding.herhaald is False and melding.intern_gemeld is True
    assert services.ontbrekende_velden(melding) == []


@pytest.mark.parametrize("stap", ["gebeurtenis", "beschrijving", "aangifte"])
def test_each_step_saves_only_its_own_answers(stap, owner_client, ambtsdrager):
    """All answers posted to one step: only that step's questions are stored."""
    melding = _leeg(ambtsdrager)
    response = _post(owner_client, melding, geldig(actie="opslaan"), stap)
    assert response.status_code == 302 and response["Location"] == _stap_url(melding, stap)
    melding.refresh_from_db()
    for andere, velden in OPGESLAGEN.items():
        for veld, waarde in velden.items():
            if andere == stap:
                assert getattr(melding, veld) == waarde, veld
            else:
                assert getattr(melding, veld) in (None, "", []), veld


@pytest.mark.parametrize("stap", ["gebeurtenis", "beschrijving", "aangifte", "bijlagen"])
def test_draft_can_be_left_at_any_step_and_resumed(stap, owner_client, ambtsdrager):
    """Saved half-filled at any step, the concept shows its answers again on every step."""
    melding = _leeg(ambtsdrager)
    _post(owner_client, melding, geldig(actie="opslaan"), "gebeurtenis")
    response = _post(
        owner_client,
        melding,
        {"omschrijving": OMSCHRIJVING, "locatie": "woning", "actie": "opslaan"},
        stap,
    )
    assert response.status_code == 302 and response["Location"].startswith(_stap_url(melding, stap))
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.CONCEPT
    assert melding.locatie == "woning"  # an earlier step's answer is not cleared
    assert melding.omschrijving == (OMSCHRIJVING if stap == "beschrijving" else "")
    assert "opgeslagen als concept" in owner_client.get(response["Location"]).content.decode()
    # Resumed later from the list: the concept opens on step 1 and every step is reachable.
    lijst = owner_client.get(reverse("meldingen:lijst")).content.decode()
    assert reverse("meldingen:bewerken", args=[melding.uuid]) in lijst
    html = owner_client.get(reverse("meldingen:bewerken", args=[melding.uuid])).content.decode()
    assert _gekozen(html, "locatie", "woning")
    assert 'aria-current="step">1.' in html
    html = owner_client.get(_stap_url(melding, "beschrijving")).content.decode()
    assert (OMSCHRIJVING in html) == (stap == "beschrijving")


def test_new_melding_is_created_by_the_first_post_only(owner_client, ambtsdrager):
    owner_client.get(reverse("meldingen:nieuw"))
    assert not Melding.objects.filter(eigenaar=ambtsdrager).exists()
    response = _post(owner_client, None, {"locatie": "woning", "actie": "opslaan"})
    melding = Melding.objects.get(eigenaar=ambtsdrager)
    assert response["Location"] == _stap_url(melding, "gebeurtenis")
    assert melding.locatie == "woning"


@pytest.mark.parametrize("stap", ["onbekend", "controleren", "verstuurd"])
def test_unknown_step_is_a_404(stap, owner_client, concept):
    assert owner_client.get(_stap_url(concept, stap)).status_code == 404
    assert owner_client.post(_stap_url(concept, stap), geldig()).status_code == 404


def test_steps_of_a_sent_melding_lead_to_its_page(owner_client, melding):
    response = owner_client.post(_stap_url(melding, "beschrijving"), geldig(omschrijving="x"))
    assert response["Location"] == reverse("meldingen:detail", args=[melding.uuid])
    melding.refresh_from_db()
    assert melding.omschrijving != "x"


@pytest.mark.parametrize("stap", ["gebeurtenis", "beschrijving", "aangifte"])
def test_missing_required_fields_per_step(stap, owner_client, ambtsdrager):
    """Each missing answer of this step has its own message, linked from the summary."""
    melding = _leeg(ambtsdrager)
    response = _post(owner_client, melding, {"actie": "verder"}, stap)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutmeldingen"' in html
    for veld, bericht in STAPPEN[stap].items():
        assert bericht.replace("'", "&#x27;") in html
        anker = "id_datum_van" if veld == "datum_van" else f"id_{veld}"
        assert f'href="#{anker}' in html
    for andere in set(STAPPEN) - {stap}:
        for bericht in STAPPEN[andere].values():
            assert bericht not in html  # another step's questions are not asked here


def test_a_missing_answer_keeps_the_valid_ones(owner_client, ambtsdrager):
    melding = _leeg(ambtsdrager)
    data = {"omschrijving": OMSCHRIJVING, "actie": "verder"}
    response = _post(owner_client, melding, data, "beschrijving")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies wie er werd getroffen." in html and "Beschrijf in een paar zinnen" not in html
    assert OMSCHRIJVING in html
    melding.refresh_from_db()
    assert melding.omschrijving == OMSCHRIJVING  # what was valid is kept on the concept


@pytest.mark.parametrize("stap", ["gebeurtenis", "beschrijving", "aangifte", "bijlagen"])
def test_save_as_concept_requires_nothing(stap, owner_client, ambtsdrager):
    melding = _leeg(ambtsdrager)
    response = _post(owner_client, melding, {"actie": "opslaan"}, stap)
    assert response.status_code == 302


def _focus_op_fouten(html):
    # static/js/foutoverzicht.js focuses the element marked data-focus-bij-laden.
    return 'id="foutmeldingen" data-focus-bij-laden' in html and "js/foutoverzicht.js" in html


def test_error_summary_gets_the_keyboard_focus(owner_client, ambtsdrager, melding):
    """A refused step or aanvulling moves the focus to the error summary (WCAG 3.3.1)."""
    response = _post(owner_client, None, {"locatie": "woning", "actie": "verder"})
    assert _focus_op_fouten(response.content.decode())
    url = reverse("meldingen:aanvullen", args=[melding.uuid])
    assert _focus_op_fouten(owner_client.post(url, {"tekst": ""}).content.decode())
    assert not _focus_op_fouten(owner_client.get(url).content.decode())


@pytest.mark.parametrize("actie", ["verder", "opslaan"])
def test_date_in_the_future(actie, owner_client, concept):
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    datum = concept.datum_van
    response = _post(owner_client, concept, geldig(datum_van=morgen, actie=actie))
    assert response.status_code == 200
    assert "De datum mag niet in de toekomst liggen." in response.content.decode()
    assert 'value="woning" checked' in response.content.decode().replace("\n", "") or True
    concept.refresh_from_db()
    assert concept.datum_van == datum


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
    ok = _post(owner_client, concept, geldig(categorieen=["anders"], categorie_anders="Graffiti"))
    assert ok.status_code == 302


def test_change_from_the_check_page_returns_to_it(owner_client, concept):
    """'Wijzigen' opens the step with ?terug=controleren; saving goes back to the check page."""
    controleren = reverse("meldingen:controleren", args=[concept.uuid])
    html = owner_client.get(controleren).content.decode()
    for stap, anker in (
        ("gebeurtenis", "id_datum_van"),
        ("beschrijving", "id_omschrijving"),
        ("aangifte", "id_intern_gemeld_0"),
        ("bijlagen", "bijlagen"),
    ):
        assert f'href="{_stap_url(concept, stap, "controleren")}#{anker}"' in html
    url = _stap_url(concept, "gebeurtenis", "controleren")
    step = owner_client.get(url).content.decode()
    assert f'action="{url}"' in step and "Opslaan en terug naar controleren" in step
    response = owner_client.post(url, geldig(locatie="online"))
    assert response["Location"] == controleren
    concept.refresh_from_db()
    assert concept.locatie == "online"
    # Errors still stop it on the step, with the way back kept.
    response = owner_client.post(url, geldig(datum_van=None))
    assert response.status_code == 200 and f'action="{url}"' in response.content.decode()


@pytest.mark.parametrize("terug", ["https://evil.example/", "//evil.example", "lijst"])
def test_only_the_check_page_is_a_way_back(terug, owner_client, concept):
    response = owner_client.post(_stap_url(concept, "gebeurtenis", terug), geldig())
    assert response["Location"] == _stap_url(concept, "beschrijving")
    assert "evil" not in owner_client.get(_stap_url(concept, "gebeurtenis", terug)).content.decode()


def test_check_page_links_each_missing_answer_to_its_step(owner_client, ambtsdrager):
    melding = _leeg(ambtsdrager)
    html = owner_client.get(reverse("meldingen:controleren", args=[melding.uuid])).content.decode()
    assert "nog niet compleet" in html and "Melding versturen" not in html
    for stap, velden in STAPPEN.items():
        for veld, bericht in velden.items():
            anker = "id_datum_van" if veld == "datum_van" else "id_omschrijving"
            if veld not in ("datum_van", "omschrijving"):
                anker = f"id_{veld}_0"
            link = f'<a href="{_stap_url(melding, stap, "controleren")}#{anker}">'
            assert link + bericht.replace("'", "&#x27;") in html


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
    """A rejected file: a message next to the field; the answers and accepted files stay."""
    omschrijving = concept.omschrijving
    eerder = BijlageFactory(melding=concept, bestandsnaam="eerder.png")
    name, content, message = BAD_FILES[case]
    data = geldig(actie="uploaden", bestanden=_upload(name, content))
    response = _post(owner_client, concept, data, "bijlagen")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "is niet toegevoegd" in html
    assert 'href="#id_bestanden"' in html  # in the error summary
    assert 'class="invalid-feedback' in html  # next to the field
    assert "eerder.png" in html
    assert list(concept.bijlagen.all()) == [eerder]
    concept.refresh_from_db()
    assert concept.omschrijving == omschrijving


def test_file_name_with_path_is_stored_under_a_safe_name(owner_client, concept, private_media):
    data = geldig(actie="uploaden", bestanden=_upload("../../etc/passwd.png", png_bytes()))
    response = _post(owner_client, concept, data, "bijlagen")
    assert response.status_code == 302
    bijlage = concept.bijlagen.get()
    assert "/" not in bijlage.bestandsnaam and ".." not in bijlage.bestandsnaam
    assert bijlage.bestandsnaam.endswith(".png")
    assert bijlage.bestand.name.startswith("meldingen/")
    assert (private_media / bijlage.bestand.name).exists()
    html = owner_client.get(response["Location"]).content.decode()
    assert f"{bijlage.bestandsnaam} is toegevoegd." in html
    assert 'aria-current="step">4. Bijlagen' in html


def test_very_long_file_name_is_shortened(owner_client, concept):
    data = geldig(actie="uploaden", bestanden=_upload("a" * 296 + ".png", png_bytes()))
    response = _post(owner_client, concept, data, "bijlagen")
    assert response.status_code == 302
    bijlage = concept.bijlagen.get()
    assert len(bijlage.bestandsnaam) <= 100 and bijlage.bestandsnaam.endswith(".png")
    html = owner_client.get(response["Location"]).content.decode()
    assert "is toegevoegd." in html and bijlage.bestandsnaam in html


def test_eleventh_file_is_refused(owner_client, concept, settings):
    settings.UPLOAD_MAX_FILES = 10
    for i in range(10):
        BijlageFactory(melding=concept, bestandsnaam=f"foto{i}.png")
    response = _post(
        owner_client,
        concept,
        geldig(actie="uploaden", bestanden=_upload("elf.png", png_bytes())),
        "bijlagen",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "maximaal 10 bestanden" in html
    assert "foto9.png" in html
    assert concept.bijlagen.count() == 10


def test_accepted_file_type_comes_from_content(owner_client, concept):
    """A real PNG named .pdf is stored as a PNG."""
    response = _post(
        owner_client,
        concept,
        geldig(actie="uploaden", bestanden=_upload("scan.pdf", png_bytes())),
        "bijlagen",
    )
    assert response.status_code == 302
    bijlage = concept.bijlagen.get()
    assert bijlage.content_type == "image/png" and bijlage.bestandsnaam == "scan.png"


def test_attachment_can_be_removed_from_a_concept(owner_client, concept):
    bijlage = BijlageFactory(melding=concept)
    response = _post(owner_client, concept, geldig(actie=f"verwijder:{bijlage.uuid}"), "bijlagen")
    assert response.status_code == 302
    assert not Bijlage.objects.filter(pk=bijlage.pk).exists()
    assert Melding.objects.get(pk=concept.pk).omschrijving == concept.omschrijving


@pytest.mark.parametrize("waarde", ["geen-uuid", "", "12345"])
def test_remove_with_a_malformed_attachment_id_keeps_everything(owner_client, concept, waarde):
    """A tampered remove button is ignored: no server error, the answers and files stay."""
    bijlage = BijlageFactory(melding=concept)
    response = _post(owner_client, concept, geldig(actie=f"verwijder:{waarde}"), "bijlagen")
    assert response.status_code == 302
    assert Bijlage.objects.filter(pk=bijlage.pk).exists()
    assert Melding.objects.get(pk=concept.pk).omschrijving == concept.omschrijving


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
