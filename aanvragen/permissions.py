"""Who may do what with a claim: role, ownership and status in one place."""

from django.utils import timezone

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN

from .constants import (
    BESLISTERMIJN_LOOPT,
    INTREKBAAR,
    INZAGE_ROLLEN,
    TRANSITIES,
    AanvraagStatus,
    BesluitStatus,
)
from .selectors import aanvragen_zichtbaar_voor

# The claim statuses from which an objection can be lodged: those the transition table lets
# move to "bezwaar" (a sent, paid or closed case), so this never drifts from the table.
BEZWAAR_MOGELIJK = frozenset(
    status for status, volgende in TRANSITIES.items() if AanvraagStatus.BEZWAAR in volgende
)


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


def can_aanvraag_starten(user) -> bool:
    """An office holder whose office has not ended starts a new claim.

    After the recorded end (`User.is_ambt_beeindigd`) the person keeps following their
    drafts, claims and replies, but starts nothing new.
    """
    return can_aanvraag_aanmaken(user) and not user.is_ambt_beeindigd


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


def can_zienswijze_geven(user, voornemen) -> bool:
    """The applicant gives one view online on an open intended refusal (4:7).

    The term is not part of this: after it the page stays and says why it is closed.
    """
    aanvraag = voornemen.aanvraag
    return (
        _is_eigenaar(user, aanvraag)
        and aanvraag.status == AanvraagStatus.VOORNEMEN_AFWIJZING
        and voornemen.is_open
        and voornemen.zienswijze_ontvangen_op is None
    )


def can_bezwaar_maken(user, besluit) -> bool:
    """The applicant objects online to a sent decision, also after the term (it is flagged).

    Not while an objection is being handled (the claim's status is then "bezwaar").
    """
    aanvraag = besluit.aanvraag
    return (
        _is_eigenaar(user, aanvraag)
        and besluit.status == BesluitStatus.VERZONDEN
        and aanvraag.status in BEZWAAR_MOGELIJK
    )


def can_ingebrekestelling_sturen(user, aanvraag) -> bool:
    """The applicant gives notice of default once the decision deadline passed (4:17)."""
    return (
        _is_eigenaar(user, aanvraag)
        and aanvraag.status in BESLISTERMIJN_LOOPT
        and aanvraag.ingebrekestelling_op is None
        and aanvraag.beslistermijn_einde is not None
        and aanvraag.beslistermijn_einde < timezone.localdate()
    )
