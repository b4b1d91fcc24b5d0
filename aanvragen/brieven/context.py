"""The plain context every letter template consumes.

Whoever builds a letter fills one of the letter dataclasses below (all keyword-only, frozen)
and calls `render_brief(brief) -> bytes` (or `render_pdf(brief.template_name, {"brief":
brief})`). Templates read only these objects, never models, so a letter renders the same
from the case, from a preview or from a test. Amounts are `Decimal` in euros; dates are
`datetime.date`; free text (motivations, reasons, questions, views) is plain user text: the
templates escape it and keep its line breaks.

    BriefContext                 common to every letter (sender, addressee, references)
      Ontvangstbevestiging       4:3a receipt            brieven/ontvangstbevestiging.html
      Aanvulling                 4:5 request to complete brieven/aanvulling.html
      Verdaging                  4:14 postponement       brieven/verdaging.html
      VoornemenAfwijzing         4:7 intended refusal    brieven/voornemen_afwijzing.html
      Besluit                    the decision            brieven/besluit.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings

from aanvragen.constants import Uitkomst
from fondsbeveiliging.opmaak.pdf import render_pdf

MINISTERIE = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
MINISTER = "De Minister van Binnenlandse Zaken en Koninkrijksrelaties"


@dataclass(frozen=True, kw_only=True)
class Afzender:
    """The sender block and return line: BZK, the directorate and how to reach the team."""

    ministerie: str = MINISTERIE
    directie: str = "DG Openbaar Bestuur en Democratische Rechtsstaat"
    afdeling: str = "Fonds beveiligingsmaatregelen politieke ambtsdragers"
    postadres: tuple[str, ...] = ("Postbus 20011", "2500 EA  Den Haag")
    contact_naam: str = "Team Fonds Beveiliging"
    contact_telefoon: str = ""
    contact_email: str = ""

    @classmethod
    def standaard(cls) -> Afzender:
        """Return the sender with the fund's contact block (`settings.FONDS_CONTACT`).

        The same block is in the site's footer and the e-mails, so a letter, a page and a
        message never name different ways to reach the fund.
        """
        contact = settings.FONDS_CONTACT
        return cls(
            postadres=tuple(contact["postadres"]),
            contact_naam=contact["naam"],
            contact_telefoon=contact["telefoon"],
            contact_email=contact["email"],
        )

    @property
    def retouradres(self) -> str:
        """The one-line return address printed above the addressee."""
        return " ".join(["Retouradres", *self.postadres])


@dataclass(frozen=True, kw_only=True)
class Geadresseerde:
    """The addressee: name and correspondence address lines (never the home address)."""

    naam: str
    adresregels: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Ondertekening:
    """Who signs under mandate (10:10): function and name."""

    functie: str
    naam: str
    namens: str = MINISTER


@dataclass(frozen=True, kw_only=True)
class Regeling:
    """The legal basis (3:47): the policy, its version and the article applied."""

    naam: str
    versie: str
    artikel: str
    geldig_vanaf: date | None = None


@dataclass(frozen=True, kw_only=True)
class Kostenregel:
    """One assessed cost line: what was claimed, what is approved and why."""

    categorie: str
    omschrijving: str
    aangevraagd: Decimal
    toegekend: Decimal
    reden: str = ""

    @property
    def beoordeling(self) -> str:
        """The decision on this line in words: toegekend, gedeeltelijk toegekend, afgewezen."""
        if self.toegekend <= 0:
            return "afgewezen"
        if self.toegekend < self.aangevraagd:
            return "gedeeltelijk toegekend"
        return "toegekend"


@dataclass(frozen=True, kw_only=True)
class Betaling:
    """Payment (4:86, 4:87): payee account and the last day of the payment term."""

    iban: str
    tenaamstelling: str
    uiterlijk_op: date
    weken: int = 6


@dataclass(frozen=True, kw_only=True)
class Zienswijze:
    """The hearing (4:7): when the view was given (None: not given in time) and the answer."""

    gevraagd_op: date
    gegeven_op: date | None = None
    samenvatting: str = ""
    reactie: str = ""


@dataclass(frozen=True, kw_only=True)
class BriefContext:
    """What every letter carries (domain.md §7)."""

    template_name = ""

    kenmerk: str
    datum: date
    betreft: str
    geadresseerde: Geadresseerde
    ondertekening: Ondertekening
    afzender: Afzender = field(default_factory=Afzender.standaard)
    # The addressee's own reference; empty leaves the "Uw kenmerk" line out of the letter.
    uw_kenmerk: str = ""
    bijlagen: tuple[str, ...] = ()
    aanhef: str = "Geachte heer, mevrouw,"
    slot: str = "Met vriendelijke groet,"


@dataclass(frozen=True, kw_only=True)
class Ontvangstbevestiging(BriefContext):
    """Receipt of an electronic application (4:3a) with the expected decision date."""

    template_name = "brieven/ontvangstbevestiging.html"

    ontvangen_om: datetime
    beslist_uiterlijk_op: date
    beslistermijn_weken: int = 8


@dataclass(frozen=True, kw_only=True)
class Aanvulling(BriefContext):
    """Request to complete an application (4:5), with or without a term to answer.

    `termijn_tot` is the request's stored last day to answer; None when the request set no
    term. Only a request with a term suspends the decision term (4:15) and can lead to not
    considering the application (4:5), so without one the letter names neither.
    """

    template_name = "brieven/aanvulling.html"

    aanvraag_ontvangen_op: date
    vragen: tuple[str, ...]
    termijn_tot: date | None = None
    # False for a request with a term sent on or after the decision term's last day: the
    # term is not suspended then (`aanvragen.kern.verzoek_schort_op`), so the letter says so.
    schort_op: bool = True


@dataclass(frozen=True, kw_only=True)
class Verdaging(BriefContext):
    """Postponement of the decision (4:14) with the new date and the reason."""

    template_name = "brieven/verdaging.html"

    aanvraag_ontvangen_op: date
    oorspronkelijk_uiterlijk_op: date
    nieuw_uiterlijk_op: date
    reden: str

    @property
    def ingebrekestelling_vanaf(self) -> date:
        """The first day a notice of default can be given (4:17): the day after the term.

        A notice received on or before the last day of the decision term is premature
        (`fondsbeveiliging.termijnen.berekening.dwangsom_dagen`), so the letter names the
        day after it, never the last day itself.
        """
        return self.nieuw_uiterlijk_op + timedelta(days=1)


@dataclass(frozen=True, kw_only=True)
class VoornemenAfwijzing(BriefContext):
    """Intended (partial) refusal with an invitation to give a view (4:7) within a term."""

    template_name = "brieven/voornemen_afwijzing.html"

    aanvraag_ontvangen_op: date
    gedeeltelijk: bool = False
    motivering: str
    kostenregels: tuple[Kostenregel, ...] = ()
    zienswijze_tot: date
    regeling: Regeling


@dataclass(frozen=True, kw_only=True)
class Besluit(BriefContext):
    """The decision (beschikking) with everything domain.md §7 requires."""

    template_name = "brieven/besluit.html"

    uitkomst: Uitkomst
    aanvraag_ontvangen_op: date
    motivering: str
    regeling: Regeling
    kostenregels: tuple[Kostenregel, ...] = ()
    betaling: Betaling | None = None
    zienswijze: Zienswijze | None = None
    bezwaar_uiterlijk_op: date | None = None
    corrigeert_kenmerk: str = ""

    @property
    def bedrag_aangevraagd(self) -> Decimal:
        return sum((regel.aangevraagd for regel in self.kostenregels), Decimal("0"))

    @property
    def bedrag_toegekend(self) -> Decimal:
        return sum((regel.toegekend for regel in self.kostenregels), Decimal("0"))

    @property
    def is_toekenning(self) -> bool:
        return self.uitkomst in (Uitkomst.TOEGEKEND, Uitkomst.GEDEELTELIJK_TOEGEKEND)


@dataclass(frozen=True, kw_only=True)
class CategorieBedrag:
    """The amount granted in one cost category: the category's name from the policy only."""

    categorie: str
    toegekend: Decimal


@dataclass(frozen=True, kw_only=True)
class Kennisgeving(BriefContext):
    """The municipality's notice of a decision: that the fund decided, and how much.

    Written for the municipality (domain.md §9): no free text of the applicant or the
    assessor, no cost-line descriptions, no hearing, no address or account of the office
    holder. Its addressee is the municipality itself.
    """

    template_name = "brieven/kennisgeving.html"

    ambtsdrager: str
    ambt: str
    besloten_op: date
    uitkomst: Uitkomst
    per_categorie: tuple[CategorieBedrag, ...] = ()
    betalen_uiterlijk_op: date | None = None
    aanhef: str = "Geacht college,"

    @property
    def bedrag_toegekend(self) -> Decimal:
        return sum((regel.toegekend for regel in self.per_categorie), Decimal("0"))

    @property
    def is_toekenning(self) -> bool:
        return self.uitkomst in (Uitkomst.TOEGEKEND, Uitkomst.GEDEELTELIJK_TOEGEKEND)

    @property
    def uitkomst_tekst(self) -> str:
        return Uitkomst(self.uitkomst).label.lower()


def render_brief(brief: BriefContext, *, concept: bool = False) -> bytes:
    """Render a letter context to PDF bytes with its own template.

    `concept` marks a draft preview: "CONCEPT" in the title and across every page, so a
    preview can never pass for the letter that is sent (which is rendered without it).
    """
    return render_pdf(brief.template_name, {"brief": brief, "concept": concept})
