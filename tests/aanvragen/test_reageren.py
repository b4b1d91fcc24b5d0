"""Replying online (issue #14 items 4 and 5): a view on an intended refusal within its term,
an objection against a sent decision (a late one flagged), a notice of default after the
decision term; each with a receipt page and one receipt e-mail. And the e-mails that say
what to do and by when, and the e-mail after a payment."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from aanvragen import reacties
from aanvragen.backoffice import services as backoffice
from aanvragen.brieven.berichten import brief_klaar_bericht
from aanvragen.brieven.models import Brief, BriefSoort
from aanvragen.brieven.services import aanvullingsbrief_aanmaken, voornemenbrief_aanmaken
from aanvragen.constants import AanvraagStatus, Uitkomst
from aanvragen.models import Aanvulverzoek, Bezwaar, BezwaarBestand, StatusWijziging, Voornemen
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.opmaak.formaat import lange_datum
from tests.aanvragen.backoffice.factories import BesluitFactory, aanvraag_in
from tests.aanvragen.factories import pdf_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ZIENSWIJZE = "Mijn buurman had dezelfde camera's, PRIVE-TEKST-ZIENSWIJZE."
GRONDEN = "Het maximum is te laag voor twee deuren, PRIVE-TEKST-BEZWAAR."


def _vandaag():
    return timezone.localdate()


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def voornemen_zaak(aanvrager, *, termijn_tot):
    aanvraag = aanvraag_in(AanvraagStatus.VOORNEMEN_AFWIJZING, aanvrager=aanvrager)
    voornemen = Voornemen.objects.create(
        aanvraag=aanvraag,
        reden="De camera's gaan boven het maximum.",
        termijn_tot=termijn_tot,
        verzonden_op=timezone.now() - timedelta(days=3),
        door=UserFactory(beoordelaar=True),
    )
    return aanvraag, voornemen


def verzonden_zaak(aanvrager, *, bezwaartermijn_einde, behandelaar=None):
    aanvraag = aanvraag_in(AanvraagStatus.VERZONDEN, aanvrager=aanvrager, behandelaar=behandelaar)
    besluit = BesluitFactory(
        aanvraag=aanvraag,
        verzonden=True,
        verzonden_op=timezone.now() - timedelta(days=50),
        bezwaartermijn_einde=bezwaartermijn_einde,
    )
    return aanvraag, besluit


def te_late_zaak(aanvrager, *, beslistermijn_einde):
    return aanvraag_in(
        AanvraagStatus.IN_BEHANDELING, aanvrager=aanvrager, beslistermijn_einde=beslistermijn_einde
    )


@pytest.fixture
def eigen_client(client, ambtsdrager):
    client.force_login(ambtsdrager)
    return client


def _detail(client, aanvraag) -> str:
    response = client.get(reverse("aanvragen:detail", args=[aanvraag.pk]))
    assert response.status_code == 200
    return response.content.decode()


class TestZienswijze:
    def test_a_view_within_its_term_is_stored_with_a_receipt_and_one_e_mail(
        self, eigen_client, regeling, ambtsdrager, verified_client
    ):
        """The last day of the term is in time; the view is stored for the assessor, the
        status waits for the assessor's recording, and the receipt never repeats the text."""
        aanvraag, voornemen = voornemen_zaak(ambtsdrager, termijn_tot=_vandaag())
        url = reverse("aanvragen:zienswijze", args=[aanvraag.pk, voornemen.pk])
        assert url in _detail(eigen_client, aanvraag)
        assert eigen_client.get(url).status_code == 200

        response = eigen_client.post(url, {"tekst": ZIENSWIJZE})
        ontvangen = reverse("aanvragen:zienswijze_ontvangen", args=[aanvraag.pk, voornemen.pk])
        assert response.status_code == 302 and response.url == ontvangen
        voornemen.refresh_from_db()
        assert voornemen.zienswijze_aanvrager == ZIENSWIJZE
        assert voornemen.zienswijze_ontvangen_op is not None
        assert voornemen.is_open  # the assessor still records it
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.VOORNEMEN_AFWIJZING

        html = eigen_client.get(ontvangen).content.decode()
        assert "Wij hebben uw zienswijze ontvangen" in html
        assert aanvraag.kenmerk in html and "Wat gebeurt er nu?" in html
        assert "zienswijze-ontvangen" in _detail(eigen_client, aanvraag)

        # A second post (Back, then submit again) leads to the receipt; nothing is added.
        assert eigen_client.post(url, {"tekst": "nog eens"}).url == ontvangen
        berichten = Bericht.objects.filter(
            sleutel=f"ontvangstbevestiging:zienswijze:{voornemen.pk}"
        )
        assert berichten.count() == 1
        bericht = berichten.get()
        assert bericht.aan == ambtsdrager.email
        assert aanvraag.kenmerk in bericht.onderwerp + bericht.tekst
        assert "PRIVE-TEKST" not in bericht.tekst and "camera" not in bericht.tekst

        # The assessor sees the applicant's words on the case page.
        beoordelaar = UserFactory(tweede_beoordelaar=True)
        zaak = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
        html = verified_client(beoordelaar).get(zaak).content.decode()
        assert "Online ontvangen op" in html and "PRIVE-TEKST-ZIENSWIJZE" in html

    def test_after_the_term_the_form_is_closed_with_the_date(
        self, eigen_client, regeling, ambtsdrager
    ):
        """The day after the last day, the page says the term ended and offers no form."""
        gisteren = _vandaag() - timedelta(days=1)
        aanvraag, voornemen = voornemen_zaak(ambtsdrager, termijn_tot=gisteren)
        url = reverse("aanvragen:zienswijze", args=[aanvraag.pk, voornemen.pk])
        assert url not in _detail(eigen_client, aanvraag)
        html = eigen_client.get(url).content.decode()
        assert "De termijn voor uw zienswijze is voorbij" in html
        assert lange_datum(gisteren) in _tekst(html)
        assert "<textarea" not in html

        response = eigen_client.post(url, {"tekst": ZIENSWIJZE})
        assert response.status_code == 200
        voornemen.refresh_from_db()
        assert voornemen.zienswijze_ontvangen_op is None
        assert not Bericht.objects.filter(sleutel__startswith="ontvangstbevestiging:zienswijze")

    def test_the_service_refuses_a_late_view(self, regeling, ambtsdrager):
        aanvraag, voornemen = voornemen_zaak(
            ambtsdrager, termijn_tot=_vandaag() - timedelta(days=1)
        )
        with pytest.raises(ValidationError) as fout:
            reacties.zienswijze_geven(voornemen_id=voornemen.pk, door=ambtsdrager, tekst="x")
        assert fout.value.code == "termijn"

    def test_an_empty_view_is_refused_with_a_message(self, eigen_client, regeling, ambtsdrager):
        aanvraag, voornemen = voornemen_zaak(ambtsdrager, termijn_tot=_vandaag())
        url = reverse("aanvragen:zienswijze", args=[aanvraag.pk, voornemen.pk])
        response = eigen_client.post(url, {"tekst": "  "})
        assert response.status_code == 400
        assert "Vul uw zienswijze in." in response.content.decode()


def _bezwaar_post(client, aanvraag, **extra):
    data = {"gronden": GRONDEN, **extra}
    return client.post(reverse("aanvragen:bezwaar", args=[aanvraag.pk]), data)


class TestBezwaar:
    def test_an_objection_in_time_is_registered_with_its_date_of_receipt(
        self, eigen_client, regeling, ambtsdrager, verified_client
    ):
        """It reaches the back office as a registered objection (status "bezwaar", history,
        date of receipt on the case page), with its attachment; one receipt e-mail."""
        einde = _vandaag() + timedelta(days=10)
        aanvraag, besluit = verzonden_zaak(ambtsdrager, bezwaartermijn_einde=einde)
        assert reverse("aanvragen:bezwaar", args=[aanvraag.pk]) in _detail(eigen_client, aanvraag)
        bijlage = SimpleUploadedFile("offerte.pdf", pdf_bytes(), content_type="application/pdf")

        response = _bezwaar_post(eigen_client, aanvraag, bestanden=[bijlage])
        bezwaar = Bezwaar.objects.get(besluit=besluit)
        assert response.status_code == 302
        assert response.url == reverse(
            "aanvragen:bezwaar_ontvangen", args=[aanvraag.pk, bezwaar.pk]
        )
        assert bezwaar.ontvangen_op == _vandaag()
        assert bezwaar.online_ingediend and bezwaar.gronden == GRONDEN
        assert bezwaar.geregistreerd_door == ambtsdrager
        assert not bezwaar.is_na_termijn
        assert BezwaarBestand.objects.get(bezwaar=bezwaar).bestandsnaam == "offerte.pdf"
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.BEZWAAR
        historie = StatusWijziging.objects.filter(aanvraag=aanvraag).latest("pk")
        assert historie.naar == AanvraagStatus.BEZWAAR and "online" in historie.toelichting

        html = eigen_client.get(response.url).content.decode()
        assert "Wij hebben uw bezwaar ontvangen" in html and "offerte.pdf" in html
        assert "na-termijn" not in html
        bericht = Bericht.objects.get(sleutel=f"ontvangstbevestiging:bezwaar:{bezwaar.pk}")
        assert lange_datum(_vandaag()) in bericht.tekst
        assert "PRIVE-TEKST" not in bericht.tekst

        # Lodged once: the form is closed while the objection is handled.
        assert _bezwaar_post(eigen_client, aanvraag).status_code == 302
        assert Bezwaar.objects.filter(besluit=besluit).count() == 1
        assert (
            Bericht.objects.filter(sleutel__startswith="ontvangstbevestiging:bezwaar").count() == 1
        )

        beoordelaar = UserFactory(tweede_beoordelaar=True)
        zaak = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
        html = verified_client(beoordelaar).get(zaak).content.decode()
        assert f"ontvangen op {_vandaag():%d-%m-%Y}" in html
        assert "online ingediend" in html and "PRIVE-TEKST-BEZWAAR" in html
        assert "na de bezwaartermijn" not in html
        bestand = BezwaarBestand.objects.get(bezwaar=bezwaar)
        download = reverse("aanvragen:bezwaar_bestand", args=[aanvraag.pk, bestand.pk])
        assert download in html
        assert verified_client(beoordelaar).get(download).status_code == 200

    def test_a_late_objection_is_accepted_and_flagged(
        self, eigen_client, regeling, ambtsdrager, verified_client
    ):
        einde = _vandaag() - timedelta(days=2)
        aanvraag, besluit = verzonden_zaak(ambtsdrager, bezwaartermijn_einde=einde)
        html = eigen_client.get(reverse("aanvragen:bezwaar", args=[aanvraag.pk])).content.decode()
        assert 'id="na-termijn"' in html and lange_datum(einde) in _tekst(html)

        response = _bezwaar_post(eigen_client, aanvraag)
        bezwaar = Bezwaar.objects.get(besluit=besluit)
        assert bezwaar.is_na_termijn
        assert "na de bezwaartermijn" in StatusWijziging.objects.latest("pk").toelichting
        assert 'id="na-termijn"' in eigen_client.get(response.url).content.decode()
        bericht = Bericht.objects.get(sleutel=f"ontvangstbevestiging:bezwaar:{bezwaar.pk}")
        assert lange_datum(einde) in bericht.tekst

        beoordelaar = UserFactory(tweede_beoordelaar=True)
        zaak = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
        html = verified_client(beoordelaar).get(zaak).content.decode()
        assert f"na de bezwaartermijn (tot en met {einde:%d-%m-%Y})" in html

    def test_grounds_are_required(self, eigen_client, regeling, ambtsdrager):
        aanvraag, besluit = verzonden_zaak(
            ambtsdrager, bezwaartermijn_einde=_vandaag() + timedelta(days=3)
        )
        response = _bezwaar_post(eigen_client, aanvraag, gronden="")
        assert response.status_code == 400
        assert "Schrijf waarom u het niet eens bent met het besluit." in response.content.decode()
        assert not Bezwaar.objects.exists()

    def test_a_refused_file_stores_nothing(self, eigen_client, regeling, ambtsdrager):
        aanvraag, besluit = verzonden_zaak(
            ambtsdrager, bezwaartermijn_einde=_vandaag() + timedelta(days=3)
        )
        nep = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
        response = _bezwaar_post(eigen_client, aanvraag, bestanden=[nep])
        assert response.status_code == 400
        assert not Bezwaar.objects.exists() and not BezwaarBestand.objects.exists()

    def test_no_objection_before_a_decision_is_sent(self, eigen_client, regeling, ambtsdrager):
        aanvraag = aanvraag_in(AanvraagStatus.IN_BEHANDELING, aanvrager=ambtsdrager)
        assert eigen_client.get(reverse("aanvragen:bezwaar", args=[aanvraag.pk])).status_code == 404


class TestIngebrekestelling:
    def test_not_before_the_decision_term_has_passed(self, eigen_client, regeling, ambtsdrager):
        """On the last day of the term a notice is premature: no form, no link, refused."""
        aanvraag = te_late_zaak(ambtsdrager, beslistermijn_einde=_vandaag())
        url = reverse("aanvragen:ingebrekestelling", args=[aanvraag.pk])
        assert url not in _detail(eigen_client, aanvraag)
        html = eigen_client.get(url).content.decode()
        assert 'id="te-vroeg"' in html and "<form" not in html.split("<main", 1)[-1]
        eigen_client.post(url, {"bevestiging": "on"})
        aanvraag.refresh_from_db()
        assert aanvraag.ingebrekestelling_op is None
        with pytest.raises(ValidationError) as fout:
            reacties.ingebrekestelling_sturen(aanvraag_id=aanvraag.pk, door=ambtsdrager)
        assert fout.value.code == "te_vroeg"

    def test_after_the_term_a_notice_is_stored_once_with_a_receipt(
        self, eigen_client, regeling, ambtsdrager, verified_client
    ):
        aanvraag = te_late_zaak(ambtsdrager, beslistermijn_einde=_vandaag() - timedelta(days=1))
        url = reverse("aanvragen:ingebrekestelling", args=[aanvraag.pk])
        assert url in _detail(eigen_client, aanvraag)
        assert eigen_client.post(url, {}).status_code == 400  # the box must be ticked

        response = eigen_client.post(url, {"bevestiging": "on"})
        ontvangen = reverse("aanvragen:ingebrekestelling_ontvangen", args=[aanvraag.pk])
        assert response.url == ontvangen
        aanvraag.refresh_from_db()
        assert aanvraag.ingebrekestelling_op == _vandaag()
        html = eigen_client.get(ontvangen).content.decode()
        assert "Wij hebben uw ingebrekestelling ontvangen" in html and 'id="dwangsom-vanaf"' in html
        assert eigen_client.post(url, {"bevestiging": "on"}).url == ontvangen
        sleutel = f"ontvangstbevestiging:ingebrekestelling:{aanvraag.pk}"
        assert Bericht.objects.filter(sleutel=sleutel).count() == 1

        beoordelaar = UserFactory(tweede_beoordelaar=True)
        zaak = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
        html = verified_client(beoordelaar).get(zaak).content.decode()
        assert "Ingebrekestelling ontvangen op" in html


@pytest.fixture
def zaken(regeling, ambtsdrager):
    """One claim per reply, each with its receipt, all of `ambtsdrager`."""
    aanvraag, voornemen = voornemen_zaak(ambtsdrager, termijn_tot=_vandaag())
    reacties.zienswijze_geven(voornemen_id=voornemen.pk, door=ambtsdrager, tekst="x")
    verzonden, besluit = verzonden_zaak(
        ambtsdrager, bezwaartermijn_einde=_vandaag() + timedelta(days=3)
    )
    bezwaar = reacties.bezwaar_maken(besluit_id=besluit.pk, door=ambtsdrager, gronden="x")
    laat = te_late_zaak(ambtsdrager, beslistermijn_einde=_vandaag() - timedelta(days=1))
    reacties.ingebrekestelling_sturen(aanvraag_id=laat.pk, door=ambtsdrager)
    return [
        reverse("aanvragen:zienswijze", args=[aanvraag.pk, voornemen.pk]),
        reverse("aanvragen:zienswijze_ontvangen", args=[aanvraag.pk, voornemen.pk]),
        reverse("aanvragen:bezwaar", args=[verzonden.pk]),
        reverse("aanvragen:bezwaar_ontvangen", args=[verzonden.pk, bezwaar.pk]),
        reverse("aanvragen:ingebrekestelling", args=[laat.pk]),
        reverse("aanvragen:ingebrekestelling_ontvangen", args=[laat.pk]),
    ]


@pytest.mark.parametrize(
    "wie",
    ["andere_ambtsdrager", "gemeente_medewerker", "beoordelaar", "financieel_medewerker"],
)
def test_only_the_owner_reaches_the_reply_pages(request, zaken, verified_client, wie):
    """Another office holder, the municipality and BZK staff get a 404 on every page."""
    client = verified_client(request.getfixturevalue(wie))
    for url in zaken:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"tekst": "x", "gronden": "x", "bevestiging": "on"}).status_code == 404
        )


def test_owner_reaches_the_receipts(client, zaken, ambtsdrager):
    client.force_login(ambtsdrager)
    for url in zaken[1::2]:
        assert client.get(url).status_code == 200, url


class TestBriefKlaarBericht:
    def test_request_for_information_names_the_date_to_answer_by(self, regeling, ambtsdrager):
        aanvraag = aanvraag_in(AanvraagStatus.AANVULLING_GEVRAAGD, aanvrager=ambtsdrager)
        termijn = _vandaag() + timedelta(days=14)
        verzoek = Aanvulverzoek.objects.create(
            aanvraag=aanvraag,
            vraag="Stuur de factuur van de camera's.",
            termijn_tot=termijn,
            verzocht_op=timezone.now(),
            verzocht_door=UserFactory(beoordelaar=True),
        )
        bericht = brief_klaar_bericht(aanvullingsbrief_aanmaken(aanvulverzoek_id=verzoek.pk))
        assert f"Wij vragen u om uiterlijk op {lange_datum(termijn)} te reageren." in bericht.tekst
        assert "Wij vragen uw reactie" in bericht.onderwerp
        assert "factuur" not in bericht.tekst and "camera" not in bericht.tekst

    def test_intended_refusal_names_the_view_date_and_the_online_way(self, regeling, ambtsdrager):
        termijn = _vandaag() + timedelta(days=14)
        aanvraag, voornemen = voornemen_zaak(ambtsdrager, termijn_tot=termijn)
        bericht = brief_klaar_bericht(voornemenbrief_aanmaken(voornemen_id=voornemen.pk))
        assert f"uiterlijk op {lange_datum(termijn)} te reageren" in bericht.tekst
        assert "Zienswijze geven" in bericht.tekst
        assert "maximum" not in bericht.tekst

    def test_decision_names_objection_and_payment_term_ends(self, regeling, ambtsdrager):
        aanvraag, besluit = verzonden_zaak(
            ambtsdrager, bezwaartermijn_einde=_vandaag() + timedelta(days=40)
        )
        brief = Brief.objects.create(
            aanvraag=aanvraag,
            besluit=besluit,
            bron=f"besluit:{besluit.pk}",
            soort=BriefSoort.BESLUIT,
        )
        bericht = brief_klaar_bericht(brief)
        assert f"tot en met {lange_datum(besluit.bezwaartermijn_einde)} bezwaar" in bericht.tekst
        assert f"uiterlijk op {lange_datum(besluit.betaaltermijn_einde)}" in bericht.tekst
        assert "Bezwaar maken" in bericht.tekst
        besluit.uitkomst = Uitkomst.AFGEWEZEN
        besluit.save(update_fields=["uitkomst"])
        assert "Wij betalen" not in brief_klaar_bericht(brief).tekst


class TestBetalingBericht:
    def test_one_e_mail_per_registered_payment(self, regeling, ambtsdrager, financieel_medewerker):
        aanvraag, besluit = verzonden_zaak(
            ambtsdrager, bezwaartermijn_einde=_vandaag() + timedelta(days=40)
        )
        besluit.bedrag_toegekend = Decimal("1000.00")
        besluit.save(update_fields=["bedrag_toegekend"])
        eerste = backoffice.betaling_registreren(
            besluit_id=besluit.pk,
            door=financieel_medewerker,
            betaald_op=_vandaag(),
            bedrag=Decimal("600.00"),
            referentie="BET-1",
        )
        bericht = Bericht.objects.get(sleutel=f"betaling:{eerste.pk}:aanvrager")
        assert bericht.aan == ambtsdrager.email
        assert "600,00" in bericht.tekst and lange_datum(_vandaag()) in bericht.tekst
        assert aanvraag.kenmerk in bericht.onderwerp and "BET-1" not in bericht.tekst
        eerste.save()  # a later save sends nothing new
        tweede = backoffice.betaling_registreren(
            besluit_id=besluit.pk,
            door=financieel_medewerker,
            betaald_op=_vandaag(),
            bedrag=Decimal("400.00"),
            referentie="BET-2",
        )
        assert Bericht.objects.filter(sleutel__startswith="betaling:").count() == 2
        assert Bericht.objects.filter(sleutel=f"betaling:{tweede.pk}:aanvrager").exists()


def test_retention_purge_removes_an_objection_with_its_files(regeling, ambtsdrager):
    """The purge deletes the objection's files before the objection (PROTECT), and names them."""
    from bewaring.soorten import aanvragen_vernietigen

    aanvraag, besluit = verzonden_zaak(
        ambtsdrager, bezwaartermijn_einde=_vandaag() + timedelta(days=3)
    )
    bijlage = SimpleUploadedFile("offerte.pdf", pdf_bytes(), content_type="application/pdf")
    bezwaar = reacties.bezwaar_maken(
        besluit_id=besluit.pk, door=ambtsdrager, gronden="x", bestanden=[bijlage]
    )
    naam = BezwaarBestand.objects.get(bezwaar=bezwaar).bestand.name
    namen = aanvragen_vernietigen([aanvraag.pk])
    assert (aanvraag.pk, naam) in namen
    assert not Bezwaar.objects.exists() and not BezwaarBestand.objects.exists()
