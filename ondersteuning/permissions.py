"""Who may do what with a support request: role, municipality and status in one place.

- gemeente-medewerker: files and reads the requests of their own municipality only (a
  concept of a colleague of the same municipality included); adds information after sending.
- coordinator: BZK staff whose role carries `ondersteuning.coordineren_ondersteuningsverzoek`
  in the role matrix (the teamleider's group); read from the matrix itself, so the
  superuser flag of the functioneel beheerder opens nothing.
- everyone else (office holders, assessors, finance, functioneel beheerder): nothing.
"""

from fondsbeveiliging.accounts.roles import ROLE_PERMISSIONS

from .constants import STATUS_VOOR_ACTIE

PERM_VIEW = "ondersteuning.view_ondersteuningsverzoek"
PERM_COORDINEREN = "ondersteuning.coordineren_ondersteuningsverzoek"


def has_role_permission(user, perm: str) -> bool:
    """The user is active BZK staff whose role grants `perm` in the role matrix."""
    if not (user and user.is_authenticated and user.is_active and user.is_bzk):
        return False
    return perm in ROLE_PERMISSIONS.get(user.rol, [])


def is_coordinator(user) -> bool:
    return has_role_permission(user, PERM_COORDINEREN)


def is_gemeente_medewerker(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_gemeente_medewerker
        and user.gemeente_id
    )


def is_eigen_gemeente(user, verzoek) -> bool:
    """The user works for the municipality that filed the request."""
    return is_gemeente_medewerker(user) and verzoek.gemeente_id == user.gemeente_id


def is_status_toegestaan(actie: str, verzoek) -> bool:
    return verzoek.status in STATUS_VOOR_ACTIE[actie]


# --- The municipality --------------------------------------------------------------------


def can_verzoek_bekijken(user, verzoek) -> bool:
    """Own municipality always; the coordinator once the request was sent."""
    if is_eigen_gemeente(user, verzoek):
        return True
    return not verzoek.is_concept and is_coordinator(user)


def can_verzoek_aanmaken(user) -> bool:
    return is_gemeente_medewerker(user)


def can_verzoek_wijzigen(user, verzoek) -> bool:
    return is_eigen_gemeente(user, verzoek) and is_status_toegestaan("verzoek_wijzigen", verzoek)


def can_verzoek_indienen(user, verzoek) -> bool:
    return is_eigen_gemeente(user, verzoek) and is_status_toegestaan("verzoek_indienen", verzoek)


def can_verzoek_aanvullen(user, verzoek) -> bool:
    return is_eigen_gemeente(user, verzoek) and is_status_toegestaan("verzoek_aanvullen", verzoek)


def can_bijlage_downloaden(user, bijlage) -> bool:
    return can_verzoek_bekijken(user, bijlage.verzoek)


# --- The coordinator ---------------------------------------------------------------------


def can_verzoeken_coordineren(user) -> bool:
    """Sees the queue in the back office."""
    return is_coordinator(user)


def _coordinatie(actie: str, user, verzoek) -> bool:
    return is_coordinator(user) and is_status_toegestaan(actie, verzoek)


def can_verzoek_accepteren(user, verzoek) -> bool:
    return _coordinatie("verzoek_accepteren", user, verzoek)


def can_verzoek_afwijzen(user, verzoek) -> bool:
    return _coordinatie("verzoek_afwijzen", user, verzoek)


def can_team_toewijzen(user, verzoek) -> bool:
    return _coordinatie("team_toewijzen", user, verzoek)


def can_activiteit_plannen(user, verzoek) -> bool:
    return _coordinatie("activiteit_plannen", user, verzoek)


def can_debriefing_vastleggen(user, verzoek) -> bool:
    return _coordinatie("debriefing_vastleggen", user, verzoek)


def can_notitie_toevoegen(user, verzoek) -> bool:
    return _coordinatie("notitie_toevoegen", user, verzoek)


# The coordinator's workflow actions: the action key and its rule (the matrix test uses it).
COORDINATIE_ACTIES = {
    "verzoek_accepteren": can_verzoek_accepteren,
    "verzoek_afwijzen": can_verzoek_afwijzen,
    "team_toewijzen": can_team_toewijzen,
    "activiteit_plannen": can_activiteit_plannen,
    "debriefing_vastleggen": can_debriefing_vastleggen,
    "notitie_toevoegen": can_notitie_toevoegen,
}
GEMEENTE_ACTIES = {
    "verzoek_wijzigen": can_verzoek_wijzigen,
    "verzoek_indienen": can_verzoek_indienen,
    "verzoek_aanvullen": can_verzoek_aanvullen,
}
