"""Per-account throttling of password guesses, on top of django-axes' lock per address.

Axes locks a (login name, address) pair after five failures, so an attacker with many
addresses gets five fresh tries from each. This counts failures per login name over all
addresses: the first ACCOUNT_VRIJE_POGINGEN are free; after that every attempt must wait
since the previous failure, one minute doubling per failure up to ACCOUNT_MAX_WACHTTIJD.
The cap keeps what an attacker can do to a real user short (at most that long, and
"Wachtwoord vergeten" always works); a successful login or a new password clears the count.
Unknown login names are counted the same way, so the answer reveals nothing.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied


def _sleutel(login_naam: str) -> str:
    # Hash the name: the cache holds no e-mail addresses.
    digest = hashlib.sha256(login_naam.strip().lower().encode()).hexdigest()
    return f"{settings.ACCOUNT_VERTRAGING_SLEUTEL}:{digest}"


def wachttijd(login_naam: str, *, nu: float | None = None) -> int:
    """Seconds the account must still wait before a new password attempt (0: none)."""
    stand = cache.get(_sleutel(login_naam))
    if not stand:
        return 0
    aantal, laatste = stand
    boven = aantal - settings.ACCOUNT_VRIJE_POGINGEN
    if boven < 0:
        return 0
    wacht = min(60 * 2**boven, settings.ACCOUNT_MAX_WACHTTIJD.total_seconds())
    return max(0, int(laatste + wacht - (time.time() if nu is None else nu)))


def mislukt(login_naam: str) -> None:
    """Count one failed attempt for the account (kept for a day after the last one)."""
    sleutel = _sleutel(login_naam)
    aantal, _laatste = cache.get(sleutel) or (0, 0.0)
    cache.set(sleutel, (aantal + 1, time.time()), timeout=24 * 3600)


def wissen(login_naam: str) -> None:
    cache.delete(_sleutel(login_naam))


class AccountVertragingBackend:
    """First authentication backend: refuses every attempt while the account must wait.

    Raising PermissionDenied stops Django from trying the other backends; the flag makes
    AxesMiddleware answer with the Dutch lockout page (429) naming the wait. No `get_user`:
    it never logs anyone in, so sessions and force_login keep using ModelBackend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not username:
            return None
        seconden = wachttijd(username)
        if seconden > 0:
            request.axes_locked_out = True
            request.fb_wachttijd = seconden
            raise PermissionDenied
        return None
