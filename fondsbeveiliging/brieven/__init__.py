"""Letters: Django templates rendered to PDF/A-2b with WeasyPrint (domain.md §7, issue 6).

Public API:

`fondsbeveiliging.brieven.pdf`
    render_pdf(template_name: str, context: dict) -> bytes   template (autoescaped) -> PDF
    html_to_pdf(html: str) -> bytes                          trusted letter HTML -> PDF
    warm_up() -> None                 per process: import, fonts, stylesheet, one tiny page
                                      (connected to Celery worker_process_init in tasks.py)
    resolve_asset(url) -> Path        the asset-only URL policy; AssetRefusedError otherwise
    get_fetcher()                     the per-process WeasyPrint URL fetcher (assets only)
    harfbuzz_subset_available() -> bool
    pdf_variant() -> str              settings.BRIEVEN_PDF_VARIANT, default "pdf/a-2b"
    ASSETS_DIR                        fondsbeveiliging/brieven/assets (brief.css, fonts/)

`fondsbeveiliging.brieven.context` (frozen, keyword-only dataclasses; no ORM)
    BriefContext(kenmerk, datum, betreft, geadresseerde: Geadresseerde,
                 ondertekening: Ondertekening, afzender=Afzender.standaard(), uw_kenmerk="",
                 bijlagen=(), aanhef="Geachte heer, mevrouw,", slot="Met vriendelijke groet,")
    Ontvangstbevestiging(BriefContext; ontvangen_om: datetime, beslist_uiterlijk_op,
                         beslistermijn_weken=8)                                     4:3a
    Aanvulling(BriefContext; aanvraag_ontvangen_op, vragen: tuple[str], termijn_tot)   4:5
    Verdaging(BriefContext; aanvraag_ontvangen_op, oorspronkelijk_uiterlijk_op,
              nieuw_uiterlijk_op, reden)                                            4:14
    VoornemenAfwijzing(BriefContext; aanvraag_ontvangen_op, gedeeltelijk=False, motivering,
                       kostenregels=(), zienswijze_tot, regeling: Regeling)          4:7
    Besluit(BriefContext; uitkomst: Uitkomst, aanvraag_ontvangen_op, motivering,
            regeling: Regeling, kostenregels: tuple[Kostenregel]=(), betaling: Betaling|None,
            zienswijze: Zienswijze|None, bezwaar_uiterlijk_op=None, corrigeert_kenmerk="")
        .bedrag_aangevraagd / .bedrag_toegekend (sums of the lines), .is_toekenning
    Afzender, Geadresseerde(naam, adresregels), Ondertekening(functie, naam),
    Regeling(naam, versie, artikel, geldig_vanaf=None),
    Kostenregel(categorie, omschrijving, aangevraagd, toegekend, reden="").beoordeling,
    Betaling(iban, tenaamstelling, uiterlijk_op, weken=6),
    Zienswijze(gevraagd_op, gegeven_op=None, samenvatting="", reactie=""),
    Uitkomst (TextChoices: toegekend, gedeeltelijk_toegekend, afgewezen, buiten_behandeling)
    render_brief(brief) -> bytes      render_pdf(brief.template_name, {"brief": brief})

`fondsbeveiliging.brieven.voorbeelden`: standard contexts (tests, previews, benchmark).
Template filters (`{% load brieven %}`): lange_datum, datum_tijd, euro, iban.

Amounts are Decimal euros, dates are dates; the addressee is a correspondence address, never
the home address. Free text is escaped by the templates: never mark it safe.
"""
