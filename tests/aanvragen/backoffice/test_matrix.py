"""Every (status, action, role): allowed actions succeed and are recorded, all others are refused
with a WorkflowFout and change nothing.

The expectations are spelled out here, independently of `aanvragen.backoffice.permissions`.
Each action gets the data it needs (an open request, a draft decision, ...) whatever the
status, so only status and role decide the outcome.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from aanvragen.backoffice import services
from aanvragen.backoffice.services import WorkflowFout
from aanvragen.constants import AanvraagStatus as S
from aanvragen.constants import Hoorzitting, Uitkomst
from aanvragen.models import (
    Aanvraag,
    Aanvulverzoek,
    Besluit,
    Betaling,
    Bezwaar,
    Kostenpost,
    KostenpostBeoordeling,
    StatusWijziging,
    Voornemen,
)
from tests.factories import UserFactory

from .factories import BEDRAG, BesluitFactory, aanvraag_in, alles_beoordelen, verzoek, voornemen

ROLLEN = [
    "beoordelaar",  # the assessor the claim is assigned to
    "andere_beoordelaar",
    "tweede_beoordelaar",
    "financieel_medewerker",
    "functioneel_beheerder",
    "ambtsdrager",  # the applicant
]
BEHANDELAARS = {"beoordelaar", "tweede_beoordelaar"}
OPEN = set(S) - {S.CONCEPT, S.AFGESLOTEN, S.INGETROKKEN}
VOOR_BESLUIT = {
    S.INGEDIEND,
    S.AANVULLING_GEVRAAGD,
    S.AANGEVULD,
    S.BUITEN_BEHANDELING,
    S.IN_BEHANDELING,
    S.VERDAAGD,
    S.VOORNEMEN_AFWIJZING,
    S.ZIENSWIJZE_ONTVANGEN,
    S.BESLUIT_CONCEPT,
    S.BESLUIT_GOEDGEKEURD,
}


def _vandaag():
    return timezone.localdate()


# action: (allowed statuses, allowed roles, status after (None: unchanged), history rows)
def _toewijzen(a, u, ctx):
    return services.aanvraag_toewijzen(aanvraag_id=a.pk, behandelaar=u, door=u)


def _starten(a, u, ctx):
    return services.behandeling_starten(aanvraag_id=a.pk, door=u)


def _vragen(a, u, ctx):
    return services.aanvulling_vragen(
        aanvraag_id=a.pk, door=u, vraag="Stuur de factuur.", termijn_tot=_vandaag() + timedelta(14)
    )


def _registreren(a, u, ctx):
    v = verzoek(a)
    return services.aanvulling_registreren(aanvulverzoek_id=v.pk, door=u, antwoord="Bijgevoegd.")


def _verstreken(a, u, ctx):
    verzoek(a, dagen_geleden=20, termijn_over=-3)
    return services.aanvulling_termijn_verstreken(aanvraag_id=a.pk, door=u)


def _verdagen(a, u, ctx):
    return services.verdagen(
        aanvraag_id=a.pk, door=u, nieuwe_datum=a.beslistermijn_einde + timedelta(28), reden="Advies"
    )


def _voornemen(a, u, ctx):
    return services.voornemen_afwijzing_versturen(
        aanvraag_id=a.pk, door=u, reden="Al vergoed.", termijn_tot=_vandaag() + timedelta(28)
    )


def _zienswijze(a, u, ctx):
    v = voornemen(a, ctx["beoordelaar"])
    return services.zienswijze_vastleggen(
        voornemen_id=v.pk,
        door=u,
        zienswijze="Niet mee eens.",
        zienswijze_in_brief="U bent het niet eens met het voornemen.",
    )


def _kostenpost(a, u, ctx):
    post = Kostenpost.objects.get(aanvraag=a)
    return services.kostenpost_beoordelen(
        kostenpost_id=post.pk, door=u, bedrag_toegekend=BEDRAG, reden_code="volledig"
    )


def _opstellen(a, u, ctx):
    if a.status == S.BUITEN_BEHANDELING:
        verzoek(a, dagen_geleden=20, termijn_over=-3)
        uitkomst = Uitkomst.BUITEN_BEHANDELING
    else:
        alles_beoordelen(a, ctx["beoordelaar"])
        uitkomst = Uitkomst.TOEGEKEND
    return services.besluit_opstellen(aanvraag_id=a.pk, door=u, uitkomst=uitkomst, motivering="M")


def _goedkeuren(a, u, ctx):
    besluit = BesluitFactory(aanvraag=a, opgesteld_door=ctx["opsteller"])
    return services.besluit_goedkeuren(besluit_id=besluit.pk, door=u)


def _terugsturen(a, u, ctx):
    besluit = BesluitFactory(aanvraag=a, opgesteld_door=ctx["opsteller"])
    return services.besluit_terugsturen(besluit_id=besluit.pk, door=u, reden="Motivering mist.")


def _verzonden_besluit(a, ctx):
    return BesluitFactory(
        aanvraag=a,
        opgesteld_door=ctx["opsteller"],
        verzonden=True,
        goedgekeurd_door=ctx["beoordelaar"],
    )


def _betaling(a, u, ctx):
    besluit = _verzonden_besluit(a, ctx)
    return services.betaling_registreren(
        besluit_id=besluit.pk, door=u, betaald_op=_vandaag(), bedrag=BEDRAG, referentie="B-1"
    )


def _bezwaar(a, u, ctx):
    besluit = _verzonden_besluit(a, ctx)
    return services.bezwaar_registreren(besluit_id=besluit.pk, door=u, ontvangen_op=_vandaag())


def _ingebrekestelling(a, u, ctx):
    Aanvraag.objects.filter(pk=a.pk).update(beslistermijn_einde=_vandaag() - timedelta(30))
    return services.ingebrekestelling_registreren(
        aanvraag_id=a.pk, door=u, ontvangen_op=_vandaag() - timedelta(1)
    )


# --- After the decision (issue 16): corrections, decision on objection, dwangsom ---------


def _herziening_starten(a, u, ctx):
    _verzonden_besluit(a, ctx)
    return services.herziening_starten(aanvraag_id=a.pk, door=u, grond="rekenfout")


def _herziening_opstellen(a, u, ctx):
    _verzonden_besluit(a, ctx)
    alles_beoordelen(a, ctx["beoordelaar"])
    return services.herziening_opstellen(
        aanvraag_id=a.pk, door=u, grond="rekenfout", motivering="Rekenfout hersteld."
    )


def _herzieningsconcept(a, ctx):
    vorige = _verzonden_besluit(a, ctx)
    return BesluitFactory(
        aanvraag=a, opgesteld_door=ctx["opsteller"], versie=2, soort="herziening", vervangt=vorige
    )


def _herziening_goedkeuren(a, u, ctx):
    besluit = _herzieningsconcept(a, ctx)
    return services.herziening_goedkeuren(besluit_id=besluit.pk, door=u)


def _herziening_terugsturen(a, u, ctx):
    besluit = _herzieningsconcept(a, ctx)
    return services.herziening_terugsturen(besluit_id=besluit.pk, door=u, reden="Motiveer.")


def _gehoord_bezwaar(a, ctx):
    return Bezwaar.objects.create(
        besluit=_verzonden_besluit(a, ctx),
        ontvangen_op=_vandaag(),
        hoorzitting=Hoorzitting.AFGEZIEN,
        geregistreerd_door=ctx["beoordelaar"],
    )


def _bezwaar_beslissen(a, u, ctx):
    bezwaar = _gehoord_bezwaar(a, ctx)
    return services.beslissing_op_bezwaar_opstellen(
        bezwaar_id=bezwaar.pk, door=u, bezwaar_uitkomst="ongegrond", motivering="Heroverwogen."
    )


def _bezwaarconcept(a, ctx):
    bezwaar = _gehoord_bezwaar(a, ctx)
    return BesluitFactory(
        aanvraag=a,
        opgesteld_door=ctx["opsteller"],
        versie=2,
        soort="bezwaar",
        bezwaar=bezwaar,
        bezwaar_uitkomst="ongegrond",
        regelt_aanvraag=False,
        bedrag_toegekend=0,
    )


def _bezwaar_goedkeuren(a, u, ctx):
    besluit = _bezwaarconcept(a, ctx)
    return services.beslissing_op_bezwaar_goedkeuren(besluit_id=besluit.pk, door=u)


def _bezwaar_terugsturen(a, u, ctx):
    besluit = _bezwaarconcept(a, ctx)
    return services.beslissing_op_bezwaar_terugsturen(besluit_id=besluit.pk, door=u, reden="R.")


def _dwangsom_vaststellen(a, u, ctx):
    # 42 penalty days have passed: it can be fixed without a decision on the claim.
    Aanvraag.objects.filter(pk=a.pk).update(
        beslistermijn_einde=_vandaag() - timedelta(80),
        ingebrekestelling_op=_vandaag() - timedelta(70),
    )
    return services.dwangsom_vaststellen(aanvraag_id=a.pk, door=u)


def _dwangsomconcept(a, ctx):
    return BesluitFactory(
        aanvraag=a,
        opgesteld_door=ctx["opsteller"],
        soort="dwangsom",
        regelt_aanvraag=False,
        bedrag_toegekend=Decimal("276.00"),
    )


def _dwangsom_goedkeuren(a, u, ctx):
    besluit = _dwangsomconcept(a, ctx)
    return services.dwangsom_goedkeuren(besluit_id=besluit.pk, door=u)


def _dwangsom_terugsturen(a, u, ctx):
    besluit = _dwangsomconcept(a, ctx)
    return services.dwangsom_terugsturen(besluit_id=besluit.pk, door=u, reden="Rekenfout.")


def _terugbetaling(a, u, ctx):
    besluit = _verzonden_besluit(a, ctx)
    Besluit.objects.filter(pk=besluit.pk).update(terugvordering=Decimal("100.00"))
    return services.terugbetaling_registreren(
        besluit_id=besluit.pk, door=u, terugbetaald_op=_vandaag()
    )


def _vast(naar, rijen=1):
    return lambda status: (naar, rijen)


def _blijft(status):
    return (status, 0)


def _zelfde(status):
    """No status change, but a history row from and to the status (who did what)."""
    return (status, 1)


NA_BESLUIT = {
    S.VERZONDEN,
    S.BETAALD,
    S.AFGESLOTEN,
    S.BEZWAAR,
    S.HOORZITTING,
    S.BEZWAAR_CONCEPT,
    S.BEZWAAR_GOEDGEKEURD,
    S.BEZWAAR_BESLIST,
    S.HERZIENING,
    S.HERZIENING_GOEDGEKEURD,
}
DWANGSOM = set(S) - {S.CONCEPT, S.INGETROKKEN}


ACTIES = {
    "aanvraag_toewijzen": (
        _toewijzen,
        OPEN,
        {"beoordelaar", "andere_beoordelaar", "tweede_beoordelaar"},
        _blijft,
    ),
    "behandeling_starten": (
        _starten,
        {S.INGEDIEND, S.AANGEVULD},
        BEHANDELAARS,
        _vast(S.IN_BEHANDELING),
    ),
    "aanvulling_vragen": (
        _vragen,
        {S.INGEDIEND, S.AANGEVULD, S.IN_BEHANDELING},
        BEHANDELAARS,
        _vast(S.AANVULLING_GEVRAAGD),
    ),
    "aanvulling_registreren": (
        _registreren,
        {S.AANVULLING_GEVRAAGD},
        BEHANDELAARS,
        _vast(S.AANGEVULD),
    ),
    "aanvulling_termijn_verstreken": (
        _verstreken,
        {S.AANVULLING_GEVRAAGD},
        BEHANDELAARS,
        _vast(S.BUITEN_BEHANDELING),
    ),
    "verdagen": (_verdagen, {S.IN_BEHANDELING}, BEHANDELAARS, _vast(S.VERDAAGD)),
    "voornemen_afwijzing_versturen": (
        _voornemen,
        {S.IN_BEHANDELING, S.VERDAAGD},
        BEHANDELAARS,
        _vast(S.VOORNEMEN_AFWIJZING),
    ),
    "zienswijze_vastleggen": (
        _zienswijze,
        {S.VOORNEMEN_AFWIJZING},
        BEHANDELAARS,
        _vast(S.ZIENSWIJZE_ONTVANGEN),
    ),
    "kostenpost_beoordelen": (
        _kostenpost,
        {
            S.IN_BEHANDELING,
            S.VERDAAGD,
            S.VOORNEMEN_AFWIJZING,
            S.ZIENSWIJZE_ONTVANGEN,
            S.HERZIENING,
            S.BEZWAAR,
            S.HOORZITTING,
        },
        BEHANDELAARS,
        _blijft,
    ),
    "besluit_opstellen": (
        _opstellen,
        {S.IN_BEHANDELING, S.VERDAAGD, S.ZIENSWIJZE_ONTVANGEN, S.BUITEN_BEHANDELING},
        BEHANDELAARS,
        lambda s: _blijft(s) if s == S.BUITEN_BEHANDELING else (S.BESLUIT_CONCEPT, 1),
    ),
    "besluit_goedkeuren": (
        _goedkeuren,
        {S.BESLUIT_CONCEPT, S.BUITEN_BEHANDELING},
        {"tweede_beoordelaar"},
        lambda s: (s, 1) if s == S.BUITEN_BEHANDELING else (S.BESLUIT_GOEDGEKEURD, 1),
    ),
    "besluit_terugsturen": (
        _terugsturen,
        {S.BESLUIT_CONCEPT, S.BUITEN_BEHANDELING},
        {"tweede_beoordelaar"},
        lambda s: (s, 1) if s == S.BUITEN_BEHANDELING else (S.IN_BEHANDELING, 1),
    ),
    "betaling_registreren": (
        _betaling,
        {
            S.VERZONDEN,
            S.BEZWAAR,
            S.HOORZITTING,
            S.BEZWAAR_CONCEPT,
            S.BEZWAAR_GOEDGEKEURD,
            S.BEZWAAR_BESLIST,
            S.HERZIENING,
        },
        {"financieel_medewerker"},
        lambda s: (S.BETAALD, 1) if s in (S.VERZONDEN, S.BEZWAAR_BESLIST) else (s, 0),
    ),
    "terugbetaling_registreren": (_terugbetaling, NA_BESLUIT, {"financieel_medewerker"}, _zelfde),
    "herziening_starten": (
        _herziening_starten,
        {S.VERZONDEN, S.BETAALD, S.AFGESLOTEN, S.BEZWAAR_BESLIST},
        BEHANDELAARS,
        _vast(S.HERZIENING),
    ),
    "herziening_opstellen": (
        _herziening_opstellen,
        {S.VERZONDEN, S.BETAALD, S.AFGESLOTEN, S.BEZWAAR_BESLIST, S.HERZIENING},
        BEHANDELAARS,
        _vast(S.HERZIENING),
    ),
    "herziening_goedkeuren": (
        _herziening_goedkeuren,
        {S.HERZIENING},
        {"tweede_beoordelaar"},
        _vast(S.HERZIENING_GOEDGEKEURD),
    ),
    "herziening_terugsturen": (
        _herziening_terugsturen,
        {S.HERZIENING},
        {"tweede_beoordelaar"},
        _zelfde,
    ),
    "beslissing_op_bezwaar_opstellen": (
        _bezwaar_beslissen,
        {S.BEZWAAR, S.HOORZITTING},
        BEHANDELAARS,
        _vast(S.BEZWAAR_CONCEPT),
    ),
    "beslissing_op_bezwaar_goedkeuren": (
        _bezwaar_goedkeuren,
        {S.BEZWAAR_CONCEPT},
        {"tweede_beoordelaar"},
        _vast(S.BEZWAAR_GOEDGEKEURD),
    ),
    "beslissing_op_bezwaar_terugsturen": (
        _bezwaar_terugsturen,
        {S.BEZWAAR_CONCEPT},
        {"tweede_beoordelaar"},
        _vast(S.BEZWAAR),
    ),
    "dwangsom_vaststellen": (_dwangsom_vaststellen, DWANGSOM, BEHANDELAARS, _zelfde),
    "dwangsom_goedkeuren": (_dwangsom_goedkeuren, DWANGSOM, {"tweede_beoordelaar"}, _zelfde),
    "dwangsom_terugsturen": (_dwangsom_terugsturen, DWANGSOM, {"tweede_beoordelaar"}, _zelfde),
    "bezwaar_registreren": (
        _bezwaar,
        {S.VERZONDEN, S.BETAALD, S.AFGESLOTEN},
        BEHANDELAARS,
        _vast(S.BEZWAAR),
    ),
    "ingebrekestelling_registreren": (_ingebrekestelling, VOOR_BESLUIT, BEHANDELAARS, _blijft),
}


def _momentopname(aanvraag_id):
    """Everything an action could change, to compare before and after a refusal."""
    return {
        "aanvraag": Aanvraag.objects.filter(pk=aanvraag_id).values().get(),
        "historie": StatusWijziging.objects.filter(aanvraag_id=aanvraag_id).count(),
        **{
            model.__name__: sorted(map(repr, model.objects.values()))
            for model in (
                Aanvulverzoek,
                Voornemen,
                KostenpostBeoordeling,
                Besluit,
                Betaling,
                Bezwaar,
            )
        },
    }


def _actor(rol, aanvraag, beoordelaar):
    if rol == "beoordelaar":
        return beoordelaar
    if rol == "ambtsdrager":
        return aanvraag.aanvrager
    if rol == "andere_beoordelaar":
        return UserFactory(beoordelaar=True)
    return UserFactory(**{rol: True})


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("actie", list(ACTIES))
@pytest.mark.parametrize("status", list(S), ids=[s.value for s in S])
def test_action_per_status_and_role(status, actie, rol, regeling, opsteller):
    """An action succeeds only in its statuses and for its roles; a refusal changes nothing."""
    uitvoeren, statussen, rollen, gevolg = ACTIES[actie]
    beoordelaar = UserFactory(beoordelaar=True)
    aanvraag = aanvraag_in(
        status, behandelaar=None if actie == "aanvraag_toewijzen" else beoordelaar
    )
    door = _actor(rol, aanvraag, beoordelaar)
    ctx = {"beoordelaar": beoordelaar, "opsteller": opsteller}
    toegestaan = status in statussen and rol in rollen

    if toegestaan:
        historie = StatusWijziging.objects.filter(aanvraag=aanvraag).count()
        uitvoeren(aanvraag, door, ctx)
        naar, rijen = gevolg(status)
        aanvraag.refresh_from_db()
        assert aanvraag.status == naar
        nieuw = StatusWijziging.objects.filter(aanvraag=aanvraag).order_by("pk")[historie:]
        assert len(nieuw) == rijen
        for rij in nieuw:
            assert (rij.van, rij.naar, rij.door_id) == (status, naar, door.pk)
            assert rij.toelichting
    else:
        # The helpers prepare data (a request, a draft) before calling the service, so the
        # snapshot is taken by a wrapper at the moment the service is entered.
        voor = {}

        def momentopname_en(fn):
            def wrapper(**kwargs):
                voor.update(_momentopname(aanvraag.pk))
                return fn(**kwargs)

            return wrapper

        origineel = getattr(services, actie)  # the action keys are the service names
        setattr(services, actie, momentopname_en(origineel))
        try:
            with pytest.raises(WorkflowFout) as fout:
                uitvoeren(aanvraag, door, ctx)
        finally:
            setattr(services, actie, origineel)
        assert fout.value.messages[0]
        assert _momentopname(aanvraag.pk) == voor


def test_statuses_per_action_follow_the_transition_table():
    """Every status change a service makes is one the transition table allows."""
    from aanvragen.backoffice.permissions import STATUS_VOOR_ACTIE
    from aanvragen.constants import TRANSITIES

    for actie, (_f, statussen, _r, gevolg) in ACTIES.items():
        assert STATUS_VOOR_ACTIE[actie] == statussen, actie
        for status in statussen:
            naar, _rijen = gevolg(status)
            assert naar == status or naar in TRANSITIES[status], (actie, status, naar)


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(S), ids=[s.value for s in S])
def test_sending_a_besluit_per_status(status, regeling, opsteller):
    """The letters code marks an approved decision sent only from 'goedgekeurd' (or the
    not-considered route); anywhere else it is refused and nothing changes."""
    aanvraag = aanvraag_in(status)
    besluit = BesluitFactory(aanvraag=aanvraag, opgesteld_door=opsteller, goedgekeurd=True)
    voor = _momentopname(aanvraag.pk)
    if status in {S.BESLUIT_GOEDGEKEURD, S.BUITEN_BEHANDELING}:
        services.besluit_verzenden(besluit_id=besluit.pk, verzonden_op=timezone.now())
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.VERZONDEN
        rij = aanvraag.statushistorie.last()
        assert (rij.van, rij.naar, rij.door) == (status, S.VERZONDEN, None)
    else:
        with pytest.raises(WorkflowFout):
            services.besluit_verzenden(besluit_id=besluit.pk, verzonden_op=timezone.now())
        assert _momentopname(aanvraag.pk) == voor
