"""The claim's service core: one decision-term rule for the applicant's and the back office's
services (issue 11: the applicant-side copy forgot the postponement)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from aanvragen import kern
from aanvragen import services as aanvrager_services
from aanvragen.backoffice import services
from aanvragen.constants import AanvraagStatus, Uitkomst
from aanvragen.models import Aanvraag
from fondsbeveiliging.termijnen.berekening import beslistermijn_einde
from tests.aanvragen.backoffice.factories import aanvraag_in, alles_beoordelen

AMS = ZoneInfo("Europe/Amsterdam")
ONTVANGEN = datetime(2026, 2, 25, 10, tzinfo=AMS)  # a Wednesday; 8 weeks: Wed 22 April 2026


@pytest.fixture
def nu(monkeypatch):
    def zet(jaar, maand, dag):
        moment = datetime(jaar, maand, dag, 10, tzinfo=AMS)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return zet


def test_an_online_answer_after_a_postponement_keeps_the_postponement(
    nu, regeling, beoordelaar, tweede_beoordelaar
):
    """Postpone, draft, return the draft, ask for information, the applicant answers online:
    the stored decision date is the back office's computation, postponement included."""
    aanvraag = aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        ingediend_op=ONTVANGEN,
        beslistermijn_einde=date(2026, 4, 22),
    )
    nu(2026, 4, 1)
    services.verdagen(
        aanvraag_id=aanvraag.pk,
        door=beoordelaar,
        nieuwe_datum=date(2026, 6, 3),
        reden="Advies van de politie nodig.",
    )
    alles_beoordelen(aanvraag, beoordelaar)
    nu(2026, 4, 8)
    besluit = services.besluit_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, uitkomst=Uitkomst.TOEGEKEND, motivering="Ok."
    )
    services.besluit_terugsturen(
        besluit_id=besluit.pk, door=tweede_beoordelaar, reden="Eerst de factuur."
    )
    verzoek = services.aanvulling_vragen(
        aanvraag_id=aanvraag.pk,
        door=beoordelaar,
        vraag="Stuur de factuur van het hekwerk.",
        termijn_tot=date(2026, 4, 22),
    )
    nu(2026, 4, 15)
    aanvrager_services.aanvulverzoek_beantwoorden(
        aanvulverzoek=verzoek, door=aanvraag.aanvrager, antwoord="Factuur in de bijlage."
    )

    aanvraag = Aanvraag.objects.select_related("regeling").get(pk=aanvraag.pk)
    assert aanvraag.status == AanvraagStatus.AANGEVULD
    met_verdaging = beslistermijn_einde(
        date(2026, 2, 25),
        weken=8,
        opschortingen=kern.opschortingen_van(aanvraag),
        verdaagd_tot=date(2026, 6, 3),
        verdaagd_op=date(2026, 4, 1),
    )
    zonder_verdaging = beslistermijn_einde(
        date(2026, 2, 25), weken=8, opschortingen=kern.opschortingen_van(aanvraag)
    )
    assert aanvraag.beslistermijn_einde == kern.beslistermijn_berekenen(aanvraag)
    assert aanvraag.beslistermijn_einde == met_verdaging
    assert aanvraag.beslistermijn_einde >= date(2026, 6, 3) > zonder_verdaging


@pytest.mark.parametrize("pad", ["aanvrager", "backoffice"], ids=["online", "geregistreerd"])
def test_a_postponed_claim_answered_on_5_june_is_due_29_june_on_both_paths(
    nu, regeling, beoordelaar, tweede_beoordelaar, pad
):
    """Issue 12, item 3: received 6 March 2026, postponed on 30 April to 26 June, a request on
    1 June with a term to 15 June answered on 5 June: 2-4 June are suspended, so both the
    applicant's online answer and the back office's registration store Monday 29 June 2026."""
    aanvraag = aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        ingediend_op=datetime(2026, 3, 6, 10, tzinfo=AMS),
        beslistermijn_einde=date(2026, 5, 1),
    )
    nu(2026, 4, 30)
    services.verdagen(
        aanvraag_id=aanvraag.pk,
        door=beoordelaar,
        nieuwe_datum=date(2026, 6, 26),
        reden="Advies van de politie nodig.",
    )
    # A postponed claim gets back to "in behandeling" through a returned draft decision.
    alles_beoordelen(aanvraag, beoordelaar)
    nu(2026, 5, 20)
    besluit = services.besluit_opstellen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, uitkomst=Uitkomst.TOEGEKEND, motivering="Ok."
    )
    services.besluit_terugsturen(
        besluit_id=besluit.pk, door=tweede_beoordelaar, reden="Eerst de factuur."
    )
    nu(2026, 6, 1)
    verzoek = services.aanvulling_vragen(
        aanvraag_id=aanvraag.pk,
        door=beoordelaar,
        vraag="Stuur de factuur van het hekwerk.",
        termijn_tot=date(2026, 6, 15),
    )
    nu(2026, 6, 5)
    if pad == "aanvrager":
        aanvrager_services.aanvulverzoek_beantwoorden(
            aanvulverzoek=verzoek, door=aanvraag.aanvrager, antwoord="Factuur in de bijlage."
        )
    else:
        services.aanvulling_registreren(
            aanvulverzoek_id=verzoek.pk, door=beoordelaar, antwoord="Per post ontvangen."
        )
    aanvraag = Aanvraag.objects.get(pk=aanvraag.pk)
    assert aanvraag.verdaagd_tot == date(2026, 6, 26)
    assert aanvraag.beslistermijn_einde == date(2026, 6, 29)


@pytest.mark.parametrize(
    ("dag", "termijn_tot", "schort_op"),
    [
        (date(2026, 4, 30), date(2026, 5, 14), True),  # the day before the last day
        (date(2026, 4, 30), None, False),  # no term: never suspends
        (date(2026, 5, 1), date(2026, 5, 15), False),  # on the last day
        (date(2026, 5, 10), date(2026, 5, 24), False),  # after the term ended
    ],
)
def test_a_stored_request_says_whether_it_suspends(
    nu, regeling, beoordelaar, dag, termijn_tot, schort_op
):
    """`verzoek_schort_op` answers for a stored request what moved the stored deadline, so a
    letter need not say the term stands still when it does not (received 6 March 2026)."""
    aanvraag = aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        ingediend_op=datetime(2026, 3, 6, 10, tzinfo=AMS),
        beslistermijn_einde=date(2026, 5, 1),
    )
    nu(dag.year, dag.month, dag.day)
    verzoek = services.aanvulling_vragen(
        aanvraag_id=aanvraag.pk, door=beoordelaar, vraag="Factuur?", termijn_tot=termijn_tot
    )
    assert kern.verzoek_schort_op(verzoek) is schort_op
    stored = Aanvraag.objects.get(pk=aanvraag.pk).beslistermijn_einde
    assert (stored > date(2026, 5, 1)) is schort_op


def test_a_refused_transition_names_the_status_its_reader_knows(regeling, beoordelaar):
    """The applicant reads the plain status label, staff the internal one."""
    aanvraag = aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT, behandelaar=beoordelaar)
    kern.lock_aanvraag(aanvraag.pk)
    with pytest.raises(kern.WorkflowFout, match="'In behandeling'"):
        kern.status_wijzigen(aanvraag, AanvraagStatus.BETAALD, door=aanvraag.aanvrager)
    with pytest.raises(kern.WorkflowFout, match="'Besluit in concept'"):
        kern.status_wijzigen(aanvraag, AanvraagStatus.BETAALD, door=beoordelaar)
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.BESLUIT_CONCEPT
