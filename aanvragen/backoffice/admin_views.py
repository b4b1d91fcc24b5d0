"""Back-office pages of the claim admin: queue helpers, the case page and its action forms.

The admin never applies a business rule itself: each action page parses its form and calls
one service of `aanvragen.backoffice.services`; a refusal (`WorkflowFout`) is shown as a form
error in Dutch. Which buttons appear is decided by the `can_*` functions of
`aanvragen.backoffice.permissions`.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Min, Prefetch, QuerySet
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.termijnen.berekening import Opschorting, dwangsom_eerste_dag

from ..constants import KENMERK_PREFIX, AanvraagStatus
from ..models import Aanvraag, Betaling, Bezwaar
from ..permissions import BEOORDELAAR_ROLLEN, can_view_woonadres
from . import permissions, selectors

S = AanvraagStatus

# Cases still waiting for a decision to be sent: their decision deadline is running.
OPEN_STATUSSEN = permissions.BESLISTERMIJN_LOOPT
STATUS_KEUZES = [(s.value, s.label) for s in AanvraagStatus if s != S.CONCEPT]
# Finance works on decided cases only: approved or sent decisions and their payments
# (decision for issue 5 item 7; the selector `werkvoorraad` shows them every claim).
FINANCIEEL_STATUSSEN = frozenset(
    {S.BESLUIT_GOEDGEKEURD, S.VERZONDEN, S.BETAALD, S.BEZWAAR, S.AFGESLOTEN}
)


def werkvoorraad_voor(user) -> QuerySet[Aanvraag]:
    """The queue rows `user` may see, with `dagen_over` (days left) computed in SQL."""
    queryset = selectors.werkvoorraad(fetched_by=user)
    if not user.has_rol(*BEOORDELAAR_ROLLEN):
        queryset = queryset.filter(status__in=FINANCIEEL_STATUSSEN)
    return queryset


def termijn_tekst(aanvraag) -> str:
    """'12-03-2026 (nog 5 dagen)' for an open case; only the date once decided."""
    einde = aanvraag.beslistermijn_einde
    if einde is None:
        return "-"
    datum = f"{einde:%d-%m-%Y}"
    if aanvraag.status not in OPEN_STATUSSEN:
        return datum
    dagen = getattr(aanvraag, "dagen_over", None)
    if dagen is None:
        dagen = (einde - timezone.localdate()).days
    if dagen > 1:
        return _("%(datum)s (nog %(n)s dagen)") % {"datum": datum, "n": dagen}
    if dagen == 1:
        return _("%(datum)s (morgen)") % {"datum": datum}
    if dagen == 0:
        return _("%(datum)s (vandaag)") % {"datum": datum}
    return _("%(datum)s (%(n)s dagen te laat)") % {"datum": datum, "n": -dagen}


def binnen_week(aanvraag) -> bool:
    dagen = getattr(aanvraag, "dagen_over", None)
    return aanvraag.status in OPEN_STATUSSEN and dagen is not None and dagen <= 7


# The access log holds no personal data (see `inzage_vastleggen`): a name search is recorded
# as the fact that someone searched by name, from where and when, without the name itself.
NAAM_ZOEKOPDRACHT = "zoekopdracht op naam"
KENMERK_PATROON = re.compile(rf"{KENMERK_PREFIX}-\d{{4}}-\d{{6}}", re.IGNORECASE)


def is_kenmerk_zoekterm(term: str) -> bool:
    """A case reference contains digits (FB-2026-000123); a person's name does not."""
    return any(teken.isdigit() for teken in term)


def is_volledig_kenmerk(term: str) -> bool:
    return KENMERK_PATROON.fullmatch(term) is not None


def mag_oppakken_zien(user) -> bool:
    """Whether the queue has the 'take' column (shown per row by `can_aanvraag_toewijzen`)."""
    return user.has_rol(Rol.BEOORDELAAR)


def oppak_kolom(user):
    """A queue column with a 'take' link on the rows `user` may take (unassigned ones)."""

    @admin.display(description="")
    def oppakken(aanvraag):
        if aanvraag.behandelaar_id is not None or not permissions.can_aanvraag_toewijzen(
            user, aanvraag
        ):
            return ""
        url = reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "toewijzen"])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Oppakken"))

    return oppakken


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
    if aanvraag is not None and can_view_woonadres(user, aanvraag):
        fieldsets.append((_("Woonadres"), {"fields": WOONADRES_VELDEN}))
    fieldsets += [
        (_("Betaalgegevens"), {"fields": ["iban", "rekeninghouder", "rekening_soort"]}),
        (
            _("Bedragen"),
            {"fields": ["bedrag_aangevraagd", "plafond_overschreden", "signalen"]},
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
    kostenposten = list(
        aanvraag.kostenposten.select_related(
            "categorie", "beoordeling", "beoordeling__beoordeeld_door"
        ).prefetch_related("bewijsstukken")
    )
    aanvulverzoeken = list(
        aanvraag.aanvulverzoeken.select_related("verzocht_door").prefetch_related("bestanden")
    )
    voornemens = list(aanvraag.voornemens.select_related("door", "vastgelegd_door"))
    besluiten = list(
        aanvraag.besluiten.select_related("opgesteld_door", "goedgekeurd_door").prefetch_related(
            Prefetch("betalingen", queryset=Betaling.objects.select_related("geregistreerd_door")),
            Prefetch("bezwaren", queryset=Bezwaar.objects.select_related("geregistreerd_door")),
        )
    )
    zaak = Zaak(
        aanvraag=aanvraag,
        kostenposten=kostenposten,
        aanvulverzoeken=aanvulverzoeken,
        voornemens=voornemens,
        besluiten=besluiten,
    )
    return {
        "zaak": zaak,
        "is_beoordelaar": beoordelaar,
        "toon_bewijs": beoordelaar,
        "totaal_toegekend": zaak.totaal_toegekend,
        "termijnen": termijnen_rijen(zaak),
        "historie": list(aanvraag.statushistorie.select_related("door")),
        "acties": toegestane_acties(user, zaak),
    }


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
    for verzoek in zaak.aanvulverzoeken:
        rijen.append((_("Opschorting"), opschorting_tekst(verzoek)))
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


def opschorting_tekst(verzoek) -> str:
    """How a request for information affects the decision term (Awb 4:15)."""
    verzocht = timezone.localdate(verzoek.verzocht_op)
    if verzoek.termijn_tot is None:
        return _("verzoek van %(op)s zonder termijn: geen opschorting") % {"op": _datum(verzocht)}
    opschorting = Opschorting(
        verzocht_op=verzocht,
        termijn_tot=verzoek.termijn_tot,
        aangevuld_op=verzoek.beantwoord_op and timezone.localdate(verzoek.beantwoord_op),
    )
    return _("verzoek van %(op)s, termijn tot %(tot)s: %(n)s dagen opgeschort%(open)s") % {
        "op": _datum(verzocht),
        "tot": _datum(verzoek.termijn_tot),
        "n": len(opschorting.dagen()),
        "open": "" if verzoek.beantwoord_op else _(" (nog open)"),
    }


def dwangsom_rijen(aanvraag) -> list[tuple[str, str]]:
    return [
        (_("Ingebrekestelling ontvangen op"), _datum(aanvraag.ingebrekestelling_op)),
        (_("Dwangsom loopt vanaf"), _datum(dwangsom_eerste_dag(aanvraag.ingebrekestelling_op))),
        (_("Dwangsom tot nu toe"), f"€ {selectors.dwangsom_stand(aanvraag)}"),
    ]


def toegestane_acties(user, zaak) -> list[tuple[str, str]]:
    """(slug, label) of the workflow actions `user` may take on this case now."""
    return []


def budget_jaren() -> list[int]:
    """Years a policy version was in force, up to next year (for the year picker)."""
    from ..models import Regeling

    vandaag = timezone.localdate()
    eerste = Regeling.objects.aggregate(m=Min("geldig_van"))["m"]
    start = eerste.year if eerste else vandaag.year
    return list(range(vandaag.year + 1, start - 1, -1))


def budget_view(model_admin, request):
    """Budget, committed (approved, unpaid), paid and remaining for one policy year."""
    jaren = budget_jaren()
    try:
        jaar = int(request.GET.get("jaar", timezone.localdate().year))
    except ValueError:
        jaar = timezone.localdate().year
    if jaar not in jaren:
        raise Http404
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Budget %(jaar)s") % {"jaar": jaar},
        "jaar": jaar,
        "jaren": jaren,
        "overzicht": selectors.budget_overzicht(jaar=jaar),
    }
    return TemplateResponse(request, "admin/aanvragen/aanvraag/budget.html", context)


def actie_view(model_admin, request, aanvraag, slug):
    raise Http404
