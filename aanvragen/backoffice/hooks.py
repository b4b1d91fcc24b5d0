"""Side-effect hooks of the back-office workflow, called with `transaction.on_commit`.

The services in `aanvragen.backoffice.services` call these functions only after their
transaction has committed, with primary keys only. Each stores the pending letter once
(`fondsbeveiliging.brieven.services`, unique per source) and queues its generation; the
letter's dispatch then sends the "a letter is ready" e-mail. Quick: nothing renders here.
"""

from fondsbeveiliging.brieven import services as brieven


def besluit_goedgekeurd(besluit_id: int) -> None:
    """Queue the decision letter; once dispatched, the municipality copy follows."""
    brieven.besluitbrief_aanmaken(besluit_id=besluit_id)


def aanvulling_gevraagd(aanvulverzoek_id: int) -> None:
    """Queue the letter requesting more information (Awb 4:5)."""
    brieven.aanvullingsbrief_aanmaken(aanvulverzoek_id=aanvulverzoek_id)


def verdaagd(aanvraag_id: int) -> None:
    """Queue the postponement notice (Awb 4:14) naming the new decision date."""
    brieven.verdagingsbrief_aanmaken(aanvraag_id=aanvraag_id)


def voornemen_verstuurd(voornemen_id: int) -> None:
    """Queue the intended-refusal letter inviting a view (Awb 4:7)."""
    brieven.voornemenbrief_aanmaken(voornemen_id=voornemen_id)
