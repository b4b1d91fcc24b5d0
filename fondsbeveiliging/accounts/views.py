"""Account pages: the role-specific start page and logout."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from . import vertraging
from .constants import Rol


@login_required
def start(request):
    """Send each role to its own start page after login."""
    user = request.user
    if user.is_staff:
        return redirect("admin:index")
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
        return super().form_valid(form)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/wachtwoord_nieuw_klaar.html"
