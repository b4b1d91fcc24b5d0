"""Domain rules of assessment and drafting: amounts, reasons, outcomes and intended refusal."""

from decimal import Decimal

import pytest

from aanvragen.backoffice import services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus, RedenCode, Uitkomst
from aanvragen.models import Besluit, Kostenpost, KostenpostBeoordeling

from .factories import aanvraag_in, alles_beoordelen, verzoek, voornemen

S = AanvraagStatus


@pytest.fixture
def zaak(regeling, beoordelaar):
    return aanvraag_in(
        S.IN_BEHANDELING, behandelaar=beoordelaar, bedragen=(Decimal("1000.00"), Decimal("500.00"))
    )


def _beoordelen(post, door, bedrag, reden=RedenCode.VOLLEDIG, motivering=""):
    return services.kostenpost_beoordelen(
        kostenpost_id=post.pk,
        door=door,
        bedrag_toegekend=Decimal(bedrag),
        reden_code=reden,
        motivering=motivering,
    )


def _opstellen(zaak, door, uitkomst):
    return services.besluit_opstellen(
        aanvraag_id=zaak.pk, door=door, uitkomst=uitkomst, motivering="Zie de beoordeling."
    )


class TestKostenpostBeoordelen:
    @pytest.mark.parametrize(
        ("bedrag", "reden", "motivering", "fout"),
        [
            ("1000.01", RedenCode.BOVEN_MAXIMUM, "Te hoog.", "tussen € 0"),
            ("-1", RedenCode.NIET_VERGOEDBAAR, "Nee.", "tussen € 0"),
            ("800", RedenCode.VOLLEDIG, "", "andere reden"),
            ("1000", RedenCode.BOVEN_MAXIMUM, "x", "Volledig toegekend"),
            ("800", RedenCode.BOVEN_MAXIMUM, "  ", "motivering"),
            ("800", "onzin", "x", "Kies een reden"),
        ],
    )
    def test_invalid_beoordeling(self, zaak, beoordelaar, bedrag, reden, motivering, fout):
        """Approved 0..claimed; VOLLEDIG exactly for the full amount; other reasons motivated."""
        post = Kostenpost.objects.filter(aanvraag=zaak).get(bedrag=1000)
        with pytest.raises(WorkflowFout, match=fout):
            _beoordelen(post, beoordelaar, bedrag, reden, motivering)
        assert not KostenpostBeoordeling.objects.exists()

    def test_reduced_with_reason_and_corrected(self, zaak, beoordelaar, tweede_beoordelaar):
        """A reduction with reason and motivation is stored; assessing again corrects it."""
        post = Kostenpost.objects.filter(aanvraag=zaak).get(bedrag=1000)
        _beoordelen(post, beoordelaar, "800", RedenCode.BOVEN_MAXIMUM, "Maximum is 800.")
        beoordeling = _beoordelen(post, tweede_beoordelaar, "1000")
        assert beoordeling.bedrag_toegekend == Decimal("1000")
        assert beoordeling.beoordeeld_door == tweede_beoordelaar
        assert KostenpostBeoordeling.objects.count() == 1


class TestBesluitOpstellen:
    def test_toegekend_needs_every_kostenpost_assessed(self, zaak, beoordelaar):
        post = Kostenpost.objects.filter(aanvraag=zaak).first()
        _beoordelen(post, beoordelaar, post.bedrag)
        with pytest.raises(WorkflowFout, match="Beoordeel eerst alle kostenposten"):
            _opstellen(zaak, beoordelaar, Uitkomst.TOEGEKEND)

    def test_amount_is_the_sum_of_the_approved_kostenposten(self, zaak, beoordelaar):
        """A partial grant for rule-based reductions: sum of approved lines, no view needed."""
        alles_beoordelen(zaak, beoordelaar, deel=Decimal("0.5"))
        with pytest.raises(WorkflowFout, match="Gedeeltelijk toegekend"):
            _opstellen(zaak, beoordelaar, Uitkomst.TOEGEKEND)
        besluit = _opstellen(zaak, beoordelaar, Uitkomst.GEDEELTELIJK_TOEGEKEND)
        assert besluit.bedrag_toegekend == Decimal("750.00")
        zaak.refresh_from_db()
        assert zaak.status == S.BESLUIT_CONCEPT

    def test_partial_toekenning_on_factual_grounds_needs_a_voornemen(self, zaak, beoordelaar):
        """A reduction resting on facts needs a closed intended refusal first (Awb 4:7)."""
        eerste, tweede = Kostenpost.objects.filter(aanvraag=zaak).order_by("bedrag")
        _beoordelen(eerste, beoordelaar, eerste.bedrag)
        _beoordelen(tweede, beoordelaar, "0", RedenCode.DUBBELE_FINANCIERING, "Al vergoed.")
        with pytest.raises(WorkflowFout, match="voornemen tot afwijzing"):
            _opstellen(zaak, beoordelaar, Uitkomst.GEDEELTELIJK_TOEGEKEND)
        voornemen(zaak, beoordelaar, afgerond=True)
        besluit = _opstellen(zaak, beoordelaar, Uitkomst.GEDEELTELIJK_TOEGEKEND)
        assert besluit.bedrag_toegekend == Decimal("500.00")

    def test_afwijzing_only_after_a_closed_voornemen(self, zaak, beoordelaar):
        """A refusal needs a closed intended refusal (view given or term passed); amount 0."""
        with pytest.raises(WorkflowFout, match="voornemen tot afwijzing"):
            _opstellen(zaak, beoordelaar, Uitkomst.AFGEWEZEN)
        voornemen(zaak, beoordelaar)  # still open
        with pytest.raises(WorkflowFout, match="voornemen tot afwijzing"):
            _opstellen(zaak, beoordelaar, Uitkomst.AFGEWEZEN)
        voornemen(zaak, beoordelaar, afgerond=False)
        besluit = _opstellen(zaak, beoordelaar, Uitkomst.AFGEWEZEN)
        assert besluit.bedrag_toegekend == 0

    def test_nothing_granted_is_an_afwijzing(self, zaak, beoordelaar):
        alles_beoordelen(zaak, beoordelaar, deel=Decimal("0"))
        with pytest.raises(WorkflowFout, match="kies 'Afgewezen'"):
            _opstellen(zaak, beoordelaar, Uitkomst.GEDEELTELIJK_TOEGEKEND)

    def test_buiten_behandeling_only_after_the_hersteltermijn_passed(
        self, zaak, beoordelaar, opsteller
    ):
        """'Not considered' only for a claim whose completion term passed unanswered."""
        with pytest.raises(WorkflowFout, match="hersteltermijn"):
            _opstellen(zaak, beoordelaar, Uitkomst.BUITEN_BEHANDELING)
        bb = aanvraag_in(S.AANVULLING_GEVRAAGD, behandelaar=beoordelaar)
        verzoek(bb, dagen_geleden=20, termijn_over=-1)
        services.aanvulling_termijn_verstreken(aanvraag_id=bb.pk, door=beoordelaar)
        with pytest.raises(WorkflowFout, match="hersteltermijn"):
            _opstellen(bb, beoordelaar, Uitkomst.TOEGEKEND)
        besluit = _opstellen(bb, beoordelaar, Uitkomst.BUITEN_BEHANDELING)
        assert besluit.bedrag_toegekend == 0 and besluit.vierogen_vereist is True
        bb.refresh_from_db()
        assert bb.status == S.BUITEN_BEHANDELING
        with pytest.raises(WorkflowFout, match="al een besluit"):
            _opstellen(bb, beoordelaar, Uitkomst.BUITEN_BEHANDELING)
        Besluit.objects.filter(pk=besluit.pk).update(
            status="goedgekeurd", goedgekeurd_door=opsteller, goedgekeurd_op=besluit.opgesteld_op
        )
        with pytest.raises(WorkflowFout, match="al een besluit"):
            _opstellen(bb, beoordelaar, Uitkomst.BUITEN_BEHANDELING)

    def test_one_concept_at_a_time(self, zaak, beoordelaar):
        alles_beoordelen(zaak, beoordelaar)
        _opstellen(zaak, beoordelaar, Uitkomst.TOEGEKEND)
        with pytest.raises(WorkflowFout):
            _opstellen(zaak, beoordelaar, Uitkomst.TOEGEKEND)
        assert Besluit.objects.count() == 1

    def test_motivation_is_required(self, zaak, beoordelaar):
        alles_beoordelen(zaak, beoordelaar)
        with pytest.raises(WorkflowFout, match="motivering"):
            services.besluit_opstellen(
                aanvraag_id=zaak.pk, door=beoordelaar, uitkomst=Uitkomst.TOEGEKEND, motivering=" "
            )


class TestToewijzen:
    def test_beoordelaar_takes_only_for_themselves(self, regeling, beoordelaar):
        from tests.factories import UserFactory

        zaak = aanvraag_in(S.INGEDIEND)
        collega = UserFactory(beoordelaar=True)
        with pytest.raises(WorkflowFout, match="aan uzelf"):
            services.aanvraag_toewijzen(aanvraag_id=zaak.pk, behandelaar=collega, door=beoordelaar)
        services.aanvraag_toewijzen(aanvraag_id=zaak.pk, behandelaar=beoordelaar, door=beoordelaar)
        with pytest.raises(WorkflowFout, match="mag deze actie niet"):
            services.aanvraag_toewijzen(aanvraag_id=zaak.pk, behandelaar=collega, door=collega)

    def test_teamleider_reassigns(self, regeling, beoordelaar, tweede_beoordelaar):
        from tests.factories import UserFactory

        zaak = aanvraag_in(S.IN_BEHANDELING, behandelaar=beoordelaar)
        collega = UserFactory(beoordelaar=True)
        services.aanvraag_toewijzen(
            aanvraag_id=zaak.pk, behandelaar=collega, door=tweede_beoordelaar
        )
        zaak.refresh_from_db()
        assert zaak.behandelaar == collega

    def test_only_to_beoordelaars(self, regeling, tweede_beoordelaar, financieel_medewerker):
        zaak = aanvraag_in(S.INGEDIEND)
        with pytest.raises(WorkflowFout, match="beoordelaar"):
            services.aanvraag_toewijzen(
                aanvraag_id=zaak.pk, behandelaar=financieel_medewerker, door=tweede_beoordelaar
            )

    def test_starting_takes_an_unassigned_case(self, regeling, beoordelaar):
        zaak = aanvraag_in(S.INGEDIEND)
        services.behandeling_starten(aanvraag_id=zaak.pk, door=beoordelaar)
        zaak.refresh_from_db()
        assert zaak.behandelaar == beoordelaar and zaak.status == S.IN_BEHANDELING


def test_hooks_in_the_transaction(
    regeling, beoordelaar, hook_aanroepen, django_capture_on_commit_callbacks
):
    """Requests and intended refusals call their hooks inside the transaction, with ids."""
    from datetime import timedelta

    from django.utils import timezone

    zaak = aanvraag_in(S.IN_BEHANDELING, behandelaar=beoordelaar)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        v = services.aanvulling_vragen(aanvraag_id=zaak.pk, door=beoordelaar, vraag="Factuur?")
        assert hook_aanroepen == [("aanvulling_gevraagd", v.pk)]
    assert callbacks == []  # the (recorded) hook queues nothing; the real one queues its task
    services.aanvulling_registreren(aanvulverzoek_id=v.pk, door=beoordelaar, antwoord="Hier.")
    services.behandeling_starten(aanvraag_id=zaak.pk, door=beoordelaar)
    with django_capture_on_commit_callbacks(execute=False):
        vn = services.voornemen_afwijzing_versturen(
            aanvraag_id=zaak.pk,
            door=beoordelaar,
            reden="Al vergoed.",
            termijn_tot=timezone.localdate() + timedelta(weeks=3),
        )
    assert hook_aanroepen == [("aanvulling_gevraagd", v.pk), ("voornemen_verstuurd", vn.pk)]


def test_zienswijze_term_not_shorter_than_the_regeling(regeling, beoordelaar):
    from datetime import timedelta

    from django.utils import timezone

    zaak = aanvraag_in(S.IN_BEHANDELING, behandelaar=beoordelaar)
    with pytest.raises(WorkflowFout, match="ten minste"):
        services.voornemen_afwijzing_versturen(
            aanvraag_id=zaak.pk,
            door=beoordelaar,
            reden="Al vergoed.",
            termijn_tot=timezone.localdate() + timedelta(days=5),
        )
