"""Admin: policy versions, the BZK work queue and case page, and the status history.

Who sees what (issue 5, item 7):
- beoordelaar and tweede beoordelaar: the whole queue and every case page, including the home
  address and the evidence; workflow buttons as `aanvragen.backoffice.permissions` allows;
- financieel medewerker: only decided cases (the current decision is approved or sent, see
  `aanvragen.selectors.filter_besloten`), in the queue and by URL alike (any other case is a
  404), without home address, evidence, information requests or intended refusals; the
  payment export;
- functioneel beheerder: policy versions, users, the status history and the access log, but
  no case content (no view right on claims).
Nobody edits a claim as a form: status and amounts change only through the action pages
(`aanvragen.backoffice.admin_views`), which call one service each.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Max
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN, Ambtstype
from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen
from fondsbeveiliging.core.admin import VerborgenIs404Mixin
from fondsbeveiliging.gemeenten.models import Gemeente, Provincie
from fondsbeveiliging.opmaak.formaat import euro

from .backoffice import admin_views, permissions, selectors, services
from .constants import AanvraagStatus, Bewijstype
from .forms import BedragField
from .models import Aanvraag, Betaalbatch, KostenCategorie, Regeling, StatusWijziging


def regeling_in_gebruik(regeling: Regeling | None) -> bool:
    """A version governs a submitted claim: it is frozen from then on."""
    if regeling is None or regeling.pk is None:
        return False
    return regeling.aanvragen.exclude(status=AanvraagStatus.CONCEPT).exists()


class KostenCategorieForm(forms.ModelForm):
    # Every amount in the back office is typed the Dutch way, through the one parser.
    plafond = BedragField(
        label=_("Maximum (incl. btw)"), required=False, help_text=_("Leeg: geen maximum.")
    )
    bewijs_bij_betaald = forms.MultipleChoiceField(
        label=_("Verplicht als al betaald"),
        choices=Bewijstype.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    bewijs_bij_offerte = forms.MultipleChoiceField(
        label=_("Verplicht bij offerte"),
        choices=Bewijstype.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = KostenCategorie
        fields = [
            "code",
            "naam",
            "volgorde",
            "toelichting",
            "plafond",
            "uitleg_verplicht",
            "bewijs_bij_betaald",
            "bewijs_bij_offerte",
        ]


class KostenCategorieInline(admin.StackedInline):
    model = KostenCategorie
    form = KostenCategorieForm
    extra = 0
    fields = [
        ("code", "naam", "volgorde"),
        "toelichting",
        ("plafond", "uitleg_verplicht"),
        ("bewijs_bij_betaald", "bewijs_bij_offerte"),
    ]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not regeling_in_gebruik(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not regeling_in_gebruik(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not regeling_in_gebruik(obj)


class RegelingEindeForm(forms.ModelForm):
    """For a frozen version: only the end date is editable."""

    class Meta:
        model = Regeling
        fields = ["geldig_tot"]

    def clean_geldig_tot(self):
        """An end date may not cut off claims already received under this version."""
        geldig_tot = self.cleaned_data.get("geldig_tot")
        if geldig_tot and self.instance.pk:
            laatste = self.instance.aanvragen.aggregate(m=Max("ingediend_op"))["m"]
            if laatste and geldig_tot < timezone.localdate(laatste):
                raise forms.ValidationError(
                    _("Er zijn aanvragen ontvangen tot en met %(datum)s onder deze versie.")
                    % {"datum": f"{timezone.localdate(laatste):%d-%m-%Y}"}
                )
        return geldig_tot


class RegelingForm(RegelingEindeForm):
    totaalplafond = BedragField(
        label=_("Maximum per ambtsdrager per periode (incl. btw)"),
        required=False,
        help_text=_("Leeg: geen maximum. De periode is de geldigheidsduur van deze versie."),
    )
    jaarbudget = BedragField(label=_("Budget per jaar"), nul_toegestaan=True)
    drempel_tweede_beoordelaar = BedragField(
        label=_("Tweede beoordelaar nodig vanaf (euro)"),
        nul_toegestaan=True,
        initial=0,
        help_text=_("0: altijd een tweede beoordelaar."),
    )
    ambtstypen = forms.MultipleChoiceField(
        label=_("Ambten die mogen aanvragen"),
        choices=Ambtstype.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Regeling
        fields = [
            "code",
            "naam",
            "grondslag",
            "geldig_van",
            "geldig_tot",
            "ambtstypen",
            "totaalplafond",
            "jaarbudget",
            "beslistermijn_weken",
            "hersteltermijn_weken",
            "zienswijzetermijn_weken",
            "betaaltermijn_weken",
            "gemeente_kennisgeving",
            "drempel_tweede_beoordelaar",
            "buitenlandse_iban_toegestaan",
        ]


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
    """Policy versions. Once a submitted claim uses a version only its end date can change."""

    form = RegelingForm
    inlines = [KostenCategorieInline]
    list_display = ["code", "naam", "geldig_van", "geldig_tot", "jaarbudget", "in_gebruik"]
    actions = ["kopieren"]
    fieldsets = [
        (None, {"fields": ["code", "naam", "grondslag", ("geldig_van", "geldig_tot")]}),
        (_("Wie en hoeveel"), {"fields": ["ambtstypen", "totaalplafond", "jaarbudget"]}),
        (
            _("Termijnen"),
            {
                "fields": [
                    "beslistermijn_weken",
                    "hersteltermijn_weken",
                    "zienswijzetermijn_weken",
                    "betaaltermijn_weken",
                ]
            },
        ),
        (
            _("Beoordeling en betaling"),
            {"fields": ["drempel_tweede_beoordelaar", "buitenlandse_iban_toegestaan"]},
        ),
        (_("Gemeente"), {"fields": ["gemeente_kennisgeving"]}),
    ]

    @admin.display(boolean=True, description=_("in gebruik"))
    def in_gebruik(self, obj):
        return regeling_in_gebruik(obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if regeling_in_gebruik(obj):
            kwargs["form"] = RegelingEindeForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if regeling_in_gebruik(obj):
            return [f.name for f in Regeling._meta.fields if f.name != "geldig_tot"]
        return ["aangemaakt_op"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.aanvragen.exists():
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Kopiëren als nieuwe versie (na de einddatum)"))
    def kopieren(self, request, queryset):
        for regeling in queryset:
            try:
                nieuw = services.regeling_kopieren(regeling_id=regeling.pk)
            except services.WorkflowFout as fout:
                self.message_user(request, " ".join(fout.messages), messages.ERROR)
                continue
            self.message_user(request, _("Nieuwe versie %(code)s gemaakt.") % {"code": nieuw.code})


# --- The work queue --------------------------------------------------------------------


class BehandelaarFilter(admin.SimpleListFilter):
    title = _("beoordelaar")
    parameter_name = "behandelaar"

    def lookups(self, request, model_admin):
        return [("mij", _("Mijn zaken")), ("niemand", _("Niet toegewezen"))]

    def queryset(self, request, queryset):
        if self.value() == "mij":
            return selectors.filter_mijn(queryset=queryset, user=request.user)
        if self.value() == "niemand":
            return selectors.filter_niet_toegewezen(queryset=queryset)
        return queryset


class TermijnFilter(admin.SimpleListFilter):
    """Open cases past their decision deadline, or due within a week."""

    title = _("beslistermijn")
    parameter_name = "termijn"

    def lookups(self, request, model_admin):
        return [("verlopen", _("Verlopen")), ("7dagen", _("Verloopt binnen 7 dagen"))]

    def queryset(self, request, queryset):
        if self.value() == "verlopen":
            return selectors.filter_te_laat(queryset=queryset)
        if self.value() == "7dagen":
            return selectors.filter_binnenkort(queryset=queryset)
        return queryset


class GemeenteFilter(admin.SimpleListFilter):
    """A drop-down instead of 342 links: one cheap query, no query string per municipality."""

    title = _("gemeente")
    parameter_name = "gemeente"
    template = "admin/aanvragen/aanvraag/filter_keuzelijst.html"

    def lookups(self, request, model_admin):
        return Gemeente.objects.order_by("naam").values_list("code", "naam")

    def queryset(self, request, queryset):
        return queryset.filter(gemeente_id=self.value()) if self.value() else queryset

    def choices(self, changelist):
        verborgen = [
            (naam, waarde)
            for naam, waarde in changelist.params.items()
            if naam not in (self.parameter_name, "p")
        ]
        yield {"verborgen": verborgen, "opties": self.lookup_choices, "waarde": self.value()}


class ProvincieFilter(admin.SimpleListFilter):
    title = _("provincie")
    parameter_name = "provincie"

    def lookups(self, request, model_admin):
        return Provincie.choices

    def queryset(self, request, queryset):
        return queryset.filter(gemeente__provincie=self.value()) if self.value() else queryset


@admin.register(Aanvraag)
class AanvraagAdmin(VerborgenIs404Mixin, admin.ModelAdmin):
    """The work queue and the case page. Nothing is edited here: actions go through services.

    A case outside the user's queue (`get_queryset`) is a 404 on every page of it. Each
    opened case and each search by name is written to the access log.
    The queue opens on each role's work (open cases for assessors, claims with an amount to
    pay for finance); the filters' "Alle" choice shows the rest.
    """

    # Fits 1280 px next to nothing (no nav sidebar, filters above the list): the office type
    # shares the applicant's cell, the deadline wraps its days left onto a second line.
    list_display = [
        "kenmerk",
        "aanvrager_kolom",
        "gemeente",
        "status",
        "behandelaar",
        "aangevraagd_bedrag",
        "termijn",
    ]
    list_filter = [
        admin_views.StatusFilter,
        BehandelaarFilter,
        TermijnFilter,
        GemeenteFilter,
        ProvincieFilter,
        "regeling",
    ]
    search_fields = ["kenmerk", "aanvrager_naam"]
    search_help_text = _("Zoek op kenmerk (bijv. FB-2026-000123) of op naam van de aanvrager.")
    ordering = ["beslistermijn_einde", "pk"]
    list_per_page = 50
    paginator = admin_views.UitgesteldeJoinPaginator
    # A second COUNT(*) over the whole table on every page adds nothing for the queue.
    show_full_result_count = False
    # Facet counts would add a COUNT per filter option over the whole queue.
    show_facets = admin.ShowFacets.NEVER
    actions = None

    def get_queryset(self, request):
        return selectors.werkvoorraad(fetched_by=request.user)

    def get_list_display(self, request):
        if admin_views.is_oppakken_zichtbaar(request.user):
            return [*self.list_display, admin_views.oppak_kolom(request.user)]
        return self.list_display

    def get_list_filter(self, request):
        """Assessors filter by assessor and deadline; finance by payment instead."""
        if request.user.has_rol(*BEOORDELAAR_ROLLEN):
            return self.list_filter
        status, *overige = [
            f for f in self.list_filter if f not in (BehandelaarFilter, TermijnFilter)
        ]
        return [status, admin_views.BetalingFilter, *overige]

    def get_search_results(self, request, queryset, search_term):
        """Digits mean a kenmerk; anything else is a (logged) search on the applicant's name."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if admin_views.is_volledig_kenmerk(term):
            return queryset.filter(kenmerk=term.upper()), False  # the unique index
        if admin_views.is_kenmerk_zoekterm(term):
            return queryset.filter(kenmerk__icontains=term), False
        return queryset.filter(aanvrager_naam__icontains=term), False

    def changelist_view(self, request, extra_context=None):
        term = request.GET.get("q", "").strip()
        if term and not admin_views.is_kenmerk_zoekterm(term) and self.has_view_permission(request):
            # The term itself is a name: it stays out of the log (see admin_views).
            inzage_vastleggen(
                request=request,
                actie=InzageActie.GEZOCHT,
                omschrijving=admin_views.NAAM_ZOEKOPDRACHT,
            )
        extra_context = {
            **(extra_context or {}),
            "budget_url": reverse("admin:aanvragen_aanvraag_budget"),
            "betalingen_url": (
                reverse("admin:aanvragen_betaalbatch_te_betalen")
                if permissions.can_betaalbatches_beheren(request.user)
                else None
            ),
        }
        return super().changelist_view(request, extra_context)

    def get_ordering(self, request):
        """The running deadline: a claim in objection sorts on its objection's 7:10 end.

        `selectors.werkvoorraad` annotates `termijn_einde`; an annotation cannot be the
        class attribute `ordering` (the admin's system check only knows model fields).
        """
        return [F("termijn_einde").asc(nulls_last=True), "pk"]

    @admin.display(description=_("uiterste beslisdatum"), ordering="termijn_einde")
    def termijn(self, obj):
        tekst = admin_views.termijn_tekst(obj)
        if admin_views.binnen_week(obj):
            return format_html("<strong>{}</strong>", tekst)
        return tekst

    @admin.display(description=_("aanvrager"), ordering="aanvrager_naam")
    def aanvrager_kolom(self, obj):
        # Not "aanvrager": the admin would show the model's user field of that name.
        return format_html(
            '{}<br><span class="help">{}</span>', obj.aanvrager_naam, obj.get_ambtstype_display()
        )

    @admin.display(description=_("aangevraagd bedrag"), ordering="bedrag_aangevraagd")
    def aangevraagd_bedrag(self, obj):
        # Dutch notation (€ 1.250,00) like the letters; the admin would print 1250,00.
        return euro(obj.bedrag_aangevraagd)

    # Case page --------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        return admin_views.zaak_fieldsets(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        return [f for _naam, opts in self.get_fieldsets(request, obj) for f in opts["fields"]]

    @admin.display(description=_("signalen over maxima"))
    def signalen(self, obj):
        return (
            format_html_join(mark_safe("<br>"), "{}", ((s,) for s in obj.plafondsignalen)) or "-"  # noqa: S308
        )

    def has_view_permission(self, request, obj=None):
        # The role decides, not the superuser flag: the demo's functioneel beheerder is a
        # superuser and must still see no queue, no budget link and no case.
        return permissions.can_werkvoorraad_bekijken(request.user) and super().has_view_permission(
            request, obj
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        # Looked up in `get_queryset` (the work queue), so a case the user may not read is
        # None here, exactly like one that does not exist.
        # change_view reads the case once for the log and once in Django's own view.
        cache = request.__dict__.setdefault("_aanvragen_cache", {})
        if (object_id, from_field) not in cache:
            cache[object_id, from_field] = super().get_object(request, object_id, from_field)
        return cache[object_id, from_field]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object_or_404(request, object_id)
        if obj is not None and self.has_view_permission(request, obj):
            inzage_vastleggen(
                request=request, obj=obj, actie=InzageActie.BEKEKEN, omschrijving=obj.kenmerk or ""
            )
            extra_context = {**(extra_context or {}), **admin_views.zaak_context(request, obj)}
        # Without the view right Django answers 403.
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("budget/", view(self.budget_view), name="aanvragen_aanvraag_budget"),
            path("voor-mij/", view(self.voor_mij_view), name="aanvragen_aanvraag_voor_mij"),
            path(
                "<path:object_id>/actie/<slug:actie>/",
                view(self.actie_view),
                name="aanvragen_aanvraag_actie",
            ),
            *super().get_urls(),
        ]

    def budget_view(self, request):
        if not permissions.can_budget_bekijken(request.user):
            raise PermissionDenied
        return admin_views.budget_view(self, request)

    def voor_mij_view(self, request):
        return admin_views.voor_mij_view(self, request)

    def actie_view(self, request, object_id, actie):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return admin_views.actie_view(self, request, obj, actie)


@admin.register(Betaalbatch)
class BetaalbatchAdmin(admin.ModelAdmin):
    """Finance's payment batches: the list, one page per batch, and what is still to pay.

    Nothing is edited as a form: a batch is made, and its rows marked paid, through the
    pages of `admin_views.betalingen`, which call one service each.
    """

    list_display = [
        "__str__",
        "aangemaakt_op",
        "aantal",
        "totaal_kolom",
        "betaald_kolom",
        "bestanden",
    ]
    ordering = ["-nummer"]
    list_per_page = 50
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        return selectors.betaalbatches()

    def has_module_permission(self, request):
        return permissions.can_betaalbatches_beheren(request.user)

    def has_view_permission(self, request, obj=None):
        # The role decides (see AanvraagAdmin.has_view_permission).
        return permissions.can_betaalbatches_beheren(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("totaal"), ordering="totaal")
    def totaal_kolom(self, obj):
        return euro(obj.totaal)

    @admin.display(description=_("betaald"))
    def betaald_kolom(self, obj):
        if obj.open_regels == 0:
            return _("Alle betaald")
        return _("%(open)s van %(aantal)s open") % {"open": obj.open_regels, "aantal": obj.aantal}

    @admin.display(description=_("bestanden"))
    def bestanden(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:aanvragen_betaalbatch_bestand", args=[obj.pk, "xml"]),
            _("SEPA (pain.001)"),
            reverse("admin:aanvragen_betaalbatch_bestand", args=[obj.pk, "csv"]),
            _("CSV"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "te-betalen/",
                view(self.te_betalen_view),
                name="aanvragen_betaalbatch_te_betalen",
            ),
            path(
                "terug-te-vorderen/",
                view(self.terug_te_vorderen_view),
                name="aanvragen_betaalbatch_terug_te_vorderen",
            ),
            path(
                "<int:batch_id>/bestand/<slug:soort>/",
                view(admin_views.betalingen.bestand_view),
                name="aanvragen_betaalbatch_bestand",
            ),
            *super().get_urls(),
        ]

    def te_betalen_view(self, request):
        return admin_views.betalingen.te_betalen_view(self, request)

    def terug_te_vorderen_view(self, request):
        return admin_views.betalingen.terug_te_vorderen_view(self, request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not object_id.isdigit():
            raise Http404
        return admin_views.betalingen.batch_view(self, request, int(object_id))

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "te_betalen_url": reverse("admin:aanvragen_betaalbatch_te_betalen"),
        }
        return super().changelist_view(request, extra_context)


@admin.register(StatusWijziging)
class StatusWijzigingAdmin(admin.ModelAdmin):
    """The append-only status history of all cases, read-only (for the functioneel beheerder).

    The 'toelichting' is text an assessor typed (why a term was postponed, why a draft was
    returned): case content, so only the assessor roles see it, in the list and on the
    detail page. The functioneel beheerder sees who changed which status when.
    """

    list_display = ["op", "aanvraag", "van", "naar", "door_tekst", "toelichting"]
    list_filter = ["naar"]
    list_select_related = ["aanvraag", "door"]
    search_fields = ["aanvraag__kenmerk"]
    date_hierarchy = "op"
    show_full_result_count = False
    INHOUD = "toelichting"

    def ziet_inhoud(self, request) -> bool:
        # The role decides, not the superuser flag (see AanvraagAdmin.has_view_permission).
        return request.user.has_rol(*BEOORDELAAR_ROLLEN)

    def get_list_display(self, request):
        if self.ziet_inhoud(request):
            return self.list_display
        return [veld for veld in self.list_display if veld != self.INHOUD]

    def get_fields(self, request, obj=None):
        velden = super().get_fields(request, obj)
        if self.ziet_inhoud(request):
            return velden
        return [veld for veld in velden if veld != self.INHOUD]

    @admin.display(description=_("door"), ordering="door")
    def door_tekst(self, obj):
        return obj.door_weergave

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
