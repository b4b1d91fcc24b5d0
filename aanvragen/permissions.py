"""Who may do what with a claim: role, ownership and status in one place."""

from fondsbeveiliging.accounts.constants import Rol

from .constants import INTREKBAAR, AanvraagStatus

# BZK roles that read claim files; only assessors see the home address.
BEOORDELAAR_ROLLEN = frozenset({Rol.BEOORDELAAR, Rol.TWEEDE_BEOORDELAAR})
INZAGE_ROLLEN = BEOORDELAAR_ROLLEN | {Rol.FINANCIEEL_MEDEWERKER}


def _is_eigenaar(user, aanvraag) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_ambtsdrager
        and aanvraag.aanvrager_id == user.pk
    )


def can_apply(user) -> bool:
    """Office holders may start a claim (eligibility of the office type is checked apart)."""
    return user.is_authenticated and user.is_active and user.is_ambtsdrager


def can_view_aanvraag(user, aanvraag) -> bool:
    if _is_eigenaar(user, aanvraag):
        return True
    return (
        user.is_authenticated
        and user.has_rol(*INZAGE_ROLLEN)
        and aanvraag.status != AanvraagStatus.CONCEPT
    )


def is_staff_inzage(user, aanvraag) -> bool:
    """True when `user` reads the claim as BZK staff (and the read must be logged)."""
    return can_view_aanvraag(user, aanvraag) and not _is_eigenaar(user, aanvraag)


def can_view_woonadres(user, aanvraag) -> bool:
    if _is_eigenaar(user, aanvraag):
        return True
    return (
        user.is_authenticated
        and user.has_rol(*BEOORDELAAR_ROLLEN)
        and aanvraag.status != AanvraagStatus.CONCEPT
    )


def can_edit_aanvraag(user, aanvraag) -> bool:
    return _is_eigenaar(user, aanvraag) and aanvraag.status == AanvraagStatus.CONCEPT


def can_submit_aanvraag(user, aanvraag) -> bool:
    return can_edit_aanvraag(user, aanvraag)


def can_withdraw_aanvraag(user, aanvraag) -> bool:
    return _is_eigenaar(user, aanvraag) and aanvraag.status in INTREKBAAR


def can_answer_aanvulverzoek(user, aanvulverzoek) -> bool:
    aanvraag = aanvulverzoek.aanvraag
    return (
        _is_eigenaar(user, aanvraag)
        and aanvulverzoek.is_open
        and aanvraag.status == AanvraagStatus.AANVULLING_GEVRAAGD
    )


def can_download_bewijsstuk(user, aanvraag) -> bool:
    """Evidence (invoices, photos of the home) is for the applicant and the assessors only.

    Finance pays on the decision, not on the invoices, so it gets no evidence downloads.
    """
    if _is_eigenaar(user, aanvraag):
        return True
    return can_view_aanvraag(user, aanvraag) and user.has_rol(*BEOORDELAAR_ROLLEN)
