import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from meldingen import services
from meldingen.constants import Gebeurtenis, MeldingStatus
from meldingen.models import MeldingHistorie
from tests.meldingen.factories import MeldingFactory, melding_met_status

pytestmark = pytest.mark.django_db

ALLE = list(MeldingStatus)


def _forbidden(status, allowed):
    return [s for s in ALLE if s not in allowed]


class TestMeldingIndienen:
    def test_concept_gets_reference_timestamp_and_history(self, ambtsdrager):
        """Sending gives a readable reference, a timestamp and a history row."""
        melding = MeldingFactory(eigenaar=ambtsdrager)
        melding = services.melding_indienen(melding=melding, door=ambtsdrager)
        assert melding.status == MeldingStatus.ONTVANGEN
        assert re.fullmatch(r"M-\d{4}-\d{6}", melding.referentie)
        assert melding.ingediend_op is not None
        assert melding.gemeente_id == ambtsdrager.gemeente_id
        assert melding.historie.last().gebeurtenis == Gebeurtenis.INGEDIEND

    def test_references_are_consecutive(self, ambtsdrager):
        """References count up without gaps within a year."""
        refs = [
            services.melding_indienen(
                melding=MeldingFactory(eigenaar=ambtsdrager), door=ambtsdrager
            ).referentie
            for _ in range(3)
        ]
        nummers = [int(r.rsplit("-", 1)[1]) for r in refs]
        assert nummers == [nummers[0], nummers[0] + 1, nummers[0] + 2]

    @pytest.mark.parametrize("status", _forbidden(None, {MeldingStatus.CONCEPT}))
    def test_only_a_concept_can_be_sent(self, ambtsdrager, status):
        """A melding that was already sent (or withdrawn) cannot be sent again."""
        melding = melding_met_status(status, eigenaar=ambtsdrager)
        with pytest.raises((ValidationError, PermissionDenied)):
            services.melding_indienen(melding=melding, door=ambtsdrager)

    def test_incomplete_concept_is_refused(self, ambtsdrager):
        """A concept with missing answers cannot be sent."""
        melding = MeldingFactory(eigenaar=ambtsdrager, leeg=True)
        with pytest.raises(ValidationError):
            services.melding_indienen(melding=melding, door=ambtsdrager)
        melding.refresh_from_db()
        assert melding.status == MeldingStatus.CONCEPT and melding.referentie is None

    def test_anders_needs_an_explanation(self, ambtsdrager):
        melding = MeldingFactory(eigenaar=ambtsdrager, categorieen=["anders"])
        assert services.ontbrekende_velden(melding) == ["categorie_anders"]

    def test_someone_else_cannot_send(self, ambtsdrager, andere_ambtsdrager):
        melding = MeldingFactory(eigenaar=ambtsdrager)
        with pytest.raises(PermissionDenied):
            services.melding_indienen(melding=melding, door=andere_ambtsdrager)


@pytest.mark.parametrize(
    ("service", "allowed", "naar"),
    [
        (
            services.melding_in_behandeling_nemen,
            {MeldingStatus.ONTVANGEN},
            MeldingStatus.IN_BEHANDELING,
        ),
        (services.melding_afhandelen, {MeldingStatus.IN_BEHANDELING}, MeldingStatus.AFGEHANDELD),
    ],
    ids=["in_behandeling_nemen", "afhandelen"],
)
class TestStaffStatusSteps:
    @pytest.mark.parametrize("status", ALLE)
    def test_transition_table_is_enforced(self, service, allowed, naar, status, beoordelaar):
        """Allowed source statuses move on and are recorded; all others are refused."""
        melding = melding_met_status(status)
        if status in allowed:
            service(melding=melding, door=beoordelaar, toelichting="Bekeken, doorgezet.")
            melding.refresh_from_db()
            assert melding.status == naar
            regel = melding.historie.last()
            assert (regel.van_status, regel.naar_status) == (status, naar)
            assert regel.door == beoordelaar and regel.intern
            assert regel.toelichting == "Bekeken, doorgezet."
        else:
            with pytest.raises(ValidationError):
                service(melding=melding, door=beoordelaar, toelichting="x")
            melding.refresh_from_db()
            assert melding.status == status

    def test_a_note_is_required(self, service, allowed, naar, beoordelaar):
        melding = melding_met_status(next(iter(allowed)))
        with pytest.raises(ValidationError):
            service(melding=melding, door=beoordelaar, toelichting="  ")

    @pytest.mark.parametrize(
        "rol",
        ["ambtsdrager", "gemeente_medewerker", "financieel_medewerker", "functioneel_beheerder"],
    )
    def test_only_triage_roles_may(self, service, allowed, naar, rol, request):
        """Only beoordelaar and tweede beoordelaar change a melding's status."""
        melding = melding_met_status(next(iter(allowed)))
        with pytest.raises(PermissionDenied):
            service(melding=melding, door=request.getfixturevalue(rol), toelichting="x")

    def test_tweede_beoordelaar_may(self, service, allowed, naar, tweede_beoordelaar):
        melding = melding_met_status(next(iter(allowed)))
        service(melding=melding, door=tweede_beoordelaar, toelichting="ok")
        melding.refresh_from_db()
        assert melding.status == naar


class TestMeldingIntrekken:
    @pytest.mark.parametrize("status", ALLE)
    def test_transition_table_is_enforced(self, ambtsdrager, status):
        """A sent melding that is still open can be withdrawn; others cannot."""
        melding = melding_met_status(status, eigenaar=ambtsdrager)
        if status in {MeldingStatus.ONTVANGEN, MeldingStatus.IN_BEHANDELING}:
            services.melding_intrekken(melding=melding, door=ambtsdrager, toelichting="Opgelost")
            melding.refresh_from_db()
            assert melding.status == MeldingStatus.INGETROKKEN
            assert melding.historie.last().gebeurtenis == Gebeurtenis.INGETROKKEN
            assert not melding.historie.last().intern
        else:
            with pytest.raises(ValidationError):
                services.melding_intrekken(melding=melding, door=ambtsdrager)

    def test_only_the_owner(self, melding, andere_ambtsdrager, beoordelaar):
        for user in (andere_ambtsdrager, beoordelaar):
            with pytest.raises(PermissionDenied):
                services.melding_intrekken(melding=melding, door=user)


class TestMeldingAanvullen:
    @pytest.mark.parametrize("status", ALLE)
    def test_allowed_while_open(self, ambtsdrager, status):
        """Information can be added while BZK handles the melding, not before or after."""
        melding = melding_met_status(status, eigenaar=ambtsdrager)
        if status in {MeldingStatus.ONTVANGEN, MeldingStatus.IN_BEHANDELING}:
            services.melding_aanvullen(melding=melding, door=ambtsdrager, tekst="Nog een bericht")
            assert melding.aanvullingen.get().tekst == "Nog een bericht"
            assert melding.historie.last().gebeurtenis == Gebeurtenis.AANGEVULD
        else:
            with pytest.raises(PermissionDenied):
                services.melding_aanvullen(melding=melding, door=ambtsdrager, tekst="x")

    def test_empty_is_refused(self, melding, ambtsdrager):
        with pytest.raises(ValidationError):
            services.melding_aanvullen(melding=melding, door=ambtsdrager, tekst=" ")


def test_history_is_append_only(melding, ambtsdrager):
    """The database refuses to change or delete history rows."""
    regel = MeldingHistorie.objects.create(
        melding=melding,
        gebeurtenis=Gebeurtenis.AANGEVULD,
        van_status=melding.status,
        naar_status=melding.status,
        door=ambtsdrager,
    )
    for operation in ("update", "delete"):
        with pytest.raises(DatabaseError), transaction.atomic():
            qs = MeldingHistorie.objects.filter(pk=regel.pk)
            qs.update(toelichting="gewijzigd") if operation == "update" else qs.delete()


def test_concept_cannot_be_edited_by_others(concept, andere_ambtsdrager):
    with pytest.raises(PermissionDenied):
        services.melding_concept_opslaan(
            melding=concept, door=andere_ambtsdrager, gegevens={"omschrijving": "x"}
        )
