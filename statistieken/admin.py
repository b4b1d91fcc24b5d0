"""The statistics in the back office: the 'Statistieken' entry of the admin index opens the
statistics page (the changelist of the report model), with its CSV, report and download
URLs next to it. Reports are never added, changed or deleted by hand."""

from django.contrib import admin
from django.http import Http404
from django.urls import path

from . import permissions, views
from .models import Kwartaalrapport


@admin.register(Kwartaalrapport)
class KwartaalrapportAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return permissions.can_statistieken_bekijken(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_statistieken_bekijken(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return views.pagina(self, request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A report has no form: it is downloaded from the statistics page.
        raise Http404

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "csv/<slug:sleutel>/",
                view(lambda request, sleutel: views.tabel_csv(self, request, sleutel)),
                name="statistieken_tabel_csv",
            ),
            path(
                "rapport/",
                view(lambda request: views.rapport_maken(self, request)),
                name="statistieken_rapport_maken",
            ),
            path(
                "<int:pk>/download/",
                view(lambda request, pk: views.rapport_downloaden(self, request, pk)),
                name="statistieken_rapport_downloaden",
            ),
            *super().get_urls(),
        ]
