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
