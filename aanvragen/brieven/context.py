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
      Kennisgeving               the municipality's notice brieven/kennisgeving.html
      Herzieningsbesluit         a correcting decision   brieven/herzieningsbesluit.html
      BeslissingOpBezwaar        7:11/7:12 decision      brieven/beslissing_op_bezwaar.html
      Dwangsombesluit            4:18 penalty set        brieven/dwangsombesluit.html
      Verzuimherstel             6:6 repair request      brieven/verzuimherstel.html
      UitnodigingHoorzitting     7:2 hearing invitation  brieven/uitnodiging_hoorzitting.html
      VerdagingBezwaar           7:10(3) postponement    brieven/verdaging_bezwaar.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings

from aanvragen.constants import BezwaarUitkomst, Hoorzitting, Uitkomst
from fondsbeveiliging.opmaak.pdf import render_pdf
from fondsbeveiliging.termijnen.berekening import DWANGSOM_STAFFEL

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


class _Toekenning:
    """Totals and grant test of a letter with an outcome and assessed cost lines."""

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
class Besluit(_Toekenning, BriefContext):
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


@dataclass(frozen=True, kw_only=True)
class EerderBesluit:
    """A decision referred to by a later letter: the one objected against or replaced.

    `datum` is its dispatch date (the date of that letter); None only for a decision never
    sent, which no later letter should name.
    """

    datum: date | None
    kenmerk: str
    versie: int


@dataclass(frozen=True, kw_only=True)
class Terugbetaling:
    """What was paid too much and is reclaimed (4:57): amount, last day and the fund's account."""

    bedrag: Decimal
    uiterlijk_op: date
    iban: str
    tenaamstelling: str
    bic: str = ""


@dataclass(frozen=True, kw_only=True)
class Verrekening:
    """What a replacing decision means for the money: granted before, paid, and the rest.

    Either `bijbetaling` (the difference is paid, 4:86/4:87) or `terugbetaling` (what was paid
    above the new amount is reclaimed, 4:57) or neither (paid exactly the new amount).
    """

    vorig_datum: date | None
    vorig_bedrag: Decimal
    al_betaald: Decimal
    bij_te_betalen: Decimal = Decimal("0")
    bijbetaling: Betaling | None = None
    terugbetaling: Terugbetaling | None = None


@dataclass(frozen=True, kw_only=True)
class NieuweToekenning(_Toekenning, BriefContext):
    """A decision that fixes the claim's outcome and amount anew, replacing an earlier one."""

    aanvraag_ontvangen_op: date
    uitkomst: Uitkomst
    regeling: Regeling
    kostenregels: tuple[Kostenregel, ...] = ()
    verrekening: Verrekening | None = None


@dataclass(frozen=True, kw_only=True)
class Herzieningsbesluit(NieuweToekenning):
    """A correcting decision outside objection: names the decision it replaces, the ground,
    the new assessment and what it means for the money; the objection clause applies."""

    template_name = "brieven/herzieningsbesluit.html"

    vervangt: EerderBesluit
    grond: str
    motivering: str
    bezwaar_uiterlijk_op: date | None = None


@dataclass(frozen=True, kw_only=True)
class Horen:
    """The hearing on an objection (7:2) as the decision reports it: held, waived or left out.

    `reden` is the ground of 7:3 for leaving it out, written for the letter.
    """

    status: Hoorzitting
    gehouden_op: date | None = None
    reden: str = ""


@dataclass(frozen=True, kw_only=True)
class BeslissingOpBezwaar(NieuweToekenning):
    """The decision on an objection (7:11, 7:12) with the appeal clause (8:1, 6:7, 8:7).

    For a (partly) founded objection the inherited fields are the new decision in place of
    the revoked one; otherwise `kostenregels` is empty and `verrekening` None.
    """

    template_name = "brieven/beslissing_op_bezwaar.html"

    bezwaar_uitkomst: BezwaarUitkomst
    bestreden: EerderBesluit
    bezwaar_ontvangen_op: date
    op_de_post_op: date | None = None
    bezwaartermijn_einde: date | None = None
    tijdig: bool = True
    gemachtigde: str = ""
    horen: Horen | None = None
    motivering: str
    # The Awb articles an inadmissible objection rests on besides 7:11 ("6:6", "6:7").
    niet_ontvankelijk_artikelen: tuple[str, ...] = ()
    beroep_uiterlijk_op: date | None = None

    @property
    def is_gegrond(self) -> bool:
        return self.bezwaar_uitkomst in (
            BezwaarUitkomst.GEGROND,
            BezwaarUitkomst.GEDEELTELIJK_GEGROND,
        )


@dataclass(frozen=True, kw_only=True)
class Dwangsomstap:
    """One step of the statutory scale (4:17(2)): days at a daily amount."""

    dagen: int
    per_dag: Decimal

    @property
    def bedrag(self) -> Decimal:
        return self.dagen * self.per_dag


@dataclass(frozen=True, kw_only=True)
class Dwangsombesluit(BriefContext):
    """The decision setting the penalty for a late decision (4:18) and when it is paid."""

    template_name = "brieven/dwangsombesluit.html"

    aanvraag_ontvangen_op: date
    # Set when the late decision was the decision on an objection received on that date.
    bezwaar_ontvangen_op: date | None = None
    beslistermijn_einde: date
    ingebrekestelling_op: date
    eerste_dag: date
    laatste_dag: date
    dagen: int
    bedrag: Decimal
    motivering: str = ""
    betaling: Betaling
    bezwaar_uiterlijk_op: date | None = None

    @property
    def staffel(self) -> tuple[Dwangsomstap, ...]:
        """The days per daily amount (€ 23, € 35, € 45 per fourteen days), as the law counts."""
        stappen, rest = [], self.dagen
        for dagen, per_dag in DWANGSOM_STAFFEL:
            deel = min(rest, dagen)
            if deel > 0:
                stappen.append(Dwangsomstap(dagen=deel, per_dag=per_dag))
            rest -= deel
        return tuple(stappen)

    @property
    def is_maximum(self) -> bool:
        return self.dagen >= sum(dagen for dagen, _ in DWANGSOM_STAFFEL)


@dataclass(frozen=True, kw_only=True)
class BezwaarBrief(BriefContext):
    """What the notices about an objection share: which objection, against which decision."""

    bezwaar_ontvangen_op: date
    bestreden: EerderBesluit
    gemachtigde: str = ""


@dataclass(frozen=True, kw_only=True)
class Verzuimherstel(BezwaarBrief):
    """Request to repair an omission in the objection (6:6) within a term."""

    template_name = "brieven/verzuimherstel.html"

    verzuim: str
    herstellen_uiterlijk_op: date


@dataclass(frozen=True, kw_only=True)
class UitnodigingHoorzitting(BezwaarBrief):
    """Invitation to be heard on the objection (7:2): when and where; bring someone, or waive."""

    template_name = "brieven/uitnodiging_hoorzitting.html"

    op: datetime
    plaats: str

    @property
    def stukken_uiterlijk_op(self) -> date:
        """The last day to send further documents: ten days before the hearing (7:4(1))."""
        return self.op.date() - timedelta(days=10)


@dataclass(frozen=True, kw_only=True)
class VerdagingBezwaar(BezwaarBrief):
    """Postponement of the decision on the objection (7:10(3)): the new date and the reason."""

    template_name = "brieven/verdaging_bezwaar.html"

    nieuw_uiterlijk_op: date
    reden: str

    @property
    def ingebrekestelling_vanaf(self) -> date:
        """The first day a notice of default is not premature: the day after the term."""
        return self.nieuw_uiterlijk_op + timedelta(days=1)


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
    # A decision replacing an earlier one (herziening, founded objection): that one's date.
    vervangt_besluit_van: date | None = None
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
