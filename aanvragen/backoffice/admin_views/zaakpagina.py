"""The case page: applicant fieldsets, the loaded case (`Zaak`) and its deadline rows."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN
from fondsbeveiliging.opmaak.formaat import euro
from fondsbeveiliging.termijnen.berekening import dwangsom, dwangsom_eerste_dag

from ...constants import BesluitSoort, Hoorzitting, Indiener
from ...kern import opgeschorte_dagen_van, opschorting_van
from ...models import Aanvraag, Betaling, Bezwaar
from ...permissions import can_woonadres_bekijken
from .. import selectors
from ..dubbel import DubbelOverzicht, dubbel_overzicht
from ..services.bezwaar import bezwaar_is_tijdig
from .acties import toegestane_acties
from .werkvoorraad import datum_met_dagen, termijn_tekst

WOONADRES_VELDEN = ["maatregel_bij_woning", "woonadres", "woon_postcode", "woon_plaats"]


def zaak_fieldsets(user, aanvraag) -> list:
    """The read-only applicant data of the case page; home address and meldingen for assessors."""
    beoordelaar = user.has_rol(*BEOORDELAAR_ROLLEN)
    fieldsets = [
        (
            None,
            {"fields": ["kenmerk", "status", "regeling", "behandelaar", "ingediend_op"]},
        ),
        (
            _("Aanvrager"),
            {
                "fields": [
                    "aanvrager_naam",
                    "ambtstype",
                    "gemeente",
                    "in_functie_sinds",
                    "correspondentie_adres",
                    "correspondentie_postcode",
                    "correspondentie_plaats",
                    *(["meldingen"] if beoordelaar else []),
                ]
            },
        ),
    ]
    if aanvraag is not None and can_woonadres_bekijken(user, aanvraag):
        fieldsets.append((_("Woonadres"), {"fields": WOONADRES_VELDEN}))
    fieldsets += [
        (_("Betaalgegevens"), {"fields": ["iban", "rekeninghouder", "rekening_soort"]}),
        (
            _("Bedragen"),
            {"fields": ["aangevraagd_bedrag", "plafond_overschreden", "signalen"]},
        ),
    ]
    return fieldsets


def zaak_context(request, aanvraag) -> dict:
    """Everything the case page shows below the applicant data, in a constant number of queries.

    Assessors see all of it; finance sees cost lines (without evidence), decisions, payments,
    objections, deadlines and history (see the module docstring of `aanvragen.admin`).
    """
    user = request.user
    beoordelaar = user.has_rol(*BEOORDELAAR_ROLLEN)
    zaak = zaak_laden(aanvraag)
    historie = [
        HistorieRegel(
            h.op, h.get_van_display(), h.get_naar_display(), h.door_weergave, h.toelichting
        )
        for h in aanvraag.statushistorie.select_related("door")
    ]
    if beoordelaar:
        # Double-claim signals and the reasons to go on: assessors only (they name other
        # cases); finance and every other role never get them, not even in the history.
        historie = sorted(historie + signaal_historie(zaak.dubbel), key=lambda h: h.op)
    return {
        "zaak": zaak,
        "is_beoordelaar": beoordelaar,
        "toon_bewijs": beoordelaar,
        "dubbel": zaak.dubbel if beoordelaar else None,
        "totaal_toegekend": zaak.totaal_toegekend,
        # For the {% block besluit_voorbeeld %} of the letters code: the newest decision.
        "huidig_besluit": zaak.nieuwste_besluit,
        "termijnen": termijnen_rijen(zaak),
        "bezwaren": bezwaren_rijen(zaak, toon_verslag=beoordelaar),
        "historie": historie,
        "acties": toegestane_acties(user, zaak),
    }


@dataclass(frozen=True)
class HistorieRegel:
    """One row of the case page's history: a status change, or a reason to go on."""

    op: object
    van: str
    naar: str
    door: str
    toelichting: str


def signaal_historie(dubbel: DubbelOverzicht) -> list[HistorieRegel]:
    """The recorded reasons to go on despite double-claim signals, as history rows."""
    return [
        HistorieRegel(
            a.op,
            "",
            _("Signalen dubbele declaratie afgewogen"),
            str(a.door),
            _("%(reden)s (signalen: %(signalen)s)")
            % {"reden": a.reden, "signalen": "; ".join(s["tekst"] for s in a.signalen)},
        )
        for a in dubbel.afwegingen
    ]


@dataclass
class Zaak:
    """A case with its loaded parts; the targets of the actions are derived from these lists."""

    aanvraag: Aanvraag
    kostenposten: list = field(default_factory=list)
    aanvulverzoeken: list = field(default_factory=list)
    voornemens: list = field(default_factory=list)
    besluiten: list = field(default_factory=list)

    @property
    def open_aanvulverzoek(self):
        return next((a for a in reversed(self.aanvulverzoeken) if a.is_open), None)

    @property
    def open_voornemen(self):
        return next((v for v in reversed(self.voornemens) if v.is_open), None)

    @cached_property
    def dubbel(self) -> DubbelOverzicht:
        """Double-claim signals, computed on first use (only pages for assessors use them)."""
        return dubbel_overzicht(aanvraag=self.aanvraag, kostenposten=self.kostenposten)

    @property
    def huidig_besluit(self):
        """The claim's current decision: the highest version that fixes its outcome (a
        dwangsom decision or an unfounded decision on objection never is)."""
        regelend = [b for b in self.besluiten if b.regelt_aanvraag]
        return max(regelend, key=lambda b: b.versie, default=None)

    @property
    def nog_te_betalen(self) -> Decimal | None:
        """What is still to pay on the current decision (after the decisions it continues)."""
        from .acties import _openstaand

        huidig = self.huidig_besluit
        if huidig is None or not huidig.verzonden_op:
            return None
        return max(_openstaand(huidig, self), Decimal("0"))

    @property
    def nieuwste_besluit(self):
        """The newest decision of any kind (the letter preview shows its draft)."""
        return max(self.besluiten, key=lambda b: b.versie, default=None)

    @property
    def totaal_toegekend(self) -> Decimal | None:
        """Sum of the approved amounts so far (display only; the service computes its own)."""
        beoordeeld = [k.beoordeling for k in self.kostenposten if _beoordeling(k) is not None]
        if not beoordeeld:
            return None
        return sum((b.bedrag_toegekend for b in beoordeeld), Decimal("0"))


def _beoordeling(kostenpost):
    try:
        return kostenpost.beoordeling
    except ObjectDoesNotExist:
        return None


def _datum(d) -> str:
    return f"{d:%d-%m-%Y}" if d else "-"


def termijnen_rijen(zaak: Zaak) -> list[tuple[str, str]]:
    """The stored deadlines of the case (computed by the services), as label/value rows."""
    a = zaak.aanvraag
    rijen = [
        (_("Ontvangen op"), _datum(a.ingediend_op and timezone.localdate(a.ingediend_op))),
        (_("Uiterste beslisdatum"), termijn_tekst(a)),
    ]
    if zaak.aanvulverzoeken and a.ingediend_op:
        opgeschort = opgeschorte_dagen_van(a, verzoeken=zaak.aanvulverzoeken)
        for verzoek in zaak.aanvulverzoeken:
            rijen.append((_("Opschorting"), opschorting_tekst(verzoek, opgeschort)))
    if a.verdaagd_op:
        rijen.append(
            (
                _("Verdaagd"),
                _("op %(op)s tot %(tot)s: %(reden)s")
                % {
                    "op": _datum(a.verdaagd_op),
                    "tot": _datum(a.verdaagd_tot),
                    "reden": a.verdaging_reden,
                },
            )
        )
    if zaak.open_voornemen:
        rijen.append((_("Zienswijze uiterlijk op"), _datum(zaak.open_voornemen.termijn_tot)))
    besluit = zaak.huidig_besluit
    if besluit is not None and besluit.verzonden_op:
        rijen += [
            (_("Besluit verzonden op"), _datum(timezone.localdate(besluit.verzonden_op))),
            (_("Uiterlijk betalen op"), _datum(besluit.betaaltermijn_einde)),
            (_("Bezwaar uiterlijk op"), _datum(besluit.bezwaartermijn_einde)),
        ]
    if a.ingebrekestelling_op:
        dwangsombesluiten = [
            b for b in zaak.besluiten if b.soort == BesluitSoort.DWANGSOM and not b.bezwaar_id
        ]
        rijen += dwangsom_rijen(a, dwangsombesluiten)
    return rijen


def opschorting_tekst(verzoek, opgeschort: set) -> str:
    """How a request for information affects the decision term (Awb 4:15).

    `opgeschort` are the days that moved the term (`kern.opgeschorte_dagen_van`): a request
    sent on or after the term's last day asks for days that suspend nothing, and the page
    must agree with the stored deadline.
    """
    verzocht = timezone.localdate(verzoek.verzocht_op)
    if verzoek.termijn_tot is None:
        return _("verzoek van %(op)s zonder termijn: geen opschorting") % {"op": _datum(verzocht)}
    gevraagd = opschorting_van(verzoek).dagen()
    if gevraagd and not gevraagd & opgeschort:
        return _(
            "verzoek van %(op)s, termijn tot %(tot)s: geen opschorting, verzocht op of na de "
            "laatste dag van de beslistermijn"
        ) % {"op": _datum(verzocht), "tot": _datum(verzoek.termijn_tot)}
    return _("verzoek van %(op)s, termijn tot %(tot)s: %(n)s dagen opgeschort%(open)s") % {
        "op": _datum(verzocht),
        "tot": _datum(verzoek.termijn_tot),
        "n": len(gevraagd & opgeschort),
        "open": "" if verzoek.beantwoord_op else _(" (nog open)"),
    }


def dwangsom_rijen(aanvraag, besluiten=()) -> list[tuple[str, str]]:
    """The notice of default and the penalty (Awb 4:17) as case-page rows.

    "Loopt vanaf" and the amount come from the same engine day (`dwangsom_eerste_dag`, two
    weeks after receipt of the notice, moved to a working day by the Atw), so they agree.
    """
    return [
        (_("Ingebrekestelling ontvangen op"), _datum(aanvraag.ingebrekestelling_op)),
        (_("Dwangsom loopt vanaf"), _datum(dwangsom_eerste_dag(aanvraag.ingebrekestelling_op))),
        (_("Dwangsom tot nu toe"), euro(selectors.dwangsom_stand(aanvraag=aanvraag))),
        *dwangsom_vaststelling_rijen(selectors.dwangsom_stand_van(aanvraag=aanvraag), besluiten),
    ]


def dwangsom_vaststelling_rijen(stand, besluiten=()) -> list[tuple[str, str]]:
    """When the penalty must be fixed by decision (Awb 4:18), with a warning once passed.

    Two weeks after the last day it accrued; shown once it stopped accruing. `besluiten`
    are the case's dwangsom decisions for this penalty: once one is sent there is no warning.
    """
    if stand is None or stand.vaststellen_uiterlijk is None:
        return []
    uiterlijk = stand.vaststellen_uiterlijk
    tekst = _("%(datum)s (%(dagen)s dagen, tot en met %(laatste)s)") % {
        "datum": _datum(uiterlijk),
        "dagen": stand.dagen,
        "laatste": _datum(stand.laatste_dag),
    }
    verzonden = any(b.verzonden_op for b in besluiten)
    if not verzonden and uiterlijk < timezone.localdate():
        tekst += _(" — VERSTREKEN: stel de dwangsom zo snel mogelijk vast")
    return [(_("Dwangsom vaststellen uiterlijk op"), tekst)]


def bezwaren_rijen(zaak: Zaak, *, toon_verslag: bool) -> list[tuple[str, list]]:
    """Every objection of the case, newest first, as (title, label/value rows) for the page.

    Receipt, on time or late (6:7-6:9), who lodged it, admissibility and its repair (6:6),
    the hearing (7:2, 7:3; the report only for assessors), the 7:10 term with postponement
    and delay, a notice of default with the penalty so far, withdrawal and the decision on
    it. Read from the loaded case: no query of its own.
    """
    beslissingen = [b for b in zaak.besluiten if b.bezwaar_id is not None]
    bezwaren = sorted(
        (bz for b in zaak.besluiten for bz in b.bezwaren.all()), key=lambda bz: -bz.pk
    )
    return [
        (
            _("Bezwaar tegen besluit versie %(versie)s") % {"versie": bz.besluit.versie},
            bezwaar_rijen(bz, [b for b in beslissingen if b.bezwaar_id == bz.pk], toon_verslag),
        )
        for bz in bezwaren
    ]


def _ja_nee(waarde: bool) -> str:
    return _("ja") if waarde else _("nee")


def bezwaar_rijen(bz, beslissingen: list, toon_verslag: bool) -> list[tuple[str, str]]:
    """The rows of one objection (see `bezwaren_rijen`)."""
    rijen = [
        (
            _("Ontvangen op"),
            _datum(bz.ontvangen_op) + (_(" (online)") if bz.online_ingediend else ""),
        )
    ]
    rijen.append((_("Tijdig"), tijdigheid_tekst(bz)))
    if bz.indiener == Indiener.GEMACHTIGDE:
        indiener = _("gemachtigde %(naam)s, machtiging %(m)s") % {
            "naam": bz.gemachtigde_naam,
            "m": _("ontvangen") if bz.machtiging_ontvangen else _("ontbreekt"),
        }
    else:
        indiener = str(Indiener(bz.indiener).label)
    rijen += [
        (_("Ingediend door"), indiener),
        (_("Ondertekend"), _ja_nee(bz.ondertekend)),
        (_("Gronden vermeld"), _ja_nee(bz.gronden_vermeld)),
    ]
    if bz.verzuim_gevraagd_op:
        rijen.append((_("Herstel verzuim"), verzuim_tekst(bz)))
    rijen.append((_("Hoorzitting"), hoorzitting_tekst(bz)))
    if toon_verslag and bz.hoorzitting_verslag:
        rijen.append((_("Verslag hoorzitting"), bz.hoorzitting_verslag))
    verzonden = next(
        (b for b in beslissingen if b.soort == BesluitSoort.BEZWAAR and b.verzonden_op), None
    )
    loopt = bz.ingetrokken_op is None and verzonden is None
    rijen.append(
        (_("Beslissen uiterlijk op"), datum_met_dagen(bz.beslistermijn_einde, loopt=loopt))
    )
    if bz.verdaagd_op:
        rijen.append(
            (
                _("Verdaagd (art. 7:10 lid 3)"),
                _("op %(op)s tot %(tot)s: %(reden)s")
                % {
                    "op": _datum(bz.verdaagd_op),
                    "tot": _datum(bz.verdaagd_tot),
                    "reden": bz.verdaging_reden,
                },
            )
        )
    if bz.uitstel_tot:
        rijen.append(
            (
                _("Uitgesteld met instemming (art. 7:10 lid 4)"),
                _("tot %(tot)s: %(instemming)s")
                % {"tot": _datum(bz.uitstel_tot), "instemming": bz.uitstel_instemming},
            )
        )
    if bz.ingebrekestelling_op:
        tot = timezone.localdate(verzonden.verzonden_op) if verzonden else timezone.localdate()
        rijen += [
            (_("Ingebrekestelling ontvangen op"), _datum(bz.ingebrekestelling_op)),
            (_("Dwangsom loopt vanaf"), _datum(dwangsom_eerste_dag(bz.ingebrekestelling_op))),
            (
                _("Dwangsom tot nu toe"),
                euro(
                    dwangsom(
                        bz.ingebrekestelling_op, tot, beslistermijn_einde=bz.beslistermijn_einde
                    )
                ),
            ),
        ]
    if bz.ingetrokken_op:
        rijen.append((_("Ingetrokken op"), _datum(bz.ingetrokken_op)))
    for b in beslissingen:
        rijen.append(
            (
                str(BesluitSoort(b.soort).label),
                _("versie %(versie)s, %(uitkomst)s (%(status)s)")
                % {
                    "versie": b.versie,
                    "uitkomst": b.get_bezwaar_uitkomst_display() or euro(b.bedrag_toegekend),
                    "status": b.get_status_display(),
                },
            )
        )
    return rijen


def tijdigheid_tekst(bz) -> str:
    """On time or late (Awb 6:7-6:9), with the term's end and the postmark when given."""
    einde = bz.besluit.bezwaartermijn_einde
    if einde is None:
        return "-"
    if bz.ontvangen_op <= einde:
        return _("op tijd (bezwaartermijn tot en met %(einde)s)") % {"einde": _datum(einde)}
    if bezwaar_is_tijdig(bz):
        return _(
            "op tijd: op de post gedaan op %(post)s, ontvangen binnen een week na de "
            "bezwaartermijn (tot en met %(einde)s; art. 6:9 lid 2)"
        ) % {"post": _datum(bz.verzonden_op), "einde": _datum(einde)}
    return _("te laat: na de bezwaartermijn (tot en met %(einde)s)") % {"einde": _datum(einde)}


def verzuim_tekst(bz) -> str:
    """The 6:6 repair request: what, when, until when, and whether it was repaired."""
    tekst = _("gevraagd op %(op)s, uiterlijk %(tot)s: %(verzuim)s") % {
        "op": _datum(bz.verzuim_gevraagd_op),
        "tot": _datum(bz.hersteltermijn_tot),
        "verzuim": bz.verzuim,
    }
    if bz.verzuim_hersteld_op:
        return tekst + _("; hersteld op %(op)s") % {"op": _datum(bz.verzuim_hersteld_op)}
    if bz.hersteltermijn_tot and bz.hersteltermijn_tot < timezone.localdate():
        return tekst + _("; termijn ongebruikt verstreken")
    return tekst + _(" (nog open)")


def hoorzitting_tekst(bz) -> str:
    tekst = str(Hoorzitting(bz.hoorzitting).label)
    if bz.hoorzitting_op and bz.hoorzitting in (Hoorzitting.GEPLAND, Hoorzitting.GEHOUDEN):
        moment = timezone.localtime(bz.hoorzitting_op)
        tekst += f": {moment:%d-%m-%Y %H:%M}, {bz.hoorzitting_plaats}"
    return tekst


def zaak_laden(aanvraag) -> Zaak:
    """The case with the parts the case page and the action pages read."""
    return Zaak(
        aanvraag=aanvraag,
        kostenposten=list(
            aanvraag.kostenposten.select_related(
                "categorie", "beoordeling", "beoordeling__beoordeeld_door"
            ).prefetch_related("bewijsstukken")
        ),
        aanvulverzoeken=list(
            aanvraag.aanvulverzoeken.select_related("verzocht_door").prefetch_related("bestanden")
        ),
        voornemens=list(aanvraag.voornemens.select_related("door", "vastgelegd_door")),
        besluiten=list(
            aanvraag.besluiten.select_related(
                "opgesteld_door", "goedgekeurd_door", "vervangt"
            ).prefetch_related(
                Prefetch(
                    "betalingen", queryset=Betaling.objects.select_related("geregistreerd_door")
                ),
                Prefetch("bezwaren", queryset=Bezwaar.objects.select_related("geregistreerd_door")),
            )
        ),
    )
