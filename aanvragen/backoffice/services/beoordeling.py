"""Assessing one cost line of a claim (amount granted, reason, motivation)."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import euro

from ...constants import RedenCode
from ...kern import WorkflowFout, lock_aanvraag
from ...models import Kostenpost, KostenpostBeoordeling
from .. import permissions
from .basis import check_actie


@transaction.atomic
def kostenpost_beoordelen(
    *, kostenpost_id: int, door, bedrag_toegekend: Decimal, reden_code: str, motivering: str = ""
) -> KostenpostBeoordeling:
    """Record (or correct) the assessment of one cost line.

    0 <= approved <= claimed, and never above the category's maximum as it was when the claim
    was submitted (`plafond_bij_indiening`): a refusal, not an override, because the policy
    sets the maximum and a grant above it has no legal basis. Reason VOLLEDIG exactly when the
    full amount is approved; any other reason needs a motivation. The claim status does not
    change.
    """
    aanvraag_id = Kostenpost.objects.values_list("aanvraag_id", flat=True).get(pk=kostenpost_id)
    aanvraag = lock_aanvraag(aanvraag_id)
    check_actie(
        "kostenpost_beoordelen", aanvraag, permissions.can_kostenpost_beoordelen(door, aanvraag)
    )
    kostenpost = Kostenpost.objects.get(pk=kostenpost_id)
    bedrag_toegekend = Decimal(bedrag_toegekend)
    _check_beoordeling(kostenpost, bedrag_toegekend, reden_code, motivering)
    beoordeling, _created = KostenpostBeoordeling.objects.update_or_create(
        kostenpost=kostenpost,
        defaults={
            "bedrag_toegekend": bedrag_toegekend,
            "reden_code": reden_code,
            "motivering": motivering.strip(),
            "beoordeeld_door": door,
        },
    )
    return beoordeling


def _check_beoordeling(kostenpost, bedrag: Decimal, reden_code: str, motivering: str) -> None:
    if reden_code not in RedenCode.values:
        raise WorkflowFout(_("Kies een reden."), code="reden")
    _check_bedrag(kostenpost, bedrag)
    if reden_code == RedenCode.VOLLEDIG and bedrag != kostenpost.bedrag:
        raise WorkflowFout(
            _("Bij een lager bedrag hoort een andere reden dan 'Volledig toegekend'."),
            code="reden",
        )
    if reden_code != RedenCode.VOLLEDIG and bedrag == kostenpost.bedrag:
        raise WorkflowFout(
            _("Het volledige bedrag is toegekend: kies de reden 'Volledig toegekend'."),
            code="reden",
        )
    if reden_code != RedenCode.VOLLEDIG and not (motivering or "").strip():
        raise WorkflowFout(_("Geef een motivering bij deze reden."), code="motivering")


def _check_bedrag(kostenpost, bedrag: Decimal) -> None:
    if bedrag < 0 or bedrag > kostenpost.bedrag:
        raise WorkflowFout(
            _(
                "Het toegekende bedrag moet tussen € 0 en het aangevraagde bedrag "
                "(%(bedrag)s) liggen."
            )
            % {"bedrag": euro(kostenpost.bedrag)},
            code="bedrag",
        )
    plafond = kostenpost.plafond_bij_indiening
    if plafond is not None and bedrag > plafond:
        raise WorkflowFout(
            _(
                "Het toegekende bedrag is hoger dan het maximum van deze soort kosten "
                "(%(plafond)s). Ken ten hoogste %(plafond)s toe, met de reden 'Boven het "
                "maximum van de regeling'."
            )
            % {"plafond": euro(plafond)},
            code="plafond",
        )
