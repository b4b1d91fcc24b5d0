"""Template context for every page."""

from django.conf import settings


def fonds_contact(request) -> dict:
    """The fund's contact block (`settings.FONDS_CONTACT`), for the footer and the pages."""
    return {"fonds_contact": settings.FONDS_CONTACT}
