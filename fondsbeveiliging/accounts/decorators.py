"""View decorators about who the user is, shared by the apps' own screens."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def ambtsdrager_required(view):
    """Logged in and an active office holder; everyone else gets a plain 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_ambtsdrager):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
