"""Account pages: the role-specific start page and logout."""

import time
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from . import stapop, vertraging
from .constants import BEOORDELAAR_ROLLEN, Rol
from .meldingen import beveiligingswijziging_melden


def backoffice_start(user) -> str:
    """The back-office page `user` starts on after login: their own queue, or the index.

    Only the landing goes there: the index ("Voorpagina" in the breadcrumbs) stays
    reachable, for meldingen, letters and statistics.
    """
    if user.has_rol(Rol.FINANCIEEL_MEDEWERKER):
        return reverse("admin:aanvragen_betaalbatch_te_betalen")  # finance's queue
    if user.has_rol(*BEOORDELAAR_ROLLEN):
        return reverse("admin:aanvragen_aanvraag_changelist")
    return reverse("admin:index")


@login_required
def start(request):
    """Send each role to its own start page after login."""
    user = request.user
    if user.is_staff:
        return redirect(backoffice_start(user))
    if user.rol == Rol.GEMEENTE_MEDEWERKER:
        return redirect("brieven:portaal")  # the municipality portal is their start page
    if user.rol == Rol.AMBTSDRAGER:
        return render(request, "accounts/start_ambtsdrager.html")
    return render(request, "accounts/geen_rol.html", status=403)


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("two_factor:login")


class PasswordResetView(auth_views.PasswordResetView):
    """Same answer for known and unknown addresses: Django never says which it was."""

    template_name = "registration/wachtwoord_vergeten.html"
    email_template_name = "registration/wachtwoord_vergeten_email.txt"
    subject_template_name = "registration/wachtwoord_vergeten_onderwerp.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    # The link is built from SITE_URL only, never from the request's Host header: a forged
    # Host would otherwise put an attacker's address in front of a valid reset token.
    @property
    def domain_override(self):
        return urlsplit(settings.SITE_URL).netloc

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/wachtwoord_vergeten_verstuurd.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/wachtwoord_nieuw.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        # A new password chosen by mail ends any wait the account's failed logins caused.
        vertraging.wissen(form.user.email)
        response = super().form_valid(form)
        beveiligingswijziging_melden(
            user=form.user, wijziging="wachtwoord", sleutel=f"{time.time_ns()}"
        )
        return response


class WachtwoordBevestigenForm(forms.Form):
    wachtwoord = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_wachtwoord(self):
        wachtwoord = self.cleaned_data["wachtwoord"]
        if vertraging.wachttijd(self.user.email) > 0:
            raise forms.ValidationError(
                _("Er is te vaak een onjuist wachtwoord ingevuld. Probeer het later opnieuw.")
            )
        if not self.user.check_password(wachtwoord):
            vertraging.mislukt(self.user.email)
            raise forms.ValidationError(_("Dit wachtwoord is niet juist."))
        return wachtwoord


@login_required
def wachtwoord_bevestigen(request):
    """Step-up: the password again before a sensitive change (see stapop.py)."""
    volgende = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        volgende = reverse("two_factor:profile")
    form = WachtwoordBevestigenForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        stapop.bevestigd(request)
        return redirect(volgende)
    return render(
        request,
        "accounts/wachtwoord_bevestigen.html",
        {"form": form, "next": volgende},
        status=400 if form.errors else 200,
    )


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/wachtwoord_nieuw_klaar.html"
