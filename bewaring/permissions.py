"""Who may review and approve destruction lists and download their reports."""

from .constants import PERM_GOEDKEUREN, LijstStatus


def is_archiefbeheerder(user) -> bool:
    """The records manager: the permission, through the functioneel beheerder's group or
    granted to one person."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(PERM_GOEDKEUREN))


def can_vernietigingslijst_goedkeuren(user, lijst) -> bool:
    return is_archiefbeheerder(user) and lijst.status == LijstStatus.CONCEPT


def can_vernietigingsitem_uitzonderen(user, item) -> bool:
    return can_vernietigingslijst_goedkeuren(user, item.lijst)


def can_verslag_downloaden(user, lijst) -> bool:
    return is_archiefbeheerder(user) and lijst.status == LijstStatus.VOLTOOID
