from django.contrib import admin

from .models import Inzage


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    """Read-only: the log can be viewed by the functioneel beheerder, never changed."""

    list_display = ["tijdstip", "gebruiker", "actie", "object_type", "omschrijving", "ip_adres"]
    list_filter = ["actie", "object_type"]
    list_select_related = ["gebruiker", "object_type"]
    search_fields = ["omschrijving", "gebruiker__email"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
