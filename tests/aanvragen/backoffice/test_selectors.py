"""Work queue and payment instructions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanvragen.backoffice import selectors
from aanvragen.constants import AanvraagStatus as S
from aanvragen.models import Betaling

from .factories import BesluitFactory, aanvraag_in

VANDAAG = (2026, 6, 1)


@pytest.fixture
def queue(nu, regeling, beoordelaar):
    nu(*VANDAAG)
    from django.utils import timezone

    vandaag = timezone.localdate()

    def zaak(dagen, behandelaar=beoordelaar, status=S.IN_BEHANDELING):
        return aanvraag_in(
            status, behandelaar=behandelaar, beslistermijn_einde=vandaag + timedelta(days=dagen)
        )

    verzonden = zaak(-30, status=S.VERZONDEN)
    BesluitFactory(aanvraag=verzonden, verzonden=True)
    return {
        "over_tien": zaak(10),
        "te_laat": zaak(-3),
        "vandaag": zaak(0, behandelaar=None, status=S.INGEDIEND),
        "over_zeven": zaak(7, behandelaar=None, status=S.INGEDIEND),
        "verzonden": verzonden,
    }


def test_days_left_and_order(queue, beoordelaar):
    """Rows carry the days left (SQL) and come soonest deadline first."""
    rijen = list(selectors.werkvoorraad(fetched_by=beoordelaar))
    assert [r.pk for r in rijen] == [
        queue[k].pk for k in ("verzonden", "te_laat", "vandaag", "over_zeven", "over_tien")
    ]
    assert [r.dagen_over for r in rijen] == [-30, -3, 0, 7, 10]


def test_filters(queue, beoordelaar):
    qs = selectors.werkvoorraad(fetched_by=beoordelaar)
    pks = lambda q: {r.pk for r in q}  # noqa: E731
    assert pks(selectors.filter_mijn(queryset=qs, user=beoordelaar)) == {
        queue["over_tien"].pk,
        queue["te_laat"].pk,
        queue["verzonden"].pk,
    }
    assert pks(selectors.filter_niet_toegewezen(queryset=qs)) == {
        queue["vandaag"].pk,
        queue["over_zeven"].pk,
    }
    # Decided claims are never overdue.
    assert pks(selectors.filter_te_laat(queryset=qs)) == {queue["te_laat"].pk}
    assert pks(selectors.filter_binnenkort(queryset=qs)) == {
        queue["vandaag"].pk,
        queue["over_zeven"].pk,
    }


@pytest.mark.parametrize(
    ("rol", "ziet"),
    [
        ("beoordelaar", True),
        ("tweede_beoordelaar", True),
        ("financieel_medewerker", True),
        ("functioneel_beheerder", False),
        ("gemeente_medewerker", False),
        ("ambtsdrager", False),
    ],
)
def test_who_sees_the_werkvoorraad(queue, rol, ziet, request):
    assert selectors.werkvoorraad(fetched_by=request.getfixturevalue(rol)).exists() is ziet


def test_finance_sees_only_decided_cases(queue, financieel_medewerker):
    """Finance's queue holds the claim with a sent decision, none of the undecided ones."""
    rijen = selectors.werkvoorraad(fetched_by=financieel_medewerker)
    assert [r.pk for r in rijen] == [queue["verzonden"].pk]
    assert rijen.get().dagen_over == -30


def test_one_query_for_the_list(queue, beoordelaar):
    """Applicant, municipality, assessor and policy come with the rows: one query."""
    with CaptureQueriesContext(connection) as queries:
        for rij in selectors.werkvoorraad(fetched_by=beoordelaar):
            (rij.aanvrager.email, rij.gemeente.naam, rij.behandelaar, rij.regeling.code)
    assert len(queries) == 1


def test_still_to_pay(regeling, financieel_medewerker):
    """Sent decisions with an amount still open; approved (not sent yet), paid, refused and
    drafts are not."""
    open_verzonden = BesluitFactory(aanvraag=aanvraag_in(S.VERZONDEN), verzonden=True)
    BesluitFactory(aanvraag=aanvraag_in(S.BESLUIT_GOEDGEKEURD), goedgekeurd=True)
    betaald = BesluitFactory(aanvraag=aanvraag_in(S.BETAALD), verzonden=True)
    Betaling.objects.create(
        besluit=betaald,
        bedrag=betaald.bedrag_toegekend,
        betaald_op=betaald.verzonden_op.date(),
        referentie="X",
        geregistreerd_door=financieel_medewerker,
    )
    BesluitFactory(
        aanvraag=aanvraag_in(S.VERZONDEN), verzonden=True, uitkomst="afgewezen", bedrag_toegekend=0
    )
    BesluitFactory(aanvraag=aanvraag_in(S.BESLUIT_CONCEPT))
    # A correction in draft after a sent decision (issue 16): the sent decision stays in force
    # and is paid until the correction is approved.
    gecorrigeerd = BesluitFactory(aanvraag=aanvraag_in(S.HERZIENING), verzonden=True)
    BesluitFactory(
        aanvraag=gecorrigeerd.aanvraag, versie=2, soort="herziening", vervangt=gecorrigeerd
    )

    rijen = list(selectors.te_betalen())

    assert sorted(r.pk for r in rijen) == [open_verzonden.pk, gecorrigeerd.pk]
    assert rijen[0].openstaand == Decimal("1000.00")
