"""Typesetting shared by every app: HTML to PDF with WeasyPrint, and Dutch formatting.

Knows nothing about claims or meldingen; imports only Django and WeasyPrint.

`fondsbeveiliging.opmaak.pdf`
    render_pdf(template_name: str, context: dict) -> bytes   template (autoescaped) -> PDF
    html_to_pdf(html: str) -> bytes                          trusted HTML -> PDF
    warm_up() -> None                 per process: import, fonts, stylesheet, one tiny page
    resolve_asset(url) -> Path        the asset-only URL policy; AssetRefusedError otherwise
    get_fetcher()                     the per-process WeasyPrint URL fetcher (assets only)
    harfbuzz_subset_available() -> bool
    pdf_variant() -> str              settings.BRIEVEN_PDF_VARIANT, default "pdf/a-2a"
    ASSETS_DIR                        fondsbeveiliging/opmaak/assets (brief.css, fonts/)

`fondsbeveiliging.opmaak.formaat` (also template filters: `{% load opmaak %}`)
    euro(bedrag) -> "€ 1.234,56"      lange_datum(d) -> "12 maart 2026"
    datum_tijd(dt) -> "12 maart 2026 om 14:05 uur"     iban(s) -> "NL91 ABNA 0417 1643 00"
"""
