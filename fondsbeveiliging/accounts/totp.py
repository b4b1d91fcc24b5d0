"""TOTP helpers for the demo and the tests: a fixed key per address and the current code."""

import base64
import hashlib
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def demo_totp_key(email: str) -> str:
    """Return a fixed 20-byte hex key derived from the address (demo only, never production)."""
    return hashlib.sha1(
        f"fondsbeveiliging-demo:{email}".encode(), usedforsecurity=False
    ).hexdigest()


def base32_secret(device: TOTPDevice) -> str:
    """Return the key in the base32 form that authenticator apps expect."""
    return base64.b32encode(device.bin_key).decode()


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """Return the six-digit code the device accepts at `at` (now when omitted)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def seconds_left(device: TOTPDevice) -> int:
    """Seconds until the current code changes."""
    return int(device.step - (time.time() - device.t0) % device.step)
