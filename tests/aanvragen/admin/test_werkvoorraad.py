"""The work queue: who sees it, with which columns and filters, and at a constant query cost."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import selectors
from aanvragen.constants import AanvraagStatus, BesluitStatus, Uitkomst
from aanvragen.permissions import can_aanvraag_bekijken
from fondsbeveiliging.audit.models import Inzage, InzageActie
from tests.aanvragen.admin.conftest import bulk_aanvragen
from tests.aanvragen.backoffice.factories import BesluitFactory, aanvraag_in
from tests.aanvragen.factories import AanvraagFactory, RegelingFactory
from tests.factories import gemeente

pytestmark = pytest.mark.django_db

URL = reverse("admin:aanvragen_aanvraag_changelist")


@pytest.fixture
def zaken(regeling, beoordelaar):
    """One concept, one unassigned submitted claim, one overdue claim and one approved decision."""
    RegelingFactory(code="oud", geldig_van=date(2010, 1, 1), geldig_tot=date(2019, 12, 31))
    nieuw = AanvraagFactory(ingediend=True, aanvrager_naam="Jansen", gemeente=gemeente("GM0599"))
    verlopen = AanvraagFactory(
        ingediend=True,
        status=AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        beslistermijn_einde=timezone.localdate() - timedelta(days=3),
    )
    goedgekeurd = AanvraagFactory(ingediend=True, status=AanvraagStatus.BESLUIT_GOEDGEKEURD)
    BesluitFactory(aanvraag=goedgekeurd, goedgekeurd=True)
    concept = AanvraagFactory(compleet=True)
    return {"nieuw": nieuw, "verlopen": verlopen, "goedgekeurd": goedgekeurd, "concept": concept}


def _filters(response):
    return [str(spec.title) for spec in response.context["cl"].filter_specs]


def _kenmerken(response):
    return {a.kenmerk for a in response.context["cl"].result_list}


@pytest.mark.parametrize("rol", ["beoordelaar", "tweede_beoordelaar"])
def test_assessors_see_every_submitted_claim_but_no_concepts(rol, request, verified_client, zaken):
    client = verified_client(request.getfixturevalue(rol))
    response = client.get(URL)
    assert response.status_code == 200
    assert _kenmerken(response) == {
        zaken["nieuw"].kenmerk,
        zaken["verlopen"].kenmerk,
        zaken["goedgekeurd"].kenmerk,
    }
    html = response.content.decode()
    for kolom in [
        "Kenmerk",
        "Aanvrager",
        "Gemeente",
        "Status",
        "Beoordelaar",
        "Aangevraagd bedrag",
    ]:
        assert f">{kolom}<" in html, kolom
    # The office type shares the applicant's cell (the queue fits 1280 px).
    assert zaken["nieuw"].get_ambtstype_display() in html
    assert "Uiterste beslisdatum" in html
    assert "3 dagen te laat" in html
    for keuze in ["Mijn zaken", "Niet toegewezen", "Verlopen", "Verloopt binnen 7 dagen"]:
        assert keuze in html
    assert _filters(response) == [
        "status",
        "beoordelaar",
        "beslistermijn",
        "gemeente",
        "provincie",
        "regeling",
    ]


def test_queue_is_ordered_by_deadline(verified_client, beoordelaar, zaken):
    response = verified_client(beoordelaar).get(URL)
    eerste = response.context["cl"].result_list[0]
    assert eerste == zaken["verlopen"]


def test_finance_sees_only_decided_claims_without_assessor_filters(
    verified_client, financieel_medewerker, zaken
):
    client = verified_client(financieel_medewerker)
    response = client.get(URL)
    assert response.status_code == 200
    # Approved but not sent: nothing to pay yet (the payment term runs from dispatch).
    assert _kenmerken(response) == set()
    assert _filters(response) == ["status", "betaling", "gemeente", "provincie", "regeling"]
    html = response.content.decode()
    assert "Te betalen en betaalbatches" in html
    assert _kenmerken(client.get(URL, {"betaling": "alle"})) == {zaken["goedgekeurd"].kenmerk}


S = AanvraagStatus
B = BesluitStatus


@pytest.mark.parametrize(
    ("status", "besluiten", "financieel"),
    [
        (S.INGEDIEND, [], False),
        (S.AANVULLING_GEVRAAGD, [], False),
        (S.IN_BEHANDELING, [], False),
        (S.VOORNEMEN_AFWIJZING, [], False),
        (S.BESLUIT_CONCEPT, [B.CONCEPT], False),
        (S.IN_BEHANDELING, [B.TERUGGESTUURD], False),
        (S.BESLUIT_CONCEPT, [B.TERUGGESTUURD, B.CONCEPT], False),
        (S.INGETROKKEN, [B.CONCEPT], False),
        (S.BESLUIT_GOEDGEKEURD, [B.GOEDGEKEURD], True),
        (S.BESLUIT_GOEDGEKEURD, [B.TERUGGESTUURD, B.GOEDGEKEURD], True),
        (S.BUITEN_BEHANDELING, [B.GOEDGEKEURD], True),
        (S.VERZONDEN, [B.VERZONDEN], True),
        (S.BETAALD, [B.VERZONDEN], True),
        (S.BEZWAAR, [B.VERZONDEN], True),
        (S.AFGESLOTEN, [B.VERZONDEN], True),
        # The current decision counts: a newer draft after a sent one hides the case again.
        (S.VERZONDEN, [B.VERZONDEN, B.CONCEPT], False),
    ],
)
def test_queue_and_case_page_apply_one_rule_for_finance(
    status, besluiten, financieel, request, verified_client, regeling
):
    """Finance sees a claim in the queue exactly when its case page opens (else a 404);
    assessors see every submitted claim."""
    aanvraag = aanvraag_in(status)
    for versie, besluit_status in enumerate(besluiten, start=1):
        BesluitFactory(
            aanvraag=aanvraag,
            versie=versie,
            status=besluit_status,
            goedgekeurd=besluit_status in (B.GOEDGEKEURD, B.VERZONDEN),
            verzonden=besluit_status == B.VERZONDEN,
            uitkomst=Uitkomst.BUITEN_BEHANDELING
            if status == S.BUITEN_BEHANDELING
            else Uitkomst.TOEGEKEND,
        )
    change = reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])
    # The queue's default view narrows to open or unpaid cases; "Alle" shows the whole rule.
    for rol, ziet, alle in (
        ("financieel_medewerker", financieel, {"status": "alle", "betaling": "alle"}),
        ("beoordelaar", True, {"status": "alle"}),
        ("tweede_beoordelaar", True, {"status": "alle"}),
    ):
        user = request.getfixturevalue(rol)
        client = verified_client(user)
        assert (aanvraag in selectors.werkvoorraad(fetched_by=user)) is ziet, rol
        assert (aanvraag in client.get(URL, alle).context["cl"].result_list) is ziet, rol
        assert can_aanvraag_bekijken(user, aanvraag) is ziet, rol
        assert client.get(change).status_code == (200 if ziet else 404), rol


def _gekozen(response, titel):
    cl = response.context["cl"]
    spec = next(spec for spec in cl.filter_specs if str(spec.title) == titel)
    return [str(keuze["display"]) for keuze in spec.choices(cl) if keuze["selected"]]


@pytest.mark.parametrize("rol", ["beoordelaar", "tweede_beoordelaar"])
def test_assessors_start_on_open_cases_and_can_choose_all(rol, request, verified_client, regeling):
    """A closed claim with an older deadline no longer heads the queue; "Alle" still shows it."""
    afgesloten = aanvraag_in(S.AFGESLOTEN, beslistermijn_einde=date(2027, 1, 23))
    open_zaak = aanvraag_in(S.IN_BEHANDELING, beslistermijn_einde=date(2027, 1, 25))
    afgehandeld = [aanvraag_in(s) for s in (S.VERZONDEN, S.BETAALD, S.INGETROKKEN)]
    client = verified_client(request.getfixturevalue(rol))

    response = client.get(URL)
    assert list(response.context["cl"].result_list) == [open_zaak]
    assert _gekozen(response, "status") == ["Alle openstaande"]

    response = client.get(URL, {"status": "alle"})
    assert response.context["cl"].result_list[0] == afgesloten
    assert set(response.context["cl"].result_list) == {afgesloten, open_zaak, *afgehandeld}
    assert _gekozen(response, "status") == ["Alle"]
    assert "?status=alle" in client.get(URL).content.decode()


def test_a_search_finds_a_closed_case_without_choosing_a_status(verified_client, beoordelaar):
    afgesloten = aanvraag_in(S.AFGESLOTEN)
    response = verified_client(beoordelaar).get(URL, {"q": afgesloten.kenmerk})
    assert list(response.context["cl"].result_list) == [afgesloten]
    assert _gekozen(response, "status") == ["Alle"]


def test_finance_starts_on_decided_claims_with_an_amount_to_pay(
    verified_client, financieel_medewerker, regeling
):
    """Paid and closed claims leave finance's default view; "Alle" shows every decided one."""
    from aanvragen.models import Betaling

    te_betalen = aanvraag_in(S.VERZONDEN, beslistermijn_einde=date(2027, 1, 25))
    BesluitFactory(aanvraag=te_betalen, verzonden=True)
    betaald = aanvraag_in(S.AFGESLOTEN, beslistermijn_einde=date(2027, 1, 23))
    besluit = BesluitFactory(aanvraag=betaald, verzonden=True)
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=timezone.localdate(),
        bedrag=besluit.bedrag_toegekend,
        referentie="B-1",
        geregistreerd_door=financieel_medewerker,
    )
    afgewezen = aanvraag_in(S.VERZONDEN, beslistermijn_einde=date(2027, 1, 24))
    BesluitFactory(
        aanvraag=afgewezen, verzonden=True, uitkomst=Uitkomst.AFGEWEZEN, bedrag_toegekend=0
    )
    client = verified_client(financieel_medewerker)

    response = client.get(URL)
    assert list(response.context["cl"].result_list) == [te_betalen]
    assert _gekozen(response, "betaling") == ["Nog te betalen"]
    assert _gekozen(response, "status") == ["Alle"]

    response = client.get(URL, {"betaling": "alle"})
    assert list(response.context["cl"].result_list) == [betaald, afgewezen, te_betalen]


def test_functioneel_beheerder_has_no_access_to_case_content(
    verified_client, functioneel_beheerder, zaken
):
    client = verified_client(functioneel_beheerder)
    assert client.get(URL).status_code == 403
    change = reverse("admin:aanvragen_aanvraag_change", args=[zaken["nieuw"].pk])
    assert client.get(change).status_code in (403, 404)


def test_a_superuser_functioneel_beheerder_sees_no_queue_either(verified_client, zaken):
    """The demo's functioneel beheerder is a superuser: the role still hides queue and cases."""
    from tests.factories import UserFactory

    beheerder = UserFactory(functioneel_beheerder=True, is_superuser=True, is_staff=True)
    client = verified_client(beheerder)
    index = client.get(reverse("admin:index")).content.decode()
    assert URL not in index
    assert reverse("admin:aanvragen_statuswijziging_changelist") in index
    assert client.get(URL).status_code == 403
    change = reverse("admin:aanvragen_aanvraag_change", args=[zaken["nieuw"].pk])
    assert client.get(change).status_code in (403, 404)
    actie = reverse("admin:aanvragen_aanvraag_actie", args=[zaken["nieuw"].pk, "toewijzen"])
    assert client.get(actie).status_code in (403, 404)


@pytest.mark.parametrize("rol", ["ambtsdrager", "gemeente_medewerker"])
def test_non_staff_are_sent_to_the_login_page(rol, request, verified_client, zaken):
    response = verified_client(request.getfixturevalue(rol)).get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_without_two_factor_verification_is_sent_to_login(client, beoordelaar, zaken):
    client.force_login(beoordelaar)
    response = client.get(URL)
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({"behandelaar": "mij"}, {"verlopen"}),
        ({"behandelaar": "niemand"}, {"nieuw", "goedgekeurd"}),
        ({"termijn": "verlopen"}, {"verlopen"}),
        ({"termijn": "7dagen"}, set()),
        ({"status": "open"}, {"nieuw", "verlopen", "goedgekeurd"}),
        ({"status": "besluit_goedgekeurd"}, {"goedgekeurd"}),
        ({"provincie": "Noord-Holland"}, {"verlopen", "goedgekeurd"}),
        ({"provincie": "Zuid-Holland"}, {"nieuw"}),
        ({"gemeente": "GM0599"}, {"nieuw"}),
        ({"provincie": "Zeeland"}, set()),
    ],
)
def test_filters(query, verwacht, verified_client, beoordelaar, zaken):
    response = verified_client(beoordelaar).get(URL, query)
    assert response.status_code == 200
    assert _kenmerken(response) == {zaken[naam].kenmerk for naam in verwacht}


@pytest.mark.parametrize("deel", [slice(None), slice(-6, None)])
def test_search_by_kenmerk_is_not_logged(deel, verified_client, beoordelaar, zaken):
    """A whole kenmerk (any case) or its number finds the claim; no access-log row."""
    kenmerk = zaken["nieuw"].kenmerk
    response = verified_client(beoordelaar).get(URL, {"q": f" {kenmerk[deel].lower()} "})
    assert _kenmerken(response) == {kenmerk}
    assert not Inzage.objects.filter(actie=InzageActie.GEZOCHT).exists()


def test_search_by_name_is_logged_without_the_name(verified_client, beoordelaar, zaken):
    response = verified_client(beoordelaar).get(URL, {"q": "janse"})
    assert _kenmerken(response) == {zaken["nieuw"].kenmerk}
    inzage = Inzage.objects.get(actie=InzageActie.GEZOCHT)
    assert inzage.gebruiker == beoordelaar
    assert inzage.omschrijving == "zoekopdracht op naam"
    assert "jans" not in inzage.omschrijving.lower()


def test_take_button_only_on_unassigned_claims(verified_client, beoordelaar, zaken):
    html = verified_client(beoordelaar).get(URL).content.decode()

    def knop(naam):
        return reverse("admin:aanvragen_aanvraag_actie", args=[zaken[naam].pk, "toewijzen"])

    assert knop("nieuw") in html
    assert knop("verlopen") not in html


def _queries(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_uses_a_constant_number_of_queries(verified_client, beoordelaar, regeling):
    """50 or 500 claims: the same query count, at most 15, on page 1, filtered and searched."""
    client = verified_client(beoordelaar)
    paginas = [
        {},
        {"status": "open", "provincie": "Noord-Holland"},
        {"behandelaar": "mij", "termijn": "verlopen"},
        {"q": "FB-2026"},
        {"q": "aanvrager"},  # a name search, logged
    ]
    bulk_aanvragen(50, regeling=regeling, behandelaar=beoordelaar)
    client.get(URL)  # warm caches (content types, session)
    bij_50 = [_queries(client, **params) for params in paginas]
    bulk_aanvragen(450, regeling=regeling, behandelaar=beoordelaar)
    bij_500 = [_queries(client, **params) for params in paginas]
    assert bij_50 == bij_500
    assert max(bij_500) <= 15
    # A later page reads the page's ids first, then its rows: one query more, still constant.
    assert _queries(client, p=5) == bij_500[0] + 1


def test_later_pages_keep_the_deadline_order(verified_client, beoordelaar, regeling):
    from aanvragen.models import Aanvraag

    bulk_aanvragen(120, regeling=regeling, behandelaar=beoordelaar)
    response = verified_client(beoordelaar).get(URL, {"p": 2})
    verwacht = list(
        Aanvraag.objects.exclude(status="concept")
        .order_by("beslistermijn_einde", "pk")
        .values_list("kenmerk", flat=True)[50:100]
    )
    assert [a.kenmerk for a in response.context["cl"].result_list] == verwacht


def test_finance_queue_uses_a_constant_number_of_queries(
    verified_client, financieel_medewerker, regeling
):
    """The default "Nog te betalen" view is one EXISTS in the list query, not a query per row."""

    def besloten(n):
        for aanvraag in bulk_aanvragen(n, regeling=regeling, status=S.VERZONDEN):
            BesluitFactory(aanvraag=aanvraag, bedrag_toegekend=100, verzonden=True)

    client = verified_client(financieel_medewerker)
    paginas = [{}, {"betaling": "alle"}, {"status": "verzonden", "provincie": "Noord-Holland"}]
    besloten(10)
    client.get(URL)  # warm caches (content types, session)
    bij_10 = [_queries(client, **params) for params in paginas]
    besloten(60)
    assert [_queries(client, **params) for params in paginas] == bij_10
    assert len(client.get(URL).context["cl"].result_list) == 50


def test_queue_writes_the_claimed_amount_the_dutch_way(verified_client, beoordelaar, regeling):
    from decimal import Decimal

    aanvraag_in(S.INGEDIEND, bedragen=(Decimal("1250.00"), Decimal("1395.00")))
    html = verified_client(beoordelaar).get(URL).content.decode()
    assert "€\xa02.645,00" in html
    assert "2645,00" not in html
