from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User
from .services import rol_toewijzen


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "rol", "gemeente", "is_active"]
    list_filter = ["rol", "is_active"]
    list_select_related = ["gemeente"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["gemeente"]
    readonly_fields = ["last_login", "date_joined", "is_staff"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "functie"]}),
        (
            _("Rol"),
            {"fields": ["rol", "ambtstype", "gemeente", "in_functie_sinds", "in_functie_tot"]},
        ),
        (
            _("Correspondentieadres"),
            {
                "fields": [
                    "correspondentie_adres",
                    "correspondentie_postcode",
                    "correspondentie_plaats",
                ]
            },
        ),
        (_("Status"), {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "password1", "password2", "rol", "ambtstype", "gemeente"],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Group membership and admin access follow the role; never edited by hand.
        rol_toewijzen(user=obj, rol=obj.rol)
