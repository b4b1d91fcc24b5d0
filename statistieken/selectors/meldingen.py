"""Meldingen in a period: per month, kind, province and office, place and channel, police
report and support asked. Two queries: one scan with grouping sets, one for the
multi-select lists. A melding counts in the period in which it was sent to BZK
(`ingediend_op`); concepts never count, withdrawn meldingen do (they were reported)."""

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from fondsbeveiliging.accounts.constants import Ambtstype
from fondsbeveiliging.gemeenten.models import Provincie
from meldingen.constants import Aangifte, Categorie, Kanaal, Locatie, Ondersteuning

from ..periode import maand_label
from ..tabellen import PERCENTAGE, Kolom, Regel, aandeel, lijst_tabel, tel_tabel
from ._sql import rijen

ONBEKEND = "__onbekend__"

_GROEPEN = """
SELECT provincie, ambtstype, locatie, kanaal, maand, aangifte, steun,
       GROUPING(provincie), GROUPING(locatie), GROUPING(maand), GROUPING(aangifte),
       GROUPING(steun), count(*)
FROM (
    SELECT g.provincie, m.ambtstype, m.locatie, m.kanaal, m.aangifte,
           date_trunc('month', m.ingediend_op AT TIME ZONE %(tz)s)::date AS maand,
           cardinality(m.ondersteuning) > 0 AS steun
    FROM {melding} m LEFT JOIN {gemeente} g ON g.code = m.gemeente_id
    WHERE m.status <> 'concept' AND m.ingediend_op >= %(van)s AND m.ingediend_op < %(tot)s
) s
GROUP BY GROUPING SETS ((provincie, ambtstype), (locatie, kanaal), (maand), (aangifte),
                        (steun), ())
"""

# One scan with a filtered count per choice (cheaper than unnesting every array).
_LIJSTEN_KOLOMMEN = [("soort", c) for c in Categorie.values] + [
    ("steun", o) for o in Ondersteuning.values
]
_LIJSTEN = (
    "SELECT "
    + ", ".join(
        f"count(*) FILTER (WHERE {'categorieen' if wat == 'soort' else 'ondersteuning'} "
        f"@> ARRAY['{waarde}']::varchar[])"
        for wat, waarde in _LIJSTEN_KOLOMMEN
    )
    + """
FROM {melding}
WHERE status <> 'concept' AND ingediend_op >= %(van)s AND ingediend_op < %(tot)s
"""
)


def _groepen(periode) -> dict[str, Counter]:
    uit: dict[str, Counter] = defaultdict(Counter)
    for rij in rijen(_GROEPEN, periode):
        prov, ambt, locatie, kanaal, maand, aangifte, steun, *vlaggen, n = rij
        gp, gl, gm, ga, gs = vlaggen
        if not gp:
            # An office no longer in Ambtstype (stored before it was dropped) still counts.
            ambt = ambt if ambt in Ambtstype.values else ONBEKEND
            uit["prov_ambt"][(prov or ONBEKEND, ambt)] += n
        elif not gl:
            uit["waar_hoe"][(locatie or ONBEKEND, kanaal or ONBEKEND)] += n
        elif not gm:
            uit["maand"][(maand.year, maand.month)] += n
        elif not ga:
            uit["aangifte"][aangifte or ONBEKEND] += n
        elif not gs:
            uit["steun"][bool(steun)] += n
        else:
            uit["totaal"][None] += n
    return uit


def _assen(keuzes, waarden, onbekend_label):
    """Choice values in their own order, plus 'unknown' when it occurs."""
    labels = dict(keuzes.choices)
    sleutels = list(keuzes.values)
    if ONBEKEND in waarden:
        sleutels.append(ONBEKEND)
    return sleutels, [str(labels.get(s, onbekend_label)) for s in sleutels]


def meldingen_tabellen(*, periode) -> list:
    """Every meldingen table of the period (see module docstring)."""
    groepen = _groepen(periode)
    lijsten: dict[str, Counter] = defaultdict(Counter)
    for (wat, waarde), n in zip(_LIJSTEN_KOLOMMEN, rijen(_LIJSTEN, periode)[0], strict=True):
        lijsten[wat][waarde] = n
    totaal = groepen["totaal"][None]
    return [
        _per_maand(periode, groepen["maand"]),
        _per_soort(lijsten["soort"], totaal),
        _per_provincie(groepen["prov_ambt"]),
        _waar_hoe(groepen["waar_hoe"]),
        _aangifte(groepen["aangifte"]),
        _ondersteuning(groepen["steun"], lijsten["steun"]),
    ]


def _per_maand(periode, tellingen):
    maanden = periode.maanden()
    return tel_tabel(
        sleutel="meldingen-per-maand",
        titel=_("Meldingen per maand"),
        rijkop=_("Maand"),
        rijlabels=[maand_label(j, m) for j, m in maanden],
        kolomlabels=[_("Meldingen")],
        aantallen=[[tellingen[jm]] for jm in maanden],
        grafiek="lijn",
        toelichting=_(
            "Het aantal meldingen dat in elke maand bij BZK binnenkwam (datum van versturen)."
        ),
    )


def _per_soort(tellingen, totaal):
    labels = dict(Categorie.choices)
    sleutels = list(Categorie.values)
    return tel_tabel(
        sleutel="meldingen-per-soort",
        titel=_("Meldingen per soort agressie"),
        rijkop=_("Soort"),
        rijlabels=[str(labels[s]) for s in sleutels],
        kolomlabels=[_("Meldingen")],
        aantallen=[[tellingen[s]] for s in sleutels],
        kolomtotalen=False,
        grafiek="staaf",
        toelichting=_(
            "Een melding kan meer soorten noemen, dus de rijen tellen niet op tot het aantal "
            "meldingen (%(n)s in deze periode); daarom staat er geen totaal onder."
        )
        % {"n": totaal if not 0 < totaal < 5 else "<5"},
    )


def _per_provincie(tellingen):
    provincies = list(Provincie.values)
    if any(p == ONBEKEND for p, _a in tellingen):
        provincies.append(ONBEKEND)
    ambten = [a for a in Ambtstype.values if any(a == b for _p, b in tellingen)] or [
        Ambtstype.BURGEMEESTER,
        Ambtstype.WETHOUDER,
        Ambtstype.RAADSLID,
    ]
    if any(b == ONBEKEND for _p, b in tellingen):
        ambten.append(ONBEKEND)
    ambt_labels = dict(Ambtstype.choices)
    return tel_tabel(
        sleutel="meldingen-per-provincie",
        titel=_("Meldingen per provincie en ambt"),
        rijkop=_("Provincie"),
        rijlabels=[p if p != ONBEKEND else _("Onbekend") for p in provincies],
        kolomlabels=[str(ambt_labels.get(a, _("Onbekend"))) for a in ambten],
        aantallen=[[tellingen[(p, a)] for a in ambten] for p in provincies],
        grafiek="staaf",
        grafiek_kolom=-1,  # the total per province (the only column when one office occurs)
        toelichting=_(
            "De provincie van de gemeente van de ambtsdrager en het ambt op het moment van "
            "melden. De grafiek toont het totaal per provincie."
        ),
    )


def _waar_hoe(tellingen):
    locaties, locatie_labels = _assen(Locatie, {a for a, _b in tellingen}, _("Onbekend"))
    kanalen, kanaal_labels = _assen(Kanaal, {b for _a, b in tellingen}, _("Onbekend"))
    return tel_tabel(
        sleutel="meldingen-waar-en-hoe",
        titel=_("Meldingen naar plaats en kanaal"),
        rijkop=_("Waar"),
        rijlabels=locatie_labels,
        kolomlabels=kanaal_labels,
        aantallen=[[tellingen[(a, b)] for b in kanalen] for a in locaties],
        toelichting=_("Waar het incident gebeurde (rijen) en hoe het de ambtsdrager bereikte."),
    )


def _aangifte(tellingen):
    sleutels, labels = _assen(Aangifte, set(tellingen), _("Niet ingevuld"))
    totaal = sum(tellingen.values())
    regels = [
        Regel(label, tellingen[s], (aandeel(tellingen[s], totaal),))
        for s, label in zip(sleutels, labels, strict=True)
    ]
    return lijst_tabel(
        sleutel="meldingen-aangifte",
        titel=_("Aangifte bij de politie"),
        rijkop=_("Aangifte"),
        aantal_label=_("Meldingen"),
        regels=regels,
        afgeleide_kolommen=[Kolom(_("Aandeel"), PERCENTAGE)],
        totaal=Regel(_("Totaal"), totaal, (100.0 if totaal else None,)),
        toelichting=_(
            "Het aandeel meldingen waarbij de ambtsdrager aangifte deed of dat van plan was."
        ),
    )


def _ondersteuning(ja_nee, per_soort):
    totaal = ja_nee[True] + ja_nee[False]
    labels = dict(Ondersteuning.choices)
    regels = [
        Regel(_("Ondersteuning gevraagd"), ja_nee[True], (aandeel(ja_nee[True], totaal),)),
        Regel(_("Geen ondersteuning gevraagd"), ja_nee[False], (aandeel(ja_nee[False], totaal),)),
    ]
    tabel = lijst_tabel(
        sleutel="meldingen-ondersteuning",
        titel=_("Gevraagde ondersteuning"),
        rijkop=_("Ondersteuning"),
        aantal_label=_("Meldingen"),
        regels=regels,
        afgeleide_kolommen=[Kolom(_("Aandeel"), PERCENTAGE)],
        totaal=Regel(_("Totaal"), totaal, (100.0 if totaal else None,)),
        toelichting=_(
            "Het aandeel meldingen waarin de ambtsdrager om ondersteuning vroeg. "
            "Per soort (een melding kan meer soorten noemen): %(soorten)s."
        )
        % {
            "soorten": "; ".join(
                f"{labels[s]}: {_klein(per_soort[s])}" for s in Ondersteuning.values
            )
        },
    )
    return tabel


def _klein(n: int) -> str:
    return "<5" if 0 < n < 5 else str(n)
