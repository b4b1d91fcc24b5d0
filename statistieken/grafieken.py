"""Charts as inline SVG, drawn on the server: the same markup on the page and in the PDF.

Why our own ~150 lines and not a charting package: the site's Content-Security-Policy
refuses inline `<style>` and `style=""` (inline SVG included) and every script that is not a
static file, and WeasyPrint runs no JavaScript. The server-side SVG packages we looked at
(pygal, matplotlib) style their output with an embedded `<style>` block or `style`
attributes, so their SVG would need a separate image view with its own policy, and
matplotlib alone costs tens of milliseconds per chart. Two chart kinds (horizontal bars and
a monthly line) drawn with SVG presentation attributes (`fill`, `stroke`, `font-size`) are
allowed by the policy, render the same in Chromium and WeasyPrint, and cost well under a
millisecond each.

Accessibility: each SVG has role="img" with a `<title>` and a generated `<desc>` (the text
alternative), and the page shows the same numbers in a table next to it. Suppressed values
("<5", "x") get no bar or point, only their mark.
"""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BREEDTE = 640
KLEUR = "#01689b"
TEKST = "#1f1f1f"
RASTER = "#b4b4b4"
LETTER = "Source Sans 3, Segoe UI, Arial, sans-serif"


def _kort(tekst: str, lengte: int = 30) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


def _getal(waarde: float) -> str:
    tekst = f"{waarde:,.1f}".rstrip("0").rstrip(".")
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def beschrijving(titel: str, reeks, *, eenheid: str = "") -> str:
    """The text alternative: what is shown, the highest value, where the numbers are."""
    getoond = [(label, w) for label, w, _t in reeks if w is not None]
    if not getoond:
        return _("%(titel)s: geen waarden om te tonen.") % {"titel": titel}
    hoogste = max(getoond, key=lambda p: p[1])
    verborgen = sum(1 for _l, w, _t in reeks if w is None)
    tekst = _("%(titel)s, %(n)s waarden. Hoogste: %(label)s (%(waarde)s%(eenheid)s).") % {
        "titel": titel,
        "n": len(reeks),
        "label": hoogste[0],
        "waarde": _getal(hoogste[1]),
        "eenheid": eenheid,
    }
    if verborgen:
        tekst += " " + _("%(n)s waarden zijn afgeschermd (kleiner dan 5 of beschermd).") % {
            "n": verborgen
        }
    return tekst + " " + _("Alle cijfers staan in de tabel bij deze grafiek.")


def _kop(id_: str, titel: str, desc: str, hoogte: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img" '
        f'viewBox="0 0 {BREEDTE} {hoogte}" width="100%" '
        f'aria-labelledby="{id_}-titel {id_}-desc" font-family="{LETTER}" font-size="13">'
        f'<title id="{id_}-titel">{escape(titel)}</title>'
        f'<desc id="{id_}-desc">{escape(desc)}</desc>'
    )


def staafdiagram(id_: str, titel: str, reeks, *, eenheid: str = "") -> SafeString:
    """Horizontal bars, one per (label, value or None, shown text) in `reeks`."""
    rij, label_breedte, marge = 26, 230, 60
    hoogte = rij * len(reeks) + 10
    schaal_breedte = BREEDTE - label_breedte - marge
    hoogste = max((w for _l, w, _t in reeks if w is not None), default=0) or 1
    delen = [_kop(id_, titel, beschrijving(titel, reeks, eenheid=eenheid), hoogte)]
    delen.append(
        f'<line x1="{label_breedte}" y1="0" x2="{label_breedte}" y2="{hoogte - 5}" '
        f'stroke="{RASTER}" stroke-width="1"/>'
    )
    for n, (label, waarde, tekst) in enumerate(reeks):
        y = 5 + n * rij
        delen.append(
            f'<text x="{label_breedte - 8}" y="{y + 17}" text-anchor="end" fill="{TEKST}">'
            f"{escape(_kort(label))}</text>"
        )
        lengte = 0.0 if waarde is None else schaal_breedte * waarde / hoogste
        if lengte > 0:
            delen.append(
                f'<rect x="{label_breedte}" y="{y + 4}" width="{lengte:.1f}" height="{rij - 8}" '
                f'fill="{KLEUR}"/>'
            )
        delen.append(
            f'<text x="{label_breedte + lengte + 6:.1f}" y="{y + 17}" fill="{TEKST}">'
            f"{escape(tekst)}</text>"
        )
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped


def _schaal(hoogste: float) -> tuple[float, list[float]]:
    """A round axis maximum and 4 grid steps for values up to `hoogste`."""
    if hoogste <= 0:
        return 1, [0, 1]
    stap = 10 ** math.floor(math.log10(hoogste / 4))
    for factor in (1, 2, 2.5, 5, 10):
        if hoogste / (stap * factor) <= 4:
            stap *= factor
            break
    maximum = stap * math.ceil(hoogste / stap)
    return maximum, [stap * i for i in range(int(round(maximum / stap)) + 1)]


def lijndiagram(id_: str, titel: str, reeks, *, eenheid: str = "") -> SafeString:
    """A line over (label, value or None, shown text) points; None breaks the line."""
    hoogte, links, rechts, boven, onder = 260, 56, 16, 14, 46
    breedte = BREEDTE - links - rechts
    hoog = hoogte - boven - onder
    maximum, stappen = _schaal(max((w for _l, w, _t in reeks if w is not None), default=0))
    delen = [_kop(id_, titel, beschrijving(titel, reeks, eenheid=eenheid), hoogte)]
    for stap in stappen:
        y = boven + hoog - hoog * stap / maximum
        delen.append(
            f'<line x1="{links}" y1="{y:.1f}" x2="{BREEDTE - rechts}" y2="{y:.1f}" '
            f'stroke="{RASTER}" stroke-width="1"/>'
            f'<text x="{links - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEKST}">'
            f"{_getal(stap)}{escape(eenheid)}</text>"
        )
    aantal = len(reeks)
    elke = max(1, math.ceil(aantal / 12))
    punten, lijnen = [], [[]]
    for n, (label, waarde, tekst) in enumerate(reeks):
        x = links + (breedte * (n + 0.5) / aantal)
        if n % elke == 0:
            delen.append(
                f'<text x="{x:.1f}" y="{hoogte - onder + 18}" text-anchor="middle" '
                f'fill="{TEKST}">{escape(label.split(" ")[0][:9])}</text>'
            )
        if waarde is None:
            lijnen.append([])
            delen.append(
                f'<text x="{x:.1f}" y="{boven + hoog - 4}" text-anchor="middle" '
                f'fill="{TEKST}">{escape(tekst)}</text>'
            )
            continue
        y = boven + hoog - hoog * waarde / maximum
        lijnen[-1].append(f"{x:.1f},{y:.1f}")
        punten.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{KLEUR}"/>')
    for lijn in lijnen:
        if len(lijn) > 1:
            delen.append(
                f'<polyline points="{" ".join(lijn)}" fill="none" stroke="{KLEUR}" '
                f'stroke-width="2.5"/>'
            )
    delen.extend(punten)
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped


def grafiek_van(tabel) -> SafeString | None:
    """The chart a `Tabel` asks for, or None."""
    if not tabel.grafiek:
        return None
    soort = tabel.kolommen[tabel.grafiek_kolom].soort
    eenheid = "%" if soort == "percentage" else ""
    teken = lijndiagram if tabel.grafiek == "lijn" else staafdiagram
    return teken(f"grafiek-{tabel.sleutel}", tabel.titel, tabel.reeks(), eenheid=eenheid)
