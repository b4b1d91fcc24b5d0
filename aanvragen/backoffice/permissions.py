"""Who may take which back-office action on a claim: role, assignment and status in one place.

Every `can_<action>(user, obj) -> bool` combines the actor's role, whether the claim is
assigned to them, and the claim's (and decision's) current status, so the admin can show
exactly the buttons that will work. The services call the same functions and raise
`WorkflowFout` when they return False.

Role rules (domain.md §2):
- beoordelaar: takes an unassigned claim for themself; every assessment action only on
  claims assigned to them; approves or returns a draft only when four-eyes is not required.
- tweede_beoordelaar (teamleider): every assessment action on any claim, (re)assigns, and
  approves or returns drafts, never their own when four-eyes is required.
- financieel_medewerker: registers payments only.
- functioneel_beheerder, gemeente_medewerker, ambtsdrager: no workflow actions.
"""

from django.utils import timezone

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN, Rol

from ..constants import BESLISTERMIJN_LOOPT, TE_VERZENDEN, BesluitStatus
from ..constants import AanvraagStatus as S

# The claim statuses in which each action may be taken. For an action that changes the
# status, the service also checks the target against TRANSITIES (a test keeps both in step).
# A claim "buiten behandeling" keeps that status while its not-considered decision is
# drafted and approved, and moves to "verzonden" when the decision is sent.
STATUS_VOOR_ACTIE: dict[str, frozenset[S]] = {
    "aanvraag_toewijzen": frozenset(S) - {S.CONCEPT, S.AFGESLOTEN, S.INGETROKKEN},
    "behandeling_starten": frozenset({S.INGEDIEND, S.AANGEVULD}),
    "aanvulling_vragen": frozenset({S.INGEDIEND, S.AANGEVULD, S.IN_BEHANDELING}),
    "aanvulling_registreren": frozenset({S.AANVULLING_GEVRAAGD}),
    "aanvulling_termijn_verstreken": frozenset({S.AANVULLING_GEVRAAGD}),
    "verdagen": frozenset({S.IN_BEHANDELING}),
    "voornemen_afwijzing_versturen": frozenset({S.IN_BEHANDELING, S.VERDAAGD}),
    "zienswijze_vastleggen": frozenset({S.VOORNEMEN_AFWIJZING}),
    "kostenpost_beoordelen": frozenset(
        {S.IN_BEHANDELING, S.VERDAAGD, S.VOORNEMEN_AFWIJZING, S.ZIENSWIJZE_ONTVANGEN}
    ),
    "besluit_opstellen": frozenset(
        {S.IN_BEHANDELING, S.VERDAAGD, S.ZIENSWIJZE_ONTVANGEN, S.BUITEN_BEHANDELING}
    ),
    "besluit_goedkeuren": frozenset({S.BESLUIT_CONCEPT, S.BUITEN_BEHANDELING}),
    "besluit_terugsturen": frozenset({S.BESLUIT_CONCEPT, S.BUITEN_BEHANDELING}),
    "besluit_verzenden": TE_VERZENDEN,
    "betaling_registreren": frozenset({S.VERZONDEN, S.BEZWAAR}),
    # Also on a closed case: a late objection is still registered (and reopens the case).
    "bezwaar_registreren": frozenset({S.VERZONDEN, S.BETAALD, S.AFGESLOTEN}),
    "ingebrekestelling_registreren": BESLISTERMIJN_LOOPT,
    # A reason to go on despite double-claim signals: on any submitted claim.
    "signalen_afwegen": frozenset(S) - {S.CONCEPT},
}


def is_status_toegestaan(actie: str, aanvraag) -> bool:
    """True when the claim's status allows `actie` (a key of STATUS_VOOR_ACTIE)."""
    return aanvraag.status in STATUS_VOOR_ACTIE[actie]


def _heeft_rol(user, *rollen) -> bool:
    return bool(user and user.is_authenticated and user.has_rol(*rollen))


def is_teamleider(user) -> bool:
    """A tweede beoordelaar (teamleider), active."""
    return _heeft_rol(user, Rol.TWEEDE_BEOORDELAAR)


def is_beoordelaar(user) -> bool:
    """Any BZK assessor (beoordelaar or teamleider)."""
    return _heeft_rol(user, *BEOORDELAAR_ROLLEN)


def can_aanvraag_behandelen(user, aanvraag) -> bool:
    """True for a teamleider, or the beoordelaar the claim is assigned to (status aside)."""
    if is_teamleider(user):
        return True
    return _heeft_rol(user, Rol.BEOORDELAAR) and aanvraag.behandelaar_id == user.pk


def _behandelactie(actie: str, user, aanvraag) -> bool:
    return is_status_toegestaan(actie, aanvraag) and can_aanvraag_behandelen(user, aanvraag)


def can_werkvoorraad_bekijken(user) -> bool:
    """Assessors and finance see the queue of submitted claims."""
    return _heeft_rol(user, *BEOORDELAAR_ROLLEN, Rol.FINANCIEEL_MEDEWERKER)


def can_budget_bekijken(user) -> bool:
    """Assessors and finance see the budget figures."""
    return _heeft_rol(user, *BEOORDELAAR_ROLLEN, Rol.FINANCIEEL_MEDEWERKER)


def can_betaalbatches_beheren(user) -> bool:
    """Only finance makes payment batches, downloads their files and marks them paid."""
    return _heeft_rol(user, Rol.FINANCIEEL_MEDEWERKER)


def can_aanvraag_toewijzen(user, aanvraag) -> bool:
    """A teamleider (re)assigns any open claim; a beoordelaar takes an unassigned one."""
    if not is_status_toegestaan("aanvraag_toewijzen", aanvraag):
        return False
    if is_teamleider(user):
        return True
    return _heeft_rol(user, Rol.BEOORDELAAR) and aanvraag.behandelaar_id is None


def can_behandeling_starten(user, aanvraag) -> bool:
    """Start assessment; a beoordelaar may start an unassigned claim (and so takes it)."""
    if not is_status_toegestaan("behandeling_starten", aanvraag):
        return False
    if can_aanvraag_behandelen(user, aanvraag):
        return True
    return _heeft_rol(user, Rol.BEOORDELAAR) and aanvraag.behandelaar_id is None


def can_aanvulling_vragen(user, aanvraag) -> bool:
    """Request more information: claim submitted, completed or in assessment."""
    return _behandelactie("aanvulling_vragen", user, aanvraag)


def can_aanvulling_registreren(user, aanvraag) -> bool:
    """Register an answer received by another channel to an open request."""
    return _behandelactie("aanvulling_registreren", user, aanvraag)


def can_aanvulling_termijn_verstreken(user, aanvraag) -> bool:
    """Record that the completion term passed unanswered."""
    return _behandelactie("aanvulling_termijn_verstreken", user, aanvraag)


def can_verdagen(user, aanvraag) -> bool:
    """Postpone the decision (the service also checks the term has not ended)."""
    return _behandelactie("verdagen", user, aanvraag)


def can_voornemen_afwijzing_versturen(user, aanvraag) -> bool:
    """Announce an intended refusal and invite a view (4:7)."""
    return _behandelactie("voornemen_afwijzing_versturen", user, aanvraag)


def can_zienswijze_vastleggen(user, aanvraag) -> bool:
    """Record the view on an intended refusal, or that none came."""
    return _behandelactie("zienswijze_vastleggen", user, aanvraag)


def can_kostenpost_beoordelen(user, aanvraag) -> bool:
    """Assess cost lines: from the start of assessment until a draft exists."""
    return _behandelactie("kostenpost_beoordelen", user, aanvraag)


def can_signalen_afwegen(user, aanvraag) -> bool:
    """Record why a claim goes on despite double-claim signals (who may handle it)."""
    return _behandelactie("signalen_afwegen", user, aanvraag)


def can_besluit_opstellen(user, aanvraag) -> bool:
    """Draft the decision (a not-considered claim only as 'buiten behandeling')."""
    return _behandelactie("besluit_opstellen", user, aanvraag)


def can_ingebrekestelling_registreren(user, aanvraag) -> bool:
    """Register a notice of default while no decision was sent."""
    return _behandelactie("ingebrekestelling_registreren", user, aanvraag)


def is_ingebrekestelling_zinvol(user, aanvraag) -> bool:
    """The button: `user` may register a notice, the deadline passed and none is registered.

    Before that the service refuses every notice (premature, or already registered); a direct
    link still gets that reason from the service.
    """
    return (
        can_ingebrekestelling_registreren(user, aanvraag)
        and aanvraag.ingebrekestelling_op is None
        and aanvraag.beslistermijn_einde is not None
        and aanvraag.beslistermijn_einde < timezone.localdate()
    )


def is_vierogen_geschonden(user, besluit) -> bool:
    """True when four-eyes applies and `user` drafted the decision."""
    return bool(besluit.vierogen_vereist and besluit.opgesteld_door_id == user.pk)


def _mag_concept_afhandelen(actie: str, user, besluit) -> bool:
    aanvraag = besluit.aanvraag
    if besluit.status != BesluitStatus.CONCEPT or not is_status_toegestaan(actie, aanvraag):
        return False
    if is_vierogen_geschonden(user, besluit):
        return False
    if is_teamleider(user):
        return True
    # A beoordelaar settles a draft only when the policy needs no second person for it.
    return not besluit.vierogen_vereist and can_aanvraag_behandelen(user, aanvraag)


def can_besluit_goedkeuren(user, besluit) -> bool:
    """Approve a draft: a teamleider who did not draft it when four-eyes is required."""
    return _mag_concept_afhandelen("besluit_goedkeuren", user, besluit)


def can_besluit_terugsturen(user, besluit) -> bool:
    """Return a draft to the assessor; the same people who may approve it."""
    return _mag_concept_afhandelen("besluit_terugsturen", user, besluit)


def can_betaling_registreren(user, besluit) -> bool:
    """Finance registers a payment of a sent decision that grants an amount."""
    return (
        _heeft_rol(user, Rol.FINANCIEEL_MEDEWERKER)
        and besluit.status == BesluitStatus.VERZONDEN
        and besluit.bedrag_toegekend > 0
        and is_status_toegestaan("betaling_registreren", besluit.aanvraag)
    )


def can_bezwaar_registreren(user, besluit) -> bool:
    """Register an objection against a sent decision."""
    return (
        besluit.status == BesluitStatus.VERZONDEN
        and is_status_toegestaan("bezwaar_registreren", besluit.aanvraag)
        and can_aanvraag_behandelen(user, besluit.aanvraag)
    )
