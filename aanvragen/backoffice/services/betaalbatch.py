"""Payment batches (issue 15, item 4): finance pays sent decisions in numbered batches.

Rules chosen where the issue is silent:
- A batch holds every decision of `selectors.te_betalen` at the moment it is made (sent, an
  amount still to pay, in no open batch); there is no picking of rows. Its amount per row is
  what is still to pay then.
- Two people making a batch at once are served one after the other (a transaction-level
  advisory lock); the second gets the rows the first left, or is told there are none. The
  database refuses a decision in two open batches as well.
- The requested execution date is the day the batch is made.
- Marking a row paid registers the payment through `betaling_registreren` (the same checks,
  history and e-mail as a payment entered on the case page), with the row's end-to-end id
  as reference. Marking the batch paid does that for every open row in one transaction: one
  refused row (say, paid meanwhile on the case page) refuses the whole and names the row.
"""

from datetime import date

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ...kern import WorkflowFout
from ...models import Betaalbatch, BetaalbatchRegel, Betaling
from .. import export, permissions, selectors
from .na_besluit import betaling_registreren

# Any fixed number identifies the lock; this one spells "FB" and "batch".
BATCH_SLOT = 0x4642_0BA7


def _check_financieel(door) -> None:
    if not permissions.can_betaalbatches_beheren(door):
        raise WorkflowFout(_("Alleen financiële medewerkers beheren betaalbatches."), code="rol")


@transaction.atomic
def betaalbatch_maken(*, door) -> Betaalbatch:
    """Put every decision still to pay into a new numbered batch, with its SEPA file."""
    _check_financieel(door)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BATCH_SLOT])
    besluiten = list(selectors.te_betalen())
    if not besluiten:
        raise WorkflowFout(
            _("Er is niets te betalen dat nog niet in een betaalbatch staat."), code="leeg"
        )
    nummer = (Betaalbatch.objects.aggregate(m=Max("nummer"))["m"] or 0) + 1
    regels = [_regel(besluit, nummer) for besluit in besluiten]
    vandaag = timezone.localdate()
    xml, bericht_id = export.pain001(regels, uitvoeringsdatum=vandaag)
    batch = Betaalbatch.objects.create(
        nummer=nummer,
        aangemaakt_op=timezone.now(),
        aangemaakt_door=door,
        uitvoeringsdatum=vandaag,
        totaal=sum(regel.bedrag for regel in regels),
        aantal=len(regels),
        pain001=xml,
        bericht_id=bericht_id,
    )
    for regel in regels:
        regel.batch = batch
    BetaalbatchRegel.objects.bulk_create(regels)
    return batch


def _regel(besluit, nummer: int) -> BetaalbatchRegel:
    aanvraag = besluit.aanvraag
    return BetaalbatchRegel(
        besluit=besluit,
        kenmerk=aanvraag.kenmerk,
        begunstigde=aanvraag.rekeninghouder,
        iban=aanvraag.iban,
        bedrag=besluit.openstaand,
        uiterlijk_betalen_op=besluit.betaaltermijn_einde,
        eind_tot_eind_id=f"{aanvraag.kenmerk}-B{nummer}",
    )


@transaction.atomic
def batchregel_betaald(*, regel_id: int, door, betaald_op: date) -> Betaling:
    """Register the payment of one row of a batch."""
    _check_financieel(door)
    regel = BetaalbatchRegel.objects.select_for_update().get(pk=regel_id)
    return _regel_betalen(regel, door=door, betaald_op=betaald_op)


@transaction.atomic
def betaalbatch_betaald(*, batch_id: int, door, betaald_op: date) -> int:
    """Register the payment of every open row of a batch; returns how many."""
    _check_financieel(door)
    regels = list(
        BetaalbatchRegel.objects.select_for_update()
        .filter(batch_id=batch_id, betaling=None)
        .order_by("pk")
    )
    for regel in regels:
        _regel_betalen(regel, door=door, betaald_op=betaald_op)
    return len(regels)


def _regel_betalen(regel: BetaalbatchRegel, *, door, betaald_op: date) -> Betaling:
    if regel.betaling_id is not None:
        raise WorkflowFout(
            _("De betaling van %(kenmerk)s is al geregistreerd.") % {"kenmerk": regel.kenmerk},
            code="dubbel",
        )
    try:
        betaling = betaling_registreren(
            besluit_id=regel.besluit_id,
            door=door,
            betaald_op=betaald_op,
            bedrag=regel.bedrag,
            referentie=regel.eind_tot_eind_id,
        )
    except WorkflowFout as fout:
        raise WorkflowFout(
            _("%(kenmerk)s: %(fout)s") % {"kenmerk": regel.kenmerk, "fout": fout.messages[0]},
            code=fout.code,
        ) from fout
    regel.betaling = betaling
    regel.save(update_fields=["betaling"])
    return betaling
