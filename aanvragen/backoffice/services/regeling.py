"""Managing policy versions (regeling): the functioneel beheerder's copy action.

Rules chosen where the issue is silent: a copy starts the day after the copied version
ends, so two versions never overlap; a version without an end date cannot be copied (the
copy would have no start). The copy is open-ended and not in use, so it can be edited.
"""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from ...kern import WorkflowFout
from ...models import Regeling


@transaction.atomic
def regeling_kopieren(*, regeling_id: int) -> Regeling:
    """Copy a version with its cost categories, starting the day after it ends."""
    regeling = Regeling.objects.select_for_update().get(pk=regeling_id)
    if regeling.geldig_tot is None:
        raise WorkflowFout(
            _("Geef %(code)s eerst een einddatum.") % {"code": regeling.code}, code="einddatum"
        )
    categorieen = list(regeling.categorieen.all())
    regeling.pk = None
    regeling.code = f"{regeling.code}-nieuw"[:30]
    regeling.geldig_van = regeling.geldig_tot + timedelta(days=1)
    regeling.geldig_tot = None
    regeling.save()
    for categorie in categorieen:
        categorie.pk = None
        categorie.regeling = regeling
        categorie.save()
    return regeling
