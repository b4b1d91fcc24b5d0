"""Side-effect hooks of the back-office workflow, called inside the action's transaction.

The services in `aanvragen.backoffice.services` call these functions before their
transaction commits, with primary keys only. Each stores the pending letter once
(`aanvragen.brieven.services`, unique per source), so the letter row commits or
rolls back together with the action: a crash right after commit cannot lose it. Only the
letter's generation is queued after commit (by `brief_aanmaken`); the letter's dispatch
then sends the "a letter is ready" e-mail. Quick: nothing renders here.
`besluit_opgesteld` stores the internal notice to the teamleiders the same way (outbox).
"""

from aanvragen.brieven import services as brieven


def besluit_goedgekeurd(besluit_id: int) -> None:
    """Store the decision letter; once dispatched, the municipality copy follows."""
    brieven.besluitbrief_aanmaken(besluit_id=besluit_id)


def aanvulling_gevraagd(aanvulverzoek_id: int) -> None:
    """Store the letter requesting more information (Awb 4:5)."""
    brieven.aanvullingsbrief_aanmaken(aanvulverzoek_id=aanvulverzoek_id)


def verdaagd(aanvraag_id: int) -> None:
    """Store the postponement notice (Awb 4:14) naming the new decision date."""
    brieven.verdagingsbrief_aanmaken(aanvraag_id=aanvraag_id)


def voornemen_verstuurd(voornemen_id: int) -> None:
    """Store the intended-refusal letter inviting a view (Awb 4:7)."""
    brieven.voornemenbrief_aanmaken(voornemen_id=voornemen_id)


def verzuimherstel_gevraagd(bezwaar_id: int) -> None:
    """Store the letter asking to repair an omission in the objection (Awb 6:6)."""
    brieven.verzuimherstelbrief_aanmaken(bezwaar_id=bezwaar_id)


def hoorzitting_gepland(bezwaar_id: int) -> None:
    """Store the invitation to the hearing on the objection (Awb 7:2)."""
    brieven.hoorzittingbrief_aanmaken(bezwaar_id=bezwaar_id)


def bezwaar_verdaagd(bezwaar_id: int) -> None:
    """Store the notice postponing the decision on the objection (Awb 7:10(3))."""
    brieven.bezwaarverdagingsbrief_aanmaken(bezwaar_id=bezwaar_id)


def besluit_opgesteld(besluit_id: int) -> None:
    """Tell the teamleiders (not the drafter) that a draft waits for approval, by e-mail."""
    from .signalering import concept_signaleren

    concept_signaleren(besluit_id=besluit_id)


def betaling_geregistreerd(betaling_id: int) -> None:
    """Tell the applicant about the payment (outbox, once per payment), in its transaction."""
    from aanvragen.models import Betaling
    from aanvragen.reacties import betaling_bericht_klaarzetten

    betaling_bericht_klaarzetten(
        betaling=Betaling.objects.select_related("besluit").get(pk=betaling_id)
    )
