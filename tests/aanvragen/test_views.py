"""The applicant flow through the real views: drafts, errors that keep input, submission."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvraag, Bewijsstuk, Voornemen
from fondsbeveiliging.accounts.constants import Ambtstype
from tests.aanvragen.backoffice.factories import BesluitFactory
from tests.aanvragen.factories import (
    AanvraagFactory,
    KostenpostFactory,
    RegelingFactory,
    melding,
    pdf_bytes,
    png_bytes,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eigen_client(client, ambtsdrager):
    client.force_login(ambtsdrager)
    return client


def _pdf(naam="factuur.pdf"):
    return SimpleUploadedFile(naam, pdf_bytes(), content_type="application/pdf")


def _kostenpost_data(**extra):
    data = {
        "categorie": "",
        "omschrijving": "Inbraakalarm met doormelding",
        "leverancier": "Veilig Thuis B.V.",
        "bedrag": "1.234,56",
        "aard": "betaald",
        "bewijs-soort": "factuur",
        "actie": "opslaan",
    }
    data.update(extra)
    return data


def _summary_links(html: str) -> list[str]:
    summary = html.split('id="foutmeldingen"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="#([^"]+)"', summary)


class TestFlow:
    def test_draft_to_submission(self, eigen_client, regeling, ambtsdrager):
        """Start, fill every step, upload evidence, check and submit; kenmerk shown."""
        eigen_melding = melding(ambtsdrager)
        response = eigen_client.post(reverse("aanvragen:nieuw"))
        aanvraag = Aanvraag.objects.get(aanvrager=ambtsdrager)
        assert response["Location"] == reverse("aanvragen:gegevens", args=[aanvraag.pk])

        page = eigen_client.get(response["Location"]).content.decode()
        assert ambtsdrager.correspondentie_adres in page  # prefilled
        response = eigen_client.post(
            reverse("aanvragen:gegevens", args=[aanvraag.pk]),
            {
                "correspondentie_adres": "Postbus 1234",
                "correspondentie_postcode": "1000ab",
                "correspondentie_plaats": "Amsterdam",
                "maatregel_bij_woning": "True",
                "woonadres": "Dorpsstraat 1",
                "woon_postcode": "1234 AB",
                "woon_plaats": "Ede",
                "meldingen": [eigen_melding.pk],
                "actie": "verder",
            },
        )
        assert response["Location"] == reverse("aanvragen:kostenposten", args=[aanvraag.pk])
        response = eigen_client.post(response["Location"], {"actie": "toevoegen"})
        kp = aanvraag.kostenposten.get()
        alarm = regeling.categorieen.get(code="alarm")
        response = eigen_client.post(
            response["Location"],
            _kostenpost_data(
                categorie=alarm.pk,
                **{"bewijs-bestanden": [_pdf(), _pdf("betaald.pdf")], "bewijs-soort": "factuur"},
            ),
        )
        assert response.status_code == 302
        eigen_client.post(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, kp.pk]),
            _kostenpost_data(
                categorie=alarm.pk,
                actie="uploaden",
                **{"bewijs-bestanden": [_pdf("bank.pdf")], "bewijs-soort": "betaalbewijs"},
            ),
        )
        assert kp.bewijsstukken.count() == 3
        response = eigen_client.post(
            reverse("aanvragen:betaling", args=[aanvraag.pk]),
            {
                "iban": "NL91 ABNA 0417 1643 00",
                "rekeninghouder": "J. Jansen",
                "rekening_soort": "eigen",
                "actie": "verder",
            },
        )
        assert response["Location"] == reverse("aanvragen:controleren", args=[aanvraag.pk])
        page = eigen_client.get(response["Location"]).content.decode()
        assert "Nog niet compleet" not in page
        assert "€ 1.234,56" in page
        assert "Dorpsstraat 1" in page  # the owner sees their own home address
        response = eigen_client.post(
            reverse("aanvragen:controleren", args=[aanvraag.pk]), {"verklaring": "on"}
        )
        assert response["Location"] == reverse("aanvragen:verstuurd", args=[aanvraag.pk])
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.INGEDIEND
        assert aanvraag.meldingen.get() == eigen_melding
        assert aanvraag.bedrag_aangevraagd == Decimal("1234.56")
        page = eigen_client.get(response["Location"]).content.decode()
        assert aanvraag.kenmerk in page
        assert f"{aanvraag.beslistermijn_einde.day} " in page
        page = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert aanvraag.kenmerk in page
        assert "Ontvangen" in page
        assert f"{aanvraag.beslistermijn_einde.day} " in page

    def test_save_as_draft_with_empty_fields(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, iban="")
        response = eigen_client.post(
            reverse("aanvragen:betaling", args=[aanvraag.pk]),
            {"iban": "", "rekeninghouder": "A. de Vries", "actie": "concept"},
        )
        assert response["Location"] == reverse("aanvragen:lijst")
        aanvraag.refresh_from_db()
        assert aanvraag.rekeninghouder == "A. de Vries"
        page = eigen_client.get(reverse("aanvragen:lijst")).content.decode()
        assert "verder invullen" in page

    def test_continue_requires_the_step(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, iban="")
        response = eigen_client.post(
            reverse("aanvragen:betaling", args=[aanvraag.pk]),
            {"iban": "", "rekeninghouder": "A. de Vries", "actie": "verder"},
        )
        assert response.status_code == 400
        assert "id_iban" in _summary_links(response.content.decode())

    def test_removing_a_line_keeps_the_other(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        eerste = KostenpostFactory(aanvraag=aanvraag, omschrijving="Camera voordeur")
        KostenpostFactory(aanvraag=aanvraag, omschrijving="Alarm achterdeur")
        response = eigen_client.post(
            reverse("aanvragen:kostenpost_verwijderen", args=[aanvraag.pk, eerste.pk])
        )
        assert response.status_code == 302
        page = eigen_client.get(response["Location"]).content.decode()
        assert "Alarm achterdeur" in page and "Camera voordeur" not in page


@pytest.mark.parametrize(
    ("stap", "verwacht"),
    [
        (
            "gegevens",
            [
                "Vul uw correspondentieadres in",
                "Vul de postcode van uw correspondentieadres in",
                "Vul de plaats van uw correspondentieadres in",
                "Kies of een maatregel bij uw woning is",
            ],
        ),
        (
            "kostenpost",
            [
                "Kies een soort kosten",
                "Beschrijf de maatregel",
                "Vul de naam van de leverancier in",
                "Vul het bedrag inclusief btw in",
                "Kies of de kosten al betaald zijn",
            ],
        ),
        (
            "betaling",
            [
                "Kies op welke rekening u het geld wilt ontvangen",
                "Vul het IBAN in",
                "Vul de tenaamstelling van de rekening in",
            ],
        ),
    ],
)
def test_each_missing_answer_gets_its_own_message(
    eigen_client, regeling, ambtsdrager, stap, verwacht
):
    """An empty step says per question what to fill in, not "Dit veld is verplicht"."""
    aanvraag = AanvraagFactory(
        aanvrager=ambtsdrager,
        correspondentie_adres="",
        correspondentie_postcode="",
        correspondentie_plaats="",
        maatregel_bij_woning=None,
        iban="",
        rekeninghouder="",
        rekening_soort="",
    )
    if stap == "kostenpost":
        regel = KostenpostFactory(aanvraag=aanvraag, categorie=None, bewijs=False)
        url = reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk])
        data = {"actie": "opslaan", "bewijs-soort": "factuur"}
    else:
        url = reverse(f"aanvragen:{stap}", args=[aanvraag.pk])
        data = {"actie": "verder"}
    response = eigen_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is verplicht" not in html
    for tekst in verwacht:
        assert tekst in html, tekst


def test_page_title_starts_with_fout_after_an_error(eigen_client, regeling, ambtsdrager):
    """A screen reader hears at once that the step was refused, as on the melding form."""
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
    url = reverse("aanvragen:betaling", args=[aanvraag.pk])
    assert "<title>Betaling |" in eigen_client.get(url).content.decode()
    response = eigen_client.post(url, {"iban": "NL00", "actie": "verder"})
    assert "<title>Fout: Betaling |" in response.content.decode()


def test_linkable_meldingen_show_the_incident_date(eigen_client, regeling, ambtsdrager):
    """A bare reference says little; the choice names the incident date (and a withdrawal)."""
    from meldingen.models import Melding

    eerste, tweede = melding(ambtsdrager), melding(ambtsdrager, status="ingetrokken")
    Melding.objects.filter(pk__in=[eerste.pk, tweede.pk]).update(datum_van=date(2026, 3, 1))
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
    html = eigen_client.get(reverse("aanvragen:gegevens", args=[aanvraag.pk])).content.decode()
    assert re.search(rf"{eerste.referentie}, incident van 1 maart 2026\s*<", html)
    assert re.search(rf"{tweede.referentie}, incident van 1 maart 2026 \(ingetrokken\)\s*<", html)


class TestBadInputKeepsTheRest:
    @pytest.mark.parametrize(
        ("bedrag", "melding"),
        [
            ("-5", "groter zijn dan € 0"),
            ("12,3,4", "1.234,56"),
            ("2000000", "niet hoger zijn dan"),
        ],
    )
    def test_bad_amount(self, eigen_client, regeling, ambtsdrager, bedrag, melding):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        kp = KostenpostFactory(aanvraag=aanvraag, bedrag=None, omschrijving="", bewijs=False)
        response = eigen_client.post(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, kp.pk]),
            _kostenpost_data(categorie=kp.categorie_id, bedrag=bedrag, omschrijving="Nieuw slot"),
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert melding in html
        assert _summary_links(html) == ["id_bedrag"]
        assert "Nieuw slot" in html and "Veilig Thuis B.V." in html
        assert f'value="{bedrag}"' in html
        kp.refresh_from_db()
        assert kp.bedrag is None  # nothing half-saved

    def test_wrong_iban_checksum(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, iban="", rekeninghouder="")
        response = eigen_client.post(
            reverse("aanvragen:betaling", args=[aanvraag.pk]),
            {
                "iban": "NL92ABNA0417164300",
                "rekeninghouder": "Gemeente Utrecht",
                "rekening_soort": "gemeente",
                "actie": "verder",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "controlecijfers kloppen niet" in html
        assert _summary_links(html) == ["id_iban"]
        assert 'value="Gemeente Utrecht"' in html
        assert re.search(r'<input[^>]*value="gemeente"[^>]*checked', html)

    def test_foreign_iban_when_policy_forbids(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, iban="")
        response = eigen_client.post(
            reverse("aanvragen:betaling", args=[aanvraag.pk]),
            {
                "iban": "DE89370400440532013000",
                "rekeninghouder": "J. Jansen",
                "rekening_soort": "eigen",
                "actie": "verder",
            },
        )
        assert response.status_code == 400
        assert "Alleen een Nederlands IBAN" in response.content.decode()

    def test_melding_of_another_user_by_id_tampering(
        self, eigen_client, regeling, ambtsdrager, andere_ambtsdrager
    ):
        vreemd = melding(andere_ambtsdrager)
        eigen = melding(ambtsdrager)
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        response = eigen_client.post(
            reverse("aanvragen:gegevens", args=[aanvraag.pk]),
            {
                "correspondentie_adres": "Postbus 99",
                "correspondentie_postcode": "1000 AB",
                "correspondentie_plaats": "Amsterdam",
                "maatregel_bij_woning": "False",
                "meldingen": [eigen.pk, vreemd.pk],
                "actie": "verder",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "U kunt alleen uw eigen meldingen koppelen" in html
        assert _summary_links(html) == ["id_meldingen_0"]
        assert 'value="Postbus 99"' in html
        assert vreemd.referentie not in html
        assert not aanvraag.meldingen.exists()

    def test_draft_melding_cannot_be_linked(self, eigen_client, regeling, ambtsdrager):
        concept_melding = melding(ambtsdrager, status="concept")
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        response = eigen_client.post(
            reverse("aanvragen:gegevens", args=[aanvraag.pk]),
            {"meldingen": [concept_melding.pk], "actie": "concept"},
        )
        assert response.status_code == 400

    def test_missing_evidence_is_listed_and_blocks_submission(
        self, eigen_client, regeling, ambtsdrager
    ):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        KostenpostFactory(aanvraag=aanvraag, bewijs=False)
        url = reverse("aanvragen:controleren", args=[aanvraag.pk])
        html = eigen_client.get(url).content.decode()
        assert "Kostenpost 1: voeg een factuur toe (verplicht bij alarmsysteem)." in html
        assert "Aanvraag versturen" not in html
        response = eigen_client.post(url, {"verklaring": "on"})
        assert response.status_code == 400
        assert "voeg een betaalbewijs toe" in response.content.decode()
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.CONCEPT

    def test_each_problem_links_to_its_own_field(self, eigen_client, regeling, ambtsdrager):
        """'Voeg een factuur toe' leads to the upload field, 'vul de leverancier in' to that one."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        regel = KostenpostFactory(aanvraag=aanvraag, bewijs=False, leverancier="")
        html = eigen_client.get(
            reverse("aanvragen:controleren", args=[aanvraag.pk])
        ).content.decode()
        # Each link also brings the user back here after saving (`?terug=controleren`).
        pagina = reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk])
        pagina += "?terug=controleren"
        assert f'<a href="{pagina}#id_bewijs-bestanden">Kostenpost 1: voeg een factuur toe' in html
        assert f'<a href="{pagina}#id_leverancier">Kostenpost 1: vul de leverancier in' in html

    def test_declaration_is_required(self, eigen_client, concept):
        response = eigen_client.post(reverse("aanvragen:controleren", args=[concept.pk]), {})
        assert response.status_code == 400
        assert "Vink de verklaring aan" in response.content.decode()

    def test_rejected_upload_keeps_the_accepted_one_and_the_fields(
        self, eigen_client, regeling, ambtsdrager
    ):
        """An accepted file is stored at once; the rejected one is named next to the field."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        kp = KostenpostFactory(aanvraag=aanvraag, bewijs=False, omschrijving="")
        nep = SimpleUploadedFile(
            "factuur.pdf", b"MZ this is no pdf", content_type="application/pdf"
        )
        goed = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
        response = eigen_client.post(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, kp.pk]),
            _kostenpost_data(
                categorie=kp.categorie_id,
                omschrijving="Rolluik",
                actie="uploaden",
                **{"bewijs-bestanden": [nep, goed]},
            ),
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "factuur.pdf: Dit bestandstype is niet toegestaan" in html
        assert _summary_links(html) == ["id_bewijs-bestanden"]
        assert Bewijsstuk.objects.filter(kostenpost=kp).count() == 1
        assert "foto.png" in html
        kp.refresh_from_db()
        assert kp.omschrijving == "Rolluik"

    def test_ineligible_office_type_is_told_why(self, client):
        RegelingFactory(ambtstypen=[Ambtstype.BURGEMEESTER, Ambtstype.WETHOUDER])
        raadslid = UserFactory(ambtsdrager=True, ambtstype=Ambtstype.RAADSLID)
        client.force_login(raadslid)
        response = client.get(reverse("aanvragen:nieuw"))
        html = response.content.decode()
        assert response.status_code == 403
        assert "U kunt geen aanvraag doen" in html and "raadslid" in html
        assert "Start aanvraag" not in html
        client.post(reverse("aanvragen:nieuw"))
        assert not Aanvraag.objects.exists()

    def test_staff_cannot_tamper_with_a_category_of_another_policy(
        self, eigen_client, regeling, ambtsdrager
    ):
        oud = RegelingFactory(geldig_van=date(2010, 1, 1), geldig_tot=date(2015, 12, 31))
        vreemde = oud.categorieen.first()
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        kp = KostenpostFactory(aanvraag=aanvraag, bewijs=False)
        response = eigen_client.post(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, kp.pk]),
            _kostenpost_data(categorie=vreemde.pk),
        )
        assert response.status_code == 400
        assert "Kies een soort kosten uit de lijst" in response.content.decode()


class TestNaIndienen:
    def test_status_page_shows_the_request_and_answer_form(
        self, eigen_client, regeling, ambtsdrager
    ):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
        verzoek = aanvraag.aanvulverzoeken.get()
        html = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert "Wij hebben meer informatie van u nodig" in html
        assert verzoek.vraag in html
        assert f"Reageer uiterlijk op {verzoek.termijn_tot.day} " in html
        assert "aanvulling_gevraagd" not in html.split("<main", 1)[1]  # no internal labels
        url = reverse("aanvragen:aanvulling", args=[aanvraag.pk, verzoek.pk])
        response = eigen_client.post(url, {"antwoord": "", "bestanden": []})
        assert response.status_code == 400
        assert "Geef een antwoord of voeg een bestand toe" in response.content.decode()
        html = response.content.decode()
        assert 'id="foutmeldingen" data-focus-bij-laden' in html and "js/foutoverzicht.js" in html
        response = eigen_client.post(
            url, {"antwoord": "Hierbij de offerte.", "bestanden": [_pdf()]}
        )
        assert response.status_code == 302
        verzoek.refresh_from_db()
        aanvraag.refresh_from_db()
        assert verzoek.antwoord == "Hierbij de offerte." and verzoek.bestanden.count() == 1
        assert aanvraag.status == AanvraagStatus.AANGEVULD
        html = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert "Uw aanvulling is ontvangen" in html

    @pytest.mark.parametrize(
        ("status", "label"),
        [
            ("in_behandeling", "In behandeling"),
            ("besluit_concept", "In behandeling"),
            ("besluit_goedgekeurd", "In behandeling"),
            ("verzonden", "Besluit genomen"),
        ],
    )
    def test_internal_statuses_get_plain_labels(
        self, eigen_client, regeling, ambtsdrager, status, label
    ):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, status=status)
        html = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert f'id="status">{label}<' in html
        assert "Besluit in concept" not in html and "goedgekeurd" not in html

    @pytest.mark.parametrize("status", ["verzonden", "betaald", "afgesloten", "bezwaar"])
    def test_once_sent_the_dispatch_date_replaces_the_decision_term(
        self, eigen_client, regeling, ambtsdrager, status
    ):
        """Once a decision went out the page says when, not that a decision is still to come."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, status=status)
        BesluitFactory(
            aanvraag=aanvraag,
            verzonden=True,
            verzonden_op=datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/Amsterdam")),
        )
        html = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert 'id="besluitdatum">2 maart 2026<' in html
        assert "U krijgt uiterlijk een besluit op" not in html

    def test_withdrawn_aanvraag_names_no_decision_date(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, status="ingetrokken")
        html = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert "U krijgt uiterlijk een besluit op" not in html and "besluitdatum" not in html

    def test_status_page_lists_the_total_per_category(self, eigen_client, ingediende_aanvraag):
        """The applicant's status page shows each category's claimed total and its maximum."""
        url = reverse("aanvragen:detail", args=[ingediende_aanvraag.pk])
        html = eigen_client.get(url).content.decode()
        tabel = html.split("Totaal per soort kosten", 1)[1].split("</table>", 1)[0]
        rij = tabel.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        assert "Alarmsysteem" in rij
        assert "€ 1.234,56" in rij and "€ 1.500,00" in rij

    def test_status_page_explains_how_to_react_to_an_intended_refusal(
        self, eigen_client, regeling, ambtsdrager, beoordelaar
    ):
        """ "Wij vragen uw reactie" says on the page what about, until when and how."""
        aanvraag = AanvraagFactory(
            aanvrager=ambtsdrager, ingediend=True, status="voornemen_afwijzing"
        )
        Voornemen.objects.create(
            aanvraag=aanvraag,
            reden="De camera's zijn niet nodig (reden-42).",
            termijn_tot=date(2026, 12, 14),
            verzonden_op=datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("Europe/Amsterdam")),
            door=beoordelaar,
        )
        html = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert "Wij zijn van plan" in html
        assert "reden-42" in html and "14 december 2026" in html
        assert aanvraag.kenmerk in html.split("Wij zijn van plan", 1)[1]

    @pytest.mark.parametrize("status", ["ingetrokken", "buiten_behandeling"])
    def test_an_unanswered_request_no_longer_asks_once_the_claim_moved_on(
        self, eigen_client, regeling, ambtsdrager, status
    ):
        """After withdrawal or 'buiten behandeling' the old request does not ask for an answer."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
        Aanvraag.objects.filter(pk=aanvraag.pk).update(status=status)
        html = eigen_client.get(reverse("aanvragen:detail", args=[aanvraag.pk])).content.decode()
        assert aanvraag.aanvulverzoeken.get().vraag in html
        assert "Wij hebben meer informatie nodig" not in html and "Reageer uiterlijk" not in html
        assert "Niet beantwoord" in html

    def test_withdraw(self, eigen_client, ingediende_aanvraag):
        url = reverse("aanvragen:intrekken", args=[ingediende_aanvraag.pk])
        assert eigen_client.get(url).status_code == 200
        response = eigen_client.post(url, {"toelichting": "Niet meer nodig"})
        assert response.status_code == 302
        ingediende_aanvraag.refresh_from_db()
        assert ingediende_aanvraag.status == AanvraagStatus.INGETROKKEN
        html = eigen_client.get(response["Location"]).content.decode()
        assert "Ingetrokken" in html and "Aanvraag intrekken" not in html

    def test_no_withdraw_after_decision(self, eigen_client, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, status="verzonden")
        response = eigen_client.post(reverse("aanvragen:intrekken", args=[aanvraag.pk]))
        assert response.status_code == 302
        aanvraag.refresh_from_db()
        assert aanvraag.status == "verzonden"

    @pytest.mark.parametrize("methode", ["get", "post"])
    def test_submitted_claim_steps_lead_to_the_status_page(
        self, eigen_client, ingediende_aanvraag, methode
    ):
        """Back after sending, or a second click on "Versturen": the status page, not a 404."""
        regel = ingediende_aanvraag.kostenposten.get()
        detail = reverse("aanvragen:detail", args=[ingediende_aanvraag.pk])
        urls = [
            reverse(f"aanvragen:{naam}", args=[ingediende_aanvraag.pk])
            for naam in ("gegevens", "kostenposten", "betaling", "controleren")
        ] + [reverse("aanvragen:kostenpost", args=[ingediende_aanvraag.pk, regel.pk])]
        for url in urls:
            response = getattr(eigen_client, methode)(url, {"actie": "verder", "iban": ""})
            assert response.status_code == 302 and response["Location"] == detail, url
        ingediende_aanvraag.refresh_from_db()
        assert ingediende_aanvraag.iban and ingediende_aanvraag.status == "ingediend"
        html = eigen_client.get(detail).content.decode()
        assert "Deze aanvraag is al verstuurd" in html

    def test_steps_of_another_users_claim_are_404(self, client, ingediende_aanvraag):
        client.force_login(UserFactory(ambtsdrager=True))
        concept = AanvraagFactory(aanvrager=ingediende_aanvraag.aanvrager)
        for aanvraag in (ingediende_aanvraag, concept):
            url = reverse("aanvragen:gegevens", args=[aanvraag.pk])
            assert client.get(url).status_code == 404


def test_list_shows_a_decision_date_only_where_one_is_due(eigen_client, regeling, ambtsdrager):
    """Like the status page: no deadline on a withdrawn claim, the dispatch date once decided."""
    open_ = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, kenmerk="FB-2026-000101")
    AanvraagFactory(
        aanvrager=ambtsdrager, ingediend=True, status="ingetrokken", kenmerk="FB-2026-000102"
    )
    besloten = AanvraagFactory(
        aanvrager=ambtsdrager, ingediend=True, status="verzonden", kenmerk="FB-2026-000103"
    )
    BesluitFactory(
        aanvraag=besloten,
        verzonden=True,
        verzonden_op=datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    html = eigen_client.get(reverse("aanvragen:lijst")).content.decode()
    rijen = {
        kenmerk: html.split(kenmerk, 1)[1].split("</li>", 1)[0]
        for kenmerk in ("FB-2026-000101", "FB-2026-000102", "FB-2026-000103")
    }
    deadline = f"uiterlijk {open_.beslistermijn_einde.day} "
    assert deadline in rijen["FB-2026-000101"]
    assert "uiterlijk" not in rijen["FB-2026-000102"]
    assert "uiterlijk" not in rijen["FB-2026-000103"]
    assert "verzonden op 2 maart 2026" in rijen["FB-2026-000103"]


@pytest.mark.parametrize("naam", ["kostenposten", "controleren", "detail"])
def test_pages_use_a_constant_number_of_queries(client, regeling, ambtsdrager, naam):
    """Two or ten cost lines: the same number of queries (no N+1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ambtsdrager)
    aantallen = []
    for regels in (2, 10):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        for _ in range(regels):
            KostenpostFactory(aanvraag=aanvraag)
        if naam == "detail":
            Aanvraag.objects.filter(pk=aanvraag.pk).update(
                status="ingediend",
                kenmerk=f"FB-2026-00000{regels}",
                ingediend_op="2026-03-10T10:00Z",
                beslistermijn_einde="2026-05-06",
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"aanvragen:{naam}", args=[aanvraag.pk])).status_code == 200
        aantallen.append(len(queries))
    assert aantallen[0] == aantallen[1], aantallen


class TestUwKenmerk:
    """The applicant's own optional reference: asked in the gegevens step, shown on the check."""

    def _gegevens(self, client, aanvraag, uw_kenmerk, actie="verder"):
        return client.post(
            reverse("aanvragen:gegevens", args=[aanvraag.pk]),
            {
                "correspondentie_adres": "Postbus 1234",
                "correspondentie_postcode": "1000 AB",
                "correspondentie_plaats": "Amsterdam",
                "maatregel_bij_woning": "False",
                "uw_kenmerk": uw_kenmerk,
                "actie": actie,
            },
        )

    def test_the_gegevens_step_asks_for_it_as_optional(self, eigen_client, regeling, ambtsdrager):
        """The field is labelled as not required, says where it is used, and allows 40 signs."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        html = eigen_client.get(reverse("aanvragen:gegevens", args=[aanvraag.pk])).content.decode()
        assert "Uw eigen kenmerk (niet verplicht)" in html
        assert "Dan noemen wij het in onze brieven aan u." in html
        assert re.search(r'<input[^>]*name="uw_kenmerk"[^>]*maxlength="40"', html)

    def test_uw_kenmerk_is_stored_stripped_and_may_stay_empty(
        self, eigen_client, regeling, ambtsdrager
    ):
        """Spaces around the reference are dropped; leaving it empty is no error."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        response = self._gegevens(eigen_client, aanvraag, "  UTR/2026/77  ")
        assert response.status_code == 302
        aanvraag.refresh_from_db()
        assert aanvraag.uw_kenmerk == "UTR/2026/77"
        assert self._gegevens(eigen_client, aanvraag, "").status_code == 302
        aanvraag.refresh_from_db()
        assert aanvraag.uw_kenmerk == ""

    def test_a_uw_kenmerk_over_40_signs_is_refused_and_the_rest_kept(
        self, eigen_client, regeling, ambtsdrager
    ):
        """41 signs are refused with a Dutch message on the field; nothing is stored."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, correspondentie_adres="Oud 1")
        response = self._gegevens(eigen_client, aanvraag, "K" * 41, actie="concept")
        html = response.content.decode()
        assert response.status_code == 400
        assert "Uw eigen kenmerk mag hooguit 40 tekens hebben." in html
        assert "id_uw_kenmerk" in _summary_links(html)
        assert 'value="Postbus 1234"' in html
        aanvraag.refresh_from_db()
        assert (aanvraag.uw_kenmerk, aanvraag.correspondentie_adres) == ("", "Oud 1")

    def test_the_check_page_shows_uw_kenmerk_with_a_link_to_change_it(
        self, eigen_client, regeling, ambtsdrager
    ):
        """Under "Uw gegevens" the check page shows the reference (or "geen") and "Wijzigen"."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, compleet=True, uw_kenmerk="MIJN-REF 7")
        url = reverse("aanvragen:controleren", args=[aanvraag.pk])
        html = eigen_client.get(url).content.decode()
        gegevens = html.split("Uw gegevens", 1)[1].split("</dl>", 1)[0]
        gegevens_url = reverse("aanvragen:gegevens", args=[aanvraag.pk])
        assert f'href="{gegevens_url}?terug=controleren"' in gegevens
        assert re.search(r"Uw eigen kenmerk</dt>\s*<dd[^>]*>MIJN-REF 7</dd>", gegevens)
        Aanvraag.objects.filter(pk=aanvraag.pk).update(uw_kenmerk="")
        html = eigen_client.get(url).content.decode()
        assert re.search(r"Uw eigen kenmerk</dt>\s*<dd[^>]*>geen</dd>", html)


class TestFactuurnummer:
    """The optional invoice number of a cost line: asked with the supplier, shown on the check."""

    def test_the_cost_line_asks_for_it_as_optional_with_its_help_text(
        self, eigen_client, regeling, ambtsdrager
    ):
        """Labelled as not required; the help text says where to find it and is linked."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        regel = KostenpostFactory(aanvraag=aanvraag, bewijs=False)
        url = reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk])
        html = eigen_client.get(url).content.decode()
        assert re.search(
            r'<label\s+for="id_factuurnummer"[^>]*>\s*Factuurnummer \(niet verplicht\)', html
        )
        veld = re.search(r'<input[^>]*name="factuurnummer"[^>]*>', html).group()
        hulp = re.search(r'aria-describedby="([^"]+)"', veld).group(1)
        assert re.search(
            rf'id="{hulp}"[^>]*>\s*Staat op de factuur. Laat leeg als u nog een offerte heeft.',
            html,
        )
        assert html.index('name="leverancier"') < html.index('name="factuurnummer"')

    def test_the_wizard_stores_it_stripped_and_the_check_page_shows_it(
        self, eigen_client, regeling, ambtsdrager
    ):
        """Spaces around the number are dropped; the check page shows it beside the supplier."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        regel = KostenpostFactory(aanvraag=aanvraag, bewijs=False)
        alarm = regeling.categorieen.get(code="alarm")
        response = eigen_client.post(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk]),
            _kostenpost_data(categorie=alarm.pk, factuurnummer="  F-2026-0042 "),
        )
        assert response.status_code == 302
        regel.refresh_from_db()
        assert (regel.leverancier, regel.factuurnummer) == ("Veilig Thuis B.V.", "F-2026-0042")

        html = eigen_client.get(reverse("aanvragen:controleren", args=[aanvraag.pk])).content
        assert re.search(
            r"Leverancier</dt><dd[^>]*>Veilig Thuis B\.V\.</dd>\s*"
            r"<dt[^>]*>Factuurnummer</dt><dd[^>]*>F-2026-0042</dd>",
            html.decode(),
        )

    def test_it_may_stay_empty_and_the_check_page_then_leaves_it_out(
        self, eigen_client, regeling, ambtsdrager
    ):
        """A quotation has no invoice number yet: the line is complete without it."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        regel = KostenpostFactory(aanvraag=aanvraag, bewijs=False, factuurnummer="OUD-1")
        alarm = regeling.categorieen.get(code="alarm")
        response = eigen_client.post(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk]),
            _kostenpost_data(categorie=alarm.pk, factuurnummer=""),
        )
        assert response.status_code == 302
        regel.refresh_from_db()
        assert regel.factuurnummer == ""
        html = eigen_client.get(reverse("aanvragen:controleren", args=[aanvraag.pk])).content
        assert "Factuurnummer" not in html.decode()

    def test_a_number_over_50_signs_is_refused_and_the_rest_kept(
        self, eigen_client, regeling, ambtsdrager
    ):
        """51 signs get a Dutch message on the field; what was typed comes back."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        regel = KostenpostFactory(aanvraag=aanvraag, bewijs=False, leverancier="Oud")
        response = eigen_client.post(
            reverse("aanvragen:kostenpost", args=[aanvraag.pk, regel.pk]),
            _kostenpost_data(factuurnummer="F" * 51, actie="concept"),
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "Gebruik maximaal 50 tekens; u gebruikte er 51." in html
        assert "id_factuurnummer" in _summary_links(html)
        assert 'value="Veilig Thuis B.V."' in html
        regel.refresh_from_db()
        assert (regel.leverancier, regel.factuurnummer) == ("Oud", "")
