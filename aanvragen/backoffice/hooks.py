"""Side-effect hooks of the back-office workflow, called with `transaction.on_commit`.

The services in `aanvragen.backoffice.services` call these functions only after their
transaction has committed, with primary keys only. They are no-ops here; the letters engineer
fills them in (e.g. queue the decision letter). Keep them quick: queue a Celery task rather
than render or send inside the request.
"""


def besluit_goedgekeurd(besluit_id: int) -> None:
    """Schedule the decision letter of an approved decision (called after approval)."""


def aanvulling_gevraagd(aanvulverzoek_id: int) -> None:
    """Notify the applicant of a request for more information (Awb 4:5)."""


def verdaagd(aanvraag_id: int) -> None:
    """Send the postponement notice (Awb 4:14) naming the new decision date."""


def voornemen_verstuurd(voornemen_id: int) -> None:
    """Send the intended-refusal letter inviting a view (Awb 4:7)."""
