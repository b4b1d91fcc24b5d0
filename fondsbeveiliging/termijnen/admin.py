from django.contrib import admin

from fondsbeveiliging.termijnen.models import ExtraFeestdag


@admin.register(ExtraFeestdag)
class ExtraFeestdagAdmin(admin.ModelAdmin):
    """Extra non-working days by Royal Decree, kept by the functioneel beheerder.

    A change takes effect in every computation within a minute (the calendar's cache);
    deadlines already stored on cases are not recomputed.
    """

    list_display = ["datum", "omschrijving", "koninklijk_besluit"]
    fields = ["datum", "omschrijving", "koninklijk_besluit"]
    date_hierarchy = "datum"
    search_fields = ["omschrijving", "koninklijk_besluit"]
