"""Listing, review, approval and destruction, with the clock passed in as `nu`."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from aanvragen.brieven.models import Brief
from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvraag, Besluit, Bewijsstuk, StatusWijziging
from bewaring import services
from bewaring.constants import ItemStatus, LijstStatus, Soort
from bewaring.models import Bewaarplicht, TeWissenBestand, Vernietigingsitem, Vernietigingslijst
from fondsbeveiliging.audit.models import Inzage
from fondsbeveiliging.berichten.models import Bericht
from meldingen.models import Bijlage, Melding, MeldingHistorie
from tests.bewaring import dossiers
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db

SECONDE = timedelta(seconds=1)


def _gelijst(lijst, soort, pk) -> bool:
    return lijst is not None and lijst.items.filter(soort=soort, object_id=pk).exists()


def _afgerond_op(melding):
    return melding.historie.order_by("-op").values_list("op", flat=True).first()


def _afgesloten_op(aanvraag):
    return (
        StatusWijziging.objects.filter(aanvraag=aanvraag)
        .order_by("-op")
        .values_list("op", flat=True)
        .first()
    )


class TestVernietigingslijstOpstellen:
    def test_melding_is_listed_just_after_its_period_and_not_just_before(self):
        """5 years after handling: one second before, not listed; one second after, listed."""
        melding = dossiers.afgehandelde_melding()
        einde = _afgerond_op(melding) + relativedelta(years=5)
        voor = services.vernietigingslijst_opstellen(nu=einde - SECONDE)
        assert not _gelijst(voor, Soort.MELDING, melding.pk)
        na = services.vernietigingslijst_opstellen(nu=einde + SECONDE)
        assert _gelijst(na, Soort.MELDING, melding.pk)

    def test_a_listed_record_is_not_listed_again_on_the_next_night(self):
        melding = dossiers.afgehandelde_melding()
        nu = _afgerond_op(melding) + relativedelta(years=6)
        services.vernietigingslijst_opstellen(nu=nu)
        tweede = services.vernietigingslijst_opstellen(nu=nu + timedelta(days=1))
        assert not _gelijst(tweede, Soort.MELDING, melding.pk)

    def test_claim_is_listed_seven_years_after_closing(self):
        aanvraag = dossiers.afgesloten_aanvraag()
        einde = _afgesloten_op(aanvraag) + relativedelta(years=7)
        assert not _gelijst(
            services.vernietigingslijst_opstellen(nu=einde - SECONDE), Soort.AANVRAAG, aanvraag.pk
        )
        assert _gelijst(
            services.vernietigingslijst_opstellen(nu=einde + SECONDE), Soort.AANVRAAG, aanvraag.pk
        )

    def test_claim_under_objection_is_never_listed(self):
        """Status bezwaar: not listed, however long ago the case was handled."""
        aanvraag = dossiers.afgesloten_aanvraag(status=AanvraagStatus.BEZWAAR)
        lijst = services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=50))
        assert not _gelijst(lijst, Soort.AANVRAAG, aanvraag.pk)

    def test_claim_with_a_running_objection_term_is_not_listed(self):
        aanvraag = dossiers.afgesloten_aanvraag(status=AanvraagStatus.INGETROKKEN)
        nu = _afgesloten_op(aanvraag) + relativedelta(years=8)
        Besluit.objects.filter(aanvraag=aanvraag).update(
            bezwaartermijn_einde=timezone.localdate(nu) + timedelta(days=1)
        )
        assert not _gelijst(
            services.vernietigingslijst_opstellen(nu=nu), Soort.AANVRAAG, aanvraag.pk
        )

    def test_claim_with_a_legal_hold_is_not_listed_until_the_hold_is_lifted(self, archiefbeheerder):
        aanvraag = dossiers.afgesloten_aanvraag()
        hold = Bewaarplicht.objects.create(
            aanvraag=aanvraag, reden="beroep bij de rechtbank", ingesteld_door=archiefbeheerder
        )
        nu = _afgesloten_op(aanvraag) + relativedelta(years=8)
        assert not _gelijst(
            services.vernietigingslijst_opstellen(nu=nu), Soort.AANVRAAG, aanvraag.pk
        )
        hold.opgeheven_op = nu
        hold.save()
        assert _gelijst(services.vernietigingslijst_opstellen(nu=nu), Soort.AANVRAAG, aanvraag.pk)

    def test_claim_waits_for_the_fiscal_period_of_its_last_payment(self):
        """A payment in year J holds the claim until 31 December of J + 7 (AWR art. 52)."""
        aanvraag = dossiers.afgesloten_aanvraag()
        nu = _afgesloten_op(aanvraag) + relativedelta(years=8)
        betaald = timezone.localdate(nu) - relativedelta(years=7)  # in year J = now - 7
        aanvraag_betaling = Besluit.objects.get(aanvraag=aanvraag).betalingen.get()
        aanvraag_betaling.betaald_op = betaald
        aanvraag_betaling.save()
        assert not _gelijst(
            services.vernietigingslijst_opstellen(nu=nu), Soort.AANVRAAG, aanvraag.pk
        )
        aanvraag_betaling.betaald_op = betaald.replace(month=1, day=1) - timedelta(days=1)
        aanvraag_betaling.save()
        assert _gelijst(services.vernietigingslijst_opstellen(nu=nu), Soort.AANVRAAG, aanvraag.pk)

    def test_melding_linked_to_a_claim_follows_the_claim(self):
        melding = dossiers.afgehandelde_melding()
        aanvraag = dossiers.afgesloten_aanvraag()
        aanvraag.meldingen.add(melding)
        lijst = services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=6))
        assert not _gelijst(lijst, Soort.MELDING, melding.pk)

    def test_outbox_and_access_log_rows_are_listed_after_their_own_periods(self):
        bericht, inzage = dossiers.bericht(), dossiers.inzage()
        nu = bericht.aangemaakt_op + relativedelta(years=1) + SECONDE
        lijst = services.vernietigingslijst_opstellen(nu=nu)
        assert _gelijst(lijst, Soort.BERICHT, bericht.pk)
        assert not _gelijst(lijst, Soort.INZAGE, inzage.pk)
        lijst = services.vernietigingslijst_opstellen(nu=nu + relativedelta(years=1))
        assert _gelijst(lijst, Soort.INZAGE, inzage.pk)

    def test_nothing_to_list_makes_no_list(self):
        assert services.vernietigingslijst_opstellen(nu=timezone.now()) is None


class TestConcepten:
    def test_abandoned_draft_is_listed_after_ninety_days(self):
        concept = MeldingFactory()
        einde = concept.gewijzigd_op + timedelta(days=90)
        assert not _gelijst(
            services.vernietigingslijst_opstellen(nu=einde - SECONDE),
            Soort.CONCEPT_MELDING,
            concept.pk,
        )
        assert _gelijst(
            services.vernietigingslijst_opstellen(nu=einde + SECONDE),
            Soort.CONCEPT_MELDING,
            concept.pk,
        )

    def test_author_is_warned_two_weeks_before_once_and_without_content(self):
        concept = MeldingFactory(omschrijving="Geheime-inhoud-123")
        nu = concept.gewijzigd_op + timedelta(days=90 - 14) + SECONDE
        assert services.concepten_waarschuwen(nu=nu - timedelta(days=1)) == 0
        assert services.concepten_waarschuwen(nu=nu) == 1
        services.concepten_waarschuwen(nu=nu + timedelta(days=1))
        berichten = Bericht.objects.filter(sleutel__startswith="concept-vervalt:")
        assert berichten.count() == 1
        bericht = berichten.get()
        assert bericht.aan == concept.eigenaar.email
        assert "Geheime-inhoud-123" not in bericht.tekst
        assert "verwijderen wij het na" in bericht.tekst


class TestGoedkeuren:
    def test_records_manager_approves_and_who_and_when_are_recorded(self, archiefbeheerder):
        dossiers.bericht()
        lijst = services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=2))
        nu = timezone.now()
        services.vernietigingslijst_goedkeuren(lijst=lijst, door=archiefbeheerder, nu=nu)
        lijst.refresh_from_db()
        assert (lijst.goedgekeurd_door, lijst.goedgekeurd_op) == (archiefbeheerder, nu)

    def test_an_assessor_cannot_approve(self, beoordelaar):
        dossiers.bericht()
        lijst = services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=2))
        with pytest.raises(PermissionDenied):
            services.vernietigingslijst_goedkeuren(lijst=lijst, door=beoordelaar)

    def test_the_database_refuses_a_carried_out_list_without_approver(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Vernietigingslijst.objects.create(status=LijstStatus.BEZIG)

    def test_exemption_needs_a_reason(self, archiefbeheerder):
        dossiers.bericht()
        lijst = services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=2))
        with pytest.raises(ValidationError):
            services.item_uitzonderen(item=lijst.items.get(), door=archiefbeheerder, reden=" ")


def _goedgekeurde_lijst(nu, door):
    lijst = services.vernietigingslijst_opstellen(nu=nu)
    services.vernietigingslijst_goedkeuren(lijst=lijst, door=door, nu=nu)
    return lijst


class TestVernietigen:
    def test_purge_without_approval_deletes_nothing(self):
        """The approval step cannot be skipped: the job on an unapproved list does nothing."""
        melding = dossiers.afgehandelde_melding()
        bijlage = melding.bijlagen.get()
        lijst = services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=6))
        assert services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk) is False
        assert services.batch_vernietigen(lijst_id=lijst.pk, grootte=100, nu=timezone.now()) == 0
        from bewaring.tasks import vernietigingslijst_uitvoeren_task

        assert vernietigingslijst_uitvoeren_task.run(lijst.pk) is False
        assert Melding.objects.filter(pk=melding.pk).exists()
        assert dossiers.bestaat(bijlage.bestand.name)
        assert lijst.items.get().status == ItemStatus.TE_VERNIETIGEN

    def test_approved_claim_is_gone_with_files_and_model_history_and_counted(
        self, archiefbeheerder, django_capture_on_commit_callbacks
    ):
        aanvraag = dossiers.afgesloten_aanvraag()
        bestanden = [
            b.bestand.name for b in Bewijsstuk.objects.filter(kostenpost__aanvraag=aanvraag)
        ]
        bestanden += [b.bestand.name for b in Brief.objects.filter(aanvraag=aanvraag)]
        besluit_ids = list(aanvraag.besluiten.values_list("pk", flat=True))
        assert LogEntry.objects.get_for_object(aanvraag).exists()
        nu = _afgesloten_op(aanvraag) + relativedelta(years=8)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            lijst = _goedgekeurde_lijst(nu, archiefbeheerder)
        assert len(callbacks) == 1  # the purge task is queued after commit
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        assert not Aanvraag.objects.filter(pk=aanvraag.pk).exists()
        assert not StatusWijziging.objects.filter(aanvraag_id=aanvraag.pk).exists()
        assert not any(dossiers.bestaat(naam) for naam in bestanden)
        ct = ContentType.objects.get_for_model(Aanvraag)
        assert not LogEntry.objects.filter(content_type=ct, object_pk=str(aanvraag.pk)).exists()
        ct = ContentType.objects.get_for_model(Besluit)
        assert not LogEntry.objects.filter(content_type=ct, object_id__in=besluit_ids).exists()
        lijst.refresh_from_db()
        assert lijst.status == LijstStatus.VOLTOOID
        item = lijst.items.get(soort=Soort.AANVRAAG)
        assert (item.status, item.bestanden) == (ItemStatus.VERNIETIGD, len(bestanden))
        assert not TeWissenBestand.objects.exists()

    def test_claim_in_a_payment_batch_takes_its_row_and_the_batch_file_with_it(
        self, archiefbeheerder
    ):
        """The stored SEPA file names every payee of the batch: it is emptied; the other
        claim's row stays. A batch left without rows goes."""
        from aanvragen.models import Betaalbatch

        weg = dossiers.afgesloten_aanvraag()
        blijft = dossiers.afgesloten_aanvraag()
        batch = dossiers.betaalbatch(1, [weg, blijft], door=archiefbeheerder, betaald=True)
        alleen_weg = dossiers.betaalbatch(2, [weg], door=archiefbeheerder, betaald=False)
        # `blijft` is under a legal hold, so only `weg` is listed.
        Bewaarplicht.objects.create(
            aanvraag=blijft, reden="beroep bij de rechtbank", ingesteld_door=archiefbeheerder
        )
        nu = _afgesloten_op(weg) + relativedelta(years=8)
        lijst = _goedgekeurde_lijst(nu, archiefbeheerder)
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)

        assert not Aanvraag.objects.filter(pk=weg.pk).exists()
        batch.refresh_from_db()
        assert batch.pain001 == ""
        assert [r.kenmerk for r in batch.regels.all()] == [blijft.kenmerk]
        assert not Betaalbatch.objects.filter(pk=alleen_weg.pk).exists()

    def test_exempted_record_stays(self, archiefbeheerder):
        melding = dossiers.afgehandelde_melding()
        nu = _afgerond_op(melding) + relativedelta(years=6)
        lijst = services.vernietigingslijst_opstellen(nu=nu)
        services.item_uitzonderen(
            item=lijst.items.get(soort=Soort.MELDING),
            door=archiefbeheerder,
            reden="beroep loopt",
            nu=nu,
        )
        services.vernietigingslijst_goedkeuren(lijst=lijst, door=archiefbeheerder, nu=nu)
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        assert Melding.objects.filter(pk=melding.pk).exists()
        assert dossiers.bestaat(melding.bijlagen.get().bestand.name)
        # ...and is not on the next night's list either.
        assert not _gelijst(
            services.vernietigingslijst_opstellen(nu=nu + timedelta(days=1)),
            Soort.MELDING,
            melding.pk,
        )

    def test_melding_goes_with_attachments_history_and_append_only_rows(self, archiefbeheerder):
        melding = dossiers.afgehandelde_melding()
        naam = melding.bijlagen.get().bestand.name
        nu = _afgerond_op(melding) + relativedelta(years=6)
        lijst = _goedgekeurde_lijst(nu, archiefbeheerder)
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        assert not Melding.objects.filter(pk=melding.pk).exists()
        assert not MeldingHistorie.objects.filter(melding_id=melding.pk).exists()
        assert not Bijlage.objects.filter(melding_id=melding.pk).exists()
        assert not dossiers.bestaat(naam)

    def test_hold_placed_after_approval_still_wins(self, archiefbeheerder):
        melding = dossiers.afgehandelde_melding()
        nu = _afgerond_op(melding) + relativedelta(years=6)
        lijst = _goedgekeurde_lijst(nu, archiefbeheerder)
        Bewaarplicht.objects.create(
            melding=melding, reden="beroep", ingesteld_door=archiefbeheerder
        )
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        assert Melding.objects.filter(pk=melding.pk).exists()
        assert lijst.items.get(soort=Soort.MELDING).status == ItemStatus.OVERGESLAGEN

    def test_running_twice_deletes_nothing_twice(self, archiefbeheerder):
        dossiers.bericht("a"), dossiers.bericht("b")
        nu = timezone.now() + relativedelta(years=2)
        lijst = _goedgekeurde_lijst(nu, archiefbeheerder)
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        pdf = Vernietigingslijst.objects.get(pk=lijst.pk).verslag_pdf
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        lijst.refresh_from_db()
        assert lijst.verslag_pdf == pdf
        assert lijst.items.filter(status=ItemStatus.VERNIETIGD).count() == 2
        assert not Bericht.objects.exists()

    def test_access_log_rows_are_deleted_despite_the_append_only_trigger(self, archiefbeheerder):
        inzage = dossiers.inzage()
        nu = timezone.now() + relativedelta(years=3)
        lijst = _goedgekeurde_lijst(nu, archiefbeheerder)
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        assert not Inzage.objects.filter(pk=inzage.pk).exists()

    def test_append_only_rows_still_refuse_delete_outside_a_destruction(self):
        inzage = dossiers.inzage()
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            Inzage.objects.filter(pk=inzage.pk).delete()


def test_every_item_names_a_known_kind():
    """The registry covers every kind that has a list of its own."""
    from bewaring.soorten import SOORTEN

    assert set(SOORTEN) == set(Soort) - {Soort.BETALING}
    assert Vernietigingsitem._meta.get_field("soort").choices == Soort.choices


class TestAccounts:
    def test_account_goes_a_year_after_the_office_ended_once_no_record_is_left(self):
        from tests.factories import UserFactory

        vandaag = timezone.localdate()
        vertrokken = UserFactory(ambtsdrager=True, in_functie_tot=vandaag)
        met_melding = UserFactory(ambtsdrager=True, in_functie_tot=vandaag)
        MeldingFactory(eigenaar=met_melding)
        nu = timezone.now() + relativedelta(years=1, days=2)
        lijst = services.vernietigingslijst_opstellen(nu=nu)
        assert _gelijst(lijst, Soort.ACCOUNT, vertrokken.pk)
        assert not _gelijst(lijst, Soort.ACCOUNT, met_melding.pk)


def test_nightly_task_lists_and_never_deletes(django_capture_on_commit_callbacks):
    from bewaring.tasks import bewaring_nachtelijk_task

    bericht = dossiers.bericht()
    Bericht.objects.update(aangemaakt_op=timezone.now() - relativedelta(years=2))
    lijst_id = bewaring_nachtelijk_task()
    assert Vernietigingslijst.objects.get(pk=lijst_id).items.filter(object_id=bericht.pk).exists()
    assert Bericht.objects.filter(pk=bericht.pk).exists()


class TestOndersteuningsverzoeken:
    """Support requests: five years after they were declined or completed, then gone whole."""

    def _afgewezen_verzoek(self, coordinator):
        from ondersteuning import services as ondersteuning_services
        from ondersteuning.models import Bijlage as VerzoekBijlage
        from tests.ondersteuning.factories import VerzoekFactory

        verzoek = VerzoekFactory(ingediend=True)
        VerzoekBijlage.objects.create(
            verzoek=verzoek,
            bestand=dossiers.bestand("ondersteuning"),
            bestandsnaam="programma.pdf",
            content_type="application/pdf",
            grootte=10,
            sha256="0" * 64,
            geupload_door=verzoek.aangemaakt_door,
        )
        return ondersteuning_services.verzoek_afwijzen(
            verzoek=verzoek, door=coordinator, reden="Geen aanwijzingen voor verstoring."
        )

    def test_listed_just_after_five_years_and_not_before(self, tweede_beoordelaar):
        verzoek = self._afgewezen_verzoek(tweede_beoordelaar)
        einde = verzoek.historie.order_by("-op").first().op + relativedelta(years=5)
        voor = services.vernietigingslijst_opstellen(nu=einde - SECONDE)
        assert not _gelijst(voor, Soort.ONDERSTEUNINGSVERZOEK, verzoek.pk)
        na = services.vernietigingslijst_opstellen(nu=einde + SECONDE)
        assert _gelijst(na, Soort.ONDERSTEUNINGSVERZOEK, verzoek.pk)
        assert na.items.get(soort=Soort.ONDERSTEUNINGSVERZOEK).omschrijving == verzoek.kenmerk

    def test_an_open_request_is_never_listed(self):
        from tests.ondersteuning.factories import VerzoekFactory

        verzoek = VerzoekFactory(geaccepteerd=True)
        lijst = services.vernietigingslijst_opstellen(nu=timezone.now() + relativedelta(years=20))
        assert not _gelijst(lijst, Soort.ONDERSTEUNINGSVERZOEK, verzoek.pk)

    def test_purge_removes_request_file_contacts_and_append_only_history(
        self, tweede_beoordelaar, archiefbeheerder
    ):
        from ondersteuning.models import Contactpersoon, Ondersteuningsverzoek, VerzoekHistorie

        verzoek = self._afgewezen_verzoek(tweede_beoordelaar)
        naam = verzoek.bijlagen.get().bestand.name
        nu = timezone.now() + relativedelta(years=5, days=1)
        lijst = _goedgekeurde_lijst(nu, archiefbeheerder)
        services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
        assert not Ondersteuningsverzoek.objects.filter(pk=verzoek.pk).exists()
        assert not VerzoekHistorie.objects.filter(verzoek_id=verzoek.pk).exists()
        assert not Contactpersoon.objects.filter(verzoek_id=verzoek.pk).exists()
        assert not dossiers.bestaat(naam)
        item = lijst.items.get(soort=Soort.ONDERSTEUNINGSVERZOEK)
        assert (item.status, item.bestanden) == (ItemStatus.VERNIETIGD, 1)
