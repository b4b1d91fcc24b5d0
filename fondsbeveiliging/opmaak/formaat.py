"""Dutch amounts, dates and account numbers, independent of the active locale.

One formatter per kind, used by letters (always Dutch), screens, e-mails and service
messages alike; `templatetags/opmaak.py` offers them as template filters.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _als_datum(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def lange_datum(value: date | datetime | None) -> str:
    """Format a date as a Dutch long date: "12 maart 2026" (aware datetimes in local time)."""
    if value in (None, ""):
        return ""
    dag = _als_datum(value)
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def datum_tijd(value: datetime | None) -> str:
    """Format a datetime as "12 maart 2026 om 14:05 uur" in local time."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{lange_datum(value)} om {value:%H:%M} uur"


def euro(value: Decimal | int | str | None) -> str:
    """Format an amount Dutch-style: "€ 1.234,56" (two decimals, half up).

    The space after the euro sign is a no-break space, so the sign never ends a line.
    """
    if value in (None, ""):
        return ""
    bedrag = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    teken = "-" if bedrag < 0 else ""
    tekst = f"{abs(bedrag):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€\u00a0{teken}{tekst}"


def iban(value: str | None) -> str:
    """Format an IBAN in groups of four: "NL91 ABNA 0417 1643 00"."""
    if not value:
        return ""
    compact = "".join(str(value).split()).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
