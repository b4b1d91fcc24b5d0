"""Build letter contexts (`context.py` dataclasses) from the case in the database.

One function per letter type, dispatched by `brief_context(brief, datum=)`; the same
builders serve the stored letters (task) and the assessor's draft preview. The addressee is
the correspondence address; on the municipality copy the address lines are left out when
they equal the home address, so a copy never carries the home address.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from aanvragen.constants import BezwaarUitkomst, Hoorzitting, Indiener, Uitkomst
from aanvragen.kern import beslistermijn_berekenen, verzoek_schort_op
from aanvragen.models import Kostenpost, Voornemen
from fondsbeveiliging.core.vaste_query import VasteQuery
from fondsbeveiliging.termijnen.berekening import (
    betaaltermijn_einde,
    bezwaar_tijdig,
    bezwaartermijn_einde,
    dwangsom_eerste_dag,
    termijn_einde,
)

from . import context as ctx
from .models import BriefSoort, Ontvanger

BETREFT = {
    BriefSoort.BESLUIT: "Besluit op uw aanvraag vergoeding beveiligingsmaatregelen",
    BriefSoort.ONTVANGSTBEVESTIGING: "Ontvangstbevestiging van uw aanvraag",
    BriefSoort.AANVULLING: "Verzoek om aanvulling van uw aanvraag",
    BriefSoort.VERDAGING: "Verdaging van de beslistermijn",
    BriefSoort.VOORNEMEN_AFWIJZING: "Voornemen tot afwijzing van uw aanvraag",
    BriefSoort.KENNISGEVING: "Kennisgeving van een besluit van het fonds beveiligingsmaatregelen",
    BriefSoort.BESLISSING_OP_BEZWAAR: "Beslissing op uw bezwaar",
    BriefSoort.HERZIENINGSBESLUIT: "Herziening van mijn besluit op uw aanvraag",
    BriefSoort.DWANGSOMBESLUIT: "Vaststelling van de dwangsom voor niet tijdig beslissen",
    BriefSoort.VERZUIMHERSTEL: "Verzoek om uw bezwaarschrift aan te vullen",
    BriefSoort.UITNODIGING_HOORZITTING: "Uitnodiging voor de hoorzitting over uw bezwaar",
    BriefSoort.VERDAGING_BEZWAAR: "Verdaging van de beslissing op uw bezwaar",
}

# The term to repay what was paid too much (4:57): six weeks after dispatch, as stored by
# the dispatch; the draft preview computes the same.
TERUGBETAALTERMIJN_WEKEN = 6


def _normaal(tekst: str | None) -> str:
    return " ".join((tekst or "").lower().replace(",", " ").split())


def geadresseerde(aanvraag, ontvanger: str) -> ctx.Geadresseerde:
    """The applicant's name and correspondence address (never the home address on a copy)."""
    plaatsregel = "  ".join(
        deel
        for deel in (aanvraag.correspondentie_postcode, aanvraag.correspondentie_plaats)
        if deel
    )
    regels = tuple(r for r in (aanvraag.correspondentie_adres, plaatsregel) if r)
    if ontvanger == Ontvanger.GEMEENTE and _is_woonadres(aanvraag):
        regels = ()
    return ctx.Geadresseerde(naam=aanvraag.aanvrager_naam, adresregels=regels)


def _is_woonadres(aanvraag) -> bool:
    if not aanvraag.woonadres:
        return False
    return _normaal(aanvraag.correspondentie_adres) == _normaal(aanvraag.woonadres)


def rekeningnummer(iban: str, ontvanger: str) -> str:
    """The payee account; on the municipality's copy only the country code and last four.

    The municipality needs to know that and when the office holder is paid, not the private
    account (data minimisation, domain §9); the last four digits let the office holder
    recognise it when they discuss the copy.
    """
    compact = "".join((iban or "").split()).upper()
    if ontvanger != Ontvanger.GEMEENTE or len(compact) <= 6:
        return compact
    return compact[:2] + "*" * (len(compact) - 6) + compact[-4:]


def ondertekening(user) -> ctx.Ondertekening:
    """Signature under mandate: the user's letter function and name, or the team default."""
    functie, naam = settings.BRIEVEN_ONDERTEKENING
    if user is not None and user.get_full_name():
        return ctx.Ondertekening(functie=user.functie or functie, naam=user.get_full_name())
    return ctx.Ondertekening(functie=functie, naam=naam)


def regeling(aanvraag) -> ctx.Regeling:
    """The policy version the claim is decided under (3:47), named in the letter."""
    versie = aanvraag.regeling
    return ctx.Regeling(
        naam=versie.naam,
        versie=versie.code,
        artikel=_artikel(versie.grondslag),
        geldig_vanaf=versie.geldig_van,
    )


def _artikel(grondslag: str) -> str:
    """The article number alone: the letter says "artikel <nr> van de <naam regeling>".

    The field asks for e.g. "artikel 3"; a value written as a whole phrase ("artikel 3 van
    de regeling") would otherwise print "van de regeling van de Regeling ...".
    """
    artikel = " ".join(grondslag.split())
    if artikel.lower().startswith("artikel "):
        artikel = artikel[len("artikel ") :]
    for staart in (" van de regeling", " van deze regeling"):
        if artikel.lower().endswith(staart):
            artikel = artikel[: -len(staart)]
    return artikel.rstrip(" ,")


# The small reads of every decision letter, compiled to SQL once per process (`VasteQuery`;
# the ORM would compile the same SQL again for every letter, issue 21 item 5). Same rows and
# order as `aanvraag.kostenposten` / `aanvraag.voornemens` (the models' Meta.ordering).
_KOSTENPOSTEN = VasteQuery(
    lambda aanvraag_id: Kostenpost.objects.filter(aanvraag_id=aanvraag_id).select_related(
        "categorie", "beoordeling"
    ),
    aanvraag_id=-918_273_645,
)
_VOORNEMENS = VasteQuery(
    lambda aanvraag_id: Voornemen.objects.filter(aanvraag_id=aanvraag_id),
    aanvraag_id=-918_273_645,
)


def kostenregels(aanvraag, *, alleen_afwijkend: bool = False) -> tuple[ctx.Kostenregel, ...]:
    """Assessed cost lines with the decision and reason per line (unassessed lines skipped)."""
    regels = []
    for post in _KOSTENPOSTEN(aanvraag_id=aanvraag.pk):
        beoordeling = getattr(post, "beoordeling", None)
        if beoordeling is None:
            continue
        if alleen_afwijkend and beoordeling.bedrag_toegekend >= (post.bedrag or 0):
            continue
        reden = ""
        if beoordeling.reden_code != "volledig":
            reden = str(beoordeling.get_reden_code_display())
            if beoordeling.motivering:
                reden = f"{reden}: {beoordeling.motivering}"
        regels.append(
            ctx.Kostenregel(
                categorie=post.categorie.naam if post.categorie else "",
                omschrijving=post.omschrijving,
                aangevraagd=post.bedrag or Decimal("0"),
                toegekend=beoordeling.bedrag_toegekend,
                reden=reden,
            )
        )
    return tuple(regels)


def _ontvangen_op(aanvraag) -> date:
    return timezone.localdate(aanvraag.ingediend_op)


def _gemeenschappelijk(brief, *, datum: date, door, betreft: str = "") -> dict:
    aanvraag = brief.aanvraag
    afschrift = brief.ontvanger == Ontvanger.GEMEENTE
    betreft = betreft or BETREFT[brief.soort]
    return {
        "kenmerk": aanvraag.kenmerk or "",
        "datum": datum,
        "betreft": f"Afschrift: {betreft}" if afschrift else betreft,
        "geadresseerde": geadresseerde(aanvraag, brief.ontvanger),
        "ondertekening": ondertekening(door),
        # The applicant's own reference is for the applicant's letters, not a copy.
        "uw_kenmerk": "" if afschrift else aanvraag.uw_kenmerk,
    }


def ontvangstbevestiging(brief, *, datum: date) -> ctx.Ontvangstbevestiging:
    aanvraag = brief.aanvraag
    return ctx.Ontvangstbevestiging(
        **_gemeenschappelijk(brief, datum=datum, door=None),
        ontvangen_om=timezone.localtime(aanvraag.ingediend_op),
        beslist_uiterlijk_op=aanvraag.beslistermijn_einde,
        beslistermijn_weken=aanvraag.regeling.beslistermijn_weken,
    )


def aanvulling(brief, *, datum: date) -> ctx.Aanvulling:
    """The request to complete, with exactly the term stored on the request.

    No default term is filled in: a request registered without a term does not suspend the
    decision term (4:15), so a letter that set one would promise a pause that never happens.
    """
    verzoek = brief.aanvulverzoek
    verzoek.aanvraag = brief.aanvraag  # the letter's claim, loaded with its policy already
    return ctx.Aanvulling(
        **_gemeenschappelijk(brief, datum=datum, door=verzoek.verzocht_door),
        aanvraag_ontvangen_op=_ontvangen_op(brief.aanvraag),
        vragen=(verzoek.vraag,),
        termijn_tot=verzoek.termijn_tot,
        schort_op=verzoek_schort_op(verzoek),
    )


def verdaging(brief, *, datum: date) -> ctx.Verdaging:
    aanvraag = brief.aanvraag
    return ctx.Verdaging(
        **_gemeenschappelijk(brief, datum=datum, door=aanvraag.behandelaar),
        aanvraag_ontvangen_op=_ontvangen_op(aanvraag),
        oorspronkelijk_uiterlijk_op=beslistermijn_berekenen(aanvraag, met_verdaging=False),
        # The stored deadline, not the bare postponed date: a suspension running past the day
        # of postponement extends the postponed date too, and letter and screen must agree.
        nieuw_uiterlijk_op=aanvraag.beslistermijn_einde,
        reden=aanvraag.verdaging_reden,
    )


def voornemen(brief, *, datum: date) -> ctx.VoornemenAfwijzing:
    aanvraag = brief.aanvraag
    regels = kostenregels(aanvraag, alleen_afwijkend=True)
    return ctx.VoornemenAfwijzing(
        **_gemeenschappelijk(brief, datum=datum, door=brief.voornemen.door),
        aanvraag_ontvangen_op=_ontvangen_op(aanvraag),
        gedeeltelijk=any(regel.toegekend > 0 for regel in regels),
        motivering=brief.voornemen.reden,
        kostenregels=regels,
        zienswijze_tot=brief.voornemen.termijn_tot,
        regeling=regeling(aanvraag),
    )


def zienswijze(aanvraag) -> ctx.Zienswijze | None:
    """The hearing (4:7) of the latest closed intended refusal, if there was one."""
    gesloten = [
        v for v in _VOORNEMENS(aanvraag_id=aanvraag.pk) if v.zienswijze_ingediend is not None
    ]
    if not gesloten:
        return None
    laatste = gesloten[-1]
    gegeven = bool(laatste.zienswijze_ingediend)
    return ctx.Zienswijze(
        gevraagd_op=timezone.localdate(laatste.verzonden_op),
        gegeven_op=timezone.localdate(laatste.vastgelegd_op)
        if gegeven and laatste.vastgelegd_op
        else None,
        # Only the text written for the letter: `Voornemen.zienswijze` is the assessor's
        # internal note (e.g. of a phone call) and never leaves the back office.
        samenvatting=laatste.zienswijze_in_brief if gegeven else "",
    )


def besluit_termijnen(besluit, *, datum: date, versie) -> tuple[date, date]:
    """(payment deadline, objection deadline): stored at dispatch, else computed for `datum`
    under the policy version `versie` (the same rule as `aanvragen.kern.besluit_verzenden`).
    """
    if besluit.betaaltermijn_einde and besluit.bezwaartermijn_einde:
        return besluit.betaaltermijn_einde, besluit.bezwaartermijn_einde
    return (
        betaaltermijn_einde(datum, weken=versie.betaaltermijn_weken),
        bezwaartermijn_einde(datum),
    )


def besluit(brief, *, datum: date, besluit=None) -> ctx.Besluit:
    """The decision letter; `besluit` overrides brief.besluit for the draft preview."""
    besluit = besluit or brief.besluit
    # The letter's own (already loaded) claim: saves reading it again through the decision.
    aanvraag = brief.aanvraag if brief.aanvraag_id == besluit.aanvraag_id else besluit.aanvraag
    if besluit.verzonden_op:
        datum = timezone.localdate(besluit.verzonden_op)
    betalen_op, bezwaar_op = besluit_termijnen(besluit, datum=datum, versie=aanvraag.regeling)
    uitkomst = Uitkomst(besluit.uitkomst)
    betaling = None
    if uitkomst in (Uitkomst.TOEGEKEND, Uitkomst.GEDEELTELIJK_TOEGEKEND):
        betaling = ctx.Betaling(
            iban=rekeningnummer(aanvraag.iban, brief.ontvanger),
            tenaamstelling=aanvraag.rekeninghouder,
            uiterlijk_op=betalen_op,
            weken=aanvraag.regeling.betaaltermijn_weken,
        )
    vorige = besluit.vervangt
    return ctx.Besluit(
        **_gemeenschappelijk(brief, datum=datum, door=besluit.goedgekeurd_door),
        uitkomst=uitkomst,
        aanvraag_ontvangen_op=_ontvangen_op(aanvraag),
        motivering=besluit.motivering,
        regeling=regeling(aanvraag),
        kostenregels=kostenregels(aanvraag),
        betaling=betaling,
        zienswijze=zienswijze(aanvraag),
        bezwaar_uiterlijk_op=bezwaar_op,
        corrigeert_kenmerk=f"{aanvraag.kenmerk} (versie {vorige.versie})" if vorige else "",
    )


def _besluitdatum(besluit, datum: date) -> date:
    """The letter's date: the decision's dispatch date once sent, else `datum` (preview)."""
    return timezone.localdate(besluit.verzonden_op) if besluit.verzonden_op else datum


def eerder_besluit(besluit) -> ctx.EerderBesluit:
    """An earlier decision as a later letter names it: date sent, kenmerk, version."""
    return ctx.EerderBesluit(
        datum=timezone.localdate(besluit.verzonden_op) if besluit.verzonden_op else None,
        kenmerk=besluit.aanvraag.kenmerk or "",
        versie=besluit.versie,
    )


def al_betaald(besluit) -> Decimal:
    """Paid so far on the claim's amount: the payments on all its decisions that fix it
    (the chain, less repayments received), by the one rule of `aanvragen.selectors`."""
    from aanvragen.models import Besluit
    from aanvragen.selectors import betaald_op_besluit

    return (
        Besluit.objects.filter(pk=besluit.pk)
        .annotate(betaald=betaald_op_besluit())
        .values_list("betaald", flat=True)
        .get()
    )


def verrekening(besluit, *, datum: date, ontvanger: str) -> ctx.Verrekening:
    """What a replacing decision means for the money: the difference paid, or reclaimed.

    The stored term ends (set at dispatch) are printed; before dispatch (the draft preview)
    they are computed for `datum` under the same rules.
    """
    aanvraag = besluit.aanvraag
    vorige = besluit.vervangt
    betaald = al_betaald(besluit)
    nieuw = besluit.bedrag_toegekend
    bij = max(nieuw - betaald, Decimal("0"))
    terug = besluit.terugvordering or max(betaald - nieuw, Decimal("0"))
    bijbetaling = terugbetaling = None
    if bij > 0:
        weken = aanvraag.regeling.betaaltermijn_weken
        bijbetaling = ctx.Betaling(
            iban=rekeningnummer(aanvraag.iban, ontvanger),
            tenaamstelling=aanvraag.rekeninghouder,
            uiterlijk_op=besluit.betaaltermijn_einde or betaaltermijn_einde(datum, weken=weken),
            weken=weken,
        )
    elif terug > 0:
        rekening = settings.FONDS_BETAALREKENING
        terugbetaling = ctx.Terugbetaling(
            bedrag=terug,
            uiterlijk_op=besluit.terugbetaaltermijn_einde
            or termijn_einde(datum, weken=TERUGBETAALTERMIJN_WEKEN),
            iban=rekening["iban"],
            tenaamstelling=rekening["naam"],
            bic=rekening.get("bic", ""),
        )
    return ctx.Verrekening(
        vorig_datum=eerder_besluit(vorige).datum if vorige else None,
        vorig_bedrag=vorige.bedrag_toegekend if vorige else Decimal("0"),
        al_betaald=betaald,
        bij_te_betalen=bij,
        bijbetaling=bijbetaling,
        terugbetaling=terugbetaling,
    )


def _nieuwe_toekenning(brief, besluit, *, datum: date) -> dict:
    """The fields of a decision that fixes the claim's outcome and amount anew."""
    aanvraag = besluit.aanvraag
    return {
        **_gemeenschappelijk(brief, datum=datum, door=besluit.goedgekeurd_door),
        "aanvraag_ontvangen_op": _ontvangen_op(aanvraag),
        "uitkomst": Uitkomst(besluit.uitkomst),
        "regeling": regeling(aanvraag),
        "kostenregels": kostenregels(aanvraag),
        "verrekening": verrekening(besluit, datum=datum, ontvanger=brief.ontvanger),
    }


def herzieningsbesluit(brief, *, datum: date, besluit=None) -> ctx.Herzieningsbesluit:
    """The correcting decision; `besluit` overrides brief.besluit for the draft preview."""
    besluit = besluit or brief.besluit
    datum = _besluitdatum(besluit, datum)
    grond = besluit.get_herziening_grond_display() if besluit.herziening_grond else ""
    return ctx.Herzieningsbesluit(
        **_nieuwe_toekenning(brief, besluit, datum=datum),
        vervangt=eerder_besluit(besluit.vervangt),
        grond=str(grond),
        motivering=besluit.motivering,
        bezwaar_uiterlijk_op=besluit.bezwaartermijn_einde or bezwaartermijn_einde(datum),
    )


# Why a hearing was left out (7:3), by the decision's outcome: a manifestly inadmissible or
# unfounded objection (a, b), one met in full with no other parties (e); a partly founded one
# can only have been left without a hearing because the objector did not ask in time (d).
HOREN_ACHTERWEGE = {
    BezwaarUitkomst.NIET_ONTVANKELIJK: "omdat uw bezwaar kennelijk niet-ontvankelijk is "
    "(artikel 7:3, onder a, van de Algemene wet bestuursrecht)",
    BezwaarUitkomst.ONGEGROND: "omdat uw bezwaar kennelijk ongegrond is (artikel 7:3, onder b, "
    "van de Algemene wet bestuursrecht)",
    BezwaarUitkomst.GEDEELTELIJK_GEGROND: "omdat u niet binnen de gestelde termijn heeft laten "
    "weten dat u gehoord wilt worden (artikel 7:3, onder d, van de Algemene wet bestuursrecht)",
    BezwaarUitkomst.GEGROND: "omdat ik volledig aan uw bezwaar tegemoetkom en er geen andere "
    "belanghebbenden zijn (artikel 7:3, onder e, van de Algemene wet bestuursrecht)",
}


def horen(bezwaar, uitkomst: str) -> ctx.Horen | None:
    """The hearing as the decision reports it; never the (internal) report of it."""
    status = Hoorzitting(bezwaar.hoorzitting)
    if status == Hoorzitting.GEHOUDEN:
        gehouden = timezone.localdate(bezwaar.hoorzitting_op) if bezwaar.hoorzitting_op else None
        return ctx.Horen(status=status, gehouden_op=gehouden)
    if status == Hoorzitting.AFGEZIEN:
        return ctx.Horen(status=status)
    if status == Hoorzitting.ACHTERWEGE:
        return ctx.Horen(status=status, reden=HOREN_ACHTERWEGE[BezwaarUitkomst(uitkomst)])
    return None


def _tijdig(bezwaar) -> bool:
    einde = bezwaar.besluit.bezwaartermijn_einde
    return einde is None or bezwaar_tijdig(bezwaar.ontvangen_op, einde, bezwaar.verzonden_op)


def _niet_ontvankelijk_artikelen(bezwaar) -> tuple[str, ...]:
    """The Awb articles of an inadmissible objection: an omission not repaired (6:6), late
    without excuse (6:7 with 6:11); none for another ground (the reasons say which)."""
    artikelen = []
    if bezwaar.verzuim and bezwaar.hersteltermijn_tot and not bezwaar.verzuim_hersteld_op:
        artikelen.append("6:6")
    if not _tijdig(bezwaar):
        artikelen += ["6:7", "6:11"]
    return tuple(artikelen)


def _gemachtigde(bezwaar) -> str:
    return bezwaar.gemachtigde_naam if bezwaar.indiener == Indiener.GEMACHTIGDE else ""


def beslissing_op_bezwaar(brief, *, datum: date, besluit=None) -> ctx.BeslissingOpBezwaar:
    """The decision on an objection; `besluit` overrides brief.besluit for the preview.

    Never prints the objection's internal note (`Bezwaar.toelichting`) nor the report of the
    hearing: only what the decision itself says (its reasons) and the dates of the case.
    """
    besluit = besluit or brief.besluit
    bezwaar = besluit.bezwaar
    datum = _besluitdatum(besluit, datum)
    uitkomst = BezwaarUitkomst(besluit.bezwaar_uitkomst)
    gegrond = uitkomst in (BezwaarUitkomst.GEGROND, BezwaarUitkomst.GEDEELTELIJK_GEGROND)
    if gegrond:
        velden = _nieuwe_toekenning(brief, besluit, datum=datum)
    else:
        velden = {
            **_gemeenschappelijk(brief, datum=datum, door=besluit.goedgekeurd_door),
            "aanvraag_ontvangen_op": _ontvangen_op(besluit.aanvraag),
            "uitkomst": Uitkomst(bezwaar.besluit.uitkomst),
            "regeling": regeling(besluit.aanvraag),
        }
    return ctx.BeslissingOpBezwaar(
        **velden,
        bezwaar_uitkomst=uitkomst,
        bestreden=eerder_besluit(bezwaar.besluit),
        bezwaar_ontvangen_op=bezwaar.ontvangen_op,
        op_de_post_op=bezwaar.verzonden_op,
        bezwaartermijn_einde=bezwaar.besluit.bezwaartermijn_einde,
        tijdig=_tijdig(bezwaar),
        gemachtigde=_gemachtigde(bezwaar),
        horen=horen(bezwaar, uitkomst),
        motivering=besluit.motivering,
        niet_ontvankelijk_artikelen=_niet_ontvankelijk_artikelen(bezwaar)
        if uitkomst == BezwaarUitkomst.NIET_ONTVANKELIJK
        else (),
        beroep_uiterlijk_op=besluit.beroepstermijn_einde or bezwaartermijn_einde(datum),
    )


def dwangsombesluit(brief, *, datum: date, besluit=None) -> ctx.Dwangsombesluit:
    """The decision setting the penalty (4:18): the notice of default, the days, the amount.

    About the first decision the claim's notice and term count; about the decision on an
    objection (`Besluit.bezwaar`) the objection's.
    """
    besluit = besluit or brief.besluit
    aanvraag = besluit.aanvraag
    datum = _besluitdatum(besluit, datum)
    zaak = besluit.bezwaar or aanvraag
    ingebrekestelling_op = zaak.ingebrekestelling_op
    eerste = dwangsom_eerste_dag(ingebrekestelling_op)
    dagen = besluit.dwangsom_dagen or 0
    weken = aanvraag.regeling.betaaltermijn_weken
    return ctx.Dwangsombesluit(
        **_gemeenschappelijk(brief, datum=datum, door=besluit.goedgekeurd_door),
        aanvraag_ontvangen_op=_ontvangen_op(aanvraag),
        bezwaar_ontvangen_op=besluit.bezwaar.ontvangen_op if besluit.bezwaar_id else None,
        beslistermijn_einde=zaak.beslistermijn_einde,
        ingebrekestelling_op=ingebrekestelling_op,
        eerste_dag=eerste,
        laatste_dag=besluit.dwangsom_laatste_dag or eerste + timedelta(days=dagen - 1),
        dagen=dagen,
        bedrag=besluit.bedrag_toegekend,
        motivering=besluit.motivering,
        betaling=ctx.Betaling(
            iban=rekeningnummer(aanvraag.iban, brief.ontvanger),
            tenaamstelling=aanvraag.rekeninghouder,
            uiterlijk_op=besluit.betaaltermijn_einde or betaaltermijn_einde(datum, weken=weken),
            weken=weken,
        ),
        bezwaar_uiterlijk_op=besluit.bezwaartermijn_einde or bezwaartermijn_einde(datum),
    )


def _bezwaarbrief(brief, *, datum: date) -> dict:
    """What every notice about an objection names: its receipt, the decision, who lodged it."""
    bezwaar = brief.bezwaar
    return {
        **_gemeenschappelijk(brief, datum=datum, door=brief.aanvraag.behandelaar),
        "bezwaar_ontvangen_op": bezwaar.ontvangen_op,
        "bestreden": eerder_besluit(bezwaar.besluit),
        "gemachtigde": _gemachtigde(bezwaar),
    }


def verzuimherstel(brief, *, datum: date) -> ctx.Verzuimherstel:
    bezwaar = brief.bezwaar
    return ctx.Verzuimherstel(
        **_bezwaarbrief(brief, datum=datum),
        verzuim=bezwaar.verzuim,
        herstellen_uiterlijk_op=bezwaar.hersteltermijn_tot,
    )


def uitnodiging_hoorzitting(brief, *, datum: date) -> ctx.UitnodigingHoorzitting:
    bezwaar = brief.bezwaar
    return ctx.UitnodigingHoorzitting(
        **_bezwaarbrief(brief, datum=datum),
        op=timezone.localtime(bezwaar.hoorzitting_op),
        plaats=bezwaar.hoorzitting_plaats,
    )


def verdaging_bezwaar(brief, *, datum: date) -> ctx.VerdagingBezwaar:
    bezwaar = brief.bezwaar
    return ctx.VerdagingBezwaar(
        **_bezwaarbrief(brief, datum=datum),
        # The stored end (7:10), which a running repair term may have moved past the named
        # date: letter and screen agree.
        nieuw_uiterlijk_op=bezwaar.beslistermijn_einde or bezwaar.verdaagd_tot,
        reden=bezwaar.verdaging_reden,
    )


def per_categorie(aanvraag) -> tuple[ctx.CategorieBedrag, ...]:
    """The granted amount per cost category, by the policy's category name alone."""
    totalen: dict[str, Decimal] = {}
    posten = aanvraag.kostenposten.select_related("categorie", "beoordeling").order_by("pk")
    for post in posten:
        beoordeling = getattr(post, "beoordeling", None)
        if beoordeling is None or post.categorie is None:
            continue
        naam = post.categorie.naam
        totalen[naam] = totalen.get(naam, Decimal("0")) + beoordeling.bedrag_toegekend
    return tuple(
        ctx.CategorieBedrag(categorie=naam, toegekend=bedrag) for naam, bedrag in totalen.items()
    )


def kennisgeving(brief, *, datum: date) -> ctx.Kennisgeving:
    """The municipality's notice: built field by field, so no free text can slip in.

    Deliberately not from `_gemeenschappelijk`: the addressee is the municipality (never the
    office holder's address) and the applicant's own reference is theirs, not the council's.
    """
    besluit = brief.besluit
    aanvraag = brief.aanvraag
    uitkomst = Uitkomst(besluit.uitkomst)
    toegekend = uitkomst in (Uitkomst.TOEGEKEND, Uitkomst.GEDEELTELIJK_TOEGEKEND)
    besloten_op = timezone.localdate(besluit.verzonden_op) if besluit.verzonden_op else datum
    return ctx.Kennisgeving(
        kenmerk=aanvraag.kenmerk or "",
        datum=datum,
        betreft=BETREFT[BriefSoort.KENNISGEVING],
        geadresseerde=ctx.Geadresseerde(
            naam="College van burgemeester en wethouders",
            adresregels=(f"van de gemeente {aanvraag.gemeente.naam}",),
        ),
        ondertekening=ondertekening(besluit.goedgekeurd_door),
        ambtsdrager=aanvraag.aanvrager_naam,
        ambt=str(aanvraag.get_ambtstype_display()).lower(),
        besloten_op=besloten_op,
        uitkomst=uitkomst,
        per_categorie=per_categorie(aanvraag),
        betalen_uiterlijk_op=_kennisgeving_betalen_op(besluit, datum=datum) if toegekend else None,
        vervangt_besluit_van=eerder_besluit(besluit.vervangt).datum if besluit.vervangt else None,
    )


def _kennisgeving_betalen_op(besluit, *, datum: date) -> date | None:
    """The payment date the council learns: for a replacing decision only when something is
    still to be paid (what is reclaimed from the office holder is not the council's)."""
    if besluit.vervangt_id is None:
        return besluit.betaaltermijn_einde
    bijbetaling = verrekening(besluit, datum=datum, ontvanger=Ontvanger.GEMEENTE).bijbetaling
    return bijbetaling.uiterlijk_op if bijbetaling else None


BOUWERS = {
    BriefSoort.KENNISGEVING: kennisgeving,
    BriefSoort.BESLUIT: besluit,
    BriefSoort.ONTVANGSTBEVESTIGING: ontvangstbevestiging,
    BriefSoort.AANVULLING: aanvulling,
    BriefSoort.VERDAGING: verdaging,
    BriefSoort.VOORNEMEN_AFWIJZING: voornemen,
    BriefSoort.HERZIENINGSBESLUIT: herzieningsbesluit,
    BriefSoort.BESLISSING_OP_BEZWAAR: beslissing_op_bezwaar,
    BriefSoort.DWANGSOMBESLUIT: dwangsombesluit,
    BriefSoort.VERZUIMHERSTEL: verzuimherstel,
    BriefSoort.UITNODIGING_HOORZITTING: uitnodiging_hoorzitting,
    BriefSoort.VERDAGING_BEZWAAR: verdaging_bezwaar,
}


def brief_context(brief, *, datum: date) -> ctx.BriefContext:
    """Return the context of a stored (or unsaved preview) letter, dated `datum`."""
    return BOUWERS[brief.soort](brief, datum=datum)
