"""Finance export: a CSV of approved or sent, unpaid decisions (payment instructions).

One row per decision with `openstaand` (granted minus paid so far) as the amount.
Dates as dd-mm-yyyy; the spreadsheet-safe writing (BOM, `;`, formula neutralising) is
`fondsbeveiliging.opmaak.spreadsheet`.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen
from fondsbeveiliging.opmaak.spreadsheet import bedrag_tekst, csv_response

from . import permissions, selectors


def betaalopdrachten_rijen(besluiten) -> list[list[str]]:
    rijen = [[_("kenmerk"), _("begunstigde"), _("IBAN"), _("bedrag"), _("uiterlijk betalen op")]]
    for besluit in besluiten:
        aanvraag = besluit.aanvraag
        rijen.append(
            [
                aanvraag.kenmerk or "",
                aanvraag.rekeninghouder,
                aanvraag.iban,
                bedrag_tekst(besluit.openstaand),
                f"{besluit.betaaltermijn_einde:%d-%m-%Y}" if besluit.betaaltermijn_einde else "",
            ]
        )
    return rijen


def betaalopdrachten_view(request):
    """Download the CSV; finance only, and every download is logged."""
    if not permissions.can_betaalopdrachten_exporteren(request.user):
        raise PermissionDenied
    besluiten = list(selectors.betaalopdrachten())
    response = csv_response(
        f"betaalopdrachten-{timezone.localdate():%Y-%m-%d}.csv",
        betaalopdrachten_rijen(besluiten),
    )
    inzage_vastleggen(
        request=request,
        actie=InzageActie.GEEXPORTEERD,
        omschrijving=f"betaalopdrachten: {len(besluiten)} besluiten",
    )
    return response
