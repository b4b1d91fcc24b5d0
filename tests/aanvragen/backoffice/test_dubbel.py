"""Double-claim signals (issue 15, item 5): detected per pattern, shown to assessors only,
with a recorded reason to go on in the case history, at a constant number of queries."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import services
from aanvragen.backoffice.dubbel import dubbel_overzicht
from aanvragen.constants import AanvraagStatus, BesluitStatus, RekeningSoort, Uitkomst
from aanvragen.kern import WorkflowFout
from aanvragen.models import KostenpostBeoordeling, SignaalAfweging
from tests.aanvragen.backoffice.factories import BesluitFactory, alles_beoordelen
from tests.aanvragen.factories import AanvraagFactory, BewijsstukFactory, KostenpostFactory

pytestmark = pytest.mark.django_db

KOP = "Signalen dubbele declaratie"
_nummer = itertools.count(1)


def zaak(
    *,
    aanvrager=None,
    behandelaar=None,
    leverancier=None,
    factuurnummer="",
    bedrag=Decimal("1000.00"),
    iban=None,
    dagen_geleden=0,
    status=AanvraagStatus.IN_BEHANDELING,
    **kwargs,
):
    """A submitted claim with one alarm line; supplier and IBAN unique unless given, no
    invoice number unless given."""
    n = next(_nummer)
    extra = {"aanvrager": aanvrager} if aanvrager else {}
    aanvraag = AanvraagFactory(
        ingediend=True,
        kostenpost=None,
        status=status,
        behandelaar=behandelaar,
        iban=iban or f"NL{n:02d}TEST{n:010d}",
        ingediend_op=timezone.now() - timedelta(days=dagen_geleden),
        **extra,
        **kwargs,
    )
    post = KostenpostFactory(
        aanvraag=aanvraag,
        bedrag=bedrag,
        leverancier=leverancier or f"Leverancier {n}",
        factuurnummer=factuurnummer,
        bewijs=False,
    )
    return aanvraag, post


def bestand(post, sha256):
    return BewijsstukFactory(kostenpost=post, sha256=sha256, bestandsnaam="factuur.pdf")


def _url(aanvraag):
    return reverse("admin:aanvragen_aanvraag_change", args=[aanvraag.pk])


def _actie(aanvraag, slug):
    return reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, slug])


def soorten(aanvraag):
    return sorted(s.soort for s in dubbel_overzicht(aanvraag=aanvraag).signalen)


def _link(andere):
    return f'<a href="{_url(andere)}">{andere.kenmerk}</a>'


class TestPatronen:
    def test_the_same_file_on_another_claim_is_flagged_on_both_with_a_link(
        self, verified_client, beoordelaar, regeling
    ):
        eerste, post1 = zaak()
        tweede, post2 = zaak()
        bestand(post1, "a" * 64)
        bestand(post2, "a" * 64)
        assert soorten(tweede) == ["bestand"] and soorten(eerste) == ["bestand"]

        html = verified_client(beoordelaar).get(_url(tweede)).content.decode()
        assert KOP in html and "Hetzelfde bestand (factuur.pdf)" in html
        assert _link(eerste) in html

    def test_the_same_file_on_two_lines_of_one_claim_is_one_signal(self, regeling):
        aanvraag, post1 = zaak()
        post2 = KostenpostFactory(aanvraag=aanvraag, leverancier="Ander", bewijs=False)
        bestand(post1, "b" * 64)
        bestand(post2, "b" * 64)
        [signaal] = dubbel_overzicht(aanvraag=aanvraag).signalen
        assert signaal.soort == "bestand" and signaal.andere_aanvraag_id == aanvraag.pk

    def test_the_same_invoice_on_a_claim_of_another_office_holder(
        self, verified_client, beoordelaar, regeling
    ):
        """Same supplier and invoice number, a year apart and another amount: flagged on both."""
        factuur = {"leverancier": "Veilig Thuis B.V.", "factuurnummer": "F-2026-0042"}
        eerste, _ = zaak(**factuur, dagen_geleden=365)
        tweede, post = zaak(**factuur, bedrag=Decimal("250.00"))
        assert eerste.aanvrager_id != tweede.aanvrager_id
        assert soorten(tweede) == ["factuur"] and soorten(eerste) == ["factuur"]
        [signaal] = dubbel_overzicht(aanvraag=tweede).signalen
        assert (signaal.andere_aanvraag_id, signaal.kostenpost_id) == (eerste.pk, post.pk)

        html = verified_client(beoordelaar).get(_url(tweede)).content.decode()
        assert (
            "Kostenpost 1 (Alarmsysteem): dezelfde factuur (leverancier Veilig Thuis B.V., "
            "factuurnummer F-2026-0042) staat ook in aanvraag"
        ) in html
        assert _link(eerste) in html
        assert "factuurnummer F-2026-0042</span>" in html  # in the cost-line table as well

    def test_the_same_invoice_ignores_case_and_outer_spaces(self, regeling):
        zaak(leverancier="Veilig Thuis B.V.", factuurnummer="f-2026-0042", dagen_geleden=90)
        aanvraag, _ = zaak(leverancier="  VEILIG thuis b.v. ", factuurnummer=" F-2026-0042  ")
        assert soorten(aanvraag) == ["factuur"]

    @pytest.mark.parametrize(
        ("eerder", "nu"),
        [("F-2026-0042", "F-2026-0043"), ("", ""), ("F-2026-0042", ""), ("", "F-2026-0042")],
        ids=["other-number", "both-empty", "now-empty", "earlier-empty"],
    )
    def test_another_or_an_empty_invoice_number_is_not_flagged(self, eerder, nu, regeling):
        """Another number, or none on either side, is no match (amounts differ, 90 days apart)."""
        zaak(leverancier="Veilig Thuis B.V.", factuurnummer=eerder, dagen_geleden=90)
        aanvraag, _ = zaak(
            leverancier="Veilig Thuis B.V.", factuurnummer=nu, bedrag=Decimal("250.00")
        )
        assert soorten(aanvraag) == []

    def test_the_same_invoice_from_another_supplier_is_not_flagged(self, regeling):
        zaak(leverancier="Veilig Thuis B.V.", factuurnummer="2026-001", dagen_geleden=90)
        aanvraag, _ = zaak(leverancier="Slot & Sleutel B.V.", factuurnummer="2026-001")
        assert soorten(aanvraag) == []

    def test_the_same_invoice_on_two_lines_of_one_claim_is_one_signal(self, regeling):
        aanvraag, post1 = zaak(leverancier="Veilig Thuis B.V.", factuurnummer="F-7")
        post2 = KostenpostFactory(
            aanvraag=aanvraag, leverancier="veilig thuis b.v.", factuurnummer="f-7", bewijs=False
        )
        [signaal] = dubbel_overzicht(aanvraag=aanvraag).signalen
        assert signaal.soort == "factuur" and signaal.andere_aanvraag_id == aanvraag.pk
        assert signaal.sleutel == f"factuur:{post1.pk}:{post2.pk}"
        assert "staat bij kostenpost 1 (Alarmsysteem) en bij kostenpost 2" in signaal.tekst

    def test_the_same_supplier_and_amount_within_30_days(
        self, verified_client, beoordelaar, regeling
    ):
        eerste, _ = zaak(leverancier="Veilig Thuis B.V.", dagen_geleden=29)
        tweede, _ = zaak(leverancier="  veilig thuis b.v. ", bedrag=Decimal("1000.00"))
        assert soorten(tweede) == ["leverancier"]
        html = verified_client(beoordelaar).get(_url(tweede)).content.decode()
        assert "Dezelfde leverancier" in html and _link(eerste) in html

    def test_supplier_and_amount_further_apart_or_another_amount_is_not_flagged(self, regeling):
        zaak(leverancier="Veilig Thuis B.V.", dagen_geleden=31)
        zaak(leverancier="Veilig Thuis B.V.", bedrag=Decimal("999.99"), dagen_geleden=3)
        aanvraag, _ = zaak(leverancier="Veilig Thuis B.V.")
        assert soorten(aanvraag) == []

    def test_an_iban_of_another_office_holder(self, verified_client, beoordelaar, regeling):
        eerste, _ = zaak(iban="NL02ABNA0123456789")
        tweede, _ = zaak(iban="NL02ABNA0123456789")
        assert soorten(tweede) == ["iban"]
        html = verified_client(beoordelaar).get(_url(tweede)).content.decode()
        assert "Hetzelfde IBAN" in html and _link(eerste) in html
        assert "NL02ABNA0123456789" not in html.split(KOP)[1].split("</section>")[0]

    def test_an_iban_of_the_same_holder_or_a_shared_municipal_account_is_not_flagged(
        self, regeling
    ):
        eerste, _ = zaak(iban="NL02ABNA0123456789")
        zelfde, _ = zaak(iban="NL02ABNA0123456789", aanvrager=eerste.aanvrager)
        gemeente = {"iban": "NL44RABO0123456789", "rekening_soort": RekeningSoort.GEMEENTE}
        wethouder, _ = zaak(**gemeente)
        raadslid, _ = zaak(**gemeente)
        assert soorten(zelfde) == [] and soorten(raadslid) == []
        # Someone naming the municipality's account as their own is a signal.
        eigen, _ = zaak(iban="NL44RABO0123456789", rekening_soort=RekeningSoort.EIGEN)
        assert soorten(eigen) == ["iban", "iban"] and soorten(wethouder) == ["iban"]

    def test_a_line_overlapping_a_granted_line_of_an_earlier_claim(
        self, verified_client, beoordelaar, opsteller, regeling
    ):
        eerder, _ = zaak(dagen_geleden=60, status=AanvraagStatus.VERZONDEN)
        alles_beoordelen(eerder, opsteller)
        BesluitFactory(aanvraag=eerder, verzonden=True)
        later, _ = zaak(aanvrager=eerder.aanvrager, iban=eerder.iban)
        assert soorten(later) == ["overlap"]
        assert soorten(eerder) == []  # only the later claim overlaps the earlier grant
        html = verified_client(beoordelaar).get(_url(later)).content.decode()
        assert "toegekende kostenpost (€\u00a01.000,00)" in html and _link(eerder) in html

    @pytest.mark.parametrize(
        "besluit",
        [
            None,
            {"status": BesluitStatus.CONCEPT},
            {"uitkomst": Uitkomst.AFGEWEZEN, "verzonden": True},
        ],
        ids=["no-decision", "draft", "refused"],
    )
    def test_no_overlap_without_a_granting_decision(self, besluit, opsteller, regeling):
        eerder, _ = zaak(dagen_geleden=60)
        alles_beoordelen(eerder, opsteller)
        if besluit:
            BesluitFactory(aanvraag=eerder, **besluit)
        later, _ = zaak(aanvrager=eerder.aanvrager, iban=eerder.iban)
        assert soorten(later) == []

    def test_a_claim_without_any_match_is_not_flagged(self, verified_client, beoordelaar, regeling):
        eerste, post1 = zaak()
        tweede, post2 = zaak()
        bestand(post1, "c" * 64)
        bestand(post2, "d" * 64)
        assert soorten(tweede) == []
        html = verified_client(beoordelaar).get(_url(tweede)).content.decode()
        assert KOP not in html and eerste.kenmerk not in html
        assert _actie(tweede, "signalen-afwegen") not in html

    def test_a_draft_is_never_matched(self, regeling):
        concept = AanvraagFactory(iban="NL02ABNA0123456789")
        post = KostenpostFactory(aanvraag=concept, factuurnummer="F-1", bewijs=False)
        bestand(post, "e" * 64)
        aanvraag, eigen = zaak(
            iban="NL02ABNA0123456789", leverancier=post.leverancier, factuurnummer="F-1"
        )
        bestand(eigen, "e" * 64)
        assert soorten(aanvraag) == []


@pytest.fixture
def gemarkeerd(beoordelaar, regeling):
    """A claim assigned to `beoordelaar` sharing a file with another claim."""
    andere, post1 = zaak()
    aanvraag, post2 = zaak(behandelaar=beoordelaar)
    bestand(post1, "f" * 64)
    bestand(post2, "f" * 64)
    return aanvraag, andere


class TestWieZiet:
    def test_finance_never_sees_signals_or_reasons(
        self, verified_client, beoordelaar, opsteller, financieel_medewerker, gemarkeerd
    ):
        aanvraag, andere = gemarkeerd
        services.signalen_afwegen(aanvraag_id=aanvraag.pk, door=beoordelaar, reden="Gecontroleerd")
        alles_beoordelen(aanvraag, opsteller)
        BesluitFactory(aanvraag=aanvraag, goedgekeurd=True)
        client = verified_client(financieel_medewerker)
        response = client.get(_url(aanvraag))
        assert response.status_code == 200  # finance reads this decided case
        html = response.content.decode()
        for geheim in [KOP, "Hetzelfde bestand", "afgewogen", "Gecontroleerd", andere.kenmerk]:
            assert geheim not in html
        assert client.get(_actie(aanvraag, "signalen-afwegen")).status_code == 404
        with pytest.raises(WorkflowFout):
            services.signalen_afwegen(
                aanvraag_id=aanvraag.pk, door=financieel_medewerker, reden="x"
            )

    @pytest.mark.parametrize("rol", ["functioneel_beheerder", "gemeente_medewerker", "ambtsdrager"])
    def test_other_roles_get_no_case_page_and_no_reason_in_the_history(
        self, rol, request, verified_client, beoordelaar, gemarkeerd
    ):
        aanvraag, andere = gemarkeerd
        services.signalen_afwegen(aanvraag_id=aanvraag.pk, door=beoordelaar, reden="Gecontroleerd")
        client = verified_client(request.getfixturevalue(rol))
        response = client.get(_url(aanvraag), follow=True)
        assert response.status_code in (403, 404) or KOP not in response.content.decode()
        historie = client.get(reverse("admin:aanvragen_statuswijziging_changelist"), follow=True)
        assert "Gecontroleerd" not in historie.content.decode()
        assert andere.kenmerk not in historie.content.decode()


class TestAfwegen:
    def test_recording_the_reason_stores_it_and_shows_it_in_the_history(
        self, verified_client, beoordelaar, gemarkeerd
    ):
        aanvraag, andere = gemarkeerd
        client = verified_client(beoordelaar)
        html = client.get(_url(aanvraag)).content.decode()
        assert "Open:" in html and _actie(aanvraag, "signalen-afwegen") in html

        leeg = client.post(_actie(aanvraag, "signalen-afwegen"), {"reden": " "})
        assert leeg.status_code == 200 and not SignaalAfweging.objects.exists()
        response = client.post(
            _actie(aanvraag, "signalen-afwegen"), {"reden": "Andere aanvraag is ingetrokken."}
        )
        assert response.status_code == 302
        afweging = SignaalAfweging.objects.get()
        assert (afweging.aanvraag, afweging.door) == (aanvraag, beoordelaar)
        assert andere.kenmerk in afweging.signalen[0]["tekst"]

        html = client.get(_url(aanvraag)).content.decode()
        historie = html.split("Statushistorie</h2>")[1]
        assert "Signalen dubbele declaratie afgewogen" in historie
        assert "Andere aanvraag is ingetrokken." in historie and andere.kenmerk in historie
        assert "Afgewogen:" in html and "Open:" not in html
        assert _actie(aanvraag, "signalen-afwegen") not in html  # nothing left to weigh

    def test_the_reason_cannot_be_changed_or_deleted(self, beoordelaar, gemarkeerd):
        from django.db import DatabaseError, transaction

        aanvraag, _ = gemarkeerd
        services.signalen_afwegen(aanvraag_id=aanvraag.pk, door=beoordelaar, reden="Eerst")
        for poging in (
            lambda: SignaalAfweging.objects.update(reden="Later"),
            lambda: SignaalAfweging.objects.all().delete(),
        ):
            with pytest.raises(DatabaseError), transaction.atomic():
                poging()

    def test_a_new_match_after_the_reason_is_open_again(self, beoordelaar, gemarkeerd):
        aanvraag, _ = gemarkeerd
        services.signalen_afwegen(aanvraag_id=aanvraag.pk, door=beoordelaar, reden="Gezien")
        assert dubbel_overzicht(aanvraag=aanvraag).open == []
        with pytest.raises(WorkflowFout):
            services.signalen_afwegen(aanvraag_id=aanvraag.pk, door=beoordelaar, reden="Nog eens")
        derde, post = zaak()
        bestand(post, "f" * 64)
        [nieuw] = dubbel_overzicht(aanvraag=aanvraag).open
        assert nieuw.andere_aanvraag_id == derde.pk

    def test_the_assessment_form_shows_the_signals_and_asks_the_reason(
        self, verified_client, beoordelaar, gemarkeerd
    ):
        aanvraag, andere = gemarkeerd
        post = aanvraag.kostenposten.get()
        client = verified_client(beoordelaar)
        url = _actie(aanvraag, "beoordelen")
        html = client.get(url).content.decode()
        assert "Signaal: Hetzelfde bestand" in html and _link(andere) in html
        assert 'name="signalen-reden"' in html

        data = {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-kostenpost_id": post.pk,
            "form-0-bedrag_toegekend": "1000,00",
            "form-0-reden_code": "volledig",
            "form-0-motivering": "",
        }
        zonder = client.post(url, data)
        assert zonder.status_code == 200 and "Waarom gaat u door" in zonder.content.decode()
        assert not KostenpostBeoordeling.objects.exists()
        assert not SignaalAfweging.objects.exists()

        met = client.post(url, {**data, "signalen-reden": "Twee termijnen van één factuur."})
        assert met.status_code == 302
        assert KostenpostBeoordeling.objects.get().kostenpost == post
        assert SignaalAfweging.objects.get().reden == "Twee termijnen van één factuur."
        # Once weighed, the form no longer asks.
        assert 'name="signalen-reden"' not in client.get(url).content.decode()


def test_case_page_query_count_does_not_grow_with_other_claims(
    verified_client, beoordelaar, opsteller, regeling
):
    """Every pattern matches; ten times as many matching claims cost no extra query."""
    zelfde = {
        "leverancier": "Veilig Thuis B.V.",
        "factuurnummer": "F-2026-0042",
        "iban": "NL02ABNA0123456789",
    }
    aanvraag, post = zaak(**zelfde)
    bestand(post, "9" * 64)
    client = verified_client(beoordelaar)

    def vergelijkbare_zaken(n):
        for _i in range(n):
            _a, p = zaak(**zelfde)
            bestand(p, "9" * 64)
            eerder, _p = zaak(aanvrager=aanvraag.aanvrager, dagen_geleden=40)
            alles_beoordelen(eerder, opsteller)
            BesluitFactory(aanvraag=eerder, verzonden=True)

    def tellen():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_url(aanvraag))
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    vergelijkbare_zaken(1)
    client.get(_url(aanvraag))
    een, html = tellen()
    assert sorted(set(soorten(aanvraag))) == [
        "bestand",
        "factuur",
        "iban",
        "leverancier",
        "overlap",
    ]
    vergelijkbare_zaken(9)
    tien, html = tellen()
    assert tien == een
    assert html.count("Open:") == 5 * 10


def test_the_signals_cost_one_query_per_pattern_and_one_for_the_reasons(
    django_assert_num_queries, opsteller, regeling
):
    """Given the claim's lines, the signals cost six queries with every pattern matching."""
    zelfde = {
        "leverancier": "Veilig Thuis B.V.",
        "factuurnummer": "F-2026-0042",
        "iban": "NL02ABNA0123456789",
    }
    aanvraag, post = zaak(**zelfde)
    bestand(post, "9" * 64)
    for _i in range(3):
        _a, p = zaak(**zelfde)
        bestand(p, "9" * 64)
        eerder, _p = zaak(aanvrager=aanvraag.aanvrager, dagen_geleden=40)
        alles_beoordelen(eerder, opsteller)
        BesluitFactory(aanvraag=eerder, verzonden=True)
    kostenposten = list(
        aanvraag.kostenposten.select_related("categorie").prefetch_related("bewijsstukken")
    )
    with django_assert_num_queries(6):
        overzicht = dubbel_overzicht(aanvraag=aanvraag, kostenposten=kostenposten)
    assert len({s.soort for s in overzicht.signalen}) == 5


def test_the_retention_purge_destroys_a_claim_with_its_reasons(beoordelaar, gemarkeerd):
    """The reasons are append-only, but go with their claim when it is destroyed."""
    from django.db import transaction

    from bewaring.soorten import aanvragen_vernietigen

    aanvraag, andere = gemarkeerd
    services.signalen_afwegen(aanvraag_id=aanvraag.pk, door=beoordelaar, reden="Gezien")
    with transaction.atomic():
        aanvragen_vernietigen([aanvraag.pk])
    assert not SignaalAfweging.objects.exists()
    assert dubbel_overzicht(aanvraag=andere).signalen == []
