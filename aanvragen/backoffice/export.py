"""Finance's files of a payment batch: a spreadsheet-safe CSV and a SEPA credit transfer.

Both are made from the batch's stored rows (what was sent to the bank), never from the
claims as they are now. The SEPA file (pain.001, by the sepaxml library, validated against
the ISO 20022 schema it ships) is made once, when the batch is made, and stored: a second
download is the same file with the same message id, which the bank recognises as a
duplicate instead of paying twice. Dates in the CSV as dd-mm-yyyy; the spreadsheet-safe
writing (BOM, `;`, formula neutralising) is `fondsbeveiliging.opmaak.spreadsheet`.
"""

import re
from datetime import date

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from sepaxml import SepaTransfer
from sepaxml.validation import ValidationError

from fondsbeveiliging.opmaak.spreadsheet import bedrag_tekst, csv_response

from ..kern import WorkflowFout

MSGID = re.compile(r"<MsgId>([^<]+)</MsgId>")


def omschrijving(kenmerk: str) -> str:
    """The payee's bank statement line: the kenmerk and the ministry, nothing about why.

    Others may read a bank statement (a partner, a bookkeeper): "Fonds beveiliging" would
    tell them this person is threatened.
    """
    return f"{kenmerk} Ministerie van BZK"


def pain001(regels, *, uitvoeringsdatum: date) -> tuple[str, str]:
    """The SEPA credit transfer file of `regels` and its message id; refused if invalid."""
    rekening = settings.FONDS_BETAALREKENING
    overboeking = SepaTransfer(
        {
            "name": rekening["naam"],
            "IBAN": rekening["iban"],
            "BIC": rekening["bic"],
            "batch": True,
            "currency": "EUR",
        },
        schema=settings.FONDS_SEPA_SCHEMA,
        clean=True,  # transliterates names to the SEPA character set (Ü -> U)
    )
    for regel in regels:
        overboeking.add_payment(
            {
                "name": regel.begunstigde,
                "IBAN": regel.iban,
                "amount": int(regel.bedrag * 100),
                "execution_date": uitvoeringsdatum,
                "description": omschrijving(regel.kenmerk),
                "endtoend_id": regel.eind_tot_eind_id,
            }
        )
    try:
        xml = overboeking.export(validate=True).decode()
    except ValidationError as fout:
        raise WorkflowFout(
            _(
                "Het SEPA-bestand voldoet niet aan het schema; er is geen batch gemaakt. "
                "Controleer de tenaamstelling en het IBAN van de aanvragen in de lijst."
            ),
            code="sepa",
        ) from fout
    return xml, MSGID.search(xml).group(1)


def batch_csv(batch, regels) -> HttpResponse:
    kop = [
        _("batch"),
        _("kenmerk"),
        _("begunstigde"),
        _("IBAN"),
        _("bedrag"),
        _("uiterlijk betalen op"),
        _("betalingskenmerk"),
        _("betaald op"),
    ]
    rijen = [kop]
    for regel in regels:
        betaald_op = regel.betaling.betaald_op if regel.betaling else None
        rijen.append(
            [
                batch.nummer,
                regel.kenmerk,
                regel.begunstigde,
                regel.iban,
                bedrag_tekst(regel.bedrag),
                f"{regel.uiterlijk_betalen_op:%d-%m-%Y}" if regel.uiterlijk_betalen_op else "",
                regel.eind_tot_eind_id,
                f"{betaald_op:%d-%m-%Y}" if betaald_op else "",
            ]
        )
    return csv_response(f"betaalbatch-{batch.nummer}.csv", rijen)


def batch_pain001(batch) -> HttpResponse:
    response = HttpResponse(batch.pain001, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="betaalbatch-{batch.nummer}.xml"'
    return response
