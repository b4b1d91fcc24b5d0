"""The back office: Django's admin, reachable only for verified (2FA) BZK staff."""

import time

from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

from fondsbeveiliging.accounts.meldingen import beveiligingswijziging_melden


class BackOfficeAdminSite(AdminSiteOTPRequired):
    site_header = _("Fonds beveiligingsmaatregelen — backoffice BZK")
    site_title = _("Backoffice fonds beveiliging")
    index_title = _("Werkvoorraad en beheer")
    # The navigation sidebar took 300 px of a 1280 px laptop screen beside the queue's
    # filters; the breadcrumbs' "Voorpagina" leads to the same list of models.
    enable_nav_sidebar = False

    def has_permission(self, request):
        # Staff only, and only after two-factor verification (AdminSiteOTPRequired).
        return super().has_permission(request) and request.user.is_staff

    def password_change(self, request, extra_context=None):
        # Django's form asks for the current password first (the step-up); a change that
        # went through (the redirect to "done") is told to the account's address.
        response = super().password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            beveiligingswijziging_melden(
                user=request.user, wijziging="wachtwoord", sleutel=f"{time.time_ns()}"
            )
        return response
