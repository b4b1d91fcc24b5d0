"""Claims in a period: per status, decision outcomes, amounts per cost category and per
province, and budget use per year.

A claim counts in the period of its receipt (`ingediend_op`); a decision in the period it was
sent (`verzonden_op`). Amounts: claimed is the claim's total; granted is the amount of the
claim's current sent decision (a correction replaces the original); paid is every payment
registered on those decisions. A dwangsom decision (4:18) and an inadmissible or unfounded
decision on objection fix no outcome or amount of the claim (`Besluit.regelt_aanvraag`
false): they are left out of outcomes, granted and paid. Granted per cost category comes
from the per-line assessment. Payments are registered per decision, not per cost line, so
there is no 'paid' per category.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.constants import AanvraagStatus, Uitkomst
from aanvragen.models import Regeling
from fondsbeveiliging.gemeenten.models import Provincie

from ..onderdrukking import onderdrukken
from ..tabellen import (
    BEDRAG,
    Kolom,
    Regel,
    Rij,
    Tabel,
    lijst_tabel,
    verborgen_waarde,
    waarde_van,
    waarde_van_cel,
)
from ._sql import rijen

NUL = Decimal("0")

# Claims, their current sent decision (the highest sent version) and the payments on their
# decisions as one stream of rows, aggregated once: no per-claim grouping (60,000 numeric
# aggregate states cost more than the scans). `aanvraag_stat_ingediend_idx` covers the claims.
_PER_STATUS_EN_PROVINCIE = """
WITH a AS MATERIALIZED (
    SELECT a.id, a.status, g.provincie, a.bedrag_aangevraagd
    FROM {aanvraag} a JOIN {gemeente} g ON g.code = a.gemeente_id
    WHERE a.status <> 'concept' AND a.ingediend_op >= %(van)s AND a.ingediend_op < %(tot)s
), stroom AS (
    SELECT a.status, a.provincie, 1 AS n, a.bedrag_aangevraagd AS gevraagd,
           NULL::numeric AS toegekend, NULL::numeric AS betaald
    FROM a
    UNION ALL
    SELECT a.status, a.provincie, 0, NULL, b.bedrag_toegekend, NULL
    FROM a JOIN {besluit} b ON b.aanvraag_id = a.id
    WHERE b.status = 'verzonden' AND b.regelt_aanvraag
      AND NOT EXISTS (SELECT 1 FROM {besluit} n WHERE n.aanvraag_id = b.aanvraag_id
                      AND n.status = 'verzonden' AND n.regelt_aanvraag AND n.versie > b.versie)
    UNION ALL
    SELECT a.status, a.provincie, 0, NULL, NULL, p.bedrag
    FROM a JOIN {besluit} b ON b.aanvraag_id = a.id JOIN {betaling} p ON p.besluit_id = b.id
    WHERE b.regelt_aanvraag
)
SELECT status, provincie, GROUPING(status), GROUPING(provincie),
       sum(n)::int, sum(gevraagd), sum(toegekend), sum(betaald)
FROM stroom
GROUP BY GROUPING SETS ((status), (provincie), ())
"""

_PER_KOSTENSOORT = """
SELECT coalesce(c.code, ''), max(c.naam), min(c.volgorde),
       -- a claim with two lines of one category counts once
       count(DISTINCT k.aanvraag_id), sum(k.bedrag), sum(kb.bedrag_toegekend)
FROM {aanvraag} a
JOIN {kostenpost} k ON k.aanvraag_id = a.id
LEFT JOIN {beoordeling} kb ON kb.kostenpost_id = k.id
LEFT JOIN {categorie} c ON c.id = k.categorie_id
WHERE a.status <> 'concept' AND a.ingediend_op >= %(van)s AND a.ingediend_op < %(tot)s
GROUP BY coalesce(c.code, '')
ORDER BY min(c.volgorde), max(c.naam)
"""

_UITKOMSTEN = """
SELECT uitkomst, count(*), sum(bedrag_toegekend)
FROM {besluit}
WHERE status = 'verzonden' AND verzonden_op >= %(van)s AND verzonden_op < %(tot)s
  AND regelt_aanvraag
GROUP BY uitkomst
"""

# The budget page's rules (`aanvragen.backoffice.selectors`, module docstring) for every year
# at once: committed = the unpaid rest of decisions approved (or sent) in that year, granting
# an amount, not replaced by an approved or sent correction; paid = payments in that year.
# Paid so far on a decision fixing the claim's amount counts the payments on all such
# decisions of the claim less repaid reclaims; on a dwangsom decision its own
# (`aanvragen.selectors.betaald_op_besluit`). One query instead of three per year;
# `tests/statistieken/test_selectors.py` proves both give the same figures.
_BUDGET_PER_JAAR = """
WITH betaald AS (SELECT besluit_id, sum(bedrag) AS bedrag FROM {betaling} GROUP BY besluit_id),
keten AS (
    SELECT b.aanvraag_id,
           sum(coalesce(p.bedrag, 0))
           - sum(CASE WHEN b.terugbetaald_op IS NOT NULL THEN b.terugvordering ELSE 0 END)
             AS bedrag
    FROM {besluit} b LEFT JOIN betaald p ON p.besluit_id = b.id
    WHERE b.regelt_aanvraag GROUP BY b.aanvraag_id
),
besluiten AS (
    SELECT extract(year FROM b.goedgekeurd_op AT TIME ZONE %(tz)s)::int AS jaar,
           b.bedrag_toegekend - CASE WHEN b.regelt_aanvraag THEN coalesce(k.bedrag, 0)
                                     ELSE coalesce(p.bedrag, 0) END AS openstaand
    FROM {besluit} b LEFT JOIN betaald p ON p.besluit_id = b.id
    LEFT JOIN keten k ON k.aanvraag_id = b.aanvraag_id
    WHERE b.status IN ('goedgekeurd', 'verzonden') AND b.bedrag_toegekend > 0
      AND NOT EXISTS (SELECT 1 FROM {besluit} n WHERE n.vervangt_id = b.id
                      AND n.status IN ('goedgekeurd', 'verzonden'))
)
SELECT 'besluiten', jaar, count(*), coalesce(sum(openstaand) FILTER (WHERE openstaand > 0), 0)
FROM besluiten GROUP BY jaar
UNION ALL
SELECT 'betalingen', extract(year FROM betaald_op)::int, count(*), sum(bedrag)
FROM {betaling} GROUP BY 2
"""


def aanvragen_tabellen(*, periode) -> list:
    """Every claims table of the period (see module docstring)."""
    per_status, per_provincie, totaal = Counter(), {}, None
    for status, prov, gs, gp, n, gevraagd, toegekend, betaald in rijen(
        _PER_STATUS_EN_PROVINCIE, periode
    ):
        bedragen = (gevraagd or NUL, toegekend or NUL, betaald or NUL)
        if not gs:
            per_status[status] += n
        elif not gp:
            per_provincie[prov] = (n, bedragen)
        else:
            totaal = (n, bedragen)
    return [
        _per_status(per_status),
        _uitkomsten(rijen(_UITKOMSTEN, periode)),
        _per_kostensoort(rijen(_PER_KOSTENSOORT, periode)),
        _per_provincie(per_provincie, totaal or (0, (NUL, NUL, NUL))),
        _budget_per_jaar(periode),
    ]


def _per_status(tellingen):
    statussen = [s for s in AanvraagStatus if s != AanvraagStatus.CONCEPT]
    return lijst_tabel(
        sleutel="aanvragen-per-status",
        titel=_("Aanvragen per status"),
        rijkop=_("Status"),
        aantal_label=_("Aanvragen"),
        regels=[Regel(str(s.label), tellingen[s.value]) for s in statussen],
        totaal=Regel(_("Totaal"), sum(tellingen.values())),
        toelichting=_("De huidige status van de aanvragen die in deze periode zijn ontvangen."),
    )


def _uitkomsten(resultaat):
    per = {u: (n, bedrag) for u, n, bedrag in resultaat}
    regels = []
    for uitkomst in Uitkomst:
        n, bedrag = per.get(uitkomst.value, (0, NUL))
        regels.append(Regel(str(uitkomst.label), n, (bedrag or NUL,)))
    return lijst_tabel(
        sleutel="besluiten-per-uitkomst",
        titel=_("Verzonden besluiten per uitkomst"),
        rijkop=_("Uitkomst"),
        aantal_label=_("Besluiten"),
        regels=regels,
        afgeleide_kolommen=[Kolom(_("Toegekend"), BEDRAG)],
        totaal=Regel(
            _("Totaal"),
            sum(r.aantal for r in regels),
            (sum((r.afgeleid[0] for r in regels), NUL),),
        ),
        grafiek="staaf",
        toelichting=_(
            "Besluiten die in deze periode zijn verzonden, ook correcties na bezwaar, met het "
            "toegekende bedrag."
        ),
    )


def _per_kostensoort(resultaat):
    regels = [
        Regel(naam or _("Zonder soort"), n, (gevraagd or NUL, toegekend or NUL))
        for _code, naam, _volgorde, n, gevraagd, toegekend in resultaat
    ]
    return lijst_tabel(
        sleutel="bedragen-per-kostensoort",
        titel=_("Aangevraagd en toegekend per soort kosten"),
        rijkop=_("Soort kosten"),
        aantal_label=_("Aanvragen"),
        regels=regels,
        afgeleide_kolommen=[Kolom(_("Aangevraagd"), BEDRAG), Kolom(_("Toegekend"), BEDRAG)],
        totaal=Regel(
            _("Totaal"),
            None,
            (
                sum((r.afgeleid[0] for r in regels), NUL),
                sum((r.afgeleid[1] for r in regels), NUL),
            ),
        ),
        toelichting=_(
            "Kostenposten van aanvragen die in deze periode zijn ontvangen. Een aanvraag kan "
            "meer soorten kosten hebben, dus het aantal aanvragen telt niet op. Toegekend is "
            "het bedrag uit de beoordeling per kostenpost; betalingen worden per besluit "
            "geregistreerd en staan in de tabel per provincie."
        ),
    )


def _per_provincie(per_provincie, totaal):
    provincies = list(Provincie.values)
    nul = (0, (NUL, NUL, NUL))
    regels = [Regel(p, *per_provincie.get(p, nul)) for p in provincies]
    return lijst_tabel(
        sleutel="bedragen-per-provincie",
        titel=_("Aangevraagd, toegekend en betaald per provincie"),
        rijkop=_("Provincie"),
        aantal_label=_("Aanvragen"),
        regels=regels,
        afgeleide_kolommen=[
            Kolom(_("Aangevraagd"), BEDRAG),
            Kolom(_("Toegekend"), BEDRAG),
            Kolom(_("Betaald"), BEDRAG),
        ],
        totaal=Regel(_("Totaal"), totaal[0], totaal[1]),
        grafiek="staaf",
        toelichting=_(
            "Aanvragen ontvangen in deze periode, naar de provincie van de gemeente. Toegekend: "
            "het huidige verzonden besluit; betaald: alle betalingen op die aanvragen."
        ),
    )


def budget_per_jaar(*, periode) -> list[BudgetJaar]:
    """Budget, committed and paid per year up to the period's year (budget page rules)."""
    regelingen = list(Regeling.objects.values_list("geldig_van", "geldig_tot", "jaarbudget"))
    laatste = min(periode.jaar, timezone.localdate().year)
    eerste = min((van.year for van, _tot, _b in regelingen), default=laatste + 1)
    aantallen: dict[str, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    for wat, jaar, n, bedrag in rijen(_BUDGET_PER_JAAR, periode):
        aantallen[wat][jaar] = (n, bedrag or NUL)
    uit = []
    for jaar in range(eerste, laatste + 1):
        # In force on at least one day of the year (as `regelingen_in_jaar`).
        budget = sum(
            (
                b
                for van, tot, b in regelingen
                if van <= date(jaar, 12, 31) and (tot is None or tot >= date(jaar, 1, 1))
            ),
            NUL,
        )
        besluiten, vastgelegd = aantallen["besluiten"].get(jaar, (0, NUL))
        betalingen, betaald = aantallen["betalingen"].get(jaar, (0, NUL))
        uit.append(BudgetJaar(jaar, budget, besluiten, vastgelegd, betalingen, betaald))
    return uit


def _budget_per_jaar(periode) -> Tabel:
    jaren = budget_per_jaar(periode=periode)
    besluiten = onderdrukken([[j.besluiten] for j in jaren], kolomtotalen=False)
    betalingen = onderdrukken([[j.betalingen] for j in jaren], kolomtotalen=False)
    rijen_ = []
    for n, jaar in enumerate(jaren):
        b_cel, p_cel = besluiten.cellen[n][0], betalingen.cellen[n][0]
        # Budget minus the remainder gives committed + paid: hide it when either is hidden.
        rest_cel = b_cel if b_cel.onderdrukt else p_cel
        rijen_.append(
            Rij(
                str(jaar.jaar),
                [
                    waarde_van(jaar.budget, BEDRAG),
                    waarde_van_cel(b_cel),
                    verborgen_waarde(jaar.vastgelegd, BEDRAG, b_cel),
                    waarde_van_cel(p_cel),
                    verborgen_waarde(jaar.betaald, BEDRAG, p_cel),
                    verborgen_waarde(jaar.resterend, BEDRAG, rest_cel),
                ],
            )
        )
    laatste = jaren[-1].jaar if jaren else periode.jaar
    return Tabel(
        sleutel="budget-per-jaar",
        titel=_("Budgetgebruik per jaar"),
        rijkop=_("Jaar"),
        kolommen=[
            Kolom(_("Budget"), BEDRAG),
            Kolom(_("Besluiten met toekenning")),
            Kolom(_("Vastgelegd, nog niet betaald"), BEDRAG),
            Kolom(_("Betalingen")),
            Kolom(_("Betaald"), BEDRAG),
            Kolom(_("Resterend"), BEDRAG),
        ],
        rijen=rijen_,
        heeft_onderdrukking=any(c[0].onderdrukt for c in [*besluiten.cellen, *betalingen.cellen]),
        toelichting=_(
            "Per jaar tot en met %(jaar)s, met de regels van de budgetpagina: vastgelegd is het "
            "nog niet betaalde deel van besluiten die in dat jaar zijn goedgekeurd; betaald zijn "
            "de betalingen in dat jaar. Niet gefilterd op kwartaal of maand."
        )
        % {"jaar": laatste},
    )


@dataclass(frozen=True)
class BudgetJaar:
    jaar: int
    budget: Decimal
    besluiten: int
    vastgelegd: Decimal
    betalingen: int
    betaald: Decimal

    @property
    def resterend(self) -> Decimal:
        return self.budget - self.vastgelegd - self.betaald
