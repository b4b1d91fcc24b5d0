"""BZK triage in the back office: read-only meldingen, status steps only through services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen
from fondsbeveiliging.gemeenten.models import Provincie

from . import permissions, selectors, services
from .constants import Categorie, MeldingStatus, Ondersteuning
from .forms import InterneNotitieForm
from .models import Melding


def _tijd(moment) -> str:
    return f"{timezone.localtime(moment):%d-%m-%Y %H:%M}"


class StatusFilter(admin.SimpleListFilter):
    """Status without 'concept': concepts never reach the back office."""

    title = _lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(s.value, s.label) for s in MeldingStatus if s != MeldingStatus.CONCEPT]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class CategorieFilter(admin.SimpleListFilter):
    title = _lazy("soort incident")
    parameter_name = "categorie"

    def lookups(self, request, model_admin):
        return Categorie.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(categorieen__contains=[self.value()])
        return queryset


class OndersteuningFilter(admin.SimpleListFilter):
    title = _lazy("ondersteuning gewenst")
    parameter_name = "ondersteuning"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja, enige")), ("nee", _("Nee")), *Ondersteuning.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "ja":
            return queryset.exclude(ondersteuning=[])
        if value == "nee":
            return queryset.filter(ondersteuning=[])
        if value:
            return queryset.filter(ondersteuning__contains=[value])
        return queryset


class ProvincieFilter(admin.SimpleListFilter):
    title = _lazy("provincie")
    parameter_name = "provincie"

    def lookups(self, request, model_admin):
        return Provincie.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(gemeente__provincie=self.value())
        return queryset


STATUS_ACTIES = {
    "in-behandeling": (
        services.melding_in_behandeling_nemen,
        permissions.can_melding_in_behandeling_nemen,
        _lazy("In behandeling nemen"),
    ),
    "afhandelen": (
        services.melding_afhandelen,
        permissions.can_melding_afhandelen,
        _lazy("Afhandelen"),
    ),
}


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    """Staff with the view right read sent meldingen; every detail view is logged."""

    change_form_template = "meldingen/admin/melding_change_form.html"
    list_display = [
        "referentie",
        "ingediend_op",
        "status",
        "categorieen_lijst",
        "ambtstype",
        "gemeente",
        "aangifte",
        "ondersteuning_lijst",
    ]
    list_filter = [
        StatusFilter,
        CategorieFilter,
        ("datum_van", admin.DateFieldListFilter),
        "ambtstype",
        ProvincieFilter,
        ("gemeente", admin.RelatedOnlyFieldListFilter),
        OndersteuningFilter,
        "aangifte",
    ]
    list_select_related = ["gemeente"]
    search_fields = ["referentie"]
    date_hierarchy = "ingediend_op"
    ordering = ["-ingediend_op"]
    show_full_result_count = False

    def get_queryset(self, request):
        return selectors.meldingen_voor_backoffice(fetched_by=request.user).select_related(
            "gemeente", "eigenaar"
        )

    # Access: the role matrix decides (see permissions.py); nothing is ever edited here.
    def has_module_permission(self, request):
        return permissions.can_meldingen_bekijken(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.can_meldingen_bekijken(request.user)
        return permissions.can_melding_bekijken(request.user, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        gevolgen = ["impact_lijst"]
        if obj is not None and permissions.can_gevoelig_veld_bekijken(request.user, obj):
            gevolgen.append("psychische_impact")
        return [
            (
                None,
                {
                    "fields": [
                        "referentie",
                        "status",
                        "ingediend_op",
                        "eigenaar",
                        "ambtstype",
                        "gemeente",
                    ]
                },
            ),
            (
                _("Incident"),
                {
                    "fields": [
                        "datum_van",
                        "datum_tot",
                        "categorieen_lijst",
                        "categorie_anders",
                        "omschrijving",
                        "locatie",
                        "kanaal",
                        "gericht_op",
                        "doelwitten_lijst",
                        "dader",
                        "herhaald",
                    ]
                },
            ),
            (
                _("Melden en aangifte"),
                {"fields": ["intern_gemeld", "aangifte", "aangifte_kenmerk", "domicilie_gebruikt"]},
            ),
            (_("Gevolgen en ondersteuning"), {"fields": [*gevolgen, "ondersteuning_lijst"]}),
            (
                _("Bijlagen, aanvullingen en historie"),
                {
                    "fields": [
                        "bijlagen_links",
                        "aanvullingen_tekst",
                        "historie_tabel",
                        "aanvragen_links",
                    ]
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [f for _name, opts in self.get_fieldsets(request, obj) for f in opts["fields"]]

    @admin.display(description=_lazy("soort incident"))
    def categorieen_lijst(self, obj):
        return ", ".join(obj.get_categorieen_display())

    @admin.display(description=_lazy("wie werd getroffen"))
    def doelwitten_lijst(self, obj):
        return ", ".join(obj.get_doelwitten_display())

    @admin.display(description=_lazy("gevolgen"))
    def impact_lijst(self, obj):
        return ", ".join(obj.get_impact_display())

    @admin.display(description=_lazy("ondersteuning"))
    def ondersteuning_lijst(self, obj):
        return ", ".join(obj.get_ondersteuning_display())

    @admin.display(description=_lazy("bijlagen"))
    def bijlagen_links(self, obj):
        bijlagen = obj.bijlagen.all()
        if not bijlagen:
            return "-"
        return format_html_join(
            "",
            '<div><a href="{}">{}</a> ({})</div>',
            (
                (
                    reverse("meldingen:bijlage", args=[b.uuid]),
                    b.bestandsnaam,
                    filesizeformat(b.grootte),
                )
                for b in bijlagen
            ),
        )

    @admin.display(description=_lazy("aanvullingen"))
    def aanvullingen_tekst(self, obj):
        aanvullingen = obj.aanvullingen.all()
        if not aanvullingen:
            return "-"
        return format_html_join(
            "",
            '<div class="tekst-regels aanvulling-regel"><strong>{}</strong>: {}</div>',
            ((_tijd(a.aangemaakt_op), a.tekst or "-") for a in aanvullingen),
        )

    @admin.display(description=_lazy("historie"))
    def historie_tabel(self, obj):
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    _tijd(h.op),
                    h.get_gebeurtenis_display(),
                    h.get_van_status_display() or "-",
                    h.get_naar_status_display(),
                    h.door,
                    h.toelichting or "",
                )
                for h in obj.historie.select_related("door")
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            _("Wanneer"),
            _("Wat"),
            _("Status"),
            _("Door"),
            _("Notitie"),
            rows,
        )

    @admin.display(description=_lazy("gekoppelde aanvragen"))
    def aanvragen_links(self, obj):
        # The aanvragen app adds Aanvraag.meldingen (related_name "aanvragen").
        if not hasattr(obj, "aanvragen"):
            return "-"
        aanvragen = list(obj.aanvragen.all())
        if not aanvragen:
            return "-"
        return format_html_join(", ", "{}", ((self._aanvraag_link(a),) for a in aanvragen))

    @staticmethod
    def _aanvraag_link(aanvraag):
        try:
            url = reverse(
                f"admin:{aanvraag._meta.app_label}_{aanvraag._meta.model_name}_change",
                args=[aanvraag.pk],
            )
        except NoReverseMatch:
            return str(aanvraag)
        return format_html('<a href="{}">{}</a>', url, aanvraag)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        inzage_vastleggen(
            request=request, obj=obj, actie=InzageActie.BEKEKEN, omschrijving=obj.referentie
        )
        extra_context = {
            **(extra_context or {}),
            "status_acties": [
                (slug, label)
                for slug, (_service, check, label) in STATUS_ACTIES.items()
                if check(request.user, obj)
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/status/<slug:actie>/",
                self.admin_site.admin_view(self.status_view),
                name="meldingen_melding_status",
            ),
            *super().get_urls(),
        ]

    def status_view(self, request, object_id, actie):
        """Intermediate page: one status step with its internal note, through a service."""
        obj = self.get_object(request, object_id)
        if actie not in STATUS_ACTIES or obj is None or not self.has_view_permission(request, obj):
            raise Http404
        service, check, label = STATUS_ACTIES[actie]
        if not check(request.user, obj):
            raise PermissionDenied
        form = InterneNotitieForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                service(
                    melding=obj, door=request.user, toelichting=form.cleaned_data["toelichting"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    _("Melding %(ref)s: %(stap)s.") % {"ref": obj, "stap": label},
                    messages.SUCCESS,
                )
                return redirect("admin:meldingen_melding_change", obj.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"{label}: {obj}",
            "form": form,
            "label": label,
        }
        return TemplateResponse(request, "meldingen/admin/statuswijziging.html", context)
