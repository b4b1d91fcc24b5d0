"""Who may do what with a melding.

Office holders: only their own meldingen. BZK staff: only what their role carries in the
role matrix (`fondsbeveiliging.accounts.roles.ROLE_PERMISSIONS`), read from the matrix
itself so that the superuser flag never opens incident narratives (the functioneel
beheerder manages the application, not the content). Municipal staff: nothing.
"""

from fondsbeveiliging.accounts.roles import ROLE_PERMISSIONS

from .constants import AANVULBARE_STATUSSEN, MeldingStatus, is_toegestane_overgang

PERM_VIEW = "meldingen.view_melding"
PERM_BEHANDELEN = "meldingen.behandelen_melding"
PERM_GEVOELIG = "meldingen.gevoelig_inzien_melding"


def has_role_permission(user, perm: str) -> bool:
    """The user is active BZK staff whose role grants `perm` in the role matrix."""
    if not (user.is_authenticated and user.is_active and user.is_bzk):
        return False
    return perm in ROLE_PERMISSIONS.get(user.rol, [])


def is_eigenaar(user, melding) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_ambtsdrager
        and melding.eigenaar_id == user.pk
    )


def can_meldingen_bekijken(user) -> bool:
    return has_role_permission(user, PERM_VIEW)


def can_melding_bekijken(user, melding) -> bool:
    """The owner always; staff with the view right once the melding was sent."""
    if is_eigenaar(user, melding):
        return True
    return not melding.is_concept and can_meldingen_bekijken(user)


def can_gevoelig_veld_bekijken(user, melding) -> bool:
    """Mental-health impact: the owner and assessors only, never in lists or exports."""
    if is_eigenaar(user, melding):
        return True
    return not melding.is_concept and has_role_permission(user, PERM_GEVOELIG)


def can_melding_wijzigen(user, melding) -> bool:
    """Only the owner edits, and only while it is a concept."""
    return is_eigenaar(user, melding) and melding.is_concept


def can_melding_indienen(user, melding) -> bool:
    return can_melding_wijzigen(user, melding)


def can_melding_aanvullen(user, melding) -> bool:
    return is_eigenaar(user, melding) and melding.status in AANVULBARE_STATUSSEN


def can_melding_verwijderen(user, melding) -> bool:
    """Only the author, and only a draft (never sent, so BZK never received it)."""
    return is_eigenaar(user, melding) and melding.status == MeldingStatus.CONCEPT


def can_melding_intrekken(user, melding) -> bool:
    return is_eigenaar(user, melding) and is_toegestane_overgang(
        melding.status, MeldingStatus.INGETROKKEN
    )


def can_melding_in_behandeling_nemen(user, melding) -> bool:
    return has_role_permission(user, PERM_BEHANDELEN) and is_toegestane_overgang(
        melding.status, MeldingStatus.IN_BEHANDELING
    )


def can_melding_afhandelen(user, melding) -> bool:
    return has_role_permission(user, PERM_BEHANDELEN) and is_toegestane_overgang(
        melding.status, MeldingStatus.AFGEHANDELD
    )


def can_bijlage_downloaden(user, bijlage) -> bool:
    return can_melding_bekijken(user, bijlage.melding)
