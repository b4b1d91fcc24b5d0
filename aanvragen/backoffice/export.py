"""Finance export: a CSV of approved or sent, unpaid decisions (payment instructions).

One row per decision with `openstaand` (granted minus paid so far) as the amount.
Written for Dutch Excel: UTF-8 with BOM, `;` as separator, comma decimals, dd-mm-yyyy dates.
Cells are neutralised against spreadsheet formula injection (OWASP "CSV Injection"): a cell
starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a payee
name such as `=HYPERLINK(...)` is shown as text and never evaluated.
"""

import csv
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen

from . import permissions, selectors

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def neutraliseren(waarde: str) -> str:
    """Make a cell inert for spreadsheets: prefix a formula-starting cell with a quote."""
    return f"'{waarde}" if waarde.startswith(FORMULE_TEKENS) else waarde


def bedrag_tekst(bedrag: Decimal) -> str:
    """1234.5 -> '1234,50' (no thousands separator: Excel reads it as a number)."""
    return f"{bedrag:.2f}".replace(".", ",")


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
    return [[neutraliseren(str(cel)) for cel in rij] for rij in rijen]


def betaalopdrachten_view(request):
    """Download the CSV; finance only, and every download is logged."""
    if not permissions.can_betaalopdrachten_exporteren(request.user):
        raise PermissionDenied
    besluiten = list(selectors.betaalopdrachten())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    bestandsnaam = f"betaalopdrachten-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response.write("\ufeff")
    csv.writer(response, delimiter=";", lineterminator="\r\n").writerows(
        betaalopdrachten_rijen(besluiten)
    )
    inzage_vastleggen(
        request=request,
        actie=InzageActie.GEEXPORTEERD,
        omschrijving=f"betaalopdrachten: {len(besluiten)} besluiten",
    )
    return response
