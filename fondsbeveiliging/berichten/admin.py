from django.contrib import admin

from .models import Bericht


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    """Read-only view of the outbox, for the functioneel beheerder to spot failures."""

    list_display = ["sleutel", "aangemaakt_op", "verstuurd_op", "pogingen", "laatste_fout"]
    list_filter = [("verstuurd_op", admin.EmptyFieldListFilter)]
    search_fields = ["sleutel"]
    # The body and address are not shown: staff need delivery status, not content.
    fields = ["sleutel", "aangemaakt_op", "verstuurd_op", "pogingen", "laatste_fout"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
