"""Queue and send outbox e-mails."""

from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Bericht

# The sending task, queued by its stable name (see `tasks.py`): the task module imports this
# one, so importing it back would make a cycle.
BERICHT_VERSTUREN_TASK = "fondsbeveiliging.berichten.tasks.bericht_versturen_task"


def bericht_klaarzetten(*, sleutel: str, aan: str, onderwerp: str, tekst: str) -> Bericht:
    """Store a message once per key and send it after the surrounding transaction commits.

    Call inside the business transaction. A second call with the same key returns the
    existing message and queues nothing new. robust=True: a broker that is down after
    commit is logged rather than turning the committed action into an error page; the
    stored message waits for the sweeper (`berichten_nasturen_task`).
    """
    bericht, created = Bericht.objects.get_or_create(
        sleutel=sleutel, defaults={"aan": aan, "onderwerp": onderwerp, "tekst": tekst}
    )
    if created:
        transaction.on_commit(
            lambda: current_app.tasks[BERICHT_VERSTUREN_TASK].delay(bericht.pk),
            robust=True,
        )
    return bericht


@transaction.atomic
def bericht_versturen(*, bericht_id: int) -> bool:
    """Send one queued message; return False when it was already sent or is being sent.

    The row lock (skip_locked) keeps two workers from sending the same message at once.
    """
    bericht = (
        Bericht.objects.select_for_update(skip_locked=True)
        .filter(pk=bericht_id, verstuurd_op__isnull=True)
        .first()
    )
    if bericht is None:
        return False
    bericht.pogingen += 1
    try:
        send_mail(bericht.onderwerp, bericht.tekst, settings.DEFAULT_FROM_EMAIL, [bericht.aan])
    except OSError as exc:
        # Keep the attempt count and the reason; the transaction still commits them.
        bericht.laatste_fout = str(exc)[:300]
        bericht.save(update_fields=["pogingen", "laatste_fout"])
        return False
    bericht.verstuurd_op = timezone.now()
    bericht.laatste_fout = ""
    bericht.save(update_fields=["pogingen", "verstuurd_op", "laatste_fout"])
    return True


def onverstuurde_berichten(*, ouder_dan: timedelta) -> list[int]:
    """Ids of messages still unsent after `ouder_dan` (lost from the queue, or failing)."""
    grens = timezone.now() - ouder_dan
    return list(
        Bericht.objects.filter(
            verstuurd_op__isnull=True, aangemaakt_op__lt=grens, pogingen__lt=20
        ).values_list("pk", flat=True)[:500]
    )
