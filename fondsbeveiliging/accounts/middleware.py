"""Session limits and mandatory two-factor authentication for staff."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .signals import SESSION_LOGIN_AT


class SessionExpiryMiddleware:
    """End a session 12 hours after login, however active it was.

    The 15-minute idle limit is Django's own SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST; this adds the absolute limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            if login_at is None or time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


def requires_two_factor(user) -> bool:
    """Staff always; office holders when the deployment makes it mandatory."""
    if user.is_staff or user.is_superuser or user.is_bzk:
        return True
    return user.is_ambtsdrager and settings.AMBTSDRAGER_2FA_VERPLICHT


class StaffTwoFactorMiddleware:
    """Send a logged-in user who must use 2FA but has not verified to set-up or login.

    Guards every page, including the admin, so no staff page is reachable on a password
    alone.
    """

    ALLOWED_URL_NAMES = ("two_factor:setup", "two_factor:qr", "two_factor:setup_complete")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and requires_two_factor(user)
            and not user.is_verified()
            and not self._is_exempt(request.path)
        ):
            return redirect("two_factor:setup")
        return self.get_response(request)

    def _is_exempt(self, path: str) -> bool:
        exempt = [reverse(name) for name in self.ALLOWED_URL_NAMES]
        exempt += [reverse("accounts:logout"), "/" + settings.STATIC_URL.lstrip("/"), "/health/"]
        return any(path.startswith(prefix) for prefix in exempt if prefix)
