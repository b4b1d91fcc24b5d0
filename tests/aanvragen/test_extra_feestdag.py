"""A day added by Royal Decree moves the stored decision deadlines of open claims (Atw
art. 3(3)); removing or moving it moves them back."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from aanvragen.constants import AanvraagStatus
from aanvragen.kern import beslistermijn_berekenen
from aanvragen.models import Aanvraag
from fondsbeveiliging.termijnen.models import ExtraFeestdag
from tests.aanvragen.backoffice.factories import aanvraag_in

AMS = ZoneInfo("Europe/Amsterdam")
# Received Friday 6 March 2026: eight weeks end on Friday 1 May 2026.
ONTVANGEN = datetime(2026, 3, 6, 10, tzinfo=AMS)


def _einde(aanvraag) -> date:
    return Aanvraag.objects.values_list("beslistermijn_einde", flat=True).get(pk=aanvraag.pk)


def test_a_decree_day_on_the_last_day_moves_open_deadlines_and_back(regeling, beoordelaar):
    """Friday 1 May becomes a non-working day: the open claim is due Monday 4 May; a sent
    one keeps its date; deleting the day brings the open claim back to 1 May."""
    open_ = aanvraag_in(
        AanvraagStatus.IN_BEHANDELING,
        behandelaar=beoordelaar,
        ingediend_op=ONTVANGEN,
        beslistermijn_einde=date(2026, 5, 1),
    )
    verzonden = aanvraag_in(
        AanvraagStatus.VERZONDEN, ingediend_op=ONTVANGEN, beslistermijn_einde=date(2026, 5, 1)
    )
    dag = ExtraFeestdag.objects.create(
        datum=date(2026, 5, 1), omschrijving="Bevrijdingsjaar", koninklijk_besluit="Stb. 2026, 1"
    )
    assert _einde(open_) == date(2026, 5, 4) == beslistermijn_berekenen(open_)
    assert _einde(verzonden) == date(2026, 5, 1)

    dag.datum = date(2026, 5, 8)
    dag.save()
    assert _einde(open_) == date(2026, 5, 1)  # moved away from the old date: back again

    dag.datum = date(2026, 5, 1)
    dag.save()
    dag.delete()
    assert _einde(open_) == date(2026, 5, 1)
