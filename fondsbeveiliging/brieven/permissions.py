"""Who may download which letter, see the municipality portal or preview a draft decision."""

from aanvragen.constants import BesluitStatus
from aanvragen.permissions import BEOORDELAAR_ROLLEN, INZAGE_ROLLEN
from fondsbeveiliging.accounts.constants import Rol

from .models import BriefStatus, Ontvanger


def _is_eigenaar(user, brief) -> bool:
    return user.is_ambtsdrager and brief.aanvraag.aanvrager_id == user.pk


def _is_eigen_gemeente(user, brief) -> bool:
    return user.is_gemeente_medewerker and brief.aanvraag.gemeente_id == user.gemeente_id


def can_view_portaal(user) -> bool:
    """Municipal staff bound to a municipality see their own municipality's letters."""
    return (
        user.is_authenticated
        and user.has_rol(Rol.GEMEENTE_MEDEWERKER)
        and user.gemeente_id is not None
    )


def can_download_brief(user, brief) -> bool:
    """The applicant their own letters; the municipality its copies; BZK case staff both."""
    if not (user.is_authenticated and user.is_active and brief.status == BriefStatus.KLAAR):
        return False
    if user.has_rol(*INZAGE_ROLLEN):
        return True
    if brief.ontvanger == Ontvanger.GEMEENTE:
        return _is_eigen_gemeente(user, brief)
    return _is_eigenaar(user, brief)


def is_staff_download(user) -> bool:
    return user.has_rol(*INZAGE_ROLLEN)


def can_preview_besluit(user, besluit) -> bool:
    """Assessors preview a decision letter until it is sent (then the stored PDF counts)."""
    return (
        user.is_authenticated
        and user.has_rol(*BEOORDELAAR_ROLLEN)
        and besluit.status != BesluitStatus.VERZONDEN
    )
