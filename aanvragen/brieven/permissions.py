"""Who may download which letter, see the municipality portal or preview a draft decision."""

from aanvragen.constants import INZAGE_ROLLEN, BesluitStatus
from aanvragen.permissions import can_aanvraag_bekijken
from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN, Rol

from .models import BriefSoort, BriefStatus, Ontvanger

# Finance pays on the decision: it gets the decision letters of the claims it may read, not
# the letters about information requests or intended refusals its case page leaves out.
FINANCIEEL_BRIEFSOORTEN = frozenset(
    {
        BriefSoort.BESLUIT,
        BriefSoort.HERZIENINGSBESLUIT,
        BriefSoort.BESLISSING_OP_BEZWAAR,
        BriefSoort.DWANGSOMBESLUIT,
    }
)


def _is_eigenaar(user, brief) -> bool:
    return user.is_ambtsdrager and brief.aanvraag.aanvrager_id == user.pk


def _is_eigen_gemeente(user, brief) -> bool:
    return user.is_gemeente_medewerker and brief.aanvraag.gemeente_id == user.gemeente_id


def can_portaal_bekijken(user) -> bool:
    """Municipal staff bound to a municipality see their own municipality's letters."""
    return (
        user.is_authenticated
        and user.has_rol(Rol.GEMEENTE_MEDEWERKER)
        and user.gemeente_id is not None
    )


def can_brief_downloaden(user, brief) -> bool:
    """The applicant their own letters; the municipality its copies; assessors both.

    Finance: decision letters (both copies) of a claim it may read, i.e. a decided one.
    """
    if not (user.is_authenticated and user.is_active and brief.status == BriefStatus.KLAAR):
        return False
    if user.has_rol(*BEOORDELAAR_ROLLEN):
        return True
    if user.has_rol(Rol.FINANCIEEL_MEDEWERKER):
        return brief.soort in FINANCIEEL_BRIEFSOORTEN and can_aanvraag_bekijken(
            user, brief.aanvraag
        )
    if brief.ontvanger == Ontvanger.GEMEENTE:
        return _is_eigen_gemeente(user, brief)
    return _is_eigenaar(user, brief)


def is_download_te_loggen(user) -> bool:
    return user.has_rol(*INZAGE_ROLLEN)


def can_besluit_voorbeeld_bekijken(user, besluit) -> bool:
    """Assessors preview a decision letter until it is sent (then the stored PDF counts)."""
    return (
        user.is_authenticated
        and user.has_rol(*BEOORDELAAR_ROLLEN)
        and besluit.status != BesluitStatus.VERZONDEN
    )
