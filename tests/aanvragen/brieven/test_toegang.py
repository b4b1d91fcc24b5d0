"""Who may download which letter, see the portal and preview a draft: the full matrix.

Finance downloads decision letters of decided claims only (see `TestFinancieel`).
"""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus, Ontvanger
from aanvragen.constants import BesluitStatus, Uitkomst
from aanvragen.models import Betaling
from fondsbeveiliging.audit.models import Inzage, InzageActie
from tests.aanvragen.backoffice.factories import BesluitFactory
from tests.aanvragen.brieven import zaken
from tests.factories import UserFactory, gemeente

pytestmark = pytest.mark.django_db

GEMEENTE_A = "GM0363"  # Amsterdam, where the factory users live
GEMEENTE_B = "GM0344"  # Utrecht


def opgeslagen_brief(*, aanvraag, bron, soort, ontvanger, **velden):
    """A stored letter without rendering (access tests need a file, not a real letter)."""
    brief = Brief(
        aanvraag=aanvraag,
        bron=bron,
        soort=soort,
        ontvanger=ontvanger,
        status=BriefStatus.KLAAR,
        sha256="a" * 64,
        grootte=12,
        gegenereerd_op=timezone.now(),
        **velden,
    )
    naam = f"brieven/test-{soort}-{ontvanger}.pdf"
    brief.bestand.save(naam, ContentFile(b"%PDF-1.7 test"), save=False)
    brief.save()
    return brief


def klare_brief(besluit, ontvanger, **velden):
    """A stored decision letter for `ontvanger`."""
    return opgeslagen_brief(
        aanvraag=besluit.aanvraag,
        besluit=besluit,
        bron=f"besluit:{besluit.pk}",
        soort=BriefSoort.BESLUIT,
        ontvanger=ontvanger,
        **velden,
    )


@pytest.fixture
def zaak(ambtsdrager):
    besluit = zaken.goedgekeurd_besluit(aanvraag=zaken.ingediende_aanvraag(aanvrager=ambtsdrager))
    return {
        "besluit": besluit,
        "aanvrager": klare_brief(besluit, Ontvanger.AANVRAGER),
        "gemeente": klare_brief(besluit, Ontvanger.GEMEENTE),
    }


ROLLEN = {
    "eigenaar": None,
    "andere_ambtsdrager": lambda: UserFactory(ambtsdrager=True),
    "gemeente_a": lambda: UserFactory(gemeente_medewerker=True, gemeente=gemeente(GEMEENTE_A)),
    "gemeente_b": lambda: UserFactory(gemeente_medewerker=True, gemeente=gemeente(GEMEENTE_B)),
    "beoordelaar": lambda: UserFactory(beoordelaar=True),
    "tweede_beoordelaar": lambda: UserFactory(tweede_beoordelaar=True),
    "financieel_medewerker": lambda: UserFactory(financieel_medewerker=True),
    "functioneel_beheerder": lambda: UserFactory(functioneel_beheerder=True),
    "anoniem": None,
}


def _client(rol, ambtsdrager, client, verified_client):
    if rol == "anoniem":
        return client
    user = ambtsdrager if rol == "eigenaar" else ROLLEN[rol]()
    return verified_client(user)


DOWNLOAD_AANVRAGER = {
    "eigenaar": 200,
    "andere_ambtsdrager": 404,
    "gemeente_a": 404,
    "gemeente_b": 404,
    "beoordelaar": 200,
    "tweede_beoordelaar": 200,
    "financieel_medewerker": 200,
    "functioneel_beheerder": 404,
    "anoniem": 302,
}
DOWNLOAD_GEMEENTE = {**DOWNLOAD_AANVRAGER, "eigenaar": 404, "gemeente_a": 200}
PORTAAL = {rol: 404 for rol in ROLLEN} | {"gemeente_a": 200, "gemeente_b": 200, "anoniem": 302}
VOORBEELD = {rol: 404 for rol in ROLLEN} | {
    "beoordelaar": 200,
    "tweede_beoordelaar": 200,
    "anoniem": 302,
}


@pytest.mark.parametrize("rol,verwacht", DOWNLOAD_AANVRAGER.items())
def test_download_applicant_brief(rol, verwacht, zaak, ambtsdrager, client, verified_client):
    c = _client(rol, ambtsdrager, client, verified_client)
    response = c.get(reverse("brieven:download", args=[zaak["aanvrager"].pk]))
    assert response.status_code == verwacht
    if verwacht == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert zaak["besluit"].aanvraag.kenmerk in response["Content-Disposition"]
        assert Inzage.objects.filter(
            actie=InzageActie.GEDOWNLOAD, object_id=str(zaak["aanvrager"].pk)
        ).exists()
    else:
        assert not Inzage.objects.filter(actie=InzageActie.GEDOWNLOAD).exists()


@pytest.mark.parametrize("rol,verwacht", DOWNLOAD_GEMEENTE.items())
def test_download_gemeente_copy(rol, verwacht, zaak, ambtsdrager, client, verified_client):
    """Municipality B guessing the URL of A's copy gets a 404, like any stranger."""
    c = _client(rol, ambtsdrager, client, verified_client)
    response = c.get(reverse("brieven:download", args=[zaak["gemeente"].pk]))
    assert response.status_code == verwacht


@pytest.mark.parametrize("rol,verwacht", PORTAAL.items())
def test_portal(rol, verwacht, zaak, ambtsdrager, client, verified_client):
    c = _client(rol, ambtsdrager, client, verified_client)
    response = c.get(reverse("brieven:portaal"))
    assert response.status_code == verwacht
    if rol == "gemeente_a":
        assert zaak["besluit"].aanvraag.kenmerk in response.content.decode()
    if rol == "gemeente_b":
        assert zaak["besluit"].aanvraag.kenmerk not in response.content.decode()


@pytest.mark.parametrize("rol,verwacht", VOORBEELD.items())
def test_preview_concept_besluit(rol, verwacht, ambtsdrager, client, verified_client):
    besluit = zaken.goedgekeurd_besluit(
        aanvraag=zaken.ingediende_aanvraag(aanvrager=ambtsdrager), status=BesluitStatus.CONCEPT
    )
    c = _client(rol, ambtsdrager, client, verified_client)
    response = c.get(reverse("brieven:besluit_voorbeeld", args=[besluit.pk]))
    assert response.status_code == verwacht
    if verwacht == 200:
        assert response.content.startswith(b"%PDF")
        assert not Brief.objects.exists()  # rendered on the fly, never stored
        # Shown inline in the browser's PDF viewer: no HTML page policy, but no sniffing.
        assert "Content-Security-Policy" not in response
        assert response["X-Content-Type-Options"] == "nosniff"


def test_brief_not_klaar_is_404(zaak, ambtsdrager, verified_client):
    Brief.objects.filter(pk=zaak["aanvrager"].pk).update(status=BriefStatus.MISLUKT)
    response = verified_client(ambtsdrager).get(
        reverse("brieven:download", args=[zaak["aanvrager"].pk])
    )
    assert response.status_code == 404


def test_preview_after_sending_is_404(zaak, verified_client, beoordelaar):
    Brief.objects.none()
    besluit = zaak["besluit"]
    besluit.status = BesluitStatus.VERZONDEN
    besluit.verzonden_op = timezone.now()
    besluit.save()
    response = verified_client(beoordelaar).get(
        reverse("brieven:besluit_voorbeeld", args=[besluit.pk])
    )
    assert response.status_code == 404


class TestPortaal:
    @pytest.fixture
    def medewerker(self):
        return UserFactory(gemeente_medewerker=True, gemeente=gemeente(GEMEENTE_A))

    def _brieven(self, aantal, **kwargs):
        for _ in range(aantal):
            besluit = zaken.goedgekeurd_besluit(**kwargs)
            klare_brief(besluit, Ontvanger.GEMEENTE)

    def test_constant_number_of_queries(self, medewerker, verified_client):
        """The page costs the same number of queries for 2 and for 8 letters."""
        c = verified_client(medewerker)
        self._brieven(2)
        with CaptureQueriesContext(connection) as weinig:
            assert c.get(reverse("brieven:portaal")).status_code == 200
        self._brieven(6)
        with CaptureQueriesContext(connection) as veel:
            response = c.get(reverse("brieven:portaal"))
        assert response.content.decode().count("Download afschrift besluit") == 8
        assert len(veel) == len(weinig)

    def test_filters_and_payment_status(self, medewerker, verified_client, beoordelaar):
        c = verified_client(medewerker)
        self._brieven(1, uitkomst=Uitkomst.AFGEWEZEN)
        self._brieven(1)
        betaald = Brief.objects.filter(besluit__uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND).get()

        def betalen(bedrag):
            Betaling.objects.create(
                besluit=betaald.besluit,
                betaald_op=timezone.localdate(),
                bedrag=bedrag,
                referentie="B-1",
                geregistreerd_door=beoordelaar,
            )

        def portaal(**filters):
            return c.get(reverse("brieven:portaal"), filters).content.decode()

        betalen(1)  # a first instalment: partly paid, still open
        assert "Deels betaald" in portaal() and "<td>Betaald</td>" not in portaal()
        assert portaal(betaalstatus="open").count("Download afschrift besluit") == 1
        assert portaal(betaalstatus="betaald").count("Download afschrift besluit") == 0
        betalen(betaald.besluit.bedrag_toegekend - 1)
        alles = portaal()
        assert "<td>Betaald</td>" in alles and "Geen betaling" in alles and "Deels" not in alles
        afgewezen = portaal(uitkomst="afgewezen")
        assert afgewezen.count("Download afschrift besluit") == 1 and "Geen betaling" in afgewezen
        assert portaal(betaalstatus="open").count("Download afschrift besluit") == 0
        assert portaal(betaalstatus="betaald").count("Download afschrift besluit") == 1
        assert portaal(betaalstatus="geen").count("Download afschrift besluit") == 1
        jaar = timezone.localdate().year
        assert (
            c.get(reverse("brieven:portaal"), {"jaar": jaar})
            .content.decode()
            .count("Download afschrift besluit")
            == 2
        )
        assert c.get(reverse("brieven:portaal"), {"jaar": 1999}).status_code == 200

    def test_an_invalid_filter_keeps_the_other_filters(self, medewerker, verified_client):
        """A bad year in the URL drops only the year: the outcome filter still applies."""
        self._brieven(1, uitkomst=Uitkomst.AFGEWEZEN)
        self._brieven(1)
        c = verified_client(medewerker)
        response = c.get(reverse("brieven:portaal"), {"jaar": "abc", "uitkomst": "afgewezen"})
        html = response.content.decode()
        assert response.status_code == 200
        assert html.count("Download afschrift besluit") == 1 and "Afgewezen</td>" in html

    def test_no_home_address_or_motivation(self, medewerker, verified_client):
        self._brieven(1, motivering="Geheime-incidentbeschrijving")
        html = verified_client(medewerker).get(reverse("brieven:portaal")).content.decode()
        assert zaken.WOONADRES not in html and "Geheime-incidentbeschrijving" not in html
        assert "Inbraakalarm" not in html

    def test_pagination(self, medewerker, verified_client, settings, monkeypatch):
        from aanvragen.brieven import views

        monkeypatch.setattr(views, "PER_PAGINA", 2)
        self._brieven(3)
        c = verified_client(medewerker)
        eerste = c.get(reverse("brieven:portaal")).content.decode()
        assert eerste.count("Download afschrift besluit") == 2 and "Pagina 1 van 2" in eerste
        tweede = c.get(reverse("brieven:portaal"), {"pagina": 2}).content.decode()
        assert tweede.count("Download afschrift besluit") == 1

    def test_gemeente_start_page_is_the_portal(self, medewerker, verified_client):
        self._brieven(1)
        response = verified_client(medewerker).get(reverse("accounts:start"), follow=True)
        assert response.redirect_chain == [(reverse("brieven:portaal"), 302)]
        assert response.content.decode().count("Download afschrift besluit") == 1


def test_status_page_shows_own_brieven(zaak, ambtsdrager, verified_client):
    html = (
        verified_client(ambtsdrager)
        .get(reverse("aanvragen:detail", args=[zaak["besluit"].aanvraag.pk]))
        .content.decode()
    )
    assert reverse("brieven:download", args=[zaak["aanvrager"].pk]) in html
    assert reverse("brieven:download", args=[zaak["gemeente"].pk]) not in html


def _klare_brief_zonder_besluit(aanvraag, soort):
    """A stored letter about the claim itself (acknowledgement, request, ...)."""
    return opgeslagen_brief(
        aanvraag=aanvraag,
        bron=f"aanvraag:{aanvraag.pk}",
        soort=soort,
        ontvanger=Ontvanger.AANVRAGER,
    )


class TestFinancieel:
    """Finance gets the decision letters of decided claims only; any other letter is a 404."""

    @pytest.fixture
    def financieel(self):
        return UserFactory(financieel_medewerker=True)

    def _status(self, verified_client, user, brief):
        return verified_client(user).get(reverse("brieven:download", args=[brief.pk])).status_code

    def test_brief_of_an_undecided_aanvraag(self, financieel, beoordelaar, verified_client):
        aanvraag = zaken.ingediende_aanvraag()
        brief = _klare_brief_zonder_besluit(aanvraag, BriefSoort.ONTVANGSTBEVESTIGING)
        assert self._status(verified_client, financieel, brief) == 404
        assert list(Inzage.objects.values_list("actie", flat=True)) == [InzageActie.GEWEIGERD]
        assert self._status(verified_client, beoordelaar, brief) == 200

    def test_other_brief_of_a_decided_aanvraag(
        self, zaak, financieel, beoordelaar, verified_client
    ):
        """A decided claim, but a letter about an information request: not for finance."""
        brief = _klare_brief_zonder_besluit(zaak["besluit"].aanvraag, BriefSoort.AANVULLING)
        assert self._status(verified_client, financieel, brief) == 404
        assert self._status(verified_client, beoordelaar, brief) == 200

    def test_besluit_brief_after_a_newer_concept(self, zaak, financieel, verified_client):
        """The current decision counts: a newer draft makes the claim undecided again."""
        assert self._status(verified_client, financieel, zaak["aanvrager"]) == 200
        BesluitFactory(aanvraag=zaak["besluit"].aanvraag, versie=2)  # a draft
        assert self._status(verified_client, financieel, zaak["aanvrager"]) == 404

    def test_backoffice_list(self, zaak, financieel, beoordelaar, verified_client):
        """The letters admin lists for finance only what it may download; the rest is a 404."""
        onbeslist = _klare_brief_zonder_besluit(
            zaken.ingediende_aanvraag(), BriefSoort.ONTVANGSTBEVESTIGING
        )
        lijst = reverse("admin:brieven_brief_changelist")
        response = verified_client(financieel).get(lijst)
        assert {b.pk for b in response.context["cl"].result_list} == {
            zaak["aanvrager"].pk,
            zaak["gemeente"].pk,
        }
        detail = reverse("admin:brieven_brief_change", args=[onbeslist.pk])
        assert verified_client(financieel).get(detail).status_code == 404
        toegestaan = reverse("admin:brieven_brief_change", args=[zaak["aanvrager"].pk])
        assert verified_client(financieel).get(toegestaan).status_code == 200
        response = verified_client(beoordelaar).get(lijst)
        assert onbeslist in response.context["cl"].result_list
        assert verified_client(beoordelaar).get(detail).status_code == 200
