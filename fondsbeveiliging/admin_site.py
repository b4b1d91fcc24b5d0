"""The back office: Django's admin, reachable only for verified (2FA) BZK staff."""

from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired


class BackOfficeAdminSite(AdminSiteOTPRequired):
    site_header = _("Fonds beveiligingsmaatregelen — backoffice BZK")
    site_title = _("Backoffice fonds beveiliging")
    index_title = _("Werkvoorraad en beheer")

    def has_permission(self, request):
        # Staff only, and only after two-factor verification (AdminSiteOTPRequired).
        return super().has_permission(request) and request.user.is_staff
