"""Who reads what (issue 13): the municipality gets a notice, not a copy; internal notes
never leave the back office. Real PDFs are rendered and read back."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import services as backoffice
from aanvragen.brieven import services
from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus, Ontvanger
from aanvragen.constants import AanvraagStatus, RedenCode, Uitkomst
from aanvragen.models import (
    Aanvulverzoek,
    Besluit,
    Betaling,
    Bezwaar,
    KostenpostBeoordeling,
    StatusWijziging,
)
from fondsbeveiliging.berichten.models import Bericht
from tests.aanvragen.brieven import zaken
from tests.aanvragen.brieven.conftest import pdf_tekst
from tests.aanvragen.factories import KostenpostFactory
from tests.factories import UserFactory, gemeente

IBAN = "NL91ABNA0417164300"
MOTIVERING = "Het hekwerk valt niet onder de regeling omdat het de tuin afsluit."
OMSCHRIJVINGEN = (
    "Inbraakalarm met doormelding",
    "Twee camera's bij de voordeur",
    "Hoog hekwerk rond de achtertuin",
)
MARKER = "GEHEIM-INTERN-7Q"


@pytest.fixture
def amsterdam(db):
    return gemeente("GM0363")


def _afgewezen_met_zienswijze(aanvrager):
    """A refused claim with three cost lines and a hearing, its decision approved."""
    aanvraag = zaken.ingediende_aanvraag(aanvrager=aanvrager, iban=IBAN)
    KostenpostFactory(
        aanvraag=aanvraag,
        categorie=aanvraag.regeling.categorieen.get(code="camera"),
        omschrijving=OMSCHRIJVINGEN[2],
        bedrag=Decimal("2300.00"),
    )
    beoordelaar = UserFactory(beoordelaar=True)
    for post in aanvraag.kostenposten.all():
        KostenpostBeoordeling.objects.create(
            kostenpost=post,
            bedrag_toegekend=Decimal("0"),
            reden_code=RedenCode.NIET_VERGOEDBAAR,
            motivering="Niet vergoedbaar.",
            beoordeeld_door=beoordelaar,
        )
    return zaken.goedgekeurd_besluit(
        aanvraag=aanvraag, motivering=MOTIVERING, uitkomst=Uitkomst.AFGEWEZEN
    )


def _verzenden(besluit) -> dict[str, Brief]:
    """Generate the applicant's decision letter; its dispatch creates the municipality's."""
    Besluit.objects.filter(pk=besluit.pk).update(bedrag_toegekend=_toegekend(besluit))
    brief = services.besluitbrief_aanmaken(besluit_id=besluit.pk)
    services.brief_genereren(brief_id=brief.pk)
    for wachtend in Brief.objects.filter(status=BriefStatus.WACHTEND):
        services.brief_genereren(brief_id=wachtend.pk)
    return {b.ontvanger: b for b in Brief.objects.filter(besluit=besluit)}


def _toegekend(besluit) -> Decimal:
    return sum(
        (
            b.bedrag_toegekend
            for b in KostenpostBeoordeling.objects.filter(kostenpost__aanvraag=besluit.aanvraag)
        ),
        Decimal("0"),
    )


def _tekst(brief: Brief) -> str:
    with brief.bestand.open("rb") as bestand:
        return pdf_tekst(bestand.read())


def _geheimen(aanvraag) -> list[str]:
    """What a municipality must never read about the office holder's claim."""
    return [
        *OMSCHRIJVINGEN,
        MOTIVERING,
        "Telefonisch op 2 maart",  # the assessor's internal note of the hearing
        "U vindt het maximum te laag",  # the hearing text written for the applicant
        zaken.WOONADRES,
        "9999 ZZ",
        zaken.WOONPLAATS,
        aanvraag.correspondentie_adres,
        IBAN,
        IBAN[-4:],
        "NL**",
    ]


def test_the_municipality_gets_a_notice_of_a_refusal_not_a_copy(amsterdam):
    """A refused claim with a hearing and three cost lines: the notice names the kenmerk,
    the outcome and the amount per category, and nothing of the case's content."""
    aanvrager = UserFactory(ambtsdrager=True, gemeente=amsterdam)
    besluit = _afgewezen_met_zienswijze(aanvrager)
    brieven = _verzenden(besluit)

    assert set(brieven) == {Ontvanger.AANVRAGER, Ontvanger.GEMEENTE}
    notice = brieven[Ontvanger.GEMEENTE]
    assert (notice.soort, notice.status) == (BriefSoort.KENNISGEVING, BriefStatus.KLAAR)
    tekst = _tekst(notice)
    aanvraag = besluit.aanvraag
    assert aanvraag.kenmerk in tekst and "afgewezen" in tekst
    assert "College van burgemeester en wethouders van de gemeente Amsterdam" in tekst
    # pdfminer may read the table column by column: look for each cell.
    assert "Alarmsysteem" in tekst and "Camerabewaking" in tekst and "€ 0,00" in tekst
    assert "De ambtsdrager heeft het volledige besluit ontvangen." in tekst
    for geheim in _geheimen(aanvraag):
        assert geheim not in tekst, geheim


def test_the_applicant_letter_prints_the_hearing_text_for_the_letter_never_the_note(amsterdam):
    """The decision says what the applicant brought forward, in the words written for the
    letter; the assessor's phone note stays internal."""
    besluit = _afgewezen_met_zienswijze(UserFactory(ambtsdrager=True, gemeente=amsterdam))
    tekst = _tekst(_verzenden(besluit)[Ontvanger.AANVRAGER])
    assert "U vindt het maximum te laag voor twee deuren." in tekst
    assert "Telefonisch op 2 maart" not in tekst and "interne notitie" not in tekst


def test_a_grant_notice_lists_the_amount_per_category_and_when_it_is_paid(amsterdam):
    """A partial grant: per category the amount granted, the total and the payment term."""
    aanvraag = zaken.ingediende_aanvraag(
        aanvrager=UserFactory(ambtsdrager=True, gemeente=amsterdam), iban=IBAN
    )
    besluit = zaken.goedgekeurd_besluit(aanvraag=aanvraag)
    tekst = _tekst(_verzenden(besluit)[Ontvanger.GEMEENTE])
    assert "gedeeltelijk toegekend" in tekst
    # pdfminer may read the table column by column: look for each cell.
    for cel in ("Alarmsysteem", "Camerabewaking", "€ 1.234,56", "€ 750,00", "€ 1.984,56"):
        assert cel in tekst, cel
    besluit.refresh_from_db()
    assert f"uiterlijk op {besluit.betaaltermijn_einde.day} " in tekst
    for geheim in _geheimen(aanvraag):
        assert geheim not in tekst, geheim


def test_no_notice_when_the_policy_version_gives_none(amsterdam):
    """The policy decides whether a municipality hears of a decision at all."""
    aanvraag = zaken.ingediende_aanvraag(aanvrager=UserFactory(ambtsdrager=True))
    aanvraag.regeling.gemeente_kennisgeving = False
    aanvraag.regeling.save(update_fields=["gemeente_kennisgeving"])
    brieven = _verzenden(zaken.goedgekeurd_besluit(aanvraag=aanvraag))
    assert set(brieven) == {Ontvanger.AANVRAGER}


def test_the_portal_lists_the_notice_and_an_older_copy(amsterdam, verified_client):
    """New decisions reach the portal as a notice; a copy sent before stays downloadable."""
    from tests.aanvragen.brieven.test_toegang import klare_brief

    medewerker = UserFactory(gemeente_medewerker=True, gemeente=amsterdam)
    nieuw = zaken.goedgekeurd_besluit(
        aanvraag=zaken.ingediende_aanvraag(aanvrager=UserFactory(ambtsdrager=True))
    )
    kennisgeving = _verzenden(nieuw)[Ontvanger.GEMEENTE]
    oud = zaken.goedgekeurd_besluit(
        aanvraag=zaken.ingediende_aanvraag(aanvrager=UserFactory(ambtsdrager=True)),
    )
    afschrift = klare_brief(oud, Ontvanger.GEMEENTE)
    client = verified_client(medewerker)
    html = client.get(reverse("brieven:portaal")).content.decode()
    assert f"Download kennisgeving {nieuw.aanvraag.kenmerk} (pdf)" in html
    assert f"Download afschrift besluit {oud.aanvraag.kenmerk} (pdf)" in html
    for brief in (kennisgeving, afschrift):
        antwoord = client.get(reverse("brieven:download", args=[brief.pk]))
        assert antwoord.status_code == 200
    assert kennisgeving.download_naam.endswith("-kennisgeving-v1.pdf")


def _bereikbare_teksten(client: Client, start: str, extra: list[str]) -> dict[str, str]:
    """Follow every same-site link from `start` (and the guessed `extra` URLs); return the
    text of every page and PDF reached with status 200."""
    import re

    gezien: dict[str, str] = {}
    te_doen = [start, *extra]
    while te_doen:
        url = te_doen.pop()
        if url in gezien or not url.startswith("/") or "logout" in url or "uitloggen" in url:
            continue
        antwoord = client.get(url)
        if antwoord.status_code in (301, 302):
            gezien[url] = ""
            te_doen.append(antwoord["Location"])
            continue
        if antwoord.status_code != 200:
            gezien[url] = ""
            continue
        inhoud = b"".join(antwoord) if antwoord.streaming else antwoord.content
        if antwoord.get("Content-Type", "").startswith("application/pdf"):
            gezien[url] = pdf_tekst(inhoud)
            continue
        if not antwoord.get("Content-Type", "").startswith("text/html"):
            # Static files (the favicon, once collectstatic has run) hold no case content.
            gezien[url] = ""
            continue
        html = inhoud.decode()
        gezien[url] = html
        te_doen += [link.replace("&amp;", "&") for link in re.findall(r'href="([^"#]+)"', html)]
    return gezien


def test_the_municipality_reaches_no_page_with_the_case_content(amsterdam, verified_client):
    """Following every link and guessing ids, the municipal employee finds none of the
    measures, the motivation, the hearing, an address or the account anywhere."""
    aanvrager = UserFactory(ambtsdrager=True, gemeente=amsterdam)
    besluit = _afgewezen_met_zienswijze(aanvrager)
    _verzenden(besluit)
    aanvraag = besluit.aanvraag
    medewerker = UserFactory(gemeente_medewerker=True, gemeente=amsterdam)
    eigen = Brief.objects.order_by("-pk").values_list("pk", flat=True).first()
    gegokt = [reverse("brieven:download", args=[pk]) for pk in range(1, eigen + 20)]
    gegokt += [reverse("aanvragen:detail", args=[aanvraag.pk])]
    gegokt += [f"/backoffice/aanvragen/aanvraag/{aanvraag.pk}/change/", "/backoffice/"]
    gegokt += [reverse("brieven:besluit_voorbeeld", args=[besluit.pk])]
    teksten = _bereikbare_teksten(verified_client(medewerker), "/", gegokt)

    assert any(aanvraag.kenmerk in tekst for tekst in teksten.values())  # the notice itself
    for url, tekst in teksten.items():
        for geheim in _geheimen(aanvraag):
            assert geheim not in tekst, (url, geheim)


def _vul_interne_velden(aanvraag, door) -> None:
    """Put MARKER into every internal field of the case (issue 13)."""
    StatusWijziging.objects.create(
        aanvraag=aanvraag, van=aanvraag.status, naar=aanvraag.status, door=door, toelichting=MARKER
    )
    voornemen = aanvraag.voornemens.get()
    voornemen.zienswijze = f"{MARKER} telefoonnotitie"
    voornemen.save(update_fields=["zienswijze"])
    Aanvulverzoek.objects.create(
        aanvraag=aanvraag,
        vraag="Stuur de factuur van de camera's.",
        termijn_tot=date(2026, 2, 13),
        verzocht_op=datetime(2026, 1, 30, 9, tzinfo=zaken.AMS),
        verzocht_door=door,
        notitie=f"{MARKER} per post",
        beantwoord_op=datetime(2026, 2, 2, 9, tzinfo=zaken.AMS),
    )


def test_internal_notes_reach_no_letter_screen_or_email(amsterdam, verified_client):
    """A marker in every internal field appears in no letter kind, on no page of the
    applicant or the municipality, and in no e-mail."""
    aanvrager = UserFactory(ambtsdrager=True, gemeente=amsterdam)
    besluit = _afgewezen_met_zienswijze(aanvrager)
    aanvraag = besluit.aanvraag
    beoordelaar = UserFactory(beoordelaar=True)
    _vul_interne_velden(aanvraag, beoordelaar)
    _verzenden(besluit)
    besluit.refresh_from_db()
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=timezone.localdate(),
        bedrag=Decimal("1.00"),
        referentie=MARKER,
        geregistreerd_door=UserFactory(financieel_medewerker=True),
    )
    bezwaar = Bezwaar.objects.create(
        besluit=besluit,
        ontvangen_op=timezone.localdate(),
        toelichting=MARKER,
        hoorzitting_verslag=MARKER,
        verzuim="Uw bezwaarschrift is niet ondertekend.",
        verzuim_gevraagd_op=timezone.localdate(),
        hersteltermijn_tot=timezone.localdate() + timedelta(days=14),
        hoorzitting_op=timezone.now() + timedelta(days=21),
        hoorzitting_plaats="Den Haag",
        verdaagd_tot=timezone.localdate() + timedelta(days=70),
        verdaging_reden="Nieuw advies nodig.",
        geregistreerd_door=beoordelaar,
    )
    verzoek = aanvraag.aanvulverzoeken.get()
    for maak in (
        lambda: services.ontvangstbevestiging_inplannen(aanvraag_id=aanvraag.pk),
        lambda: services.aanvullingsbrief_aanmaken(aanvulverzoek_id=verzoek.pk),
        lambda: services.voornemenbrief_aanmaken(voornemen_id=aanvraag.voornemens.get().pk),
        lambda: _verdaagd(aanvraag),
        lambda: services.verzuimherstelbrief_aanmaken(bezwaar_id=bezwaar.pk),
        lambda: services.hoorzittingbrief_aanmaken(bezwaar_id=bezwaar.pk),
        lambda: services.bezwaarverdagingsbrief_aanmaken(bezwaar_id=bezwaar.pk),
    ):
        services.brief_genereren(brief_id=maak().pk)
    brieven = Brief.objects.filter(aanvraag=aanvraag)
    # The later decisions (each its own decision on the claim) are checked for the markers in
    # test_na_het_besluit.py.
    later = {
        BriefSoort.HERZIENINGSBESLUIT,
        BriefSoort.BESLISSING_OP_BEZWAAR,
        BriefSoort.DWANGSOMBESLUIT,
    }
    assert {b.soort for b in brieven} == set(BriefSoort) - later
    for brief in brieven:
        assert brief.status == BriefStatus.KLAAR
        assert MARKER not in _tekst(brief), brief.soort

    paginas = _bereikbare_teksten(
        verified_client(aanvrager), reverse("aanvragen:detail", args=[aanvraag.pk]), []
    )
    paginas |= _bereikbare_teksten(
        verified_client(UserFactory(gemeente_medewerker=True, gemeente=amsterdam)),
        reverse("brieven:portaal"),
        [],
    )
    for url, tekst in paginas.items():
        assert MARKER not in tekst, url
    for bericht in Bericht.objects.all():
        assert MARKER not in f"{bericht.onderwerp} {bericht.tekst}"
    assert all(MARKER not in f"{m.subject} {m.body}" for m in mail.outbox)


def _verdaagd(aanvraag):
    aanvraag.verdaagd_op = date(2026, 3, 1)
    aanvraag.verdaagd_tot = aanvraag.beslistermijn_einde + timedelta(weeks=4)
    aanvraag.verdaging_reden = "Het advies van de politie is nodig."
    aanvraag.save(update_fields=["verdaagd_op", "verdaagd_tot", "verdaging_reden"])
    return services.verdagingsbrief_aanmaken(aanvraag_id=aanvraag.pk)


def test_recording_a_view_needs_the_text_for_the_letter(regeling, beoordelaar):
    """A view given without the text for the letter is refused: the decision must say it."""
    from tests.aanvragen.backoffice.factories import aanvraag_in, voornemen

    aanvraag = aanvraag_in(AanvraagStatus.VOORNEMEN_AFWIJZING, behandelaar=beoordelaar)
    open_voornemen = voornemen(aanvraag, beoordelaar)
    with pytest.raises(backoffice.WorkflowFout, match="zienswijze in de brief"):
        backoffice.zienswijze_vastleggen(
            voornemen_id=open_voornemen.pk, door=beoordelaar, zienswijze="Belde op maandag."
        )


def test_a_request_after_the_decision_term_does_not_promise_a_pause(amsterdam):
    """A request with a term, sent after the decision term ended, suspends nothing: its
    letter says the term is not extended instead of "de beslistermijn staat stil"."""
    aanvraag = zaken.ingediende_aanvraag(aanvrager=UserFactory(ambtsdrager=True))
    verzoek = Aanvulverzoek.objects.create(
        aanvraag=aanvraag,
        vraag="Stuur de factuur van het alarm.",
        termijn_tot=date(2026, 4, 3),
        verzocht_op=datetime(2026, 3, 20, 9, tzinfo=zaken.AMS),  # the term ended 13 March
        verzocht_door=UserFactory(beoordelaar=True),
    )
    brief = services.aanvullingsbrief_aanmaken(aanvulverzoek_id=verzoek.pk)
    services.brief_genereren(brief_id=brief.pk)
    brief.refresh_from_db()
    tekst = _tekst(brief)
    assert "Dit verzoek verlengt die termijn daarom niet" in tekst
    assert "staat stil" not in tekst
