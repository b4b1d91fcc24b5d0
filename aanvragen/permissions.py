"""Who may do what with a claim: role, ownership and status in one place."""

from fondsbeveiliging.accounts.constants import Rol

from .constants import INTREKBAAR, AanvraagStatus, BesluitStatus

# BZK roles that read claim files; only assessors see the home address.
BEOORDELAAR_ROLLEN = frozenset({Rol.BEOORDELAAR, Rol.TWEEDE_BEOORDELAAR})
INZAGE_ROLLEN = BEOORDELAAR_ROLLEN | {Rol.FINANCIEEL_MEDEWERKER}
# Finance pays on a decision: it reads a claim only while the claim's current decision (the
# highest version) has one of these statuses. The query is `selectors.filter_besloten`.
FINANCIEEL_BESLUITSTATUSSEN = frozenset({BesluitStatus.GOEDGEKEURD, BesluitStatus.VERZONDEN})


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
    from .selectors import aanvragen_zichtbaar_voor  # selectors imports this module

    return aanvragen_zichtbaar_voor(user).filter(pk=aanvraag.pk).exists()


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
    return user.has_rol(*BEOORDELAAR_ROLLEN) and can_view_aanvraag(user, aanvraag)
