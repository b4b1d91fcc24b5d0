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
from fondsbeveiliging.termijnen.berekening import dwangsom_eerste_dag

from ...kern import opgeschorte_dagen_van, opschorting_van
from ...models import Aanvraag, Betaling, Bezwaar
from ...permissions import can_woonadres_bekijken
from .. import selectors
from ..dubbel import DubbelOverzicht, dubbel_overzicht
from .acties import toegestane_acties
from .werkvoorraad import termijn_tekst

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
        "huidig_besluit": zaak.huidig_besluit,
        "termijnen": termijnen_rijen(zaak),
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
        rijen += dwangsom_rijen(a)
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


def dwangsom_rijen(aanvraag) -> list[tuple[str, str]]:
    """The notice of default and the penalty (Awb 4:17) as case-page rows.

    "Loopt vanaf" and the amount come from the same engine day (`dwangsom_eerste_dag`, two
    weeks after receipt of the notice, moved to a working day by the Atw), so they agree.
    """
    return [
        (_("Ingebrekestelling ontvangen op"), _datum(aanvraag.ingebrekestelling_op)),
        (_("Dwangsom loopt vanaf"), _datum(dwangsom_eerste_dag(aanvraag.ingebrekestelling_op))),
        (_("Dwangsom tot nu toe"), euro(selectors.dwangsom_stand(aanvraag=aanvraag))),
    ]


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
                "opgesteld_door", "goedgekeurd_door"
            ).prefetch_related(
                Prefetch(
                    "betalingen", queryset=Betaling.objects.select_related("geregistreerd_door")
                ),
                Prefetch("bezwaren", queryset=Bezwaar.objects.select_related("geregistreerd_door")),
            )
        ),
    )
