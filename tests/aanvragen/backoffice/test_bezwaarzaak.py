"""The objection case (issue 16): registering, repair (6:6), hearing (7:2, 7:3), the 7:10 term
with postponement and delay, notice of default, withdrawal; permissions; the queue.

Dates are fixed in 2026: the decision was sent Tuesday 3 March, so the objection term ends
Tuesday 14 April and the 7:10 term of an objection in time ends Tuesday 26 May.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from aanvragen.backoffice import permissions, selectors, services
from aanvragen.backoffice.permissions import STATUS_VOOR_ACTIE
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import TRANSITIES, Hoorzitting, Indiener
from aanvragen.constants import AanvraagStatus as S
from aanvragen.models import Aanvraag, Betaling, Bezwaar, StatusWijziging
from tests.factories import UserFactory

from .factories import BesluitFactory, aanvraag_in

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
VERZONDEN = datetime(2026, 3, 3, 10, tzinfo=AMS)
BEZWAARTERMIJN = date(2026, 4, 14)
BESLISTERMIJN = date(2026, 5, 26)


@pytest.fixture(autouse=True)
def geen_extra_feestdagen(monkeypatch):
    """Only the Atw's own holidays: no Royal Decree days configured in these tests."""
    from fondsbeveiliging.termijnen import kalender

    monkeypatch.setattr(kalender, "extra_feestdagen", lambda: frozenset())


@pytest.fixture(autouse=True)
def bezwaar_hooks(monkeypatch):
    """Record the objection case's letter hooks instead of storing letters."""
    from aanvragen.backoffice import hooks

    aanroepen = []
    for naam in ("verzuimherstel_gevraagd", "hoorzitting_gepland", "bezwaar_verdaagd"):
        monkeypatch.setattr(hooks, naam, lambda pk, naam=naam: aanroepen.append((naam, pk)))
    return aanroepen


def _besluit(beoordelaar, *, bedrag=None, status=S.VERZONDEN):
    aanvraag = aanvraag_in(status, behandelaar=beoordelaar)
    extra = {} if bedrag is None else {"bedrag_toegekend": bedrag}
    return BesluitFactory(
        aanvraag=aanvraag,
        verzonden=True,
        verzonden_op=VERZONDEN,
        bezwaartermijn_einde=BEZWAARTERMIJN,
        **extra,
    )


def _registreren(besluit, door, ontvangen_op=BEZWAARTERMIJN, **kw):
    return services.bezwaar_registreren(
        besluit_id=besluit.pk, door=door, ontvangen_op=ontvangen_op, **kw
    )


@pytest.fixture
def bezwaar(nu, beoordelaar, regeling):
    """An objection received on the last day of the term (Tuesday 14 April 2026)."""
    nu(2026, 4, 14)
    return _registreren(_besluit(beoordelaar), beoordelaar)


def _status(obj) -> str:
    aanvraag_id = obj.besluit.aanvraag_id if isinstance(obj, Bezwaar) else obj.pk
    return Aanvraag.objects.get(pk=aanvraag_id).status


def _laatste_historie(bezwaar) -> StatusWijziging:
    return StatusWijziging.objects.filter(aanvraag_id=bezwaar.besluit.aanvraag_id).latest("pk")


def _fout(code, fn, **kw):
    with pytest.raises(WorkflowFout) as fout:
        fn(**kw)
    assert fout.value.code == code, fout.value.messages
    assert fout.value.messages[0]
    return fout.value


# --- registering: in time (6:7-6:9) and the 7:10 term --------------------------------------


class TestRegistreren:
    def test_received_on_the_last_day_is_in_time(self, bezwaar):
        bezwaar.refresh_from_db()
        assert bezwaar.beslistermijn_einde == BESLISTERMIJN
        assert _status(bezwaar) == S.BEZWAAR
        notitie = _laatste_historie(bezwaar).toelichting
        assert "na de bezwaartermijn" not in notitie
        assert "26 mei 2026" in notitie

    def test_posted_on_the_last_day_and_received_within_the_week_is_in_time(self, nu, beoordelaar):
        nu(2026, 4, 21)
        bezwaar = _registreren(
            _besluit(beoordelaar), beoordelaar, date(2026, 4, 21), verzonden_op=BEZWAARTERMIJN
        )
        assert bezwaar.beslistermijn_einde == BESLISTERMIJN
        assert "na de bezwaartermijn" not in _laatste_historie(bezwaar).toelichting

    def test_posted_on_the_last_day_and_received_the_eighth_day_is_late(self, nu, beoordelaar):
        nu(2026, 4, 22)
        bezwaar = _registreren(
            _besluit(beoordelaar), beoordelaar, date(2026, 4, 22), verzonden_op=BEZWAARTERMIJN
        )
        # Accepted and flagged; six weeks from receipt: Wednesday 3 June.
        assert bezwaar.beslistermijn_einde == date(2026, 6, 3)
        assert "na de bezwaartermijn" in _laatste_historie(bezwaar).toelichting

    def test_received_after_the_term_is_late(self, nu, beoordelaar):
        nu(2026, 4, 15)
        bezwaar = _registreren(_besluit(beoordelaar), beoordelaar, date(2026, 4, 15))
        assert bezwaar.beslistermijn_einde == date(2026, 5, 27)
        assert "na de bezwaartermijn" in _laatste_historie(bezwaar).toelichting

    def test_a_representative_with_what_is_missing(self, nu, beoordelaar):
        nu(2026, 4, 1)
        bezwaar = _registreren(
            _besluit(beoordelaar),
            beoordelaar,
            date(2026, 4, 1),
            indiener=Indiener.GEMACHTIGDE,
            gemachtigde_naam=" Mr. De Vries ",
            ondertekend=False,
            gronden_vermeld=False,
        )
        bezwaar.refresh_from_db()
        assert (bezwaar.gemachtigde_naam, bezwaar.machtiging_ontvangen) == ("Mr. De Vries", False)
        assert not bezwaar.ondertekend and not bezwaar.gronden_vermeld
        notitie = _laatste_historie(bezwaar).toelichting
        assert "gemachtigde Mr. De Vries" in notitie
        assert "ontbreekt: ondertekening, gronden, machtiging" in notitie

    def test_a_representative_needs_a_name(self, nu, beoordelaar):
        nu(2026, 4, 1)
        besluit = _besluit(beoordelaar)
        _fout(
            "verplicht",
            _registreren,
            besluit=besluit,
            door=beoordelaar,
            ontvangen_op=date(2026, 4, 1),
            indiener=Indiener.GEMACHTIGDE,
        )
        assert not Bezwaar.objects.exists()

    @pytest.mark.parametrize("post", [date(2026, 3, 2), date(2026, 4, 2)])
    def test_the_postmark_lies_between_dispatch_and_receipt(self, nu, beoordelaar, post):
        nu(2026, 4, 1)
        _fout(
            "poststempel",
            _registreren,
            besluit=_besluit(beoordelaar),
            door=beoordelaar,
            ontvangen_op=date(2026, 4, 1),
            verzonden_op=post,
        )

    @pytest.mark.parametrize("ontvangen", [date(2026, 3, 2), date(2026, 4, 2)])
    def test_receipt_between_dispatch_and_today(self, nu, beoordelaar, ontvangen):
        nu(2026, 4, 1)
        _fout(
            "datum",
            _registreren,
            besluit=_besluit(beoordelaar),
            door=beoordelaar,
            ontvangen_op=ontvangen,
        )


# --- repairing an omission (6:6, 7:10(2)) --------------------------------------------------


class TestVerzuimherstel:
    def _vragen(self, bezwaar, door, tot=date(2026, 5, 4)):
        return services.verzuim_herstel_vragen(
            bezwaar_id=bezwaar.pk, door=door, verzuim="Uw handtekening.", hersteltermijn_tot=tot
        )

    def test_a_request_suspends_until_the_repair(self, bezwaar, nu, beoordelaar, bezwaar_hooks):
        nu(2026, 4, 20)
        bezwaar = self._vragen(bezwaar, beoordelaar)
        # Unanswered: suspended through the repair term, 21 April - 4 May (14 days).
        assert bezwaar.beslistermijn_einde == date(2026, 6, 9)
        assert bezwaar_hooks == [("verzuimherstel_gevraagd", bezwaar.pk)]
        rij = _laatste_historie(bezwaar)
        assert (rij.van, rij.naar) == (S.BEZWAAR, S.BEZWAAR)
        assert "Uw handtekening." in rij.toelichting
        nu(2026, 4, 29)
        bezwaar = services.verzuim_hersteld(
            bezwaar_id=bezwaar.pk, door=beoordelaar, hersteld_op=date(2026, 4, 28)
        )
        # Repaired 28 April: 21-27 April suspended, 7 days.
        assert bezwaar.beslistermijn_einde == date(2026, 6, 2)
        bezwaar.refresh_from_db()
        assert bezwaar.beslistermijn_einde == date(2026, 6, 2)
        assert bezwaar.ondertekend and bezwaar.gronden_vermeld

    def test_refusals(self, bezwaar, nu, beoordelaar):
        nu(2026, 4, 20)
        _fout(
            "geen_verzoek",
            services.verzuim_hersteld,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            hersteld_op=date(2026, 4, 20),
        )
        _fout("termijn", self._vragen, bezwaar=bezwaar, door=beoordelaar, tot=date(2026, 4, 20))
        _fout("termijn", self._vragen, bezwaar=bezwaar, door=beoordelaar, tot=date(2027, 5, 1))
        _fout(
            "verplicht",
            services.verzuim_herstel_vragen,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            verzuim=" ",
            hersteltermijn_tot=date(2026, 5, 4),
        )
        self._vragen(bezwaar, beoordelaar)
        _fout("dubbel", self._vragen, bezwaar=bezwaar, door=beoordelaar)
        for dag in (date(2026, 4, 19), date(2026, 4, 21)):
            _fout(
                "datum",
                services.verzuim_hersteld,
                bezwaar_id=bezwaar.pk,
                door=beoordelaar,
                hersteld_op=dag,
            )


# --- the hearing (7:2, 7:3) ----------------------------------------------------------------


def _plannen(bezwaar, door, op=datetime(2026, 5, 11, 14, tzinfo=AMS), plaats="Den Haag"):
    return services.hoorzitting_plannen(bezwaar_id=bezwaar.pk, door=door, op=op, plaats=plaats)


class TestHoorzitting:
    def test_plan_then_record(self, bezwaar, nu, beoordelaar, bezwaar_hooks):
        nu(2026, 5, 4)
        _plannen(bezwaar, beoordelaar)
        assert _status(bezwaar) == S.HOORZITTING
        assert bezwaar_hooks == [("hoorzitting_gepland", bezwaar.pk)]
        assert "11 mei 2026 14:00, Den Haag" in _laatste_historie(bezwaar).toelichting
        _fout(
            "nog_niet",
            services.hoorzitting_vastleggen,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            verslag="Gehoord.",
        )
        nu(2026, 5, 12)
        _fout(
            "verplicht",
            services.hoorzitting_vastleggen,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            verslag="",
        )
        services.hoorzitting_vastleggen(bezwaar_id=bezwaar.pk, door=beoordelaar, verslag="Gehoord.")
        bezwaar.refresh_from_db()
        assert (bezwaar.hoorzitting, bezwaar.hoorzitting_verslag) == (
            Hoorzitting.GEHOUDEN,
            "Gehoord.",
        )
        assert _status(bezwaar) == S.BEZWAAR
        _fout("gehouden", _plannen, bezwaar=bezwaar, door=beoordelaar)
        _fout(
            "gehouden",
            services.horen_afzien,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            grond=Hoorzitting.AFGEZIEN,
        )

    def test_planning_refusals(self, bezwaar, nu, beoordelaar):
        nu(2026, 5, 4)
        _fout("datum", _plannen, bezwaar=bezwaar, door=beoordelaar, op=timezone.now())
        _fout("verplicht", _plannen, bezwaar=bezwaar, door=beoordelaar, plaats=" ")
        _fout(
            "termijn",
            _plannen,
            bezwaar=bezwaar,
            door=beoordelaar,
            op=datetime(2027, 6, 1, 10, tzinfo=AMS),
        )
        assert _status(bezwaar) == S.BEZWAAR

    def test_the_objector_waives_the_hearing(self, bezwaar, nu, beoordelaar):
        services.horen_afzien(
            bezwaar_id=bezwaar.pk, door=beoordelaar, grond=Hoorzitting.AFGEZIEN, reden=""
        )
        bezwaar.refresh_from_db()
        assert bezwaar.hoorzitting == Hoorzitting.AFGEZIEN
        rij = _laatste_historie(bezwaar)
        assert (rij.van, rij.naar, rij.door) == (S.BEZWAAR, S.BEZWAAR, beoordelaar)
        assert "7:3" in rij.toelichting

    def test_leaving_it_out_needs_a_reason_and_cancels_a_planned_one(
        self, bezwaar, nu, beoordelaar
    ):
        nu(2026, 5, 4)
        _plannen(bezwaar, beoordelaar)
        _fout(
            "verplicht",
            services.horen_afzien,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            grond=Hoorzitting.ACHTERWEGE,
        )
        _fout(
            "grond",
            services.horen_afzien,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            grond=Hoorzitting.GEHOUDEN,
        )
        services.horen_afzien(
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            grond=Hoorzitting.ACHTERWEGE,
            reden="Kennelijk ongegrond (7:3 onder b).",
        )
        assert _status(bezwaar) == S.BEZWAAR
        assert "Kennelijk ongegrond" in _laatste_historie(bezwaar).toelichting


# --- the 7:10 term: postponement, delay with consent, notice of default -------------------


def _verdagen(bezwaar, door, nieuwe_datum=date(2026, 7, 7), reden="Advies nodig."):
    return services.bezwaar_verdagen(
        bezwaar_id=bezwaar.pk, door=door, nieuwe_datum=nieuwe_datum, reden=reden
    )


class TestVerdagen:
    def test_once_by_at_most_six_weeks(self, bezwaar, nu, beoordelaar, bezwaar_hooks):
        nu(2026, 5, 20)
        _fout(
            "termijn", _verdagen, bezwaar=bezwaar, door=beoordelaar, nieuwe_datum=date(2026, 7, 8)
        )
        _fout("termijn", _verdagen, bezwaar=bezwaar, door=beoordelaar, nieuwe_datum=BESLISTERMIJN)
        _fout("verplicht", _verdagen, bezwaar=bezwaar, door=beoordelaar, reden="")
        bezwaar = _verdagen(bezwaar, beoordelaar)
        assert bezwaar.beslistermijn_einde == date(2026, 7, 7)
        assert (bezwaar.verdaagd_op, bezwaar.verdaging_reden) == (
            date(2026, 5, 20),
            "Advies nodig.",
        )
        assert bezwaar_hooks == [("bezwaar_verdaagd", bezwaar.pk)]
        _fout("dubbel", _verdagen, bezwaar=bezwaar, door=beoordelaar, nieuwe_datum=date(2026, 7, 1))

    def test_on_the_last_day_in_time_the_day_after_not(self, bezwaar, nu, beoordelaar):
        nu(2026, 5, 27)
        _fout("verstreken", _verdagen, bezwaar=bezwaar, door=beoordelaar)
        nu(2026, 5, 26)
        assert _verdagen(bezwaar, beoordelaar).beslistermijn_einde == date(2026, 7, 7)

    def test_a_delay_with_consent(self, bezwaar, nu, beoordelaar):
        nu(2026, 5, 20)
        uitstellen = services.bezwaar_uitstellen
        kw = {"bezwaar_id": bezwaar.pk, "door": beoordelaar}
        _fout("verplicht", uitstellen, **kw, uitstel_tot=date(2026, 9, 1), instemming=" ")
        _fout("termijn", uitstellen, **kw, uitstel_tot=BESLISTERMIJN, instemming="Per e-mail.")
        bezwaar = uitstellen(**kw, uitstel_tot=date(2026, 9, 1), instemming="Per e-mail.")
        assert bezwaar.beslistermijn_einde == date(2026, 9, 1)
        assert "Per e-mail." in _laatste_historie(bezwaar).toelichting
        _fout("uitstel", _verdagen, bezwaar=bezwaar, door=beoordelaar)

    def test_notice_of_default_only_after_the_term(self, bezwaar, nu, beoordelaar):
        nu(2026, 5, 28)
        registreren = services.bezwaar_ingebrekestelling_registreren
        kw = {"bezwaar_id": bezwaar.pk, "door": beoordelaar}
        _fout("te_vroeg", registreren, **kw, ontvangen_op=BESLISTERMIJN)
        _fout("datum", registreren, **kw, ontvangen_op=date(2026, 5, 29))
        bezwaar = registreren(**kw, ontvangen_op=date(2026, 5, 27))
        assert bezwaar.ingebrekestelling_op == date(2026, 5, 27)
        assert _status(bezwaar) == S.BEZWAAR
        _fout("dubbel", registreren, **kw, ontvangen_op=date(2026, 5, 28))


# --- withdrawal ----------------------------------------------------------------------------


class TestIntrekken:
    def test_nothing_to_pay_closes_the_case(self, nu, beoordelaar):
        nu(2026, 4, 14)
        bezwaar = _registreren(_besluit(beoordelaar, bedrag=Decimal("0.00")), beoordelaar)
        _fout(
            "datum",
            services.bezwaar_intrekken,
            bezwaar_id=bezwaar.pk,
            door=beoordelaar,
            ingetrokken_op=date(2026, 4, 13),
        )
        services.bezwaar_intrekken(
            bezwaar_id=bezwaar.pk, door=beoordelaar, ingetrokken_op=date(2026, 4, 14)
        )
        assert _status(bezwaar) == S.AFGESLOTEN
        assert "ingetrokken" in _laatste_historie(bezwaar).toelichting

    def test_fully_paid_closes_the_case(self, nu, beoordelaar, financieel_medewerker):
        nu(2026, 4, 14)
        besluit = _besluit(beoordelaar)
        Betaling.objects.create(
            besluit=besluit,
            betaald_op=date(2026, 3, 10),
            bedrag=besluit.bedrag_toegekend,
            referentie="B-1",
            geregistreerd_door=financieel_medewerker,
        )
        bezwaar = _registreren(besluit, beoordelaar)
        services.bezwaar_intrekken(
            bezwaar_id=bezwaar.pk, door=beoordelaar, ingetrokken_op=date(2026, 4, 14)
        )
        assert _status(bezwaar) == S.AFGESLOTEN

    def test_something_to_pay_returns_to_verzonden(self, bezwaar, nu, beoordelaar):
        nu(2026, 5, 4)
        _plannen(bezwaar, beoordelaar)
        services.bezwaar_intrekken(
            bezwaar_id=bezwaar.pk, door=beoordelaar, ingetrokken_op=date(2026, 5, 4)
        )
        assert _status(bezwaar) == S.VERZONDEN
        bezwaar.refresh_from_db()
        assert bezwaar.hoorzitting == Hoorzitting.NIET_GEPLAND
        # A withdrawn objection takes no further steps.
        _fout("transitie", _plannen, bezwaar=bezwaar, door=beoordelaar)


# --- permissions: status and role per action ----------------------------------------------

BEZWAAR_ACTIES = [
    "verzuim_herstel_vragen",
    "verzuim_hersteld",
    "hoorzitting_plannen",
    "hoorzitting_vastleggen",
    "horen_afzien",
    "bezwaar_verdagen",
    "bezwaar_uitstellen",
    "bezwaar_ingebrekestelling_registreren",
    "bezwaar_intrekken",
]
VERWACHT = {
    "verzuim_herstel_vragen": {S.BEZWAAR, S.HOORZITTING},
    "verzuim_hersteld": {S.BEZWAAR, S.HOORZITTING},
    "hoorzitting_plannen": {S.BEZWAAR},
    "hoorzitting_vastleggen": {S.HOORZITTING},
    "horen_afzien": {S.BEZWAAR, S.HOORZITTING},
    "bezwaar_verdagen": {S.BEZWAAR, S.HOORZITTING, S.BEZWAAR_CONCEPT},
    "bezwaar_uitstellen": {S.BEZWAAR, S.HOORZITTING, S.BEZWAAR_CONCEPT},
    "bezwaar_ingebrekestelling_registreren": {
        S.BEZWAAR,
        S.HOORZITTING,
        S.BEZWAAR_CONCEPT,
        S.BEZWAAR_GOEDGEKEURD,
    },
    "bezwaar_intrekken": {S.BEZWAAR, S.HOORZITTING},
}
# Where each action moves the claim (None: the status stays, with a history row).
NAAR = {
    "hoorzitting_plannen": {S.BEZWAAR: S.HOORZITTING},
    "hoorzitting_vastleggen": {S.HOORZITTING: S.BEZWAAR},
    "horen_afzien": {S.HOORZITTING: S.BEZWAAR},
    "bezwaar_intrekken": {S.BEZWAAR: S.AFGESLOTEN, S.HOORZITTING: S.AFGESLOTEN},
}
ROLLEN = {
    "beoordelaar": True,  # the assessor the claim is assigned to
    "andere_beoordelaar": False,
    "tweede_beoordelaar": True,
    "financieel_medewerker": False,
    "functioneel_beheerder": False,
    "ambtsdrager": False,
}


@pytest.mark.parametrize("actie", BEZWAAR_ACTIES)
def test_statuses_per_action_follow_the_transition_table(actie):
    assert STATUS_VOOR_ACTIE[actie] == VERWACHT[actie]
    for status, naar in NAAR.get(actie, {}).items():
        assert naar in TRANSITIES[status]
    assert S.VERZONDEN in TRANSITIES[S.BEZWAAR] and S.VERZONDEN in TRANSITIES[S.HOORZITTING]


def _actor(rol, aanvraag, beoordelaar):
    if rol == "beoordelaar":
        return beoordelaar
    if rol == "ambtsdrager":
        return aanvraag.aanvrager
    if rol == "andere_beoordelaar":
        return UserFactory(beoordelaar=True)
    return UserFactory(**{rol: True})


@pytest.mark.parametrize("rol", list(ROLLEN))
@pytest.mark.parametrize("actie", BEZWAAR_ACTIES)
@pytest.mark.parametrize("status", list(S), ids=[s.value for s in S])
def test_can_per_status_and_role(status, actie, rol, beoordelaar, regeling):
    """`can_<actie>` allows exactly its statuses and the claim's assessor or a teamleider."""
    besluit = _besluit(beoordelaar)
    bezwaar = Bezwaar(besluit=besluit, ontvangen_op=date(2026, 4, 1))
    besluit.aanvraag.status = status
    door = _actor(rol, besluit.aanvraag, beoordelaar)
    verwacht = status in VERWACHT[actie] and ROLLEN[rol]
    assert getattr(permissions, f"can_{actie}")(door, bezwaar) is verwacht


@pytest.mark.parametrize("rol", [r for r, mag in ROLLEN.items() if not mag])
def test_services_refuse_other_roles_and_change_nothing(bezwaar, rol, beoordelaar):
    door = _actor(rol, bezwaar.besluit.aanvraag, beoordelaar)
    voor = StatusWijziging.objects.count()
    _fout("rol", _plannen, bezwaar=bezwaar, door=door)
    _fout(
        "rol",
        services.bezwaar_intrekken,
        bezwaar_id=bezwaar.pk,
        door=door,
        ingetrokken_op=BEZWAARTERMIJN,
    )
    assert StatusWijziging.objects.count() == voor
    assert _status(bezwaar) == S.BEZWAAR


def test_services_refuse_a_status_outside_the_objection(bezwaar, beoordelaar, nu):
    Aanvraag.objects.filter(pk=bezwaar.besluit.aanvraag_id).update(status=S.BEZWAAR_BESLIST)
    nu(2026, 5, 4)
    for fn, kw in [
        (_plannen, {"bezwaar": bezwaar, "door": beoordelaar}),
        (_verdagen, {"bezwaar": bezwaar, "door": beoordelaar}),
        (
            services.bezwaar_intrekken,
            {"bezwaar_id": bezwaar.pk, "door": beoordelaar, "ingetrokken_op": date(2026, 5, 4)},
        ),
    ]:
        fout = _fout("transitie", fn, **kw)
        assert "Beslissing op bezwaar verzonden" in fout.messages[0]


def test_an_earlier_objection_takes_no_steps_once_a_later_one_runs(bezwaar, nu, beoordelaar):
    nu(2026, 4, 14)
    Bezwaar.objects.create(
        besluit=bezwaar.besluit,
        ontvangen_op=date(2026, 4, 14),
        geregistreerd_door=beoordelaar,
        beslistermijn_einde=BESLISTERMIJN,
    )
    _fout("ander_bezwaar", _plannen, bezwaar=bezwaar, door=beoordelaar)


# --- the queue ----------------------------------------------------------------------------


def test_the_queue_includes_objections_sorted_by_their_own_deadline(beoordelaar, regeling):
    vandaag = timezone.localdate()
    open_zaak = aanvraag_in(S.IN_BEHANDELING, behandelaar=beoordelaar)
    Aanvraag.objects.filter(pk=open_zaak.pk).update(beslistermijn_einde=vandaag + timedelta(10))
    besluit = BesluitFactory(
        aanvraag=aanvraag_in(S.BEZWAAR, behandelaar=beoordelaar), verzonden=True
    )
    # The claim's own (first) decision deadline lies long ago; its objection's is in 3 days.
    Aanvraag.objects.filter(pk=besluit.aanvraag_id).update(
        beslistermijn_einde=vandaag - timedelta(100)
    )
    Bezwaar.objects.create(
        besluit=besluit,
        ontvangen_op=vandaag,
        geregistreerd_door=beoordelaar,
        beslistermijn_einde=vandaag + timedelta(3),
    )
    rijen = list(selectors.werkvoorraad(fetched_by=beoordelaar))
    assert [r.pk for r in rijen] == [besluit.aanvraag_id, open_zaak.pk]
    assert [r.dagen_over for r in rijen] == [3, 10]
    qs = selectors.werkvoorraad(fetched_by=beoordelaar)
    assert {r.pk for r in selectors.filter_binnenkort(queryset=qs)} == {besluit.aanvraag_id}
    assert not selectors.filter_te_laat(queryset=qs).exists()


def test_the_default_queue_page_shows_the_objection(verified_client, beoordelaar, regeling):
    besluit = BesluitFactory(
        aanvraag=aanvraag_in(S.HOORZITTING, behandelaar=beoordelaar), verzonden=True
    )
    Bezwaar.objects.create(
        besluit=besluit,
        ontvangen_op=timezone.localdate(),
        geregistreerd_door=beoordelaar,
        beslistermijn_einde=timezone.localdate() + timedelta(5),
    )
    html = verified_client(beoordelaar).get(reverse("admin:aanvragen_aanvraag_changelist"))
    tekst = html.content.decode()
    assert besluit.aanvraag.kenmerk in tekst
    assert "(nog 5 dagen)" in tekst


# --- the case page ------------------------------------------------------------------------


def test_the_case_page_shows_the_objection_case(bezwaar, nu, beoordelaar, verified_client):
    nu(2026, 4, 20)
    services.verzuim_herstel_vragen(
        bezwaar_id=bezwaar.pk,
        door=beoordelaar,
        verzuim="Uw handtekening.",
        hersteltermijn_tot=date(2026, 5, 4),
    )
    nu(2026, 5, 4)
    _plannen(bezwaar, beoordelaar)
    client = verified_client(beoordelaar)
    html = client.get(
        reverse("admin:aanvragen_aanvraag_change", args=[bezwaar.besluit.aanvraag_id])
    ).content.decode()
    assert 'id="bezwaarzaak"' in html
    assert "op tijd (bezwaartermijn tot en met 14-04-2026)" in html
    assert "gevraagd op 20-04-2026, uiterlijk 04-05-2026: Uw handtekening." in html
    assert "11-05-2026 14:00, Den Haag" in html
    assert "09-06-2026 (nog 36 dagen)" in html
    for slug in ("hoorzitting-vastleggen", "horen-afzien", "bezwaar-verdagen", "verzuim-hersteld"):
        assert (
            reverse("admin:aanvragen_aanvraag_actie", args=[bezwaar.besluit.aanvraag_id, slug])
            in html
        )


def test_the_plan_button_calls_the_service(bezwaar, nu, beoordelaar, verified_client):
    nu(2026, 5, 4)
    client = verified_client(beoordelaar)
    url = reverse(
        "admin:aanvragen_aanvraag_actie", args=[bezwaar.besluit.aanvraag_id, "hoorzitting-plannen"]
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"datum": "11-05-2026", "tijd": "14:00", "plaats": "Den Haag"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _status(bezwaar) == S.HOORZITTING


def test_an_action_page_names_the_objections_own_date(bezwaar, beoordelaar, verified_client):
    """Not the claim's old decision date, which ran out long before the objection."""
    aanvraag = bezwaar.besluit.aanvraag
    url = reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "hoorzitting-plannen"])
    html = verified_client(beoordelaar).get(url).content.decode()
    assert f"Uiterste beslisdatum: {bezwaar.beslistermijn_einde:%d-%m-%Y}." in html
    if aanvraag.beslistermijn_einde:
        assert f"{aanvraag.beslistermijn_einde:%d-%m-%Y}" not in html
