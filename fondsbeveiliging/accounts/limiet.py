"""A small fixed-window request counter in the cache, for the public forms.

Counts per IP address and per e-mail address (hashed: the cache holds no addresses).
Known and unknown addresses are counted the same way, so the limit reveals nothing.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

VENSTER = 60 * 60  # seconds


def _sleutel(soort: str, waarde: str) -> str:
    digest = hashlib.sha256(waarde.strip().lower().encode()).hexdigest()
    prefix = getattr(settings, "REGISTRATIE_LIMIET_SLEUTEL", "fb:registratie")
    return f"{prefix}:{soort}:{digest}"


def tellen(soort: str, waarde: str) -> int:
    """Count one request for (soort, waarde) in the current window; return the count."""
    sleutel = _sleutel(soort, waarde)
    if cache.add(sleutel, 1, timeout=VENSTER):
        return 1
    try:
        return cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, timeout=VENSTER)
        return 1


def registratie_te_vaak(*, ip: str, email: str) -> bool:
    """Count a registration request; True when the IP or the address is over its limit."""
    per_ip = getattr(settings, "REGISTRATIE_MAX_PER_IP", 10)
    per_adres = getattr(settings, "REGISTRATIE_MAX_PER_ADRES", 3)
    over_ip = tellen("ip", ip) > per_ip
    over_adres = tellen("adres", email) > per_adres
    return over_ip or over_adres
