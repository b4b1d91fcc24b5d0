import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation

from aanvragen import services
from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus
from aanvragen.constants import TRANSITIES, AanvraagStatus
from aanvragen.models import Aanvraag, StatusWijziging
from aanvragen.selectors import regeling_op
from fondsbeveiliging.accounts.constants import Ambtstype
from fondsbeveiliging.berichten.models import Bericht
from tests.aanvragen.backoffice.factories import BesluitFactory
from tests.aanvragen.factories import (
    AanvraagFactory,
    AanvulverzoekFactory,
    KostenpostFactory,
    RegelingFactory,
    melding,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


class Terugdraaien(Exception):
    """Raised to roll back the surrounding transaction after the service returned."""


def _freeze(monkeypatch, moment: dt.datetime):
    monkeypatch.setattr(timezone, "now", lambda: moment)


class TestAanvraagAanmaken:
    def test_prefills_from_the_account(self, regeling, ambtsdrager):
        """A new draft copies name, office, municipality and correspondence address."""
        aanvraag = services.aanvraag_aanmaken(aanvrager=ambtsdrager)
        assert aanvraag.status == AanvraagStatus.CONCEPT
        assert aanvraag.aanvrager_naam == ambtsdrager.get_full_name()
        assert aanvraag.ambtstype == ambtsdrager.ambtstype
        assert aanvraag.gemeente == ambtsdrager.gemeente
        assert aanvraag.correspondentie_adres == ambtsdrager.correspondentie_adres
        assert aanvraag.regeling == regeling
        assert aanvraag.statushistorie.get().naar == AanvraagStatus.CONCEPT

    def test_ineligible_office_type_is_told_why(self):
        """A raadslid cannot apply under a policy for mayors and aldermen only."""
        RegelingFactory(ambtstypen=[Ambtstype.BURGEMEESTER, Ambtstype.WETHOUDER])
        raadslid = UserFactory(ambtsdrager=True, ambtstype=Ambtstype.RAADSLID)
        with pytest.raises(ValidationError) as exc:
            services.aanvraag_aanmaken(aanvrager=raadslid)
        assert "Met het ambt raadslid" in exc.value.messages[0]
        assert "alleen voor: burgemeester, wethouder." in exc.value.messages[0]
        assert not Aanvraag.objects.exists()

    def test_no_policy_in_force(self, ambtsdrager):
        with pytest.raises(ValidationError, match="geen regeling"):
            services.aanvraag_aanmaken(aanvrager=ambtsdrager)

    @pytest.mark.parametrize("rol", ["gemeente_medewerker", "beoordelaar", "financieel_medewerker"])
    def test_only_office_holders_apply(self, regeling, rol, request):
        with pytest.raises(PermissionDenied):
            services.aanvraag_aanmaken(aanvrager=request.getfixturevalue(rol))


class TestAanvraagIndienen:
    def test_assigns_kenmerk_receipt_policy_deadline_and_history(self, concept, monkeypatch):
        """Submission records kenmerk, server receipt time, policy version and deadline."""
        moment = dt.datetime(2026, 3, 10, 14, 30, tzinfo=AMS)
        _freeze(monkeypatch, moment)
        aanvraag = services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.INGEDIEND
        assert aanvraag.kenmerk == "FB-2026-000001"
        assert aanvraag.ingediend_op == moment
        assert aanvraag.regeling == regeling_op(datum=dt.date(2026, 3, 10))
        # 10 March + 8 weeks = 5 May 2026 (Bevrijdingsdag, not a lustrum year) -> 6 May.
        assert aanvraag.beslistermijn_einde == dt.date(2026, 5, 6)
        historie = list(aanvraag.statushistorie.values_list("van", "naar"))
        assert historie[-1] == (AanvraagStatus.CONCEPT, AanvraagStatus.INGEDIEND)
        assert aanvraag.kostenposten.get().plafond_bij_indiening == Decimal("1500.00")

    def test_kenmerken_follow_each_other(self, regeling):
        kenmerken = []
        for _ in range(3):
            aanvraag = AanvraagFactory(compleet=True)
            kenmerken.append(
                services.aanvraag_indienen(aanvraag=aanvraag, door=aanvraag.aanvrager).kenmerk
            )
        jaar = timezone.localdate().year
        assert kenmerken == [f"FB-{jaar}-00000{i}" for i in (1, 2, 3)]

    def test_a_failed_submission_gives_its_number_back(self, regeling, concept):
        """A rolled-back submission leaves no gap in the kenmerken."""
        onvolledig = AanvraagFactory(iban="")
        KostenpostFactory(aanvraag=onvolledig)
        with pytest.raises(ValidationError):
            services.aanvraag_indienen(aanvraag=onvolledig, door=onvolledig.aanvrager)
        aanvraag = services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        assert aanvraag.kenmerk.endswith("-000001")

    @pytest.mark.parametrize(
        ("ontvangen", "einde", "reden"),
        [
            (dt.date(2026, 1, 10), dt.date(2026, 3, 9), "Saturday -> Monday"),
            (dt.date(2026, 3, 10), dt.date(2026, 5, 6), "5 May 2026 (no lustrum)"),
            (dt.date(2027, 3, 10), dt.date(2027, 5, 7), "5 May 2027, then Ascension 6 May"),
            (dt.date(2026, 10, 30), dt.date(2026, 12, 28), "Christmas, Boxing Day, Sunday"),
            (dt.date(2026, 1, 14), dt.date(2026, 3, 11), "plain Wednesday"),
        ],
    )
    def test_decision_deadline_on_policy_defaults(
        self, concept, monkeypatch, ontvangen, einde, reden
    ):
        """Deadline = receipt + 8 weeks, moved past weekends and Atw holidays."""
        _freeze(monkeypatch, dt.datetime.combine(ontvangen, dt.time(10), tzinfo=AMS))
        aanvraag = services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        assert aanvraag.beslistermijn_einde == einde, reden

    def test_receipt_just_after_midnight_counts_in_dutch_time(self, concept, monkeypatch):
        """00:30 in Amsterdam is the previous day in UTC; the Dutch date counts."""
        _freeze(monkeypatch, dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.UTC))  # 11 March NL
        aanvraag = services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        assert aanvraag.beslistermijn_einde == dt.date(2026, 5, 6)  # 11 Mar + 8w = 6 May

    def test_caps_are_flagged_not_refused(self, regeling, ambtsdrager):
        """Exceeding a category cap and the overall cap is allowed but recorded."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("1600.00"))
        KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("900.00"))
        aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)
        assert aanvraag.plafond_overschreden is True
        assert len(aanvraag.plafondsignalen) == 2
        assert "alarmsysteem" in aanvraag.plafondsignalen[0]
        assert "€\u00a01.500,00" in aanvraag.plafondsignalen[0]
        assert "€\u00a02.400,00" in aanvraag.plafondsignalen[1]

    def test_earlier_claims_count_towards_the_overall_cap(self, regeling, ambtsdrager):
        eerder = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
        services.aanvraag_indienen(aanvraag=eerder, door=ambtsdrager)  # 1,234.56
        tweede = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
        tweede = services.aanvraag_indienen(aanvraag=tweede, door=ambtsdrager)
        assert tweede.plafond_overschreden
        assert "€\u00a01.234,56" in tweede.plafondsignalen[0]

    @pytest.mark.parametrize(
        ("uitkomst", "toegekend", "overschreden"),
        [
            ("afgewezen", "0.00", False),
            ("gedeeltelijk_toegekend", "1000.00", False),
            ("toegekend", "1234.56", True),
        ],
    )
    def test_a_decided_claim_counts_with_the_amount_granted(
        self, regeling, ambtsdrager, uitkomst, toegekend, overschreden
    ):
        """A refused or cut earlier claim takes only what was granted of the overall cap."""
        eerder = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
        eerder = services.aanvraag_indienen(aanvraag=eerder, door=ambtsdrager)  # 1,234.56
        BesluitFactory(
            aanvraag=eerder, verzonden=True, uitkomst=uitkomst, bedrag_toegekend=toegekend
        )
        Aanvraag.objects.filter(pk=eerder.pk).update(status=AanvraagStatus.VERZONDEN)
        tweede = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
        tweede = services.aanvraag_indienen(aanvraag=tweede, door=ambtsdrager)
        # 1,234.56 for the second claim: with 1,000 granted earlier it stays under 2,400.
        assert tweede.plafond_overschreden is overschreden

    def test_missing_evidence_blocks_submission(self, regeling, ambtsdrager):
        """A paid alarm line needs an invoice and a proof of payment."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        KostenpostFactory(aanvraag=aanvraag, bewijs=False)
        with pytest.raises(ValidationError) as exc:
            services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)
        assert any("factuur" in m for m in exc.value.messages)
        assert any("betaalbewijs" in m for m in exc.value.messages)
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.CONCEPT and aanvraag.kenmerk is None

    def test_at_least_one_cost_line(self, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        with pytest.raises(ValidationError, match="ten minste één kostenpost"):
            services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)

    def test_foreign_iban_refused_when_policy_forbids(self, regeling, ambtsdrager):
        aanvraag = AanvraagFactory(
            aanvrager=ambtsdrager, compleet=True, iban="DE89370400440532013000"
        )
        with pytest.raises(ValidationError, match="Nederlands IBAN"):
            services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)
        regeling.buitenlandse_iban_toegestaan = True
        regeling.save()
        assert services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager).kenmerk

    def test_only_the_owner_submits(self, concept, andere_ambtsdrager, beoordelaar):
        for user in (andere_ambtsdrager, beoordelaar):
            with pytest.raises(PermissionDenied):
                services.aanvraag_indienen(aanvraag=concept, door=user)

    def test_acknowledgement_and_receipt_letter_are_stored_with_the_submission(
        self, concept, django_capture_on_commit_callbacks
    ):
        """Both rows are written by the submitting transaction; only sending waits for commit."""
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            aanvraag = services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
            bericht = Bericht.objects.get()  # before any on-commit callback ran
            brief = Brief.objects.get()
        assert bericht.sleutel == f"ontvangstbevestiging:aanvraag:{aanvraag.pk}"
        assert bericht.aan == concept.aanvrager.email and bericht.verstuurd_op is None
        assert (brief.aanvraag_id, brief.soort, brief.status) == (
            aanvraag.pk,
            BriefSoort.ONTVANGSTBEVESTIGING,
            BriefStatus.WACHTEND,
        )
        assert len(callbacks) == 2  # the letter's generation and the e-mail's sending
        assert mail.outbox == []

    def test_a_rolled_back_submission_stores_neither(
        self, concept, django_capture_on_commit_callbacks
    ):
        """If the submitting transaction does not commit, no letter and no e-mail remain."""
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(Terugdraaien),
            transaction.atomic(),
        ):
            services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
            assert Bericht.objects.count() == 1 and Brief.objects.count() == 1
            raise Terugdraaien
        assert not Bericht.objects.exists() and not Brief.objects.exists()
        assert callbacks == [] and mail.outbox == []
        concept.refresh_from_db()
        assert concept.status == AanvraagStatus.CONCEPT and concept.kenmerk is None

    def test_acknowledgement_is_sent_after_commit(
        self, concept, django_capture_on_commit_callbacks
    ):
        """The e-mail holds the kenmerk and the expected date, and no claim details."""
        with django_capture_on_commit_callbacks(execute=True):
            aanvraag = services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        # One e-mail: the acknowledgement; the receipt letter adds no notice of its own.
        assert len(mail.outbox) == 1
        bericht = mail.outbox[0]
        assert bericht.to == [concept.aanvrager.email]
        assert aanvraag.kenmerk in bericht.subject
        assert aanvraag.kenmerk in bericht.body
        assert f"{aanvraag.beslistermijn_einde.day} " in bericht.body
        assert "Wij beslissen uiterlijk op" in bericht.body
        kostenpost = aanvraag.kostenposten.get()
        for detail in (
            kostenpost.omschrijving,
            kostenpost.leverancier,
            "1.234,56",
            "1234",
            aanvraag.iban,
            aanvraag.aanvrager_naam,
            "Alarm",
        ):
            assert detail not in bericht.body
            assert detail not in bericht.subject
        assert Bericht.objects.get().verstuurd_op is not None

    @pytest.mark.parametrize("taal", ["nl", "en"])
    def test_acknowledgement_dates_are_written_in_dutch(
        self, concept, monkeypatch, django_capture_on_commit_callbacks, taal
    ):
        """Whatever the language of the submitting request, as when a worker rendered it."""
        _freeze(monkeypatch, dt.datetime(2026, 3, 10, 14, 5, tzinfo=AMS))
        with django_capture_on_commit_callbacks(execute=True), translation.override(taal):
            services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        body = mail.outbox[0].body
        assert "Wij hebben uw aanvraag ontvangen op 10 maart 2026 om 14:05 uur." in body
        assert "Wij beslissen uiterlijk op: 6 mei 2026" in body
        assert "Kenmerk: FB-2026-000001" in body


class TestRegelingAtReceipt:
    def test_the_version_in_force_on_receipt_is_attached(self, ambtsdrager, monkeypatch):
        """A draft started under 2026 and submitted in 2027 is governed by the 2027 version."""
        oud = RegelingFactory(geldig_van=dt.date(2026, 1, 1), geldig_tot=dt.date(2026, 12, 31))
        nieuw = RegelingFactory(geldig_van=dt.date(2027, 1, 1), beslistermijn_weken=6)
        _freeze(monkeypatch, dt.datetime(2027, 1, 5, 9, tzinfo=AMS))
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, regeling=nieuw, compleet=True)
        aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)
        assert aanvraag.regeling == nieuw != oud
        assert aanvraag.beslistermijn_einde == dt.date(2027, 2, 16)  # 6 weeks

    def test_draft_categories_of_an_older_version_must_be_chosen_again(
        self, ambtsdrager, monkeypatch
    ):
        oud = RegelingFactory(geldig_van=dt.date(2026, 1, 1), geldig_tot=dt.date(2026, 12, 31))
        RegelingFactory(geldig_van=dt.date(2027, 1, 1))
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, regeling=oud, compleet=True)
        _freeze(monkeypatch, dt.datetime(2027, 1, 5, 9, tzinfo=AMS))
        with pytest.raises(ValidationError, match="kies de soort kosten"):
            services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)

    def test_later_edits_of_the_policy_do_not_change_a_submitted_claim(self, concept, regeling):
        """Stored deadline and copied caps stay; the version itself is frozen in the admin."""
        aanvraag = services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        einde = aanvraag.beslistermijn_einde
        categorie = regeling.categorieen.get(code="alarm")
        # Even a direct database edit (bypassing the admin freeze) leaves the claim as it was.
        categorie.plafond = Decimal("10.00")
        categorie.save()
        regeling.beslistermijn_weken = 20
        regeling.save()
        aanvraag.refresh_from_db()
        assert aanvraag.regeling_id == regeling.pk
        assert aanvraag.beslistermijn_einde == einde
        assert aanvraag.kostenposten.get().plafond_bij_indiening == Decimal("1500.00")


class TestIntrekken:
    @pytest.mark.parametrize(
        "status",
        [s for s, volgende in TRANSITIES.items() if AanvraagStatus.INGETROKKEN in volgende],
    )
    def test_withdraw_before_a_decision(self, ambtsdrager, regeling, status):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, status=status)
        services.aanvraag_intrekken(aanvraag=aanvraag, door=ambtsdrager, toelichting="Verhuisd")
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.INGETROKKEN
        wijziging = aanvraag.statushistorie.last()
        assert (wijziging.van, wijziging.naar, wijziging.door) == (
            status,
            "ingetrokken",
            ambtsdrager,
        )
        assert wijziging.toelichting == "Verhuisd"

    @pytest.mark.parametrize(
        "status",
        [
            s
            for s, volgende in TRANSITIES.items()
            if AanvraagStatus.INGETROKKEN not in volgende and s != "concept"
        ],
    )
    def test_no_withdrawal_after_a_decision(self, ambtsdrager, regeling, status):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, ingediend=True, status=status)
        with pytest.raises(ValidationError, match="niet meer"):
            services.aanvraag_intrekken(aanvraag=aanvraag, door=ambtsdrager)
        aanvraag.refresh_from_db()
        assert aanvraag.status == status

    def test_someone_else_cannot_withdraw(
        self, ingediende_aanvraag, andere_ambtsdrager, beoordelaar
    ):
        for user in (andere_ambtsdrager, beoordelaar):
            with pytest.raises(PermissionDenied):
                services.aanvraag_intrekken(aanvraag=ingediende_aanvraag, door=user)


class TestAanvulverzoekBeantwoorden:
    def test_answer_resumes_the_clock(self, ambtsdrager, regeling, monkeypatch):
        """Suspended from the day after the request until the answer: deadline moves."""
        _freeze(monkeypatch, dt.datetime(2026, 1, 14, 10, tzinfo=AMS))
        aanvraag = services.aanvraag_indienen(
            aanvraag=AanvraagFactory(aanvrager=ambtsdrager, compleet=True), door=ambtsdrager
        )
        assert aanvraag.beslistermijn_einde == dt.date(2026, 3, 11)
        Aanvraag.objects.filter(pk=aanvraag.pk).update(status=AanvraagStatus.AANVULLING_GEVRAAGD)
        verzoek = AanvulverzoekFactory(
            aanvraag=aanvraag,
            verzocht_op=dt.datetime(2026, 1, 20, 10, tzinfo=AMS),
            termijn_tot=dt.date(2026, 2, 3),
        )
        _freeze(monkeypatch, dt.datetime(2026, 1, 30, 10, tzinfo=AMS))
        services.aanvulverzoek_beantwoorden(
            aanvulverzoek=verzoek, door=ambtsdrager, antwoord="Zie bijlage", bestanden=[]
        )
        aanvraag.refresh_from_db()
        verzoek.refresh_from_db()
        assert verzoek.antwoord == "Zie bijlage" and verzoek.beantwoord_op is not None
        assert aanvraag.status == AanvraagStatus.AANGEVULD
        # 21..29 January suspended: 9 days.
        assert aanvraag.beslistermijn_einde == dt.date(2026, 3, 20)

    def test_a_rejected_file_stores_nothing(self, ambtsdrager, regeling):
        from django.core.files.uploadedfile import SimpleUploadedFile

        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
        verzoek = aanvraag.aanvulverzoeken.get()
        slecht = SimpleUploadedFile("virus.exe", b"MZ\x90\x00 not a pdf")
        with pytest.raises(ValidationError, match="niet toegestaan"):
            services.aanvulverzoek_beantwoorden(
                aanvulverzoek=verzoek, door=ambtsdrager, antwoord="x", bestanden=[slecht]
            )
        verzoek.refresh_from_db()
        assert verzoek.is_open and not verzoek.bestanden.exists()

    def test_only_the_owner_answers(self, ambtsdrager, andere_ambtsdrager, regeling):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, aanvulling_gevraagd=True)
        with pytest.raises(PermissionDenied):
            services.aanvulverzoek_beantwoorden(
                aanvulverzoek=aanvraag.aanvulverzoeken.get(), door=andere_ambtsdrager, antwoord="x"
            )


class TestConceptBewerken:
    def test_home_address_erased_when_no_measure_at_home(self, ambtsdrager, regeling):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        services.aanvraag_bijwerken(
            aanvraag=aanvraag,
            door=ambtsdrager,
            velden={
                "maatregel_bij_woning": True,
                "woonadres": "Dorpsstraat 1",
                "woon_plaats": "Ede",
            },
        )
        aanvraag.refresh_from_db()
        assert aanvraag.woonadres == "Dorpsstraat 1"
        services.aanvraag_bijwerken(
            aanvraag=aanvraag, door=ambtsdrager, velden={"maatregel_bij_woning": False}
        )
        aanvraag.refresh_from_db()
        assert aanvraag.woonadres is None and aanvraag.woon_plaats is None

    def test_melding_of_another_user_cannot_be_linked(
        self, ambtsdrager, andere_ambtsdrager, regeling
    ):
        vreemd = melding(andere_ambtsdrager)
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        with pytest.raises(ValidationError, match="eigen meldingen"):
            services.aanvraag_bijwerken(
                aanvraag=aanvraag, door=ambtsdrager, velden={}, meldingen=[vreemd]
            )
        assert not aanvraag.meldingen.exists()

    def test_submitted_claim_cannot_be_edited(self, ingediende_aanvraag, ambtsdrager):
        with pytest.raises(PermissionDenied):
            services.aanvraag_bijwerken(
                aanvraag=ingediende_aanvraag,
                door=ambtsdrager,
                velden={"iban": "NL02ABNA0123456789"},
            )
        with pytest.raises(PermissionDenied):
            services.kostenpost_toevoegen(aanvraag=ingediende_aanvraag, door=ambtsdrager)

    def test_removing_a_line_keeps_the_others_and_the_total(self, ambtsdrager, regeling):
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        eerste = KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("100.00"))
        KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal("250.50"))
        services.kostenpost_verwijderen(kostenpost=eerste, door=ambtsdrager)
        aanvraag.refresh_from_db()
        assert aanvraag.kostenposten.count() == 1
        assert aanvraag.bedrag_aangevraagd == Decimal("250.50")


class TestOpslag:
    def test_home_address_is_encrypted_in_the_table(self, ambtsdrager, regeling):
        """The raw column holds ciphertext; only the model field decrypts it."""
        aanvraag = AanvraagFactory(
            aanvrager=ambtsdrager,
            maatregel_bij_woning=True,
            woonadres="Geheime Laan 13",
            woon_postcode="3511 AB",
            woon_plaats="Utrecht",
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT woonadres, woon_postcode, woon_plaats"
                " FROM aanvragen_aanvraag WHERE id = %s",
                [aanvraag.pk],
            )
            ruw = cursor.fetchone()
        for waarde, leesbaar in zip(ruw, ("Geheime Laan 13", "3511 AB", "Utrecht"), strict=True):
            assert leesbaar not in waarde
            assert "Geheime" not in waarde
            assert waarde.startswith("gAAAA")  # a Fernet token
        assert Aanvraag.objects.get(pk=aanvraag.pk).woonadres == "Geheime Laan 13"

    def test_status_history_is_append_only(self, concept):
        services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        wijziging = StatusWijziging.objects.filter(aanvraag=concept).first()
        for operatie in ("update", "delete"):
            with pytest.raises(DatabaseError), transaction.atomic():
                if operatie == "update":
                    StatusWijziging.objects.filter(pk=wijziging.pk).update(toelichting="x")
                else:
                    StatusWijziging.objects.filter(pk=wijziging.pk).delete()

    def test_amount_bounds_are_enforced_by_the_database(self, concept):
        kostenpost = concept.kostenposten.get()
        for bedrag in (Decimal("0"), Decimal("-1"), Decimal("1000000.01")):
            with pytest.raises(DatabaseError), transaction.atomic():
                type(kostenpost).objects.filter(pk=kostenpost.pk).update(bedrag=bedrag)

    def test_policy_versions_may_not_overlap(self, regeling):
        from django.db import IntegrityError

        with pytest.raises(IntegrityError), transaction.atomic():
            RegelingFactory(geldig_van=dt.date(2030, 1, 1))


class TestUitlegVerplicht:
    def test_other_costs_need_an_explanation(self, regeling, ambtsdrager):
        """A category that requires an explanation refuses a one-word description."""
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager)
        overig = regeling.categorieen.get(code="overig")
        KostenpostFactory(aanvraag=aanvraag, categorie=overig, omschrijving="Taxi")
        with pytest.raises(ValidationError, match="leg in de omschrijving uit"):
            services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)
        kostenpost = aanvraag.kostenposten.get()
        kostenpost.omschrijving = "Taxi naar huis na bedreiging bij de raadsvergadering"
        kostenpost.save()
        assert services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager).kenmerk


class TestNieuweRegelingTijdensConcept:
    def test_the_line_form_offers_the_categories_in_force_today(self, ambtsdrager, client):
        """A draft begun under last year's version is filled in with today's categories."""
        from django.urls import reverse

        vandaag = timezone.localdate()
        oud = RegelingFactory(
            geldig_van=dt.date(2000, 1, 1), geldig_tot=vandaag - dt.timedelta(days=1)
        )
        nieuw = RegelingFactory(geldig_van=vandaag)
        aanvraag = AanvraagFactory(aanvrager=ambtsdrager, regeling=oud)
        kostenpost = KostenpostFactory(aanvraag=aanvraag, bewijs=False)
        client.force_login(ambtsdrager)
        url = reverse("aanvragen:kostenpost", args=[aanvraag.pk, kostenpost.pk])
        html = client.get(url).content.decode()
        assert f'value="{nieuw.categorieen.get(code="alarm").pk}"' in html
        assert f'value="{oud.categorieen.get(code="alarm").pk}"' not in html


def test_the_applicant_gives_uw_kenmerk_only_while_a_concept(ambtsdrager, regeling):
    """uw_kenmerk is one of the applicant's own fields: editable in a draft, not after."""
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
    services.aanvraag_bijwerken(
        aanvraag=aanvraag, door=ambtsdrager, velden={"uw_kenmerk": "UTR/2026/77"}
    )
    aanvraag.refresh_from_db()
    assert aanvraag.uw_kenmerk == "UTR/2026/77"
    services.aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)
    with pytest.raises(PermissionDenied):
        services.aanvraag_bijwerken(aanvraag=aanvraag, door=ambtsdrager, velden={"uw_kenmerk": "X"})
    aanvraag.refresh_from_db()
    assert aanvraag.uw_kenmerk == "UTR/2026/77"
