"""Who may do what with a claim: role, ownership and status in one place."""

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN

from .constants import INTREKBAAR, INZAGE_ROLLEN, AanvraagStatus
from .selectors import aanvragen_zichtbaar_voor


def _is_eigenaar(user, aanvraag) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_ambtsdrager
        and aanvraag.aanvrager_id == user.pk
    )


def can_aanvraag_aanmaken(user) -> bool:
    """Office holders may start a claim (eligibility of the office type is checked apart)."""
    return user.is_authenticated and user.is_active and user.is_ambtsdrager


def can_aanvraag_bekijken(user, aanvraag) -> bool:
    """The applicant their own claim; assessors any submitted one; finance a decided one.

    Finance's rule is asked of the same query that builds its work queue
    (`selectors.aanvragen_zichtbaar_voor`), so the queue and a single case never disagree.
    """
    if _is_eigenaar(user, aanvraag):
        return True
    if not (user.is_authenticated and user.has_rol(*INZAGE_ROLLEN)):
        return False
    if aanvraag.status == AanvraagStatus.CONCEPT:
        return False
    if user.has_rol(*BEOORDELAAR_ROLLEN):
        return True
    return aanvragen_zichtbaar_voor(user=user).filter(pk=aanvraag.pk).exists()


def is_inzage_te_loggen(user, aanvraag) -> bool:
    """True when `user` reads the claim as BZK staff (and the read must be logged)."""
    return can_aanvraag_bekijken(user, aanvraag) and not _is_eigenaar(user, aanvraag)


def can_woonadres_bekijken(user, aanvraag) -> bool:
    if _is_eigenaar(user, aanvraag):
        return True
    return (
        user.is_authenticated
        and user.has_rol(*BEOORDELAAR_ROLLEN)
        and aanvraag.status != AanvraagStatus.CONCEPT
    )


def can_aanvraag_wijzigen(user, aanvraag) -> bool:
    return _is_eigenaar(user, aanvraag) and aanvraag.status == AanvraagStatus.CONCEPT


def can_aanvraag_indienen(user, aanvraag) -> bool:
    return can_aanvraag_wijzigen(user, aanvraag)


def can_aanvraag_verwijderen(user, aanvraag) -> bool:
    """Only the applicant, and only a draft (never submitted)."""
    return _is_eigenaar(user, aanvraag) and aanvraag.status == AanvraagStatus.CONCEPT


def can_aanvraag_intrekken(user, aanvraag) -> bool:
    return _is_eigenaar(user, aanvraag) and aanvraag.status in INTREKBAAR


def can_aanvulverzoek_beantwoorden(user, aanvulverzoek) -> bool:
    aanvraag = aanvulverzoek.aanvraag
    return (
        _is_eigenaar(user, aanvraag)
        and aanvulverzoek.is_open
        and aanvraag.status == AanvraagStatus.AANVULLING_GEVRAAGD
    )


def can_bewijsstuk_downloaden(user, aanvraag) -> bool:
    """Evidence (invoices, photos of the home) is for the applicant and the assessors only.

    Finance pays on the decision, not on the invoices, so it gets no evidence downloads.
    """
    if _is_eigenaar(user, aanvraag):
        return True
    return user.has_rol(*BEOORDELAAR_ROLLEN) and can_aanvraag_bekijken(user, aanvraag)
