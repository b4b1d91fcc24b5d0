"""Denied object requests leave a trace: who asked for what they may not see."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import InzageActie
from .services import inzage_vastleggen


class GeweigerdeToegangMiddleware:
    """Log a 404 or 403 that a view raised for a logged-in person in the access log.

    Views answer "not yours" with a 404 (someone else's claim, another municipality's letter)
    or a 403 (a page outside the role). Only exceptions raised by a view arrive here, so an
    unknown URL is not logged; a guessed id is. The row names the method and path (ids, no
    query string, no content) and the address, like every other access-log row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        user = getattr(request, "user", None)
        if isinstance(exception, (Http404, PermissionDenied)) and user and user.is_authenticated:
            inzage_vastleggen(
                request=request,
                actie=InzageActie.GEWEIGERD,
                omschrijving=f"{request.method} {request.path}",
            )
        return None
