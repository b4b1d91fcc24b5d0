"""Letters in the back office: status, failures and a retry action; read-only otherwise."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.admin import VerborgenIs404Mixin

from . import selectors, services
from .models import Brief, BriefStatus, Verzending


class VerzendingInline(admin.TabularInline):
    model = Verzending
    extra = 0
    can_delete = False
    fields = ["verzonden_op", "kanaal", "aan"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Brief)
class BriefAdmin(VerborgenIs404Mixin, admin.ModelAdmin):
    list_display = [
        "pk",
        "kenmerk",
        "soort",
        "ontvanger",
        "versie",
        "status",
        "pogingen",
        "gegenereerd_op",
        "download",
    ]
    list_filter = ["status", "soort", "ontvanger"]
    list_select_related = ["aanvraag"]
    search_fields = ["aanvraag__kenmerk"]
    ordering = ["-aangemaakt_op", "-pk"]
    actions = ["opnieuw_proberen"]
    inlines = [VerzendingInline]
    readonly_fields = [
        "aanvraag",
        "besluit",
        "aanvulverzoek",
        "voornemen",
        "bron",
        "soort",
        "ontvanger",
        "versie",
        "status",
        "sha256",
        "grootte",
        "gegenereerd_op",
        "pogingen",
        "laatste_fout",
        "aangemaakt_op",
        "ingepland_op",
        "download",
    ]
    exclude = ["bestand"]

    def get_queryset(self, request):
        # Also the object lookup: a letter outside the list is "not found" on its page too.
        return selectors.backoffice_brieven(fetched_by=request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kenmerk"), ordering="aanvraag__kenmerk")
    def kenmerk(self, obj):
        return obj.aanvraag.kenmerk

    @admin.display(description=_("pdf"))
    def download(self, obj):
        if obj.status != BriefStatus.KLAAR:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("brieven:download", args=[obj.pk]), _("downloaden")
        )

    def has_opnieuw_proberen_permission(self, request):
        return request.user.has_perm("brieven.opnieuw_proberen_brief")

    @admin.action(description=_("Opnieuw proberen"), permissions=["opnieuw_proberen"])
    def opnieuw_proberen(self, request, queryset):
        aantal = sum(
            services.brief_opnieuw_proberen(brief_id=pk)
            for pk in queryset.filter(status=BriefStatus.MISLUKT).values_list("pk", flat=True)
        )
        self.message_user(
            request,
            _("%(aantal)s brief(ven) opnieuw ingepland.") % {"aantal": aantal},
            messages.SUCCESS if aantal else messages.WARNING,
        )
