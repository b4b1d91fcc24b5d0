"""Back office for the records manager: the schedule, legal holds, and destruction lists.

The list pages are read-only; exempting, approving and downloading are small views that
call one service each (`services.py`), checked by `permissions.py`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanvragen.models import Aanvraag
from fondsbeveiliging.core.files import private_file_response, private_storage
from fondsbeveiliging.core.tekst import REGEL, TOELICHTING, TekstField, met_limiet
from meldingen.models import Melding

from . import permissions, services
from .constants import ItemStatus, LijstStatus
from .models import Bewaarplicht, Bewaartermijn, Vernietigingsitem, Vernietigingslijst


@admin.register(Bewaartermijn)
class BewaartermijnAdmin(admin.ModelAdmin):
    """The schedule: one row per kind, edited (not added or removed) by the records manager."""

    list_display = ["soort", "omschrijving", "grondslag"]
    fields = ["soort", "jaren", "dagen", "ingang", "vanaf_einde_jaar", "grondslag"]
    readonly_fields = ["soort"]
    formfield_overrides = {models.TextField: {"form_class": met_limiet(TOELICHTING)}}

    @admin.display(description=gettext_lazy("bewaartermijn"))
    def omschrijving(self, obj):
        return obj.omschrijving

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BewaarplichtForm(forms.ModelForm):
    """A hold is placed by case reference: the records manager knows kenmerken, not ids."""

    kenmerk = forms.CharField(
        label=gettext_lazy("Kenmerk van de aanvraag of referentie van de melding"),
        max_length=20,
        help_text=gettext_lazy("Bijvoorbeeld FB-2026-000123 of M-2026-000045."),
    )

    class Meta:
        model = Bewaarplicht
        fields = ["reden"]
        field_classes = {"reden": met_limiet(REGEL)}

    def clean_kenmerk(self):
        kenmerk = self.cleaned_data["kenmerk"].strip().upper()
        self.instance.aanvraag = Aanvraag.objects.filter(kenmerk=kenmerk).first()
        self.instance.melding = (
            None if self.instance.aanvraag else Melding.objects.filter(referentie=kenmerk).first()
        )
        if self.instance.aanvraag is None and self.instance.melding is None:
            raise ValidationError(_("Er is geen aanvraag of melding met dit kenmerk."))
        return kenmerk


@admin.register(Bewaarplicht)
class BewaarplichtAdmin(admin.ModelAdmin):
    """Legal holds: while one is active, nothing of the case is listed or destroyed."""

    list_display = ["__str__", "ingesteld_op", "ingesteld_door", "opgeheven_op"]
    list_filter = [("opgeheven_op", admin.EmptyFieldListFilter)]
    list_select_related = ["aanvraag", "melding", "ingesteld_door"]
    actions = ["opheffen"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = BewaarplichtForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["kenmerk", "reden"] if obj is None else ["aanvraag", "melding", "reden"]

    def get_readonly_fields(self, request, obj=None):
        return ["aanvraag", "melding"] if obj else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.ingesteld_door = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Bewaarplicht opheffen"), permissions=["change"])
    def opheffen(self, request, queryset):
        aantal = queryset.filter(opgeheven_op__isnull=True).update(
            opgeheven_op=timezone.now(), opgeheven_door=request.user
        )
        messages.success(request, _("%(aantal)s bewaarplicht(en) opgeheven.") % {"aantal": aantal})


@admin.register(Vernietigingslijst)
class VernietigingslijstAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "aantal_records", "goedkeuring", "acties"]
    list_filter = ["status"]
    list_select_related = ["goedgekeurd_door"]
    fields = ["aangemaakt_op", "status", "goedgekeurd_door", "goedgekeurd_op", "voltooid_op"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("items"))

    @admin.display(description=gettext_lazy("records"), ordering="aantal")
    def aantal_records(self, obj):
        url = reverse("admin:bewaring_vernietigingsitem_changelist") + f"?lijst__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.aantal)

    @admin.display(description=gettext_lazy("goedgekeurd"), ordering="goedgekeurd_op")
    def goedkeuring(self, obj):
        if obj.goedgekeurd_door is None:
            return "—"
        door = obj.goedgekeurd_door
        wanneer = timezone.localtime(obj.goedgekeurd_op)
        return f"{door.get_full_name() or door.email}, {wanneer:%d-%m-%Y %H:%M}"

    @admin.display(description=gettext_lazy("acties"))
    def acties(self, obj):
        if obj.status == LijstStatus.CONCEPT:
            url = reverse("admin:bewaring_vernietigingslijst_goedkeuren", args=[obj.pk])
            return format_html('<a href="{}">{}</a>', url, _("Beoordelen en goedkeuren"))
        if obj.status == LijstStatus.VOLTOOID and obj.verslag_pdf:
            pdf = reverse("admin:bewaring_vernietigingslijst_verslag", args=[obj.pk, "pdf"])
            csv = reverse("admin:bewaring_vernietigingslijst_verslag", args=[obj.pk, "csv"])
            return format_html(
                '<a href="{}">{}</a> · <a href="{}">{}</a>',
                pdf,
                _("Verslag (PDF)"),
                csv,
                _("Verslag (CSV)"),
            )
        return ""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/goedkeuren/",
                view(self.goedkeuren_view),
                name="bewaring_vernietigingslijst_goedkeuren",
            ),
            path(
                "<int:pk>/verslag/<str:formaat>/",
                view(self.verslag_view),
                name="bewaring_vernietigingslijst_verslag",
            ),
            *super().get_urls(),
        ]

    def goedkeuren_view(self, request, pk):
        lijst = get_object_or_404(Vernietigingslijst, pk=pk)
        if not permissions.is_archiefbeheerder(request.user):
            raise PermissionDenied
        if request.method == "POST" and permissions.can_vernietigingslijst_goedkeuren(
            request.user, lijst
        ):
            try:
                services.vernietigingslijst_goedkeuren(lijst=lijst, door=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("De lijst is goedgekeurd. De vernietiging begint nu."))
            return redirect("admin:bewaring_vernietigingslijst_changelist")
        tellingen = (
            lijst.items.values("soort", "status").annotate(aantal=Count("pk")).order_by("soort")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Vernietigingslijst beoordelen"),
            "lijst": lijst,
            "tellingen": [
                {
                    **t,
                    "soort_label": dict(Vernietigingsitem._meta.get_field("soort").choices)[
                        t["soort"]
                    ],
                    "status_label": ItemStatus(t["status"]).label,
                }
                for t in tellingen
            ],
            "items_url": reverse("admin:bewaring_vernietigingsitem_changelist")
            + f"?lijst__id__exact={lijst.pk}",
            "mag": permissions.can_vernietigingslijst_goedkeuren(request.user, lijst),
        }
        return TemplateResponse(request, "admin/bewaring/goedkeuren.html", context)

    def verslag_view(self, request, pk, formaat):
        lijst = get_object_or_404(Vernietigingslijst, pk=pk)
        if formaat not in ("pdf", "csv") or not permissions.can_verslag_downloaden(
            request.user, lijst
        ):
            raise Http404
        naam = lijst.verslag_pdf if formaat == "pdf" else lijst.verslag_csv
        soort = "application/pdf" if formaat == "pdf" else "text/csv; charset=utf-8"
        bestand = private_storage().open(naam, "rb")
        return private_file_response(
            _Bestand(bestand),
            download_name=f"vernietigingsverslag-{lijst.pk}.{formaat}",
            content_type=soort,
        )


class _Bestand:
    """Adapts an opened storage file to the FieldFile interface `private_file_response` uses."""

    def __init__(self, bestand):
        self._bestand = bestand

    def open(self, mode="rb"):
        return self._bestand


class UitzonderenForm(forms.Form):
    reden = TekstField(
        label=gettext_lazy("Reden van uitzondering"),
        limiet=REGEL,
        help_text=gettext_lazy(
            "Intern, zonder persoonsgegevens: bijvoorbeeld 'bezwaar of beroep loopt'."
        ),
    )


@admin.register(Vernietigingsitem)
class VernietigingsitemAdmin(admin.ModelAdmin):
    list_display = [
        "omschrijving",
        "soort",
        "ingangsdatum",
        "status",
        "uitzonderingsreden",
        "uitgezonderd_door",
    ]
    list_filter = ["status", "soort", "lijst"]
    list_select_related = ["uitgezonderd_door"]
    search_fields = ["omschrijving"]
    actions = ["uitzonderen"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_uitzonderen_permission(self, request):
        return permissions.is_archiefbeheerder(request.user)

    @admin.action(
        description=gettext_lazy("Uitzonderen van vernietiging (met reden)"),
        permissions=["uitzonderen"],
    )
    def uitzonderen(self, request, queryset):
        form = UitzonderenForm(request.POST if "reden" in request.POST else None)
        if form.is_bound and form.is_valid():
            aantal = 0
            for item in queryset.select_related("lijst"):
                if not permissions.can_vernietigingsitem_uitzonderen(request.user, item):
                    continue
                try:
                    services.item_uitzonderen(
                        item=item, door=request.user, reden=form.cleaned_data["reden"]
                    )
                    aantal += 1
                except ValidationError:
                    continue
            messages.success(request, _("%(aantal)s record(s) uitgezonderd.") % {"aantal": aantal})
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Uitzonderen van vernietiging"),
            "form": form,
            "items": queryset[:100],
            "aantal": queryset.count(),
            "geselecteerd": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/bewaring/uitzonderen.html", context)
