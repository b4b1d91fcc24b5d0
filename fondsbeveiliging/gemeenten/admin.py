from django.contrib import admin

from .models import Gemeente


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "provincie", "geldig_van", "geldig_tot"]
    list_filter = ["provincie"]
    search_fields = ["code", "naam"]
    readonly_fields = ["code"]

    def get_readonly_fields(self, request, obj=None):
        # The CBS code is the natural key: settable once, never changed.
        return ["code"] if obj else []
