"""Processing in a period: decisions within the legal term, days to a decision (median and
90th percentile), postponements, information requests, intended refusals, objections and
penalties for late decisions.

A decision counts in the month it was sent. Only first decisions count for the processing
time (soort "aanvraag": a correction, a decision on objection or a dwangsom decision is not
a new decision on the claim).
'Within the term': sent on or before the claim's stored decision deadline, which already
includes suspensions (4:15) and a postponement (4:14). Days are calendar days from receipt to
dispatch. Median and p90 are PostgreSQL's `percentile_cont`.
"""

from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.termijnen.berekening import dwangsom

from ..onderdrukking import onderdrukken
from ..periode import maand_label
from ..tabellen import (
    BEDRAG,
    DAGEN,
    PERCENTAGE,
    Kolom,
    Regel,
    Rij,
    Tabel,
    aandeel,
    lijst_tabel,
    verborgen_waarde,
    waarde_van_cel,
)
from ._sql import rijen

_DOORLOOPTIJD = """
WITH s AS MATERIALIZED (
    SELECT date_trunc('month', v.verzonden)::date AS maand,
           v.verzonden::date <= a.beslistermijn_einde AS binnen,
           v.verzonden::date - (a.ingediend_op AT TIME ZONE %(tz)s)::date AS dagen
    FROM {besluit} b
    -- a decision's claim is never a concept: the condition lets the claims come from the
    -- covering index `aanvraag_stat_ingediend_idx` instead of the wide table
    JOIN {aanvraag} a ON a.id = b.aanvraag_id AND a.status <> 'concept'
    CROSS JOIN LATERAL (SELECT b.verzonden_op AT TIME ZONE %(tz)s AS verzonden) v
    WHERE b.status = 'verzonden' AND b.vervangt_id IS NULL AND b.soort = 'aanvraag'
      AND b.verzonden_op >= %(van)s AND b.verzonden_op < %(tot)s
)
SELECT maand, 0, count(*), count(*) FILTER (WHERE binnen), NULL::float, NULL::float
FROM s GROUP BY maand
UNION ALL
SELECT NULL, 1, count(*), count(*) FILTER (WHERE binnen),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen)
FROM s
"""

_PROCEDURE = """
SELECT
  (SELECT count(*) FROM {aanvraag} WHERE verdaagd_op >= %(van_d)s AND verdaagd_op < %(tot_d)s),
  (SELECT count(*) FROM {aanvulverzoek} WHERE verzocht_op >= %(van)s AND verzocht_op < %(tot)s),
  (SELECT count(*) FROM {aanvulverzoek}
    WHERE verzocht_op >= %(van)s AND verzocht_op < %(tot)s AND termijn_tot IS NOT NULL),
  (SELECT count(*) FROM {voornemen} WHERE verzonden_op >= %(van)s AND verzonden_op < %(tot)s),
  (SELECT count(*) FROM {voornemen}
    WHERE verzonden_op >= %(van)s AND verzonden_op < %(tot)s AND zienswijze_ingediend),
  (SELECT count(*) FROM {bezwaar} WHERE ontvangen_op >= %(van_d)s AND ontvangen_op < %(tot_d)s),
  (SELECT count(*) FROM {bezwaar} bz
    WHERE bz.ontvangen_op >= %(van_d)s AND bz.ontvangen_op < %(tot_d)s
      AND EXISTS (SELECT 1 FROM {besluit} n
                  WHERE n.vervangt_id = bz.besluit_id AND n.status = 'verzonden')),
  (SELECT count(*) FROM {bezwaar} bz JOIN {besluit} b ON b.id = bz.besluit_id
    JOIN {aanvraag} a ON a.id = b.aanvraag_id
    WHERE bz.ontvangen_op >= %(van_d)s AND bz.ontvangen_op < %(tot_d)s
      AND NOT EXISTS (SELECT 1 FROM {besluit} n
                      WHERE n.vervangt_id = bz.besluit_id AND n.status = 'verzonden')
      AND (a.status = 'afgesloten'
           OR EXISTS (SELECT 1 FROM {besluit} n WHERE n.bezwaar_id = bz.id
                      AND n.soort = 'bezwaar' AND n.status = 'verzonden')))
"""

# Only claims with a notice of default: a handful, so the Awb 4:17 sum (which needs the
# Atw calendar, `termijnen.dwangsom`) is computed per claim in Python.
_INGEBREKESTELLINGEN = """
SELECT a.ingebrekestelling_op, a.beslistermijn_einde,
       (SELECT min(b.verzonden_op) FROM {besluit} b
         WHERE b.aanvraag_id = a.id AND b.status = 'verzonden' AND b.regelt_aanvraag)
FROM {aanvraag} a
WHERE a.ingebrekestelling_op >= %(van_d)s AND a.ingebrekestelling_op < %(tot_d)s
"""


def afhandeling_tabellen(*, periode) -> list:
    """Every processing table of the period (see module docstring)."""
    per_maand, totaal = {}, (0, 0, None, None)
    for maand, gm, n, binnen, mediaan, p90 in rijen(_DOORLOOPTIJD, periode):
        if gm:
            totaal = (n, binnen, mediaan, p90)
        else:
            per_maand[(maand.year, maand.month)] = (n, binnen)
    return [
        _doorlooptijd(totaal),
        _binnen_termijn(periode, per_maand),
        _procedure(rijen(_PROCEDURE, periode)[0]),
        _dwangsom(rijen(_INGEBREKESTELLINGEN, periode)),
    ]


def _doorlooptijd(totaal) -> Tabel:
    n, binnen, mediaan, p90 = totaal
    # A median of fewer than 5 decisions describes individual cases: only with n >= 5.
    cel = onderdrukken([[n]], kolomtotalen=False).cellen[0][0]
    return Tabel(
        sleutel="doorlooptijd",
        titel=_("Beslissen binnen de termijn en doorlooptijd"),
        rijkop=_("Periode"),
        kolommen=[
            Kolom(_("Eerste besluiten")),
            Kolom(_("Binnen de termijn"), PERCENTAGE),
            Kolom(_("Mediaan (dagen)"), DAGEN),
            Kolom(_("90e percentiel (dagen)"), DAGEN),
        ],
        rijen=[
            Rij(
                _("Deze periode"),
                [
                    waarde_van_cel(cel),
                    verborgen_waarde(aandeel(binnen, n), PERCENTAGE, cel),
                    verborgen_waarde(mediaan, DAGEN, cel),
                    verborgen_waarde(p90, DAGEN, cel),
                ],
            )
        ],
        heeft_onderdrukking=cel.onderdrukt,
        toelichting=_(
            "Eerste besluiten die in deze periode zijn verzonden. Binnen de termijn: verzonden "
            "uiterlijk op de uiterste beslisdatum, inclusief opschorting en verdaging. "
            "Doorlooptijd: kalenderdagen van ontvangst tot verzending."
        ),
    )


def _binnen_termijn(periode, per_maand) -> Tabel:
    maanden = periode.maanden()
    regels = []
    for jaar, maand in maanden:
        n, binnen = per_maand.get((jaar, maand), (0, 0))
        regels.append(Regel(maand_label(jaar, maand), n, (aandeel(binnen, n),)))
    return lijst_tabel(
        sleutel="binnen-termijn-per-maand",
        titel=_("Besluiten binnen de termijn per maand"),
        rijkop=_("Maand"),
        aantal_label=_("Eerste besluiten"),
        regels=regels,
        afgeleide_kolommen=[Kolom(_("Binnen de termijn"), PERCENTAGE)],
        grafiek="lijn",
        grafiek_kolom=1,
        toelichting=_(
            "Het aandeel eerste besluiten dat per maand binnen de wettelijke termijn werd "
            "verzonden. Een maand met minder dan 5 besluiten toont geen percentage."
        ),
    )


def _procedure(tellingen) -> Tabel:
    (verdaagd, verzoeken, met_termijn, voornemens, zienswijzen, bezwaren, nieuw, gehandhaafd) = (
        tellingen
    )
    labels = [
        (_("Verdagingen (Awb 4:14)"), verdaagd),
        (_("Verzoeken om aanvulling (Awb 4:5)"), verzoeken),
        (_("waarvan met hersteltermijn (schort de termijn op)"), met_termijn),
        (_("Voornemens tot afwijzing (Awb 4:7)"), voornemens),
        (_("waarvan met zienswijze"), zienswijzen),
        (_("Bezwaren ontvangen"), bezwaren),
        (_("waarvan met een nieuw besluit"), nieuw),
        (_("waarvan afgesloten zonder nieuw besluit"), gehandhaafd),
        (_("waarvan nog in behandeling"), bezwaren - nieuw - gehandhaafd),
    ]
    # The 'waarvan' rows add up to the objections, so that relation is published too.
    return _procedure_tabel(labels)


def _procedure_tabel(labels) -> Tabel:
    bezwaar_delen = [labels[6][1], labels[7][1], labels[8][1]]
    overig = [[n] for _l, n in labels[:6]]
    los = onderdrukken(overig, kolomtotalen=False)
    bezwaar = onderdrukken([[n] for n in bezwaar_delen], rijtotalen=False, kolomtotalen=True)
    cellen = [r[0] for r in los.cellen[:5]] + [bezwaar.totaal] + [r[0] for r in bezwaar.cellen]
    return Tabel(
        sleutel="procedure",
        titel=_("Procedurestappen"),
        rijkop=_("Stap"),
        kolommen=[Kolom(_("Aantal"))],
        rijen=[
            Rij(label, [waarde_van_cel(c)]) for (label, _n), c in zip(labels, cellen, strict=True)
        ],
        heeft_onderdrukking=any(c.onderdrukt for c in cellen),
        toelichting=_(
            "Stappen die in deze periode zijn gezet. Een nieuw verzonden besluit dat het "
            "bestreden besluit vervangt telt als 'met een nieuw besluit'; een verzonden "
            "beslissing op bezwaar zonder nieuw besluit (ongegrond, niet-ontvankelijk) of een "
            "afgesloten zaak zonder zo'n besluit als 'afgesloten zonder nieuw besluit'."
        ),
    )


def _dwangsom(resultaat) -> Tabel:
    vandaag = timezone.localdate()
    per = Counter()
    totaal = 0
    for ingebreke, termijn, verzonden in resultaat:
        beslist = timezone.localdate(verzonden) if verzonden else vandaag
        bedrag = dwangsom(ingebreke, beslist, beslistermijn_einde=termijn)
        if bedrag > 0:
            per["met"] += 1
            totaal += bedrag
    return lijst_tabel(
        sleutel="dwangsom",
        titel=_("Ingebrekestellingen en dwangsom"),
        rijkop=_("Onderdeel"),
        aantal_label=_("Aanvragen"),
        regels=[
            Regel(_("Ingebrekestellingen ontvangen"), len(resultaat), (None,)),
            Regel(_("waarvan met verschuldigde dwangsom"), per["met"], (totaal,)),
        ],
        afgeleide_kolommen=[Kolom(_("Dwangsom (berekend)"), BEDRAG)],
        toelichting=_(
            "De dwangsom bij niet tijdig beslissen (Awb 4:17), berekend uit de datum van de "
            "ingebrekestelling en de verzenddatum van het besluit (of vandaag): het "
            "verschuldigde bedrag. De vastgestelde dwangsom (Awb 4:18) wordt via de "
            "betaalbatches betaald en telt niet mee als toekenning van een aanvraag."
        ),
    )
