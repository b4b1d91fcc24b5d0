"""Response and request hygiene that holds for every page: headers and hostile query strings."""

from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.cache import add_never_cache_headers

# PostgreSQL cannot hold NUL in text and raises on it; other C0 controls have no business in
# a query string either. Form fields refuse them with a message (Django's own validator).
_VERBODEN_TEKENS = frozenset(chr(code) for code in range(32)) - {"\t", "\n", "\r"}


class CSPMiddleware(DjangoCSPMiddleware):
    """django-csp's middleware without its DEBUG exemption for 404 and 500 pages.

    One policy everywhere, development included: an error page is as much a page of this site
    as any other (Django's own debug pages then show unstyled, which is fine for developers).
    """

    def process_response(self, request, response):
        if not settings.DEBUG:
            return super().process_response(request, response)
        status = response.status_code
        response.status_code = 200  # the parent skips 404/500 only when DEBUG is on
        try:
            return super().process_response(request, response)
        finally:
            response.status_code = status


class QueryStringMiddleware:
    """Answer a query string with NUL or other control characters with a 400 page.

    Filters in the back office pass query values to the database; `?status=%00` used to end
    in a 500. A 400 says plainly that the request was not understood.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for sleutel, waarden in request.GET.lists():
            if any(_VERBODEN_TEKENS.intersection(tekst) for tekst in (sleutel, *waarden)):
                raise BadRequest("control character in the query string")
        return self.get_response(request)


class NoStoreMiddleware:
    """No browser or proxy keeps a page shown to a logged-in person.

    Every response to an authenticated request gets `Cache-Control: no-store` (file downloads
    already set it), so the back button after logging out, a shared computer or a proxy cache
    never shows a case, a melding or the portal again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        already_private = "no-store" in response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not already_private:
            add_never_cache_headers(response)
        return response
