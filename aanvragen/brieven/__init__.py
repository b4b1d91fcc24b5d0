"""Letters of a claim (domain.md §7): models, contexts, building, services, tasks, views.

The claim's letters: which letters a claim gets, what each says, who may read it, and the
exactly-once generation and dispatch. Rendering and formatting come from
`fondsbeveiliging.opmaak` (HTML to PDF, fonts, Dutch amounts and dates).

`aanvragen.brieven.context` (frozen, keyword-only dataclasses; no ORM)
    BriefContext(kenmerk, datum, betreft, geadresseerde: Geadresseerde,
                 ondertekening: Ondertekening, afzender=Afzender.standaard(), uw_kenmerk="",
                 bijlagen=(), aanhef="Geachte heer, mevrouw,", slot="Met vriendelijke groet,")
    Ontvangstbevestiging(BriefContext; ontvangen_om: datetime, beslist_uiterlijk_op,
                         beslistermijn_weken=8)                                     4:3a
    Aanvulling(BriefContext; aanvraag_ontvangen_op, vragen: tuple[str],
               termijn_tot: date | None)        4:5 (no term: no date, no suspension)
    Verdaging(BriefContext; aanvraag_ontvangen_op, oorspronkelijk_uiterlijk_op,
              nieuw_uiterlijk_op, reden).ingebrekestelling_vanaf             4:14
    VoornemenAfwijzing(BriefContext; aanvraag_ontvangen_op, gedeeltelijk=False, motivering,
                       kostenregels=(), zienswijze_tot, regeling: Regeling)          4:7
    Besluit(BriefContext; uitkomst: Uitkomst, aanvraag_ontvangen_op, motivering,
            regeling: Regeling, kostenregels: tuple[Kostenregel]=(), betaling: Betaling|None,
            zienswijze: Zienswijze|None, bezwaar_uiterlijk_op=None, corrigeert_kenmerk="")
        .bedrag_aangevraagd / .bedrag_toegekend (sums of the lines), .is_toekenning
    Kennisgeving(BriefContext; ambtsdrager, ambt, besloten_op, uitkomst,
                 per_categorie: tuple[CategorieBedrag], betalen_uiterlijk_op)
        the municipality's notice: no free text, no address or account of the office holder
    Afzender, Geadresseerde(naam, adresregels), Ondertekening(functie, naam),
    Regeling(naam, versie, artikel, geldig_vanaf=None),
    Kostenregel(categorie, omschrijving, aangevraagd, toegekend, reden="").beoordeling,
    Betaling(iban, tenaamstelling, uiterlijk_op, weken=6),
    Zienswijze(gevraagd_op, gegeven_op=None, samenvatting="", reactie=""),
    (the outcome is `aanvragen.constants.Uitkomst`)
    render_brief(brief) -> bytes      render_pdf(brief.template_name, {"brief": brief})

`aanvragen.brieven.voorbeelden`: standard contexts (tests, previews, benchmark).

Amounts are Decimal euros, dates are dates; the addressee is a correspondence address, never
the home address. Free text is escaped by the templates: never mark it safe.
"""
