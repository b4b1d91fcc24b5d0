"""Support requests of municipalities (issue 18) in a period: per quarter, per province,
accepted or declined, and per kind of help asked.

A request counts in the period in which the municipality sent it (`ingediend_op`); concepts
never count. The raw counts come from `ondersteuning.selectors` (the app owns its queries);
this module only turns them into suppressed tables, so that no municipality can be picked
out by a small count (a province with one request shows "<5", and its partners "x").
"""

from datetime import timedelta

from django.utils.translation import gettext as _

from fondsbeveiliging.gemeenten.models import Provincie
from ondersteuning.constants import Hulpvorm
from ondersteuning.selectors import statistiek_ondersteuningsverzoeken

from ..periode import Periode
from ..tabellen import PERCENTAGE, Kolom, Regel, aandeel, lijst_tabel, tel_tabel


def ondersteuning_tabellen(*, periode) -> list:
    """Every support-request table of the period (see module docstring)."""
    # `periode.tot` is the first day after the period; the selector's `tot` is inclusive.
    tellingen = statistiek_ondersteuningsverzoeken(
        van=periode.van, tot=periode.tot - timedelta(days=1)
    )
    return [
        _per_kwartaal(periode, tellingen["per_kwartaal"]),
        _per_provincie(tellingen["per_provincie"]),
        _beslissing(tellingen["beslissing"]),
        _hulpvorm(tellingen["hulpvorm"], tellingen["totaal"]),
    ]


def _kwartalen(periode) -> list[tuple[int, int]]:
    """(year, quarter) of every quarter the period touches, in order."""
    return sorted({(jaar, (maand - 1) // 3 + 1) for jaar, maand in periode.maanden()})


def _per_kwartaal(periode, per_kwartaal):
    aantallen = {(r["jaar"], r["kwartaal"]): r["aantal"] for r in per_kwartaal}
    kwartalen = _kwartalen(periode)
    return tel_tabel(
        sleutel="ondersteuning-per-kwartaal",
        titel=_("Ondersteuningsverzoeken per kwartaal"),
        rijkop=_("Kwartaal"),
        rijlabels=[Periode(jaar=j, kwartaal=k).label for j, k in kwartalen],
        kolomlabels=[_("Verzoeken")],
        aantallen=[[aantallen.get(jk, 0)] for jk in kwartalen],
        grafiek="staaf",
        toelichting=_(
            "Verzoeken van gemeenten om hulp van de ondersteuningsteams bij een gespannen "
            "bijeenkomst, naar het kwartaal waarin de gemeente het verzoek verstuurde (alleen "
            "de dagen van het kwartaal die in de gekozen periode vallen)."
        ),
    )


def _per_provincie(per_provincie):
    provincies = list(Provincie.values)
    onbekend = sum(n for p, n in per_provincie.items() if p not in provincies)
    labels = list(provincies)
    aantallen = [[per_provincie.get(p, 0)] for p in provincies]
    if onbekend:
        labels.append(_("Onbekend"))
        aantallen.append([onbekend])
    return tel_tabel(
        sleutel="ondersteuning-per-provincie",
        titel=_("Ondersteuningsverzoeken per provincie"),
        rijkop=_("Provincie"),
        rijlabels=labels,
        kolomlabels=[_("Verzoeken")],
        aantallen=aantallen,
        grafiek="staaf",
        toelichting=_(
            "De provincie van de gemeente die om hulp vroeg. Per gemeente wordt niets getoond: "
            "kleine aantallen per provincie zijn verborgen, zodat geen gemeente herkenbaar is."
        ),
    )


def _beslissing(beslissing):
    rijen = [
        (_("Geaccepteerd"), beslissing["geaccepteerd"]),
        (_("Afgewezen"), beslissing["afgewezen"]),
        (_("Nog niet beslist"), beslissing["open"]),
    ]
    totaal = sum(n for _label, n in rijen)
    return lijst_tabel(
        sleutel="ondersteuning-beslissing",
        titel=_("Ondersteuningsverzoeken geaccepteerd en afgewezen"),
        rijkop=_("Beslissing"),
        aantal_label=_("Verzoeken"),
        regels=[Regel(label, n, (aandeel(n, totaal),)) for label, n in rijen],
        afgeleide_kolommen=[Kolom(_("Aandeel"), PERCENTAGE)],
        totaal=Regel(_("Totaal"), totaal, (100.0 if totaal else None,)),
        toelichting=_(
            "De beslissing van de coördinator over de verzoeken die in deze periode zijn "
            "verstuurd, zoals die nu is."
        ),
    )


def _hulpvorm(per_vorm, totaal):
    return tel_tabel(
        sleutel="ondersteuning-hulpvorm",
        titel=_("Gevraagde hulp bij ondersteuningsverzoeken"),
        rijkop=_("Soort hulp"),
        rijlabels=[str(vorm.label) for vorm in Hulpvorm],
        kolomlabels=[_("Verzoeken")],
        aantallen=[[per_vorm.get(vorm.value, 0)] for vorm in Hulpvorm],
        kolomtotalen=False,
        grafiek="staaf",
        toelichting=_(
            "Een verzoek kan om meer soorten hulp vragen, dus de rijen tellen niet op tot het "
            "aantal verzoeken (%(n)s in deze periode); daarom staat er geen totaal onder."
        )
        % {"n": totaal if not 0 < totaal < 5 else "<5"},
    )
