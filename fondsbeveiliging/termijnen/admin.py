from django.contrib import admin

from fondsbeveiliging.termijnen.models import ExtraFeestdag


@admin.register(ExtraFeestdag)
class ExtraFeestdagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"
    search_fields = ["omschrijving"]
