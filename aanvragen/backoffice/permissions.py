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

from ..constants import (
    BESLISTERMIJN_LOOPT,
    BEZWAAR_LOOPT,
    TE_VERZENDEN,
    BesluitSoort,
    BesluitStatus,
)
from ..constants import AanvraagStatus as S

# After a decision was sent, whatever followed (payment, objection, correction, closing).
NA_BESLUIT = frozenset(
    {
        S.VERZONDEN,
        S.BETAALD,
        S.AFGESLOTEN,
        S.BEZWAAR,
        S.HOORZITTING,
        S.BEZWAAR_CONCEPT,
        S.BEZWAAR_GOEDGEKEURD,
        S.BEZWAAR_BESLIST,
        S.HERZIENING,
        S.HERZIENING_GOEDGEKEURD,
    }
)
# A dwangsom decision (4:18) is drafted, approved and paid whatever the claim's status once
# the penalty stopped accruing (the decision was sent, or 42 days passed): it changes none.
DWANGSOM_STATUSSEN = frozenset(S) - {S.CONCEPT, S.INGETROKKEN}

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
    # Also to re-assess the lines for a correction or a (partly) founded objection.
    "kostenpost_beoordelen": frozenset(
        {
            S.IN_BEHANDELING,
            S.VERDAAGD,
            S.VOORNEMEN_AFWIJZING,
            S.ZIENSWIJZE_ONTVANGEN,
            S.HERZIENING,
            S.BEZWAAR,
            S.HOORZITTING,
        }
    ),
    "besluit_opstellen": frozenset(
        {S.IN_BEHANDELING, S.VERDAAGD, S.ZIENSWIJZE_ONTVANGEN, S.BUITEN_BEHANDELING}
    ),
    "besluit_goedkeuren": frozenset({S.BESLUIT_CONCEPT, S.BUITEN_BEHANDELING}),
    "besluit_terugsturen": frozenset({S.BESLUIT_CONCEPT, S.BUITEN_BEHANDELING}),
    "besluit_verzenden": TE_VERZENDEN,
    # The decision in force is paid while an objection runs (6:16) and while a correction
    # is drafted; a dwangsom decision: `DWANGSOM_STATUSSEN`.
    "betaling_registreren": frozenset(
        {
            S.VERZONDEN,
            S.BEZWAAR,
            S.HOORZITTING,
            S.BEZWAAR_CONCEPT,
            S.BEZWAAR_GOEDGEKEURD,
            S.BEZWAAR_BESLIST,
            S.HERZIENING,
        }
    ),
    "dwangsom_betaling_registreren": DWANGSOM_STATUSSEN,
    "terugbetaling_registreren": NA_BESLUIT,
    # A correcting decision (herziening): started (lines re-assessed), drafted, approved or
    # returned; a returned draft leaves the claim in herziening for a new draft.
    "herziening_starten": frozenset({S.VERZONDEN, S.BETAALD, S.AFGESLOTEN, S.BEZWAAR_BESLIST}),
    "herziening_opstellen": frozenset(
        {S.VERZONDEN, S.BETAALD, S.AFGESLOTEN, S.BEZWAAR_BESLIST, S.HERZIENING}
    ),
    "herziening_goedkeuren": frozenset({S.HERZIENING}),
    "herziening_terugsturen": frozenset({S.HERZIENING}),
    "beslissing_op_bezwaar_opstellen": frozenset({S.BEZWAAR, S.HOORZITTING}),
    "beslissing_op_bezwaar_goedkeuren": frozenset({S.BEZWAAR_CONCEPT}),
    "beslissing_op_bezwaar_terugsturen": frozenset({S.BEZWAAR_CONCEPT}),
    "dwangsom_vaststellen": DWANGSOM_STATUSSEN,
    "dwangsom_goedkeuren": DWANGSOM_STATUSSEN,
    "dwangsom_terugsturen": DWANGSOM_STATUSSEN,
    # Also on a closed case: a late objection is still registered (and reopens the case).
    "bezwaar_registreren": frozenset({S.VERZONDEN, S.BETAALD, S.AFGESLOTEN}),
    "ingebrekestelling_registreren": BESLISTERMIJN_LOOPT,
    # The objection case (issue 16, services.bezwaar): admissibility, hearing, 7:10 term.
    "verzuim_herstel_vragen": frozenset({S.BEZWAAR, S.HOORZITTING}),
    "verzuim_hersteld": frozenset({S.BEZWAAR, S.HOORZITTING}),
    "hoorzitting_plannen": frozenset({S.BEZWAAR}),
    "hoorzitting_vastleggen": frozenset({S.HOORZITTING}),
    "horen_afzien": frozenset({S.BEZWAAR, S.HOORZITTING}),
    "bezwaar_verdagen": frozenset({S.BEZWAAR, S.HOORZITTING, S.BEZWAAR_CONCEPT}),
    "bezwaar_uitstellen": frozenset({S.BEZWAAR, S.HOORZITTING, S.BEZWAAR_CONCEPT}),
    "bezwaar_ingebrekestelling_registreren": BEZWAAR_LOOPT,
    "bezwaar_intrekken": frozenset({S.BEZWAAR, S.HOORZITTING}),
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


# The STATUS_VOOR_ACTIE key of approving and returning a draft, per kind of decision: the
# "goedkeuren" and "terugsturen" buttons serve every kind.
GOEDKEUR_ACTIE = {
    BesluitSoort.AANVRAAG: "besluit_goedkeuren",
    BesluitSoort.HERZIENING: "herziening_goedkeuren",
    BesluitSoort.BEZWAAR: "beslissing_op_bezwaar_goedkeuren",
    BesluitSoort.DWANGSOM: "dwangsom_goedkeuren",
}
TERUGSTUUR_ACTIE = {
    BesluitSoort.AANVRAAG: "besluit_terugsturen",
    BesluitSoort.HERZIENING: "herziening_terugsturen",
    BesluitSoort.BEZWAAR: "beslissing_op_bezwaar_terugsturen",
    BesluitSoort.DWANGSOM: "dwangsom_terugsturen",
}


def betaal_actie(besluit) -> str:
    """The STATUS_VOOR_ACTIE key of paying `besluit` (a dwangsom decision has its own)."""
    if besluit.soort == BesluitSoort.DWANGSOM:
        return "dwangsom_betaling_registreren"
    return "betaling_registreren"


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
    """Approve a draft of any kind: a teamleider who did not draft it when four-eyes is
    required (always for a decision on objection and a dwangsom decision)."""
    return _mag_concept_afhandelen(GOEDKEUR_ACTIE[besluit.soort], user, besluit)


def can_besluit_terugsturen(user, besluit) -> bool:
    """Return a draft to the assessor; the same people who may approve it."""
    return _mag_concept_afhandelen(TERUGSTUUR_ACTIE[besluit.soort], user, besluit)


def can_betaling_registreren(user, besluit) -> bool:
    """Finance registers a payment of a sent decision that grants an amount."""
    return (
        _heeft_rol(user, Rol.FINANCIEEL_MEDEWERKER)
        and besluit.status == BesluitStatus.VERZONDEN
        and besluit.bedrag_toegekend > 0
        and is_status_toegestaan(betaal_actie(besluit), besluit.aanvraag)
    )


def can_terugbetaling_registreren(user, besluit) -> bool:
    """Finance registers that a reclaimed amount (4:57) was repaid."""
    return (
        _heeft_rol(user, Rol.FINANCIEEL_MEDEWERKER)
        and besluit.status == BesluitStatus.VERZONDEN
        and besluit.terugvordering > 0
        and is_status_toegestaan("terugbetaling_registreren", besluit.aanvraag)
    )


def can_herziening_starten(user, aanvraag) -> bool:
    """Start a correcting decision: the lines may then be re-assessed."""
    return _behandelactie("herziening_starten", user, aanvraag)


def can_herziening_opstellen(user, aanvraag) -> bool:
    """Draft a correcting decision that replaces the claim's current decision."""
    return _behandelactie("herziening_opstellen", user, aanvraag)


def can_beslissing_op_bezwaar_opstellen(user, aanvraag) -> bool:
    """Draft the decision on the objection."""
    return _behandelactie("beslissing_op_bezwaar_opstellen", user, aanvraag)


def can_dwangsom_vaststellen(user, aanvraag) -> bool:
    """Draft the decision fixing the late-decision penalty (4:18)."""
    return _behandelactie("dwangsom_vaststellen", user, aanvraag)


def can_bezwaar_registreren(user, besluit) -> bool:
    """Register an objection against a sent decision."""
    return (
        besluit.status == BesluitStatus.VERZONDEN
        and is_status_toegestaan("bezwaar_registreren", besluit.aanvraag)
        and can_aanvraag_behandelen(user, besluit.aanvraag)
    )


# --- The objection case (issue 16): one rule for every step of services.bezwaar ----------


def _bezwaaractie(actie: str, user, bezwaar) -> bool:
    """The claim's status allows `actie`, the objection is not withdrawn, `user` handles it."""
    aanvraag = bezwaar.besluit.aanvraag
    return (
        is_status_toegestaan(actie, aanvraag)
        and bezwaar.ingetrokken_op is None
        and can_aanvraag_behandelen(user, aanvraag)
    )


def can_verzuim_herstel_vragen(user, bezwaar) -> bool:
    """Ask the objector to repair an omission (Awb 6:6)."""
    return _bezwaaractie("verzuim_herstel_vragen", user, bezwaar)


def can_verzuim_hersteld(user, bezwaar) -> bool:
    """Record that the omission was repaired."""
    return _bezwaaractie("verzuim_hersteld", user, bezwaar)


def can_hoorzitting_plannen(user, bezwaar) -> bool:
    """Plan the hearing (Awb 7:2)."""
    return _bezwaaractie("hoorzitting_plannen", user, bezwaar)


def can_hoorzitting_vastleggen(user, bezwaar) -> bool:
    """Record the hearing as held, with its report."""
    return _bezwaaractie("hoorzitting_vastleggen", user, bezwaar)


def can_horen_afzien(user, bezwaar) -> bool:
    """Record that there is no hearing (Awb 7:3)."""
    return _bezwaaractie("horen_afzien", user, bezwaar)


def can_bezwaar_verdagen(user, bezwaar) -> bool:
    """Postpone the decision on the objection (Awb 7:10(3))."""
    return _bezwaaractie("bezwaar_verdagen", user, bezwaar)


def can_bezwaar_uitstellen(user, bezwaar) -> bool:
    """Delay the decision on the objection with the objector's consent (Awb 7:10(4))."""
    return _bezwaaractie("bezwaar_uitstellen", user, bezwaar)


def can_bezwaar_ingebrekestelling_registreren(user, bezwaar) -> bool:
    """Register a notice of default for a late decision on the objection (Awb 4:17)."""
    return _bezwaaractie("bezwaar_ingebrekestelling_registreren", user, bezwaar)


def can_bezwaar_intrekken(user, bezwaar) -> bool:
    """Record that the objector withdrew the objection."""
    return _bezwaaractie("bezwaar_intrekken", user, bezwaar)
