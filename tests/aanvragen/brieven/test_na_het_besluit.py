"""The letters after a decision (issue 16): decision on objection, correcting decision,
dwangsom decision and the three notices about an objection, rendered to real PDFs and read
back; from the case in the database, with the municipality notice rule."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import hooks
from aanvragen.brieven import services as brieven_services
from aanvragen.brieven import voorbeelden
from aanvragen.brieven.berichten import brief_klaar_bericht
from aanvragen.brieven.context import Horen, render_brief
from aanvragen.brieven.models import Brief, BriefSoort, Ontvanger
from aanvragen.constants import (
    AanvraagStatus,
    BesluitSoort,
    BesluitStatus,
    BezwaarUitkomst,
    HerzieningGrond,
    Hoorzitting,
    Indiener,
    Uitkomst,
)
from aanvragen.models import Besluit, Betaling, Bezwaar, KostenpostBeoordeling
from fondsbeveiliging.opmaak.formaat import lange_datum
from tests.aanvragen.brieven import zaken
from tests.aanvragen.brieven.conftest import pdf_tekst
from tests.aanvragen.brieven.test_pdf_inhoud import tekst_van
from tests.factories import UserFactory

AMS = zaken.AMS
# Internal notes that must never reach a letter.
BEZWAAR_NOTITIE = "INTERN-BEZWAARNOTITIE-7781"
VERSLAG = "INTERN-HOORVERSLAG-5512"
ZIENSWIJZE_NOTITIE = "interne notitie"

ALGEMEEN = [
    "Ons kenmerk FB-2026-000123",
    "De Minister van Binnenlandse Zaken en Koninkrijksrelaties, namens deze, A. Bakker "
    "Teamleider Fonds Beveiliging",
]


def _tekst(context) -> str:
    return pdf_tekst(render_brief(context))


# --- From the standard contexts ---------------------------------------------------------------


class TestBeslissingOpBezwaar:
    @pytest.fixture
    def tekst(self):
        return _tekst(voorbeelden.beslissing_op_bezwaar())

    @pytest.mark.parametrize(
        "verwacht",
        [
            *ALGEMEEN,
            "14 mei 2026",
            "Beslissing op uw bezwaar",
            # The objected decision, the receipt and that it was on time.
            "Op 20 april 2026 heb ik uw bezwaarschrift ontvangen tegen mijn besluit van "
            "12 maart 2026 (kenmerk FB-2026-000123, versie 1)",
            "De termijn om bezwaar te maken eindigde op 23 april 2026. Uw bezwaarschrift is dus "
            "op tijd ingediend.",
            # Decision sentence, revocation and the new decision in its place.
            "Ik verklaar uw bezwaar gedeeltelijk gegrond. Ik herroep mijn besluit van 12 maart "
            "2026 en neem daarvoor in de plaats een nieuw besluit. Ik ken uw aanvraag "
            "gedeeltelijk toe. U ontvangt een vergoeding van € 3.459,51 van de aangevraagde "
            "€ 3.999,51.",
            "Op 4 mei 2026 heb ik u gehoord over uw bezwaar (artikel 7:2",
            # Full reconsideration (7:11) and the reasons.
            "volledig opnieuw bekeken (artikel 7:11 van de Algemene wet bestuursrecht)",
            "Dat volg ik: het beveiligingsadvies noemt beide deuren.",
            # What is paid extra, when and to which account (4:86, 4:87).
            "Ik maak het verschil van € 230,00 uiterlijk op 25 juni 2026 over op rekeningnummer "
            "NL91 ABNA 0417 1643 00 ten name van J. de Vries.",
            # Legal basis.
            "Ik beslis op uw bezwaar op grond van artikel 7:11 van de Algemene wet "
            "bestuursrecht. Het nieuwe besluit is genomen op grond van artikel 4, eerste lid van "
            "de Regeling fonds beveiligingsmaatregelen politieke ambtsdragers, versie 2026.1",
            # The appeal clause (8:1, 8:7, 6:7, 6:8, 6:5, griffierecht, 8:81).
            "beroep instellen bij de rechtbank (sector bestuursrecht) van het arrondissement "
            "waar u woont (artikelen 8:1 en 8:7",
            "binnen zes weken instellen. Deze termijn begint op de dag na de dag waarop deze "
            "beslissing is verzonden en eindigt op 25 juni 2026 (artikelen 6:7 en 6:8",
            "uw naam en adres; de datum; een omschrijving van de beslissing",
            "de gronden van het beroep",
            "Stuur een kopie van deze beslissing mee",
            "griffierecht",
            "voorlopige voorziening",
            "Pagina 1 van 2",
            "Pagina 2 van 2",
        ],
    )
    def test_contains(self, tekst, verwacht):
        assert verwacht in tekst

    def test_appeal_not_objection_clause(self, tekst):
        """A decision on objection is appealed to the court, not objected to again."""
        assert "Bezwaar maken’" not in tekst
        assert "Dan kunt u bezwaar maken" not in tekst


@pytest.mark.parametrize(
    ("uitkomst", "zin"),
    [
        (
            BezwaarUitkomst.NIET_ONTVANKELIJK,
            "Ik verklaar uw bezwaar niet-ontvankelijk. Mijn besluit van 12 maart 2026 blijft "
            "daarom ongewijzigd.",
        ),
        (
            BezwaarUitkomst.ONGEGROND,
            "Ik verklaar uw bezwaar ongegrond. Mijn besluit van 12 maart 2026 blijft in stand.",
        ),
        (BezwaarUitkomst.GEGROND, "Ik verklaar uw bezwaar gegrond. Ik herroep mijn besluit"),
    ],
)
def test_beslissing_sentence_per_outcome(uitkomst, zin):
    """Each outcome has its sentence; only a founded one has a new assessment and payment."""
    gegrond = uitkomst == BezwaarUitkomst.GEGROND
    extra = {} if gegrond else {"kostenregels": (), "verrekening": None}
    tekst = _tekst(voorbeelden.beslissing_op_bezwaar(bezwaar_uitkomst=uitkomst, **extra))
    assert zin in tekst
    assert ("Mijn nieuwe besluit" in tekst) is gegrond
    assert ("rekeningnummer NL91 ABNA" in tekst) is gegrond
    assert "beroep instellen bij de rechtbank" in tekst


def test_beslissing_late_objection_inadmissible_cites_6_7_and_6_11():
    tekst = _tekst(
        voorbeelden.beslissing_op_bezwaar(
            bezwaar_uitkomst=BezwaarUitkomst.NIET_ONTVANKELIJK,
            kostenregels=(),
            verrekening=None,
            bezwaar_ontvangen_op=date(2026, 5, 4),
            tijdig=False,
            niet_ontvankelijk_artikelen=("6:7", "6:11"),
            horen=Horen(status=Hoorzitting.ACHTERWEGE, reden="omdat het zo is"),
        )
    )
    assert "Uw bezwaarschrift heb ik na die datum ontvangen. Het is dus te laat ingediend" in tekst
    assert "niet-ontvankelijk op grond van de artikelen 6:7 en 6:11 van de Algemene wet" in tekst
    assert "Ik heb u niet gehoord, omdat het zo is." in tekst
    assert "Heroverweging" not in tekst


def test_beslissing_posted_in_time_and_by_a_representative():
    tekst = _tekst(
        voorbeelden.beslissing_op_bezwaar(
            bezwaar_ontvangen_op=date(2026, 4, 28),
            op_de_post_op=date(2026, 4, 23),
            gemachtigde="mr. P. Jansen",
        )
    )
    assert "het bezwaarschrift ontvangen dat mr. P. Jansen namens u heeft ingediend" in tekst
    assert "op 23 april 2026 op de post gedaan en binnen een week na die datum" in tekst
    assert "artikel 6:9, tweede lid" in tekst


class TestHerzieningsbesluit:
    @pytest.fixture
    def tekst(self):
        return _tekst(voorbeelden.herzieningsbesluit())

    @pytest.mark.parametrize(
        "verwacht",
        [
            *ALGEMEEN,
            "14 mei 2026",
            "Herziening van mijn besluit op uw aanvraag",
            "Op 12 maart 2026 heb ik besloten op uw aanvraag voor een vergoeding van de kosten "
            "van beveiligingsmaatregelen (kenmerk FB-2026-000123, versie 1).",
            "Ik trek mijn besluit van 12 maart 2026 in en vervang het door dit besluit. Ik ken "
            "uw aanvraag gedeeltelijk toe. U ontvangt een vergoeding van € 3.459,51",
            "Reden van de herziening: later ontvangen factuur.",
            "de factuur van de installateur",
            "Met mijn besluit van 12 maart 2026 kende ik u € 3.229,51 toe. Met dit besluit is "
            "de vergoeding € 3.459,51. Tot nu toe heeft u € 3.229,51 van mij ontvangen.",
            "Ik maak het verschil van € 230,00 uiterlijk op 25 juni 2026 over",
            "Dit besluit is genomen op grond van artikel 4, eerste lid van de Regeling",
            "Dan kunt u bezwaar maken.",
            "eindigt op 25 juni 2026.",
            "Pagina 1 van 2",
        ],
    )
    def test_contains(self, tekst, verwacht):
        assert verwacht in tekst


def test_herziening_with_a_reclaim():
    """What was paid too much is reclaimed with its own term, to the fund's account (4:57)."""
    tekst = _tekst(voorbeelden.herzieningsbesluit(verrekening=voorbeelden.TERUGBETALING))
    assert (
        "U heeft daarmee € 1.234,56 te veel ontvangen. Dat bedrag vorder ik van u terug "
        "(artikel 4:57 van de Algemene wet bestuursrecht). Maak € 1.234,56 uiterlijk op "
        "25 juni 2026 over op rekeningnummer NL20 INGB 0001 2345 67 (BIC INGBNL2A) ten name van "
        "Ministerie van BZK Fonds Beveiliging, onder vermelding van kenmerk FB-2026-000123."
    ) in tekst
    assert "vorder ik terug op grond van artikel 4:57" in tekst
    assert "Ik maak" not in tekst


class TestDwangsombesluit:
    @pytest.fixture
    def tekst(self):
        return _tekst(voorbeelden.dwangsombesluit())

    @pytest.mark.parametrize(
        "verwacht",
        [
            *ALGEMEEN,
            "12 maart 2026",
            "Vaststelling van de dwangsom voor niet tijdig beslissen",
            "Op 16 maart 2026 heb ik uw ingebrekestelling ontvangen.",
            "De termijn om te beslissen eindigde op 13 maart 2026.",
            "Ik stel de dwangsom vast op € 532,00.",
            "De dwangsom is verschuldigd vanaf 30 maart 2026",
            "De laatste dag waarover de dwangsom verschuldigd is, is 18 april 2026",
            "Dat zijn 20 dagen.",
            "14 dagen 6 dagen Totaal Per dag Bedrag € 23,00 € 35,00 € 322,00 € 210,00 € 532,00",
            "Ik maak € 532,00 uiterlijk op 4 juni 2026 over op rekeningnummer NL91 ABNA 0417 "
            "1643 00 ten name van J. de Vries.",
            "op grond van de artikelen 4:17 en 4:18 van de Algemene wet bestuursrecht",
            "Dan kunt u bezwaar maken.",
            "Pagina 1 van 2",
        ],
    )
    def test_contains(self, tekst, verwacht):
        assert verwacht in tekst


def test_dwangsom_at_the_maximum():
    tekst = _tekst(voorbeelden.dwangsombesluit(dagen=42, bedrag=Decimal("1442.00")))
    assert "14 dagen 14 dagen 14 dagen Totaal" in tekst
    assert "€ 23,00 € 35,00 € 45,00 € 322,00 € 490,00 € 630,00 € 1.442,00" in tekst
    assert "verschuldigd voor ten hoogste 42 dagen" in tekst


@pytest.mark.parametrize(
    ("maak", "verwacht"),
    [
        (
            voorbeelden.verzuimherstel,
            [
                "Verzoek om uw bezwaarschrift aan te vullen",
                "Uw bezwaarschrift is niet ondertekend.",
                "Stuur het ontbrekende uiterlijk op 6 mei 2026.",
                "Dan kan ik uw bezwaar niet-ontvankelijk verklaren (artikel 6:6",
                "artikel 7:10, tweede lid",
            ],
        ),
        (
            voorbeelden.uitnodiging_hoorzitting,
            [
                "Uitnodiging voor de hoorzitting over uw bezwaar",
                "Datum Tijd Plaats 18 mei 2026 14:30 uur Turfmarkt 147, Den Haag",
                "U mag iemand meenemen",
                "U kunt ook afzien van de hoorzitting (artikel 7:3, onder c",
                "uiterlijk op 8 mei 2026 bij mij binnen zijn (artikel 7:4",
            ],
        ),
        (
            voorbeelden.verdaging_bezwaar,
            [
                "Verdaging van de beslissing op uw bezwaar",
                "Ik wacht op een nieuw advies van de politie over uw woning.",
                "Ik beslis uiterlijk op 15 juli 2026 op uw bezwaar.",
                "artikel 7:10, derde lid",
                "Dat kan vanaf 16 juli 2026",
            ],
        ),
    ],
    ids=["verzuimherstel", "uitnodiging_hoorzitting", "verdaging_bezwaar"],
)
def test_bezwaar_notices(maak, verwacht):
    """Each notice names the objection and the decision, its own date and term, is signed
    under mandate and numbered; none is a decision, so none has a clause."""
    tekst = _tekst(maak())
    for zin in [
        *verwacht,
        *ALGEMEEN,
        "22 april 2026",
        "Op 20 april 2026 heb ik uw bezwaarschrift ontvangen tegen mijn besluit van 12 maart "
        "2026 (kenmerk FB-2026-000123, versie 1).",
        "Pagina 1 van 1",
    ]:
        assert zin in tekst, zin
    assert "bezwaar maken" not in tekst and "beroep instellen" not in tekst


# --- From the case in the database ---------------------------------------------------------------


def _verzonden(besluit, dag=date(2026, 3, 12)):
    """Mark the first decision sent on `dag` with its stored term ends, and paid in full."""
    besluit.status = BesluitStatus.VERZONDEN
    besluit.verzonden_op = datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMS)
    besluit.bezwaartermijn_einde = date(2026, 4, 23)
    besluit.betaaltermijn_einde = date(2026, 4, 23)
    besluit.save()
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=date(2026, 3, 20),
        bedrag=besluit.bedrag_toegekend,
        referentie="BET-1",
        geregistreerd_door=besluit.goedgekeurd_door,
    )
    return besluit


def _camera(aanvraag, bedrag: str):
    """Re-assess the camera line (one assessment per line, updated for the new decision)."""
    beoordeling = KostenpostBeoordeling.objects.get(
        kostenpost__aanvraag=aanvraag, kostenpost__omschrijving__startswith="Twee camera"
    )
    beoordeling.bedrag_toegekend = Decimal(bedrag)
    beoordeling.save()


def _bezwaar(eerste, **velden):
    return Bezwaar.objects.create(
        besluit=eerste,
        ontvangen_op=date(2026, 4, 20),
        toelichting=BEZWAAR_NOTITIE,
        hoorzitting_verslag=VERSLAG,
        geregistreerd_door=eerste.goedgekeurd_door,
        **velden,
    )


def _nieuw_besluit(eerste, *, soort, aanvraagstatus, **velden):
    """An approved later decision (four-eyes: drafted and approved by two people)."""
    aanvraag = eerste.aanvraag
    waarden = {
        "uitkomst": Uitkomst.TOEGEKEND,
        "motivering": "De heroverweging van de camera's.",
        "bedrag_toegekend": Decimal("0"),
        "regelt_aanvraag": True,
        **velden,
    }
    besluit = Besluit.objects.create(
        aanvraag=aanvraag,
        versie=aanvraag.besluiten.count() + 1,
        soort=soort,
        status=BesluitStatus.GOEDGEKEURD,
        vierogen_vereist=True,
        opgesteld_door=UserFactory(beoordelaar=True),
        opgesteld_op=timezone.now() - timedelta(hours=1),
        goedgekeurd_door=eerste.goedgekeurd_door,
        goedgekeurd_op=timezone.now(),
        **waarden,
    )
    aanvraag.status = aanvraagstatus
    aanvraag.save(update_fields=["status"])
    return besluit


def _brief(besluit, soort, ontvanger=Ontvanger.AANVRAGER):
    return Brief.objects.get(besluit=besluit, soort=soort, ontvanger=ontvanger)


def _zonder_interne_notities(tekst: str):
    for notitie in (BEZWAAR_NOTITIE, VERSLAG, ZIENSWIJZE_NOTITIE):
        assert notitie not in tekst, notitie


@pytest.mark.django_db
class TestUitDeZaak:
    @pytest.fixture
    def eerste(self):
        return _verzonden(zaken.goedgekeurd_besluit())

    def test_gegronde_beslissing_op_bezwaar(self, eerste):
        """Founded: the old decision revoked, the new amount and the difference paid, the
        appeal term stored at dispatch; the municipality gets a notice of the new amounts."""
        bezwaar = _bezwaar(
            eerste,
            hoorzitting=Hoorzitting.GEHOUDEN,
            hoorzitting_op=datetime(2026, 5, 4, 10, tzinfo=AMS),
            indiener=Indiener.GEMACHTIGDE,
            gemachtigde_naam="mr. P. Jansen",
        )
        _camera(eerste.aanvraag, "980.00")
        besluit = _nieuw_besluit(
            eerste,
            soort=BesluitSoort.BEZWAAR,
            aanvraagstatus=AanvraagStatus.BEZWAAR_GOEDGEKEURD,
            bezwaar=bezwaar,
            bezwaar_uitkomst=BezwaarUitkomst.GEGROND,
            vervangt=eerste,
            bedrag_toegekend=Decimal("2214.56"),
        )
        hooks.besluit_goedgekeurd(besluit.pk)
        tekst = tekst_van(_brief(besluit, BriefSoort.BESLISSING_OP_BEZWAAR))
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.VERZONDEN
        assert f"Datum {lange_datum(besluit.verzonden_op)}" in tekst
        assert "het bezwaarschrift ontvangen dat mr. P. Jansen namens u heeft ingediend" in tekst
        assert "tegen mijn besluit van 12 maart 2026 (kenmerk" in tekst
        assert "Ik verklaar uw bezwaar gegrond. Ik herroep mijn besluit van 12 maart 2026" in tekst
        assert "U ontvangt een vergoeding van € 2.214,56." in tekst
        assert "Op 4 mei 2026 heb ik u gehoord" in tekst
        assert "De heroverweging van de camera's." in tekst
        assert "Tot nu toe heeft u € 1.984,56 van mij ontvangen." in tekst
        assert "Ik maak het verschil van € 230,00 uiterlijk op" in tekst
        assert f"en eindigt op {lange_datum(besluit.beroepstermijn_einde)}" in tekst
        assert "namens deze" in tekst and "Pagina 1 van" in tekst
        _zonder_interne_notities(tekst)

        kennisgeving = tekst_van(_brief(besluit, BriefSoort.KENNISGEVING, Ontvanger.GEMEENTE))
        assert "Dit besluit vervangt mijn besluit op deze aanvraag van 12 maart" in kennisgeving
        assert "€ 2.214,56" in kennisgeving
        for geheim in ("Inbraakalarm", "camera's", zaken.WOONADRES, "bezwaar", "mr. P. Jansen"):
            assert geheim not in kennisgeving, geheim

    @pytest.mark.parametrize(
        ("uitkomst", "zin", "horen"),
        [
            (
                BezwaarUitkomst.ONGEGROND,
                "Ik verklaar uw bezwaar ongegrond. Mijn besluit van 12 maart 2026 blijft in stand.",
                "omdat uw bezwaar kennelijk ongegrond is (artikel 7:3, onder b",
            ),
            (
                BezwaarUitkomst.NIET_ONTVANKELIJK,
                "Ik verklaar uw bezwaar niet-ontvankelijk.",
                "omdat uw bezwaar kennelijk niet-ontvankelijk is (artikel 7:3, onder a",
            ),
        ],
    )
    def test_beslissing_die_niets_verandert(self, eerste, uitkomst, zin, horen):
        """Unfounded or inadmissible: the decision stands, nothing is paid, and the council
        gets no notice (nothing changed for it)."""
        bezwaar = _bezwaar(
            eerste,
            hoorzitting=Hoorzitting.ACHTERWEGE,
            verzuim="Het bezwaarschrift is niet ondertekend.",
            verzuim_gevraagd_op=date(2026, 4, 21),
            hersteltermijn_tot=date(2026, 5, 5),
        )
        besluit = _nieuw_besluit(
            eerste,
            soort=BesluitSoort.BEZWAAR,
            aanvraagstatus=AanvraagStatus.BEZWAAR_GOEDGEKEURD,
            bezwaar=bezwaar,
            bezwaar_uitkomst=uitkomst,
            uitkomst=eerste.uitkomst,
            regelt_aanvraag=False,
        )
        hooks.besluit_goedgekeurd(besluit.pk)
        tekst = tekst_van(_brief(besluit, BriefSoort.BESLISSING_OP_BEZWAAR))
        assert zin in tekst
        assert f"Ik heb u niet gehoord, {horen}" in tekst
        assert "rekeningnummer" not in tekst
        assert "beroep instellen bij de rechtbank" in tekst
        if uitkomst == BezwaarUitkomst.NIET_ONTVANKELIJK:
            assert "niet-ontvankelijk op grond van artikel 6:6 van de Algemene wet" in tekst
        _zonder_interne_notities(tekst)
        assert not Brief.objects.filter(besluit=besluit, soort=BriefSoort.KENNISGEVING).exists()

    def test_herziening_met_terugvordering(self, eerste):
        """A lower amount after payment: the excess is reclaimed by the stored term, to the
        fund's account; the council's notice gives the new amounts but not the reclaim."""
        _camera(eerste.aanvraag, "500.00")
        besluit = _nieuw_besluit(
            eerste,
            soort=BesluitSoort.HERZIENING,
            aanvraagstatus=AanvraagStatus.HERZIENING_GOEDGEKEURD,
            uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
            herziening_grond=HerzieningGrond.REKENFOUT,
            vervangt=eerste,
            bedrag_toegekend=Decimal("1734.56"),
            terugvordering=Decimal("250.00"),
        )
        hooks.besluit_goedgekeurd(besluit.pk)
        tekst = tekst_van(_brief(besluit, BriefSoort.HERZIENINGSBESLUIT))
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.VERZONDEN
        assert "Herziening van mijn besluit op uw aanvraag" in tekst
        assert "Ik trek mijn besluit van 12 maart 2026 in en vervang het door dit besluit." in tekst
        assert "Reden van de herziening: reken- of schrijffout." in tekst
        assert "Met mijn besluit van 12 maart 2026 kende ik u € 1.984,56 toe." in tekst
        assert "U heeft daarmee € 250,00 te veel ontvangen." in tekst
        rekening = settings.FONDS_BETAALREKENING["iban"]
        assert f"over op rekeningnummer {rekening[:4]}" in tekst
        assert f"uiterlijk op {lange_datum(besluit.terugbetaaltermijn_einde)}" in tekst
        assert "artikel 4:57" in tekst
        assert f"en eindigt op {lange_datum(besluit.bezwaartermijn_einde)}." in tekst
        assert "namens deze" in tekst and "Pagina 1 van" in tekst
        _zonder_interne_notities(tekst)

        kennisgeving = tekst_van(_brief(besluit, BriefSoort.KENNISGEVING, Ontvanger.GEMEENTE))
        assert "€ 1.734,56" in kennisgeving
        assert "vervangt" in kennisgeving
        for geheim in ("250,00", "terug", "Inbraakalarm", rekening[:4]):
            assert geheim not in kennisgeving, geheim

    def test_dwangsombesluit(self, eerste):
        """The penalty decision prints the stored notice, days and amount; no council notice."""
        aanvraag = eerste.aanvraag
        aanvraag.ingebrekestelling_op = date(2026, 3, 2)
        aanvraag.beslistermijn_einde = date(2026, 2, 27)
        aanvraag.save(update_fields=["ingebrekestelling_op", "beslistermijn_einde"])
        besluit = _nieuw_besluit(
            eerste,
            soort=BesluitSoort.DWANGSOM,
            aanvraagstatus=AanvraagStatus.VERZONDEN,
            regelt_aanvraag=False,
            bedrag_toegekend=Decimal("322.00"),
            dwangsom_dagen=14,
            dwangsom_laatste_dag=date(2026, 3, 29),
        )
        hooks.besluit_goedgekeurd(besluit.pk)
        tekst = tekst_van(_brief(besluit, BriefSoort.DWANGSOMBESLUIT))
        besluit.refresh_from_db()
        assert "Op 2 maart 2026 heb ik uw ingebrekestelling ontvangen." in tekst
        assert "De termijn om te beslissen eindigde op 27 februari 2026." in tekst
        assert "Ik stel de dwangsom vast op € 322,00." in tekst
        assert "verschuldigd vanaf 16 maart 2026" in tekst
        assert "is 29 maart 2026" in tekst and "Dat zijn 14 dagen." in tekst
        assert f"uiterlijk op {lange_datum(besluit.betaaltermijn_einde)} over op" in tekst
        assert "artikelen 4:17 en 4:18" in tekst
        assert f"en eindigt op {lange_datum(besluit.bezwaartermijn_einde)}." in tekst
        assert "namens deze" in tekst and "Pagina 1 van" in tekst
        _zonder_interne_notities(tekst)
        assert not Brief.objects.filter(besluit=besluit, soort=BriefSoort.KENNISGEVING).exists()

    def test_bezwaar_notices_by_their_hooks(self, eerste):
        """Each hook stores its notice once per event; the letter and its e-mail print the
        stored dates, never the internal note."""
        bezwaar = _bezwaar(
            eerste,
            verzuim="Uw bezwaarschrift is niet ondertekend.",
            verzuim_gevraagd_op=date(2026, 4, 21),
            hersteltermijn_tot=date(2026, 5, 5),
            hoorzitting=Hoorzitting.GEPLAND,
            hoorzitting_op=datetime(2026, 5, 18, 14, 30, tzinfo=AMS),
            hoorzitting_plaats="Turfmarkt 147, Den Haag",
            verdaagd_op=date(2026, 6, 1),
            verdaagd_tot=date(2026, 7, 15),
            beslistermijn_einde=date(2026, 7, 15),
            verdaging_reden="Ik wacht op een nieuw politieadvies.",
        )
        verwacht = {
            hooks.verzuimherstel_gevraagd: (
                BriefSoort.VERZUIMHERSTEL,
                "Stuur het ontbrekende uiterlijk op 5 mei 2026.",
                "uiterlijk op 5 mei 2026",
            ),
            hooks.hoorzitting_gepland: (
                BriefSoort.UITNODIGING_HOORZITTING,
                "Datum Tijd Plaats 18 mei 2026 14:30 uur Turfmarkt 147, Den Haag",
                "18 mei 2026 om 14:30 uur",
            ),
            hooks.bezwaar_verdaagd: (
                BriefSoort.VERDAGING_BEZWAAR,
                "Ik beslis uiterlijk op 15 juli 2026 op uw bezwaar.",
                "uiterlijk op 15 juli 2026",
            ),
        }
        for hook, (soort, zin, in_email) in verwacht.items():
            hook(bezwaar.pk)
            hook(bezwaar.pk)  # once per event
            brief = Brief.objects.get(bezwaar=bezwaar, soort=soort)
            tekst = tekst_van(brief)
            assert zin in tekst
            assert "tegen mijn besluit van 12 maart 2026" in tekst
            _zonder_interne_notities(tekst)
            bericht = brief_klaar_bericht(brief)
            assert in_email in bericht.tekst, soort
            assert "ondertekend" not in bericht.tekst and "Turfmarkt" not in bericht.tekst
        assert "Ik wacht op een nieuw politieadvies." in tekst

    def test_missing_letters_are_made_for_every_decision_kind(self, eerste):
        """The sweeper's check covers all four decision kinds, each with its own letter."""
        _camera(eerste.aanvraag, "980.00")
        besluit = _nieuw_besluit(
            eerste,
            soort=BesluitSoort.HERZIENING,
            aanvraagstatus=AanvraagStatus.HERZIENING_GOEDGEKEURD,
            herziening_grond=HerzieningGrond.LATERE_FACTUUR,
            vervangt=eerste,
            bedrag_toegekend=Decimal("2214.56"),
        )
        Besluit.objects.filter(pk=besluit.pk).update(
            goedgekeurd_op=timezone.now() - timedelta(hours=2)
        )
        brieven_services.ontbrekende_besluitbrieven_aanmaken(ouder_dan=timedelta(hours=1))
        assert _brief(besluit, BriefSoort.HERZIENINGSBESLUIT)
        assert not Brief.objects.filter(besluit=besluit, soort=BriefSoort.BESLUIT).exists()
        brieven_services.ontbrekende_besluitbrieven_aanmaken(ouder_dan=timedelta(hours=1))
        assert Brief.objects.filter(besluit=besluit).count() == 1

    def test_herziening_email_names_the_payment_and_objection_term(self, eerste):
        _camera(eerste.aanvraag, "980.00")
        besluit = _nieuw_besluit(
            eerste,
            soort=BesluitSoort.HERZIENING,
            aanvraagstatus=AanvraagStatus.HERZIENING_GOEDGEKEURD,
            herziening_grond=HerzieningGrond.LATERE_FACTUUR,
            vervangt=eerste,
            bedrag_toegekend=Decimal("2214.56"),
        )
        hooks.besluit_goedgekeurd(besluit.pk)
        brief = _brief(besluit, BriefSoort.HERZIENINGSBESLUIT)
        tekst_van(brief)
        besluit.refresh_from_db()
        bericht = brief_klaar_bericht(brief)
        assert "herzien" in bericht.onderwerp
        assert f"uiterlijk op {lange_datum(besluit.betaaltermijn_einde)}" in bericht.tekst
        assert f"tot en met {lange_datum(besluit.bezwaartermijn_einde)}" in bericht.tekst
        for geheim in ("camera", "980", "2.214"):
            assert geheim not in bericht.tekst


@pytest.mark.django_db
def test_preview_renders_every_new_decision_kind(verified_client):
    """The assessor's draft preview renders a decision on objection with its own letter."""
    eerste = _verzonden(zaken.goedgekeurd_besluit())
    bezwaar = _bezwaar(eerste, hoorzitting=Hoorzitting.AFGEZIEN)
    besluit = _nieuw_besluit(
        eerste,
        soort=BesluitSoort.BEZWAAR,
        aanvraagstatus=AanvraagStatus.BEZWAAR_CONCEPT,
        bezwaar=bezwaar,
        bezwaar_uitkomst=BezwaarUitkomst.ONGEGROND,
        uitkomst=eerste.uitkomst,
        regelt_aanvraag=False,
    )
    response = verified_client(UserFactory(beoordelaar=True)).get(
        reverse("brieven:besluit_voorbeeld", args=[besluit.pk])
    )
    assert response.status_code == 200
    tekst = pdf_tekst(response.content)
    assert "CONCEPT" in tekst
    assert "Ik verklaar uw bezwaar ongegrond." in tekst
    assert "U heeft laten weten dat u niet gehoord wilt worden." in tekst
    assert "beroep instellen bij de rechtbank" in tekst
    _zonder_interne_notities(tekst)
