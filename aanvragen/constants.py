"""Statuses, the transition table and other choices of the aanvragen app.

The whole workflow of domain.md §5 is modelled here, although the applicant-side services in
this app only use concept -> ingediend -> (aanvulling gevraagd -> aangevuld) and ingetrokken;
the back-office services add the other transitions using the same table.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN, Rol

BEDRAG_MAXIMUM = Decimal("1000000.00")
KENMERK_PREFIX = "FB"


class AanvraagStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    AANVULLING_GEVRAAGD = "aanvulling_gevraagd", _("Aanvulling gevraagd")
    AANGEVULD = "aangevuld", _("Aangevuld")
    BUITEN_BEHANDELING = "buiten_behandeling", _("Buiten behandeling gesteld")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    VERDAAGD = "verdaagd", _("Verdaagd")
    VOORNEMEN_AFWIJZING = "voornemen_afwijzing", _("Voornemen tot afwijzing")
    ZIENSWIJZE_ONTVANGEN = "zienswijze_ontvangen", _("Zienswijze ontvangen of termijn verstreken")
    BESLUIT_CONCEPT = "besluit_concept", _("Besluit in concept")
    BESLUIT_GOEDGEKEURD = "besluit_goedgekeurd", _("Besluit goedgekeurd")
    VERZONDEN = "verzonden", _("Besluit verzonden")
    BETAALD = "betaald", _("Betaald")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    BEZWAAR = "bezwaar", _("Bezwaar ingediend")
    # The objection case (issue 16): hearing, decision on the objection and its approval.
    HOORZITTING = "hoorzitting", _("Bezwaar: hoorzitting gepland")
    BEZWAAR_CONCEPT = "bezwaar_concept", _("Beslissing op bezwaar in concept")
    BEZWAAR_GOEDGEKEURD = "bezwaar_goedgekeurd", _("Beslissing op bezwaar goedgekeurd")
    BEZWAAR_BESLIST = "bezwaar_beslist", _("Beslissing op bezwaar verzonden")
    # A correcting decision outside objection (herziening), drafted and approved.
    HERZIENING = "herziening", _("Herzieningsbesluit in concept")
    HERZIENING_GOEDGEKEURD = "herziening_goedgekeurd", _("Herzieningsbesluit goedgekeurd")


S = AanvraagStatus

# Which status may follow which. Every service that changes a status checks this table.
TRANSITIES: dict[AanvraagStatus, set[AanvraagStatus]] = {
    S.CONCEPT: {S.INGEDIEND},
    S.INGEDIEND: {S.AANVULLING_GEVRAAGD, S.IN_BEHANDELING, S.INGETROKKEN},
    S.AANVULLING_GEVRAAGD: {S.AANGEVULD, S.BUITEN_BEHANDELING, S.INGETROKKEN},
    S.AANGEVULD: {S.AANVULLING_GEVRAAGD, S.IN_BEHANDELING, S.INGETROKKEN},
    S.BUITEN_BEHANDELING: {S.VERZONDEN},
    S.IN_BEHANDELING: {
        S.AANVULLING_GEVRAAGD,
        S.VERDAAGD,
        S.VOORNEMEN_AFWIJZING,
        S.BESLUIT_CONCEPT,
        S.INGETROKKEN,
    },
    S.VERDAAGD: {S.VOORNEMEN_AFWIJZING, S.BESLUIT_CONCEPT, S.INGETROKKEN},
    S.VOORNEMEN_AFWIJZING: {S.ZIENSWIJZE_ONTVANGEN, S.INGETROKKEN},
    S.ZIENSWIJZE_ONTVANGEN: {S.BESLUIT_CONCEPT, S.INGETROKKEN},
    S.BESLUIT_CONCEPT: {S.BESLUIT_GOEDGEKEURD, S.IN_BEHANDELING, S.INGETROKKEN},
    S.BESLUIT_GOEDGEKEURD: {S.VERZONDEN},
    S.VERZONDEN: {S.BETAALD, S.AFGESLOTEN, S.BEZWAAR, S.HERZIENING},
    S.BETAALD: {S.AFGESLOTEN, S.BEZWAAR, S.HERZIENING},
    # The objection case: a hearing may be planned (and held: back to bezwaar), then the
    # decision on the objection is drafted, approved by a second person and sent. A
    # withdrawn objection closes the case again, or returns it to verzonden while an amount
    # is still to be paid (services.bezwaar.bezwaar_intrekken).
    S.BEZWAAR: {S.HOORZITTING, S.BEZWAAR_CONCEPT, S.AFGESLOTEN, S.VERZONDEN},
    S.HOORZITTING: {S.BEZWAAR, S.BEZWAAR_CONCEPT, S.AFGESLOTEN, S.VERZONDEN},
    S.BEZWAAR_CONCEPT: {S.BEZWAAR_GOEDGEKEURD, S.BEZWAAR},
    S.BEZWAAR_GOEDGEKEURD: {S.BEZWAAR_BESLIST},
    # After the decision on the objection only an appeal to the court remains (outside this
    # system); an extra amount is paid, a correction is still possible.
    S.BEZWAAR_BESLIST: {S.BETAALD, S.AFGESLOTEN, S.HERZIENING},
    # A correcting decision: drafted (returned drafts stay here), approved, sent.
    S.HERZIENING: {S.HERZIENING_GOEDGEKEURD},
    S.HERZIENING_GOEDGEKEURD: {S.VERZONDEN},
    # A closed case reopens for an objection that arrives late (or is registered late): it
    # must still be decided on (Awb 6:11), so it is never refused at the door; and for a
    # correcting decision (a later invoice, a revocation).
    S.AFGESLOTEN: {S.BEZWAAR, S.HERZIENING},
    S.INGETROKKEN: set(),
}

# The decision term runs (and a notice of default can be given) until a decision is sent.
BESLISTERMIJN_LOOPT: frozenset[S] = frozenset(
    {
        S.INGEDIEND,
        S.AANVULLING_GEVRAAGD,
        S.AANGEVULD,
        S.BUITEN_BEHANDELING,
        S.IN_BEHANDELING,
        S.VERDAAGD,
        S.VOORNEMEN_AFWIJZING,
        S.ZIENSWIJZE_ONTVANGEN,
        S.BESLUIT_CONCEPT,
        S.BESLUIT_GOEDGEKEURD,
    }
)

# The claim statuses from which an approved decision is sent (a claim "buiten behandeling"
# keeps that status while its not-considered decision is drafted and approved).
TE_VERZENDEN: frozenset[AanvraagStatus] = frozenset({S.BESLUIT_GOEDGEKEURD, S.BUITEN_BEHANDELING})

# Before a decision is approved the applicant may withdraw (domain.md §5).
INTREKBAAR: frozenset[AanvraagStatus] = frozenset(
    status for status, volgende in TRANSITIES.items() if S.INGETROKKEN in volgende
)

# Plain Dutch for the applicant: internal steps (four-eyes, concept decisions) stay inside.
STATUS_VOOR_AANVRAGER: dict[AanvraagStatus, str] = {
    S.CONCEPT: _("Nog niet verstuurd"),
    S.INGEDIEND: _("Ontvangen"),
    S.AANVULLING_GEVRAAGD: _("Wij hebben meer informatie van u nodig"),
    S.AANGEVULD: _("Uw aanvulling is ontvangen"),
    S.BUITEN_BEHANDELING: _("Niet in behandeling genomen"),
    S.IN_BEHANDELING: _("In behandeling"),
    S.VERDAAGD: _("In behandeling, beslissing uitgesteld"),
    S.VOORNEMEN_AFWIJZING: _("Wij vragen uw reactie"),
    S.ZIENSWIJZE_ONTVANGEN: _("In behandeling"),
    S.BESLUIT_CONCEPT: _("In behandeling"),
    S.BESLUIT_GOEDGEKEURD: _("In behandeling"),
    S.VERZONDEN: _("Besluit genomen"),
    S.BETAALD: _("Uitbetaald"),
    S.AFGESLOTEN: _("Afgerond"),
    S.INGETROKKEN: _("Ingetrokken"),
    S.BEZWAAR: _("Bezwaar in behandeling"),
    S.HOORZITTING: _("Bezwaar in behandeling: hoorzitting gepland"),
    S.BEZWAAR_CONCEPT: _("Bezwaar in behandeling"),
    S.BEZWAAR_GOEDGEKEURD: _("Bezwaar in behandeling"),
    S.BEZWAAR_BESLIST: _("Beslissing op bezwaar genomen"),
    # Internal until the new decision is sent: the applicant sees the case as decided.
    S.HERZIENING: _("Besluit genomen"),
    S.HERZIENING_GOEDGEKEURD: _("Besluit genomen"),
}

# The objection case runs (its own decision term, 7:10) while the claim is in one of these.
BEZWAAR_LOOPT: frozenset[AanvraagStatus] = frozenset(
    {S.BEZWAAR, S.HOORZITTING, S.BEZWAAR_CONCEPT, S.BEZWAAR_GOEDGEKEURD}
)


class Bewijstype(models.TextChoices):
    FACTUUR = "factuur", _("Factuur")
    OFFERTE = "offerte", _("Offerte")
    BETAALBEWIJS = "betaalbewijs", _("Betaalbewijs")
    BEVEILIGINGSADVIES = "beveiligingsadvies", _("Beveiligingsadvies")
    OVERIG = "overig", _("Overig")


class KostenAard(models.TextChoices):
    """Already paid (reimbursement afterwards) or a quote (approval beforehand)."""

    BETAALD = "betaald", _("Al betaald")
    OFFERTE = "offerte", _("Offerte (nog niet betaald)")


class RekeningSoort(models.TextChoices):
    EIGEN = "eigen", _("Mijn eigen rekening")
    GEMEENTE = "gemeente", _("Rekening van de gemeente")


class Uitkomst(models.TextChoices):
    """The outcome of a decision (domain.md §5)."""

    TOEGEKEND = "toegekend", _("Toegekend")
    GEDEELTELIJK_TOEGEKEND = "gedeeltelijk_toegekend", _("Gedeeltelijk toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BUITEN_BEHANDELING = "buiten_behandeling", _("Buiten behandeling gesteld")


class BesluitSoort(models.TextChoices):
    """What a decision is (issue 16); all go through the same four-eyes and letter pipeline.

    Decisions with `Besluit.regelt_aanvraag` (the first one, a correction, a founded
    objection) fix the claim's outcome and amount: the highest such version is the claim's
    current decision. A dwangsom decision and an inadmissible or unfounded decision on
    objection do not.
    """

    AANVRAAG = "aanvraag", _("Besluit op aanvraag")
    HERZIENING = "herziening", _("Herzieningsbesluit")
    BEZWAAR = "bezwaar", _("Beslissing op bezwaar")
    DWANGSOM = "dwangsom", _("Besluit vaststelling dwangsom")


class BezwaarUitkomst(models.TextChoices):
    """The outcome of a decision on an objection (Awb 7:11)."""

    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
    ONGEGROND = "ongegrond", _("Ongegrond: het besluit blijft in stand")
    GEDEELTELIJK_GEGROND = "gedeeltelijk_gegrond", _("Gedeeltelijk gegrond")
    GEGROND = "gegrond", _("Gegrond")


class HerzieningGrond(models.TextChoices):
    """Why a sent decision is corrected outside objection."""

    REKENFOUT = "rekenfout", _("Reken- of schrijffout")
    INTREKKING = "intrekking", _("Intrekking of verlaging van de toekenning")
    LATERE_FACTUUR = "latere_factuur", _("Later ontvangen factuur")
    OVERIG = "overig", _("Andere reden")


class Indiener(models.TextChoices):
    AANVRAGER = "aanvrager", _("De aanvrager zelf")
    GEMACHTIGDE = "gemachtigde", _("Een gemachtigde namens de aanvrager")


class Hoorzitting(models.TextChoices):
    """The hearing on an objection (Awb 7:2, 7:3)."""

    NIET_GEPLAND = "niet_gepland", _("Nog niet gepland")
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    AFGEZIEN = "afgezien", _("Indiener ziet af van horen (7:3 onder c)")
    ACHTERWEGE = "achterwege", _("Achterwege gelaten (7:3 onder a, b, d of e)")


class BesluitStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    VERZONDEN = "verzonden", _("Verzonden")


class RedenCode(models.TextChoices):
    """Why a cost line was assessed as it was; anything but VOLLEDIG needs a motivation."""

    VOLLEDIG = "volledig", _("Volledig toegekend")
    BOVEN_MAXIMUM = "boven_maximum", _("Boven het maximum van de regeling")
    NIET_VERGOEDBAAR = "niet_vergoedbaar", _("Geen vergoedbare kosten volgens de regeling")
    DUBBELE_FINANCIERING = "dubbele_financiering", _("Al elders vergoed")
    ONVOLDOENDE_BEWIJS = "onvoldoende_bewijs", _("Onvoldoende onderbouwd")
    NIET_NOODZAKELIJK = "niet_noodzakelijk", _("Maatregel niet noodzakelijk of niet passend")
    OVERIG = "overig", _("Overige reden")


# BZK roles that read claim files (only the assessors among them see the home address).
INZAGE_ROLLEN = BEOORDELAAR_ROLLEN | {Rol.FINANCIEEL_MEDEWERKER}
# Finance pays on a decision: it reads a claim only while the claim's current decision (the
# highest version) has one of these statuses. The query is `selectors.filter_besloten`.
FINANCIEEL_BESLUITSTATUSSEN = frozenset({BesluitStatus.GOEDGEKEURD, BesluitStatus.VERZONDEN})
