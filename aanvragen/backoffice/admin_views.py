"""Back-office pages of the claim admin: queue helpers, the case page and its action forms.

The admin never applies a business rule itself: each action page parses its form and calls
one service of `aanvragen.backoffice.services`; a refusal (`WorkflowFout`) is shown as a form
error in Dutch. Which buttons appear is decided by the `can_*` functions of
`aanvragen.backoffice.permissions`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Min, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.termijnen.berekening import Opschorting, dwangsom_eerste_dag

from ..constants import KENMERK_PREFIX, AanvraagStatus, BesluitStatus, RedenCode
from ..models import Aanvraag, Betaling, Bezwaar
from ..permissions import BEOORDELAAR_ROLLEN, can_view_woonadres
from . import forms, permissions, selectors, services

S = AanvraagStatus

# Cases still waiting for a decision to be sent: their decision deadline is running.
OPEN_STATUSSEN = permissions.BESLISTERMIJN_LOOPT
STATUS_KEUZES = [(s.value, s.label) for s in AanvraagStatus if s != S.CONCEPT]


class UitgesteldeJoinPaginator(Paginator):
    """Page through the queue by primary key first, then join only the rows on the page.

    With OFFSET, PostgreSQL builds every skipped row in full, joins included: page 1,000 of
    100,000 claims joined 50,000 rows to municipality, assessor and policy. Selecting only
    the ids of the page (an index scan) and then the 50 full rows costs one extra query.
    """

    def page(self, number):
        number = self.validate_number(number)
        onder = (number - 1) * self.per_page
        if onder == 0:
            return super().page(number)  # nothing skipped: one query is cheaper
        ids = list(self.object_list.values_list("pk", flat=True)[onder : onder + self.per_page])
        rijen = {rij.pk: rij for rij in self.object_list.filter(pk__in=ids)}
        return self._get_page([rijen[pk] for pk in ids if pk in rijen], number, self)


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
    zaak = zaak_laden(aanvraag)
    return {
        "zaak": zaak,
        "is_beoordelaar": beoordelaar,
        "toon_bewijs": beoordelaar,
        "totaal_toegekend": zaak.totaal_toegekend,
        # For the {% block besluit_voorbeeld %} of the letters code: the newest decision.
        "huidig_besluit": zaak.huidig_besluit,
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
    return [
        (slug, actie.label_voor(user))
        for slug, actie in ACTIES.items()
        if actie.doel(zaak) is not None and actie.mag(user, zaak)
    ]


# --- Action pages -----------------------------------------------------------------------


def _concept_besluit(zaak):
    return next((b for b in zaak.besluiten if b.status == BesluitStatus.CONCEPT), None)


def _verzonden_besluit(zaak):
    verzonden = [b for b in zaak.besluiten if b.status == BesluitStatus.VERZONDEN]
    return max(verzonden, key=lambda b: b.versie, default=None)


def _openstaand(besluit) -> Decimal | None:
    """Granted minus paid so far, as a suggestion for the payment form (prefetched rows)."""
    if besluit is None:
        return None
    return besluit.bedrag_toegekend - sum((b.bedrag for b in besluit.betalingen.all()), Decimal(0))


def _met_besluit(check, kiezen):
    """A permission check on the decision the action is about (None: no such decision)."""

    def mag(user, zaak):
        besluit = kiezen(zaak)
        return besluit is not None and check(user, besluit)

    return mag


def _op_aanvraag(check):
    return lambda user, zaak: check(user, zaak.aanvraag)


def _aanvraag(zaak):
    return zaak.aanvraag


@dataclass(frozen=True)
class Actie:
    """One workflow button: its form, what it acts on, who may use it, which service it calls.

    `uitvoeren(user, doel, data)` calls exactly one service; `doel(zaak)` is the object the
    action is about (None when there is none, e.g. no open request to register an answer for).
    """

    label: str
    form: type
    doel: Callable
    mag: Callable
    uitvoeren: Callable
    initial: Callable = lambda zaak: {}
    label_teamleider: str = ""
    uitleg: str = ""

    def form_voor(self, user) -> type:
        """The form class; `form` may instead be a function of the user (assigning)."""
        return self.form if isinstance(self.form, type) else self.form(user)

    def label_voor(self, user) -> str:
        if self.label_teamleider and permissions.is_teamleider(user):
            return str(self.label_teamleider)
        return str(self.label)


def _toewijzen(user, aanvraag, data):
    behandelaar = data.get("behandelaar") or user
    return services.aanvraag_toewijzen(aanvraag_id=aanvraag.pk, behandelaar=behandelaar, door=user)


def _toewijzen_form(user):
    return forms.ToewijzenForm if permissions.is_teamleider(user) else forms.BevestigForm


ACTIES: dict[str, Actie] = {
    "toewijzen": Actie(
        label=_lazy("Oppakken"),
        label_teamleider=_lazy("Toewijzen"),
        form=_toewijzen_form,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_aanvraag_toewijzen),
        uitvoeren=_toewijzen,
        initial=lambda zaak: {"behandelaar": zaak.aanvraag.behandelaar_id},
        uitleg=_lazy("U wordt de beoordelaar van deze aanvraag."),
    ),
    "behandeling-starten": Actie(
        label=_lazy("Behandeling starten"),
        form=forms.BevestigForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_behandeling_starten),
        uitvoeren=lambda user, a, data: services.behandeling_starten(aanvraag_id=a.pk, door=user),
    ),
    "aanvulling-vragen": Actie(
        label=_lazy("Aanvulling vragen"),
        form=forms.AanvullingVragenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_aanvulling_vragen),
        uitvoeren=lambda user, a, data: services.aanvulling_vragen(
            aanvraag_id=a.pk, door=user, vraag=data["vraag"], termijn_tot=data["termijn_tot"]
        ),
        initial=lambda zaak: {"termijn_tot": services.hersteltermijn_voorstel(zaak.aanvraag)},
    ),
    "aanvulling-registreren": Actie(
        label=_lazy("Aanvulling registreren"),
        form=forms.AanvullingRegistrerenForm,
        doel=lambda zaak: zaak.open_aanvulverzoek,
        mag=_op_aanvraag(permissions.can_aanvulling_registreren),
        uitvoeren=lambda user, verzoek, data: services.aanvulling_registreren(
            aanvulverzoek_id=verzoek.pk, door=user, antwoord=data["antwoord"]
        ),
    ),
    "hersteltermijn-verstreken": Actie(
        label=_lazy("Hersteltermijn verstreken"),
        form=forms.BevestigForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_aanvulling_termijn_verstreken),
        uitvoeren=lambda user, a, data: services.aanvulling_termijn_verstreken(
            aanvraag_id=a.pk, door=user
        ),
        uitleg=_lazy(
            "De aanvraag wordt buiten behandeling gesteld; daarna volgt een besluit "
            "'buiten behandeling'."
        ),
    ),
    "verdagen": Actie(
        label=_lazy("Verdagen"),
        form=forms.VerdagenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_verdagen),
        uitvoeren=lambda user, a, data: services.verdagen(
            aanvraag_id=a.pk, door=user, nieuwe_datum=data["nieuwe_datum"], reden=data["reden"]
        ),
    ),
    "voornemen": Actie(
        label=_lazy("Voornemen tot afwijzing"),
        form=forms.VoornemenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_voornemen_afwijzing_versturen),
        uitvoeren=lambda user, a, data: services.voornemen_afwijzing_versturen(
            aanvraag_id=a.pk, door=user, reden=data["reden"], termijn_tot=data["termijn_tot"]
        ),
        initial=lambda zaak: {"termijn_tot": services.zienswijzetermijn_voorstel(zaak.aanvraag)},
    ),
    "zienswijze": Actie(
        label=_lazy("Zienswijze vastleggen"),
        form=forms.ZienswijzeForm,
        doel=lambda zaak: zaak.open_voornemen,
        mag=_op_aanvraag(permissions.can_zienswijze_vastleggen),
        uitvoeren=lambda user, voornemen, data: services.zienswijze_vastleggen(
            voornemen_id=voornemen.pk, door=user, zienswijze=data["zienswijze"]
        ),
    ),
    "beoordelen": Actie(
        label=_lazy("Kostenposten beoordelen"),
        form=forms.KostenpostBeoordelingFormSet,
        doel=lambda zaak: zaak.aanvraag if zaak.kostenposten else None,
        mag=_op_aanvraag(permissions.can_kostenpost_beoordelen),
        uitvoeren=None,  # a formset: see `_beoordelen`
    ),
    "besluit-opstellen": Actie(
        label=_lazy("Besluit opstellen"),
        form=forms.BesluitOpstellenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_besluit_opstellen),
        uitvoeren=lambda user, a, data: services.besluit_opstellen(
            aanvraag_id=a.pk, door=user, uitkomst=data["uitkomst"], motivering=data["motivering"]
        ),
    ),
    "goedkeuren": Actie(
        label=_lazy("Besluit goedkeuren"),
        form=forms.GoedkeurenForm,
        doel=_concept_besluit,
        mag=_met_besluit(permissions.can_besluit_goedkeuren, _concept_besluit),
        uitvoeren=lambda user, besluit, data: services.besluit_goedkeuren(
            besluit_id=besluit.pk,
            door=user,
            budget_overschrijding_bevestigd=data["budget_overschrijding_bevestigd"],
        ),
    ),
    "terugsturen": Actie(
        label=_lazy("Besluit terugsturen"),
        form=forms.TerugsturenForm,
        doel=_concept_besluit,
        mag=_met_besluit(permissions.can_besluit_terugsturen, _concept_besluit),
        uitvoeren=lambda user, besluit, data: services.besluit_terugsturen(
            besluit_id=besluit.pk, door=user, reden=data["reden"]
        ),
    ),
    "betaling": Actie(
        label=_lazy("Betaling registreren"),
        form=forms.BetalingForm,
        doel=_verzonden_besluit,
        mag=_met_besluit(permissions.can_betaling_registreren, _verzonden_besluit),
        uitvoeren=lambda user, besluit, data: services.betaling_registreren(
            besluit_id=besluit.pk,
            door=user,
            betaald_op=data["betaald_op"],
            bedrag=data["bedrag"],
            referentie=data["referentie"],
        ),
        initial=lambda zaak: {
            "betaald_op": timezone.localdate(),
            "bedrag": _openstaand(_verzonden_besluit(zaak)),
        },
    ),
    "bezwaar": Actie(
        label=_lazy("Bezwaar registreren"),
        form=forms.BezwaarForm,
        doel=_verzonden_besluit,
        mag=_met_besluit(permissions.can_bezwaar_registreren, _verzonden_besluit),
        uitvoeren=lambda user, besluit, data: services.bezwaar_registreren(
            besluit_id=besluit.pk,
            door=user,
            ontvangen_op=data["ontvangen_op"],
            toelichting=data["toelichting"],
        ),
    ),
    "ingebrekestelling": Actie(
        label=_lazy("Ingebrekestelling registreren"),
        form=forms.IngebrekestellingForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_ingebrekestelling_registreren),
        uitvoeren=lambda user, a, data: services.ingebrekestelling_registreren(
            aanvraag_id=a.pk, door=user, ontvangen_op=data["ontvangen_op"]
        ),
    ),
}


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


def actie_view(model_admin, request, aanvraag, slug):
    """Intermediate page of one action: GET shows the form, POST calls the service.

    Buttons are only shown when `can_*` allows them, but the page itself does not pre-check:
    the service decides and its refusal is shown in Dutch, so a stale page or a direct link
    gets the real reason (e.g. the four-eyes rule) instead of a bare 403.
    """
    actie = ACTIES.get(slug)
    if actie is None:
        raise Http404
    zaak = zaak_laden(aanvraag)
    doel = actie.doel(zaak)
    if doel is None:
        messages.error(request, _("Deze actie is bij deze aanvraag nu niet mogelijk."))
        return redirect("admin:aanvragen_aanvraag_change", aanvraag.pk)
    if slug == "beoordelen":
        return _beoordelen(model_admin, request, zaak, actie)
    data = request.POST if request.method == "POST" else None  # an empty POST is still a POST
    form = actie.form_voor(request.user)(data, initial=actie.initial(zaak))
    budget = None
    if request.method == "POST" and form.is_valid():
        try:
            actie.uitvoeren(request.user, doel, form.cleaned_data)
        except services.BudgetOverschrijding as fout:
            form.add_error(None, fout)
            budget = {"bedrag": fout.bedrag, "overzicht": fout.overzicht}
        except services.WorkflowFout as fout:
            form.add_error(None, fout)
        else:
            return _gelukt(request, aanvraag, actie)
    return _actie_pagina(
        model_admin,
        request,
        zaak,
        actie,
        slug=slug,
        form=form,
        doel=doel,
        budget=budget,
        mag=actie.mag(request.user, zaak),
    )


def _gelukt(request, aanvraag, actie):
    messages.success(
        request,
        _("Aanvraag %(kenmerk)s: %(actie)s is gelukt.")
        % {"kenmerk": aanvraag.kenmerk, "actie": actie.label_voor(request.user).lower()},
    )
    return redirect("admin:aanvragen_aanvraag_change", aanvraag.pk)


def _actie_pagina(model_admin, request, zaak, actie, **extra):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": zaak.aanvraag,
        "zaak": zaak,
        "actie": actie,
        "label": actie.label_voor(request.user),
        "title": f"{actie.label_voor(request.user)}: {zaak.aanvraag.kenmerk}",
        "totaal_toegekend": zaak.totaal_toegekend,
        **extra,
    }
    return TemplateResponse(request, "admin/aanvragen/aanvraag/actie.html", context)


def _beoordelen(model_admin, request, zaak, actie):
    """Assess every cost line in one form; all lines are saved together or none is."""
    posten = {k.pk: k for k in zaak.kostenposten}
    initial = [_beoordeling_initial(k) for k in zaak.kostenposten]
    data = request.POST if request.method == "POST" else None
    formset = forms.KostenpostBeoordelingFormSet(data, initial=initial)
    if request.method == "POST" and formset.is_valid():
        try:
            with transaction.atomic():
                for form in formset:
                    _kostenpost_opslaan(request.user, posten, form)
        except services.WorkflowFout:
            pass  # the error is on the form of the line it belongs to
        else:
            return _gelukt(request, zaak.aanvraag, actie)
    for form in formset:
        form.kostenpost = posten.get(form.initial.get("kostenpost_id"))
    return _actie_pagina(
        model_admin,
        request,
        zaak,
        actie,
        form=None,
        formset=formset,
        mag=actie.mag(request.user, zaak),
    )


def _kostenpost_opslaan(user, posten, form):
    data = form.cleaned_data
    if data["kostenpost_id"] not in posten:
        form.add_error(None, _("Deze kostenpost hoort niet bij de aanvraag."))
        raise services.WorkflowFout(_("Onbekende kostenpost."))
    try:
        services.kostenpost_beoordelen(
            kostenpost_id=data["kostenpost_id"],
            door=user,
            bedrag_toegekend=data["bedrag_toegekend"],
            reden_code=data["reden_code"],
            motivering=data["motivering"],
        )
    except services.WorkflowFout as fout:
        form.add_error(None, fout)
        raise


def _beoordeling_initial(kostenpost) -> dict:
    beoordeling = _beoordeling(kostenpost)
    if beoordeling is None:
        return {
            "kostenpost_id": kostenpost.pk,
            "bedrag_toegekend": kostenpost.bedrag,
            "reden_code": RedenCode.VOLLEDIG,
        }
    return {
        "kostenpost_id": kostenpost.pk,
        "bedrag_toegekend": beoordeling.bedrag_toegekend,
        "reden_code": beoordeling.reden_code,
        "motivering": beoordeling.motivering,
    }


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
