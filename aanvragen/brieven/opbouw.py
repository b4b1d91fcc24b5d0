"""Build letter contexts (`context.py` dataclasses) from the case in the database.

One function per letter type, dispatched by `brief_context(brief, datum=)`; the same
builders serve the stored letters (task) and the assessor's draft preview. The addressee is
the correspondence address; on the municipality copy the address lines are left out when
they equal the home address, so a copy never carries the home address.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from aanvragen.constants import Uitkomst
from aanvragen.kern import beslistermijn_berekenen, verzoek_schort_op
from fondsbeveiliging.termijnen.berekening import betaaltermijn_einde, bezwaartermijn_einde

from . import context as ctx
from .models import BriefSoort, Ontvanger

BETREFT = {
    BriefSoort.BESLUIT: "Besluit op uw aanvraag vergoeding beveiligingsmaatregelen",
    BriefSoort.ONTVANGSTBEVESTIGING: "Ontvangstbevestiging van uw aanvraag",
    BriefSoort.AANVULLING: "Verzoek om aanvulling van uw aanvraag",
    BriefSoort.VERDAGING: "Verdaging van de beslistermijn",
    BriefSoort.VOORNEMEN_AFWIJZING: "Voornemen tot afwijzing van uw aanvraag",
    BriefSoort.KENNISGEVING: "Kennisgeving van een besluit van het fonds beveiligingsmaatregelen",
}


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


def kostenregels(aanvraag, *, alleen_afwijkend: bool = False) -> tuple[ctx.Kostenregel, ...]:
    """Assessed cost lines with the decision and reason per line (unassessed lines skipped)."""
    regels = []
    for post in aanvraag.kostenposten.select_related("categorie", "beoordeling"):
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
    gesloten = [v for v in aanvraag.voornemens.all() if v.zienswijze_ingediend is not None]
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
        betalen_uiterlijk_op=besluit.betaaltermijn_einde if toegekend else None,
    )


BOUWERS = {
    BriefSoort.KENNISGEVING: kennisgeving,
    BriefSoort.BESLUIT: besluit,
    BriefSoort.ONTVANGSTBEVESTIGING: ontvangstbevestiging,
    BriefSoort.AANVULLING: aanvulling,
    BriefSoort.VERDAGING: verdaging,
    BriefSoort.VOORNEMEN_AFWIJZING: voornemen,
}


def brief_context(brief, *, datum: date) -> ctx.BriefContext:
    """Return the context of a stored (or unsaved preview) letter, dated `datum`."""
    return BOUWERS[brief.soort](brief, datum=datum)
