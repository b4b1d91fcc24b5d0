"""Step-up: the password again before a change that could hand the account to someone else.

Switching two-factor off, linking a new authenticator app, showing or renewing backup
codes and changing the login e-mail address ask for the password when it was not entered
in the last STAP_OP_GELDIG: a session left open on a shared computer is then not enough to
take the account over. Logging in counts as entering it (the first set-up right after login
asks nothing extra).
"""

import time

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

STAP_OP_SESSIE = "fb_wachtwoord_bevestigd_op"
STAP_OP_GELDIG = 5 * 60  # seconds
STAP_OP_PAGINAS = frozenset(
    {
        "two_factor:disable",
        "two_factor:setup",
        "two_factor:backup_tokens",
        "two_factor:qr",
        "gegevens:email_wijzigen",
    }
)


def bevestigd(request) -> None:
    """The person just entered their password (login or the confirmation page)."""
    request.session[STAP_OP_SESSIE] = int(time.time())


def is_recent_bevestigd(request) -> bool:
    moment = request.session.get(STAP_OP_SESSIE)
    return moment is not None and time.time() - moment <= STAP_OP_GELDIG


class StapOpMiddleware:
    """Send a request for a sensitive account page to the password confirmation first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if (
            match is None
            or match.view_name not in STAP_OP_PAGINAS
            or user is None
            or not user.is_authenticated
            or is_recent_bevestigd(request)
        ):
            return None
        # After confirming, a GET comes back where it was; a POST starts its page again.
        volgende = request.get_full_path() if request.method == "GET" else reverse(match.view_name)
        return redirect(
            f"{reverse('accounts:wachtwoord_bevestigen')}?{urlencode({'next': volgende})}"
        )
