"""What may this user see: every melding query for a person goes through here."""

from django.http import Http404

from .constants import MeldingStatus
from .models import Bijlage, Melding
from .permissions import can_bijlage_downloaden, can_meldingen_bekijken


def meldingen_van_eigenaar(*, eigenaar):
    """The office holder's own meldingen, newest first; nobody else's."""
    if not (eigenaar.is_authenticated and eigenaar.is_ambtsdrager):
        return Melding.objects.none()
    return Melding.objects.filter(eigenaar=eigenaar).order_by("-aangemaakt_op")


def meldingen_voor_backoffice(*, fetched_by):
    """Sent meldingen for BZK staff with the view right; concepts stay private."""
    if not can_meldingen_bekijken(fetched_by):
        return Melding.objects.none()
    return Melding.objects.exclude(status=MeldingStatus.CONCEPT).order_by("-ingediend_op")


def get_eigen_melding(*, user, melding_uuid) -> Melding:
    """The user's own melding or 404: the same answer whether it exists or not."""
    melding = meldingen_van_eigenaar(eigenaar=user).filter(uuid=melding_uuid).first()
    if melding is None:
        raise Http404
    return melding


def get_bijlage(*, user, bijlage_uuid) -> Bijlage:
    """An attachment the user may download, or 404 (never 403: that would confirm it)."""
    bijlage = (
        Bijlage.objects.select_related("melding").filter(uuid=bijlage_uuid).first()
        if user.is_authenticated
        else None
    )
    if bijlage is None or not can_bijlage_downloaden(user, bijlage):
        raise Http404
    return bijlage
