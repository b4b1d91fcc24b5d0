"""Recording an assessor's reason to go on despite double-claim signals (issue 15, item 5).

Signals are warnings, never blocks: no action refuses a flagged claim. Whoever goes on
records why; the reason covers the signals shown at that moment (their keys and texts are
stored with it) and appears in the case history. A signal that appears later (a new
matching claim) is open again until a new reason covers it. The claim's status does not
change and no status-history row is written: the reason has its own append-only table,
which only assessors see.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ...kern import WorkflowFout, lock_aanvraag
from ...models import SignaalAfweging
from .. import permissions
from ..dubbel import dubbel_overzicht
from .basis import check_actie, verplicht


@transaction.atomic
def signalen_afwegen(*, aanvraag_id: int, door, reden: str) -> SignaalAfweging:
    """Store `reden` for the claim's open signals; refused when there is none to cover."""
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie("signalen_afwegen", aanvraag, permissions.can_signalen_afwegen(door, aanvraag))
    reden = verplicht(reden, _("de reden"))
    open_signalen = dubbel_overzicht(aanvraag=aanvraag).open
    if not open_signalen:
        raise WorkflowFout(
            _("Deze aanvraag heeft geen signalen van dubbele declaratie die nog open staan."),
            code="geen_signalen",
        )
    return SignaalAfweging.objects.create(
        aanvraag=aanvraag,
        reden=reden,
        signalen=[{"sleutel": s.sleutel, "tekst": s.volledige_tekst} for s in open_signalen],
        door=door,
    )
