"""Permission matrix: every applicant view and the admin views x every role.

Office holders see only their own claims (404 otherwise); the gemeente-medewerker sees no
claim content; BZK staff read claims in the admin and download evidence, always logged.
Assessors read every submitted claim; finance only claims with an approved or sent decision
(any other claim is a 404 for finance, like a claim that does not exist).
"""

import pytest
from django.urls import reverse

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Bewijsstuk
from fondsbeveiliging.audit.models import Inzage, InzageActie
from tests.aanvragen.backoffice.factories import BesluitFactory
from tests.aanvragen.factories import AanvraagFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "eigenaar",
    "andere_ambtsdrager",
    "gemeente_medewerker",
    "beoordelaar",
    "tweede_beoordelaar",
    "financieel_medewerker",
    "functioneel_beheerder",
    "anoniem",
]
STAFF_LEZEN = {"beoordelaar", "tweede_beoordelaar", "financieel_medewerker"}
# Every submitted claim, decided or not; finance reads only decided claims.
ALLE_ZAKEN_LEZEN = {"beoordelaar", "tweede_beoordelaar"}
# Evidence is for the applicant and the assessors; finance pays on the decision alone.
BEWIJS_LEZEN = {"beoordelaar", "tweede_beoordelaar"}
LOGIN = "login"  # a redirect to the login page


@pytest.fixture
def wereld(regeling, ambtsdrager):
    """A draft, a submitted claim, one with an open information request, one decided."""
    concept = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
    ingediend = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True)
    besloten = AanvraagFactory(
        aanvrager=ambtsdrager, ingediend=True, status=AanvraagStatus.BESLUIT_GOEDGEKEURD
    )
    BesluitFactory(aanvraag=besloten, goedgekeurd=True)
    met_verzoek = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
    kp = concept.kostenposten.get()
    return {
        "concept": concept,
        "kp": kp,
        "concept_bestand": kp.bewijsstukken.first(),
        "ingediend": ingediend,
        "besloten": besloten,
        "bestand": Bewijsstuk.objects.filter(kostenpost__aanvraag=ingediend).first(),
        "met_verzoek": met_verzoek,
        "verzoek": met_verzoek.aanvulverzoeken.get(),
        "aanvulling_bestand": _beantwoord(ambtsdrager),
    }


def _beantwoord(ambtsdrager):
    """A claim whose information request was answered with a file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aanvragen import services
    from tests.aanvragen.factories import pdf_bytes

    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
    verzoek = services.aanvulverzoek_beantwoorden(
        aanvulverzoek=aanvraag.aanvulverzoeken.get(),
        door=ambtsdrager,
        antwoord="Zie bijlage",
        bestanden=[SimpleUploadedFile("offerte.pdf", pdf_bytes())],
    )
    return verzoek.bestanden.get()


def _url(naam, w):
    c, i = w["concept"].pk, w["ingediend"].pk
    return {
        "lijst": reverse("aanvragen:lijst"),
        "nieuw": reverse("aanvragen:nieuw"),
        "detail": reverse("aanvragen:detail", args=[i]),
        "gegevens": reverse("aanvragen:gegevens", args=[c]),
        "kostenposten": reverse("aanvragen:kostenposten", args=[c]),
        "kostenpost": reverse("aanvragen:kostenpost", args=[c, w["kp"].pk]),
        "kostenpost_verwijderen": reverse("aanvragen:kostenpost_verwijderen", args=[c, w["kp"].pk]),
        "betaling": reverse("aanvragen:betaling", args=[c]),
        "controleren": reverse("aanvragen:controleren", args=[c]),
        "intrekken": reverse("aanvragen:intrekken", args=[i]),
        "aanvulling": reverse("aanvragen:aanvulling", args=[w["met_verzoek"].pk, w["verzoek"].pk]),
        "bewijsstuk": reverse("aanvragen:bewijsstuk", args=[i, w["bestand"].pk]),
        "aanvulling_bestand": reverse(
            "aanvragen:aanvulling_bestand",
            args=[w["aanvulling_bestand"].aanvulverzoek.aanvraag_id, w["aanvulling_bestand"].pk],
        ),
        "concept_bewijsstuk": reverse("aanvragen:bewijsstuk", args=[c, w["concept_bestand"].pk]),
        "admin_lijst": reverse("admin:aanvragen_aanvraag_changelist"),
        "admin_detail": reverse("admin:aanvragen_aanvraag_change", args=[i]),
        "admin_besloten": reverse("admin:aanvragen_aanvraag_change", args=[w["besloten"].pk]),
        "admin_concept": reverse("admin:aanvragen_aanvraag_change", args=[c]),
        "admin_regeling": reverse("admin:aanvragen_regeling_changelist"),
    }[naam]


def _verwacht(view, rol):
    if rol == "anoniem":
        return LOGIN
    if view in ("lijst", "nieuw"):
        return 200 if rol in ("eigenaar", "andere_ambtsdrager") else 403
    if view in ("bewijsstuk", "aanvulling_bestand"):
        return 200 if rol == "eigenaar" or rol in BEWIJS_LEZEN else 404
    if view in ("admin_lijst", "admin_besloten"):
        if rol in STAFF_LEZEN:
            return 200
        return 403 if rol == "functioneel_beheerder" else LOGIN
    if view == "admin_detail":  # submitted, no decision yet
        if rol in ALLE_ZAKEN_LEZEN:
            return 200
        if rol in STAFF_LEZEN:
            return 404  # finance: not yet decided
        return 403 if rol == "functioneel_beheerder" else LOGIN
    if view == "admin_concept":  # drafts are private to the applicant, also in the admin
        if rol in STAFF_LEZEN:
            return 404  # as for a claim that does not exist
        return 403 if rol == "functioneel_beheerder" else LOGIN
    if view == "admin_regeling":
        if rol in STAFF_LEZEN or rol == "functioneel_beheerder":
            return 200
        return LOGIN
    return 200 if rol == "eigenaar" else 404


VIEWS = [
    "lijst",
    "nieuw",
    "detail",
    "gegevens",
    "kostenposten",
    "kostenpost",
    "kostenpost_verwijderen",
    "betaling",
    "controleren",
    "intrekken",
    "aanvulling",
    "bewijsstuk",
    "aanvulling_bestand",
    "concept_bewijsstuk",
    "admin_lijst",
    "admin_detail",
    "admin_besloten",
    "admin_concept",
    "admin_regeling",
]


@pytest.fixture
def als(request, client, verified_client, ambtsdrager):
    def login(rol):
        if rol == "anoniem":
            return client
        user = ambtsdrager if rol == "eigenaar" else request.getfixturevalue(rol)
        return verified_client(user)

    return login


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("view", VIEWS)
def test_get_matrix(wereld, als, view, rol):
    """Each GET view answers each role as the matrix says, and reveals nothing otherwise."""
    response = als(rol).get(_url(view, wereld))
    verwacht = _verwacht(view, rol)
    if verwacht == LOGIN:
        assert response.status_code == 302
        assert "login" in response["Location"]
    else:
        assert response.status_code == verwacht, response.content[:300]
    if response.status_code in (403, 404) and rol != "eigenaar":
        inhoud = response.content.decode(errors="ignore")
        assert "Inbraakalarm" not in inhoud
        assert "NL91ABNA" not in inhoud


@pytest.mark.parametrize("rol", ROLLEN)
def test_staff_reads_are_logged(wereld, als, rol):
    """Opening a claim in the admin and downloading evidence writes the access log."""
    client = als(rol)
    client.get(_url("admin_detail", wereld))
    client.get(_url("admin_besloten", wereld))
    client.get(_url("bewijsstuk", wereld))
    client.get(_url("aanvulling_bestand", wereld))
    # Refused requests are logged too, as GEWEIGERD (tests/audit/test_geweigerd.py).
    gelezen = Inzage.objects.exclude(actie=InzageActie.GEWEIGERD)
    acties = sorted(gelezen.values_list("actie", flat=True))
    if rol in BEWIJS_LEZEN:
        assert acties == [
            InzageActie.BEKEKEN,
            InzageActie.BEKEKEN,
            InzageActie.GEDOWNLOAD,
            InzageActie.GEDOWNLOAD,
        ]
        assert (
            Inzage.objects.filter(omschrijving__startswith=wereld["ingediend"].kenmerk).count() == 2
        )
    elif rol in STAFF_LEZEN:  # finance: only the decided claim is read
        assert acties == [InzageActie.BEKEKEN]
        assert gelezen.get().omschrijving == wereld["besloten"].kenmerk
    else:
        assert acties == []


@pytest.mark.parametrize("rol", ROLLEN)
def test_post_delete_evidence_matrix(wereld, als, rol):
    """Only the owner can remove evidence from their draft."""
    url = reverse(
        "aanvragen:bewijsstuk_verwijderen",
        args=[wereld["concept"].pk, wereld["concept_bestand"].pk],
    )
    response = als(rol).post(url)
    bestaat = Bewijsstuk.objects.filter(pk=wereld["concept_bestand"].pk).exists()
    if rol == "eigenaar":
        assert response.status_code == 302 and not bestaat
    else:
        assert response.status_code in (302, 404) and bestaat
        if response.status_code == 302:
            assert "login" in response["Location"]


@pytest.mark.parametrize("rol", ROLLEN)
def test_post_withdraw_matrix(wereld, als, rol):
    response = als(rol).post(_url("intrekken", wereld), {"toelichting": ""})
    wereld["ingediend"].refresh_from_db()
    if rol == "eigenaar":
        assert response.status_code == 302
        assert wereld["ingediend"].status == "ingetrokken"
    else:
        assert response.status_code in (302, 404)
        assert wereld["ingediend"].status == "ingediend"


@pytest.mark.parametrize("rol", ROLLEN)
def test_post_submit_matrix(wereld, als, rol):
    response = als(rol).post(_url("controleren", wereld), {"verklaring": "on"})
    wereld["concept"].refresh_from_db()
    if rol == "eigenaar":
        assert response.status_code == 302
        assert wereld["concept"].kenmerk
    else:
        assert response.status_code in (302, 404)
        assert wereld["concept"].status == "concept"


def test_home_address_only_for_assessors_in_the_admin(
    regeling, ambtsdrager, verified_client, request
):
    """Also on a decided claim, whose case page finance may open."""
    aanvraag = AanvraagFactory(
        aanvrager=ambtsdrager,
        ingediend=True,
        status=AanvraagStatus.BESLUIT_GOEDGEKEURD,
        maatregel_bij_woning=True,
        woonadres="Geheime Laan 13",
        woon_plaats="Utrecht",
    )
    BesluitFactory(aanvraag=aanvraag, goedgekeurd=True)
    url = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
    for rol, ziet in (
        ("beoordelaar", True),
        ("tweede_beoordelaar", True),
        ("financieel_medewerker", False),
    ):
        response = verified_client(request.getfixturevalue(rol)).get(url)
        assert response.status_code == 200, rol
        assert ("Geheime Laan 13" in response.content.decode()) is ziet, rol


POSTS = {
    "gegevens": {"correspondentie_adres": "Gekaapt 1", "actie": "concept"},
    "kostenposten": {"actie": "toevoegen"},
    "kostenpost": {"omschrijving": "Gekaapt", "actie": "concept", "bewijs-soort": "factuur"},
    "kostenpost_verwijderen": {},
    "betaling": {"iban": "NL02ABNA0123456789", "actie": "concept"},
    "aanvulling": {"antwoord": "Gekaapt"},
}


def _snapshot(w):
    concept = type(w["concept"]).objects.get(pk=w["concept"].pk)
    verzoek = type(w["verzoek"]).objects.get(pk=w["verzoek"].pk)
    return (
        concept.correspondentie_adres,
        concept.iban,
        list(concept.kostenposten.values_list("pk", "omschrijving")),
        verzoek.antwoord,
    )


@pytest.mark.parametrize("rol", [r for r in ROLLEN if r != "eigenaar"])
@pytest.mark.parametrize("view", sorted(POSTS))
def test_post_matrix_changes_nothing_for_others(wereld, als, view, rol):
    """Every state-changing POST by anyone but the owner is a 404 (or login) and a no-op."""
    voor = _snapshot(wereld)
    response = als(rol).post(_url(view, wereld), POSTS[view])
    if rol == "anoniem":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 404
    assert _snapshot(wereld) == voor


@pytest.mark.parametrize("view", sorted(POSTS))
def test_post_matrix_owner_changes_their_claim(wereld, als, view):
    voor = _snapshot(wereld)
    response = als("eigenaar").post(_url(view, wereld), POSTS[view])
    assert response.status_code == 302
    assert _snapshot(wereld) != voor


@pytest.mark.parametrize("rol", ROLLEN)
def test_post_new_claim_matrix(wereld, als, rol):
    """Only office holders can start a claim."""
    from aanvragen.models import Aanvraag

    voor = Aanvraag.objects.count()
    response = als(rol).post(_url("nieuw", wereld))
    if rol in ("eigenaar", "andere_ambtsdrager"):
        assert response.status_code == 302 and Aanvraag.objects.count() == voor + 1
    else:
        assert response.status_code in (302, 403) and Aanvraag.objects.count() == voor
