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


def test_a_refused_transition_names_the_status_its_reader_knows(regeling, beoordelaar):
    """The applicant reads the plain status label, staff the internal one."""
    aanvraag = aanvraag_in(AanvraagStatus.BESLUIT_CONCEPT, behandelaar=beoordelaar)
    kern.lock_aanvraag(aanvraag.pk)
    with pytest.raises(kern.WorkflowFout, match="'In behandeling'"):
        kern.status_wijzigen(aanvraag, AanvraagStatus.BETAALD, door=aanvraag.aanvrager)
    with pytest.raises(kern.WorkflowFout, match="'Besluit in concept'"):
        kern.status_wijzigen(aanvraag, AanvraagStatus.BETAALD, door=beoordelaar)
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.BESLUIT_CONCEPT
