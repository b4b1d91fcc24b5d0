"""Who sees the statistics: assessors, the teamleider and the functioneel beheerder.

The figures are suppressed aggregates, no case content, so the functioneel beheerder (who
sees no cases) may read them; finance and municipalities have no use for them (issue 17).
The role decides, not the superuser flag, as everywhere in the back office.
"""

from fondsbeveiliging.accounts.constants import Rol

from .models import RapportStatus

STATISTIEK_ROLLEN = (Rol.BEOORDELAAR, Rol.TWEEDE_BEOORDELAAR, Rol.FUNCTIONEEL_BEHEERDER)
PERMISSIE = "statistieken.view_statistieken"


def can_statistieken_bekijken(user) -> bool:
    """Staff of a statistics role whose group carries the permission."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_rol(*STATISTIEK_ROLLEN)
        and user.has_perm(PERMISSIE)
    )


def can_kwartaalrapport_maken(user) -> bool:
    """Whoever sees the statistics may have a quarter's report produced."""
    return can_statistieken_bekijken(user)


def can_kwartaalrapport_downloaden(user, rapport) -> bool:
    """A finished report, for whoever sees the statistics."""
    return (
        can_statistieken_bekijken(user)
        and rapport.status == RapportStatus.KLAAR
        and bool(rapport.bestand)
    )
