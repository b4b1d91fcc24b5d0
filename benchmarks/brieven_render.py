"""Benchmark: render a two-page decision letter N times and print medians.

    uv run --frozen python benchmarks/brieven_render.py --n 50 [--brief gedeeltelijk]

Letters from `aanvragen.brieven.voorbeelden`: `standaard` is a full grant with six cost
lines (the default), `gedeeltelijk` a partial grant with reasons per line after a hearing.

Side by side, interleaved per round so machine noise hits all alike:
  raw          WeasyPrint only (HTML rendered once), shared fonts + stylesheet + fetcher
  render_pdf   Django template render + PDF, the letter helper's real path
  no reuse     raw, but a new FontConfiguration and stylesheet per letter (the anti-pattern)
The full task path (DB read, render, store, log) is in benchmarks/brieven_task.py.
Target on the 2-core machine: raw <= 100 ms per two-page letter.
"""

import argparse
import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # settings need no secrets for a local benchmark

import django  # noqa: E402

django.setup()

import machine  # noqa: E402  (benchmarks/machine.py)
from django.template.loader import render_to_string  # noqa: E402

from aanvragen.brieven import voorbeelden  # noqa: E402
from fondsbeveiliging.opmaak import pdf  # noqa: E402


def render_zonder_hergebruik(html: str) -> bytes:
    """Render like a naive helper would: fonts and stylesheet built for every letter."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = pdf.get_fetcher()
    font_config = FontConfiguration()
    css = CSS(
        filename=str(pdf.STYLESHEET),
        base_url=pdf.assets_base_url(),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    return HTML(string=html, base_url=pdf.assets_base_url(), url_fetcher=fetcher).write_pdf(
        stylesheets=[css], font_config=font_config, pdf_variant=pdf.pdf_variant()
    )


def beschrijf(pdf_bytes: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf_bytes)).pages)
    words = len(extract_text(BytesIO(pdf_bytes)).split())
    return f"{pages} pages, {words} words (incl. letterhead and table), {len(pdf_bytes):,} bytes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="letters per variant")
    parser.add_argument("--no-naive", action="store_true", help="skip the no-reuse variant")
    parser.add_argument("--brief", choices=("standaard", "gedeeltelijk"), default="standaard")
    args = parser.parse_args()

    brief = voorbeelden.toekenning() if args.brief == "standaard" else voorbeelden.besluit()
    context = {"brief": brief}
    html = render_to_string(brief.template_name, context)

    start = time.perf_counter()
    pdf.warm_up()
    print(f"warm-up (import, fonts, stylesheet, one page): {time.perf_counter() - start:.3f} s")
    print(f"harfbuzz subset available: {pdf.harfbuzz_subset_available()}")
    print(f"machine: {machine.beschrijving()}")
    print(f"variant: {pdf.pdf_variant()}; letter: {beschrijf(pdf.html_to_pdf(html))}")

    varianten = {
        "raw (WeasyPrint, reused)": lambda: pdf.html_to_pdf(html),
        "render_pdf (template + PDF)": lambda: pdf.render_pdf(brief.template_name, context),
    }
    if not args.no_naive:
        varianten["raw, nothing reused"] = lambda: render_zonder_hergebruik(html)
    for functie in varianten.values():  # one untimed round each
        functie()

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    tijden: dict[str, list[float]] = {naam: [] for naam in varianten}
    cpu: dict[str, list[float]] = {naam: [] for naam in varianten}
    for _ in range(args.n):
        for naam, functie in varianten.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            functie()
            tijden[naam].append(time.perf_counter() - start)
            cpu[naam].append(time.process_time() - start_cpu)

    print(f"n={args.n} per variant, interleaved; per letter (wall clock, and CPU of this process):")
    for naam, reeks in tijden.items():
        reeks.sort()
        p90 = reeks[int(0.9 * (len(reeks) - 1))]
        print(
            f"  {naam:30s} median {statistics.median(reeks) * 1000:6.1f} ms"
            f"  min {reeks[0] * 1000:6.1f}  p90 {p90 * 1000:6.1f}"
            f"  | CPU median {statistics.median(cpu[naam]) * 1000:6.1f} ms"
        )
    raw = statistics.median(tijden["raw (WeasyPrint, reused)"])
    full = statistics.median(tijden["render_pdf (template + PDF)"])
    print(f"render_pdf / raw: {full / raw:.2f}x   (target raw <= 100 ms)")
    print(f"load average after: {os.getloadavg()[0]:.2f} (medians mean little when above cores)")


if __name__ == "__main__":
    main()
