"""django-axes integration for the two-step login wizard."""


def lockout_username(request, credentials=None) -> str | None:
    """Return the login name axes counts failures for, lower-cased.

    Axes reads the name from `credentials` (passed by `authenticate`, key `username`) or
    from the POST data. The two_factor login wizard prefixes its fields (`auth-username`),
    so a single form-field setting cannot serve both paths.
    """
    name = (credentials or {}).get("username")
    if not name and request is not None:
        data = getattr(request, "POST", None) or {}
        name = data.get("auth-username") or data.get("username")
    return name.strip().lower() if name else None


def lockout_response(request, original_response=None, credentials=None):
    """Render the Dutch lockout page (HTTP 429) naming the configured cool-off in minutes."""
    from django.conf import settings
    from django.shortcuts import render

    # The per-account wait (vertraging.py) when that refused the attempt, else axes' cool-off.
    seconden = getattr(request, "fb_wachttijd", None)
    if seconden is None:
        seconden = settings.AXES_COOLOFF_TIME.total_seconds()
    minuten = max(1, -(-int(seconden) // 60))
    return render(request, "accounts/lockout.html", {"minuten": minuten}, status=429)
