"""The coordinator's back office: the queue of support requests and their workflow actions.

Nothing is edited in the admin forms: every step is an action page that calls one service.
Access follows the role matrix (`permissions.is_coordinator`), never the superuser flag.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen

from . import forms, permissions, selectors, services
from .constants import OPEN_STATUSSEN, VerzoekStatus
from .models import Ondersteuningsverzoek, Teamlid


class StatusFilter(admin.SimpleListFilter):
    """Open requests by default (the work), 'alle' for everything; concepts never show."""

    title = _lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        keuzes = [(s.value, s.label) for s in VerzoekStatus if s != VerzoekStatus.CONCEPT]
        return [("open", _("Alle openstaande")), ("alle", _("Alle")), *keuzes]

    def value(self):
        return super().value() or "open"

    def choices(self, changelist):
        for waarde, titel in self.lookup_choices:
            yield {
                "selected": self.value() == str(waarde),
                "query_string": changelist.get_query_string({self.parameter_name: waarde}),
                "display": titel,
            }

    def queryset(self, request, queryset):
        if self.value() == "alle":
            return queryset
        if self.value() == "open":
            return queryset.filter(status__in=OPEN_STATUSSEN)
        return queryset.filter(status=self.value())


@dataclass(frozen=True)
class Actie:
    """One workflow button: its form, who may use it now, the one service it calls."""

    label: str
    form: type
    mag: Callable
    uitvoeren: Callable
    uitleg: str = ""


def _plannen(user, verzoek, data):
    return services.activiteit_plannen(verzoek=verzoek, door=user, **data)


ACTIES: dict[str, Actie] = {
    "accepteren": Actie(
        _lazy("Accepteren"),
        forms.AccepterenForm,
        permissions.can_verzoek_accepteren,
        lambda user, v, data: services.verzoek_accepteren(verzoek=v, door=user, **data),
        _lazy(
            "De gemeente krijgt een bericht (zonder inhoud) en ziet de status en uw toelichting."
        ),
    ),
    "afwijzen": Actie(
        _lazy("Afwijzen"),
        forms.AfwijzenForm,
        permissions.can_verzoek_afwijzen,
        lambda user, v, data: services.verzoek_afwijzen(verzoek=v, door=user, **data),
        _lazy("De gemeente krijgt een bericht (zonder inhoud) en ziet de status en de reden."),
    ),
    "team": Actie(
        _lazy("Team toewijzen"),
        forms.TeamForm,
        permissions.can_team_toewijzen,
        lambda user, v, data: services.team_toewijzen(verzoek=v, door=user, **data),
        _lazy("Het team is intern. De gemeente ziet alleen de contactpersoon van een activiteit."),
    ),
    "plannen": Actie(
        _lazy("Activiteit plannen"),
        forms.ActiviteitForm,
        permissions.can_activiteit_plannen,
        _plannen,
        _lazy(
            "De gemeente ziet de activiteit met datum, locatie en contactpersoon. "
            "De contactpersoon komt uit het toegewezen team: wijs dus eerst een team toe."
        ),
    ),
    "debriefing": Actie(
        _lazy("Debriefing vastleggen"),
        forms.DebriefingForm,
        permissions.can_debriefing_vastleggen,
        lambda user, v, data: services.debriefing_vastleggen(verzoek=v, door=user, **data),
        _lazy("Hiermee wordt het verzoek afgerond. De gemeente ziet de debriefing niet."),
    ),
    "notitie": Actie(
        _lazy("Interne notitie"),
        forms.NotitieForm,
        permissions.can_notitie_toevoegen,
        lambda user, v, data: services.notitie_toevoegen(verzoek=v, door=user, **data),
    ),
}


def _tijd(moment) -> str:
    return f"{timezone.localtime(moment):%d-%m-%Y %H:%M}" if moment else "-"


@admin.register(Ondersteuningsverzoek)
class OndersteuningsverzoekAdmin(admin.ModelAdmin):
    """The queue (soonest meeting first) and the request page; every read is logged."""

    change_form_template = "ondersteuning/admin/verzoek_change_form.html"
    list_display = [
        "kenmerk",
        "bijeenkomst",
        "gemeente",
        "provincie",
        "status",
        "hulp",
        "ontvangen",
    ]
    list_display_links = ["kenmerk"]
    list_filter = [StatusFilter]
    search_fields = ["kenmerk"]
    ordering = ["bijeenkomst_op", "ingediend_op", "id"]
    list_select_related = ["gemeente"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # counts per status would cost a query each
    sortable_by = ()
    list_per_page = 50

    def get_queryset(self, request):
        return selectors.wachtrij(fetched_by=request.user)

    def has_module_permission(self, request):
        return permissions.can_verzoeken_coordineren(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.can_verzoeken_coordineren(request.user)
        return permissions.can_verzoek_bekijken(request.user, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_lazy("bijeenkomst"))
    def bijeenkomst(self, obj):
        if obj.bijeenkomst_op is None:
            return "-"
        dagen = (timezone.localdate(obj.bijeenkomst_op) - timezone.localdate()).days
        if dagen < 0:
            return _tijd(obj.bijeenkomst_op)
        return _("%(moment)s (over %(n)s dagen)") % {
            "moment": _tijd(obj.bijeenkomst_op),
            "n": dagen,
        }

    @admin.display(description=_lazy("provincie"))
    def provincie(self, obj):
        return obj.gemeente.provincie

    @admin.display(description=_lazy("gevraagde hulp"))
    def hulp(self, obj):
        return ", ".join(obj.get_hulpvormen_display())

    @admin.display(description=_lazy("ontvangen"))
    def ontvangen(self, obj):
        return _tijd(obj.ingediend_op)

    fieldsets = [
        (None, {"fields": ["kenmerk", "status", "gemeente", "ontvangen", "beslissing", "reden"]}),
        (
            _lazy("De bijeenkomst"),
            {
                "fields": [
                    "titel",
                    "bijeenkomst",
                    "locatie",
                    "verwacht_aantal",
                    "openbaar",
                    "livestream",
                    "onderwerp",
                ]
            },
        ),
        (_lazy("Risico's"), {"fields": ["risicosignalen_lijst", "risico_toelichting"]}),
        (_lazy("Gevraagde hulp"), {"fields": ["hulp", "hulp_toelichting"]}),
        (
            _lazy("Debriefing (intern)"),
            {"fields": ["debrief_verloop", "debrief_incidenten", "debrief_lessen"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [f for _name, opts in self.fieldsets for f in opts["fields"]]

    @admin.display(description=_lazy("risicosignalen"))
    def risicosignalen_lijst(self, obj):
        return ", ".join(obj.get_risicosignalen_display()) or "-"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        inzage_vastleggen(
            request=request, obj=obj, actie=InzageActie.BEKEKEN, omschrijving=obj.kenmerk
        )
        extra_context = {
            **(extra_context or {}),
            "acties": [(slug, a.label) for slug, a in ACTIES.items() if a.mag(request.user, obj)],
            "contactpersonen": obj.contactpersonen.all(),
            "teamleden": obj.teamleden.all(),
            "activiteiten": obj.activiteiten.select_related("contact"),
            "aanvullingen": obj.aanvullingen.all(),
            "bijlagen": obj.bijlagen.select_related("aanvulling"),
            "historie": obj.historie.select_related("door"),
            "gerelateerd": selectors.mogelijk_gerelateerd(verzoek=obj, fetched_by=request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/actie/<slug:actie>/",
                self.admin_site.admin_view(self.actie_view),
                name="ondersteuning_ondersteuningsverzoek_actie",
            ),
            *super().get_urls(),
        ]

    def actie_view(self, request, object_id, actie):
        """Intermediate page of one action: GET shows its form, POST calls its service."""
        obj = self.get_object(request, object_id)
        if actie not in ACTIES or obj is None or not self.has_view_permission(request, obj):
            raise Http404
        stap = ACTIES[actie]
        if not stap.mag(request.user, obj):
            raise PermissionDenied
        extra = {"verzoek": obj} if stap.form is forms.ActiviteitForm else {}
        form = stap.form(request.POST or None, **extra)
        if request.method == "POST" and form.is_valid():
            try:
                stap.uitvoeren(request.user, obj, form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    _("Verzoek %(kenmerk)s: %(stap)s is gelukt.")
                    % {"kenmerk": obj.kenmerk, "stap": str(stap.label).lower()},
                    messages.SUCCESS,
                )
                return redirect("admin:ondersteuning_ondersteuningsverzoek_change", obj.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"{stap.label}: {obj.kenmerk}",
            "form": form,
            "label": stap.label,
            "uitleg": stap.uitleg,
        }
        return TemplateResponse(request, "ondersteuning/admin/actie.html", context)


@admin.register(Teamlid)
class TeamlidAdmin(admin.ModelAdmin):
    """The members of the support teams, kept by the coordinators."""

    list_display = ["naam", "organisatie", "functie", "telefoon", "email", "actief"]
    list_filter = ["organisatie", "actief"]
    search_fields = ["naam"]
    fields = ["naam", "organisatie", "functie", "email", "telefoon", "actief"]

    def _mag(self, request, perm):
        return permissions.has_role_permission(request.user, f"ondersteuning.{perm}_teamlid")

    def has_module_permission(self, request):
        return self._mag(request, "view")

    def has_view_permission(self, request, obj=None):
        return self._mag(request, "view")

    def has_add_permission(self, request):
        return self._mag(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._mag(request, "change")

    def has_delete_permission(self, request, obj=None):
        return False
