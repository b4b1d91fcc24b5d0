"""Double-claim signals (issue 15, item 5): what this claim shares with other claims.

Computed on demand, not stored at submission: a signal is about two claims, and either may
change after this one was submitted (a later claim with the same invoice must flag the
earlier one as well, and pattern (e) depends on grants decided later). Computing it when the
case page or the assessment form opens always shows the current state, costs a constant
number of indexed queries (one per pattern, whatever the number of other claims), and
needs no write in the applicant's submission. The claim is visible in the back office only
once it is submitted, so an assessor sees the signals from that moment on. What is stored is
the assessor's reason to go on (`SignaalAfweging`), with the keys of the signals it covers:
a signal that appears later needs a new reason.

Patterns, and which data they rest on (`Kostenpost` has a supplier, an optional invoice
number and an amount, but no invoice date or period of its own):
- (a) `bestand`: an evidence file with the same SHA-256 (of the stored bytes) on another
  cost line, of this claim or another one;
- (b) `factuur`: the same supplier and the same invoice number (both with case and outer
  spaces ignored) on another cost line, of this claim or another one, whenever received.
  Only lines with an invoice number take part: a quotation has none yet, and an empty
  number says nothing;
- (c) `leverancier`: the same supplier (case and outer spaces ignored) and the same amount
  on a claim received within 30 days of this one. Without an invoice date the receipt date
  of the claims stands in for it;
- (d) `iban`: the same IBAN on a claim of another office holder (unless both name it as
  the municipality's account, which several office holders legitimately share);
- (e) `overlap`: a cost line in a category in which an earlier claim of the same office
  holder got a line granted (a decision approved or sent, granting, not replaced). A
  category belongs to one policy version, and the caps per office holder run per version,
  so "same category" is "same category and period".

Only assessors see signals (`permissions.is_beoordelaar`): the texts name the other claim's
kenmerk, and finance and the other roles never get them.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from itertools import combinations

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower, Trim
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import euro

from ..constants import AanvraagStatus, BesluitStatus, RekeningSoort, Uitkomst
from ..models import Aanvraag, Besluit, Bewijsstuk, Kostenpost, SignaalAfweging

# Matches shown per pattern; a file or supplier shared by very many claims (a template
# invoice) would otherwise fill the page. The page says when there are more. Each query is
# ordered by primary key (oldest first), so with many matches the database stops after
# these rows instead of sorting all of them.
MAX_PER_SOORT = 20
LEVERANCIER_DAGEN = 30


@dataclass(frozen=True)
class Signaal:
    """One match with another cost line or claim; `sleutel` identifies it across page views."""

    soort: str
    sleutel: str
    tekst: str  # about this claim; the other claim is `andere_kenmerk` (shown as a link)
    andere_aanvraag_id: int
    andere_kenmerk: str
    kostenpost_id: int | None = None

    @property
    def volledige_tekst(self) -> str:
        return f"{self.tekst} {self.andere_kenmerk}"


@dataclass
class DubbelOverzicht:
    """The signals of one claim and the reasons recorded so far."""

    signalen: list[Signaal] = field(default_factory=list)
    afwegingen: list[SignaalAfweging] = field(default_factory=list)
    afgekapt: bool = False  # some pattern had more than MAX_PER_SOORT matches

    @property
    def afgewogen_sleutels(self) -> set[str]:
        return set().union(*(a.sleutels for a in self.afwegingen))

    @property
    def open(self) -> list[Signaal]:
        """Signals no recorded reason covers yet."""
        gedekt = self.afgewogen_sleutels
        return [s for s in self.signalen if s.sleutel not in gedekt]

    @property
    def regels(self) -> list[tuple[Signaal, bool]]:
        """(signal, still open) in page order."""
        gedekt = self.afgewogen_sleutels
        return [(s, s.sleutel not in gedekt) for s in self.signalen]

    def van_kostenpost(self, kostenpost_id: int) -> list[Signaal]:
        return [s for s in self.signalen if s.kostenpost_id == kostenpost_id]


def dubbel_overzicht(*, aanvraag: Aanvraag, kostenposten=None) -> DubbelOverzicht:
    """Signals and reasons of `aanvraag`: at most six queries, whatever the other claims.

    `kostenposten` are the claim's lines with `bewijsstukken` prefetched (the case page has
    them); without them they are read (two queries more).
    """
    if kostenposten is None:
        kostenposten = list(
            aanvraag.kostenposten.select_related("categorie").prefetch_related("bewijsstukken")
        )
    nummers = {k.pk: nummer for nummer, k in enumerate(kostenposten, start=1)}
    overzicht = DubbelOverzicht(
        afwegingen=list(aanvraag.signaalafwegingen.select_related("door")),
    )
    if aanvraag.status == AanvraagStatus.CONCEPT:
        return overzicht
    patronen = (
        _zelfde_bestand,
        _zelfde_factuur,
        _zelfde_leverancier_en_bedrag,
        _zelfde_iban,
        _overlap,
    )
    for patroon in patronen:
        signalen, afgekapt = patroon(aanvraag, kostenposten, nummers)
        overzicht.signalen += signalen
        overzicht.afgekapt |= afgekapt
    return overzicht


def _post_naam(kostenpost, nummers) -> str:
    return _("kostenpost %(nummer)s (%(categorie)s)") % {
        "nummer": nummers[kostenpost.pk],
        "categorie": kostenpost.categorie or "-",
    }


def _ingediend(qs, prefix=""):
    """Only claims an assessor can open: submitted ones (a draft is nobody's case yet)."""
    return qs.exclude(**{f"{prefix}status": AanvraagStatus.CONCEPT})


def _afkappen(rijen: list) -> tuple[list, bool]:
    return rijen[:MAX_PER_SOORT], len(rijen) > MAX_PER_SOORT


def _zelfde_bestand(aanvraag, kostenposten, nummers):
    """(a) the same stored file on another cost line, of this claim or another."""
    eigen = [(b, k) for k in kostenposten for b in k.bewijsstukken.all()]
    if not eigen:
        return [], False
    rijen, afgekapt = _afkappen(
        list(
            _ingediend(
                Bewijsstuk.objects.filter(sha256__in={b.sha256 for b, _k in eigen}),
                "kostenpost__aanvraag__",
            )
            .exclude(pk__in=[b.pk for b, _k in eigen])
            .order_by("pk")
            .values_list(
                "sha256",
                "kostenpost_id",
                "kostenpost__aanvraag_id",
                "kostenpost__aanvraag__kenmerk",
            )[: MAX_PER_SOORT + 1]
        )
    )
    # A copy on another line of this claim is a match as well (the pair once).
    rijen += [(b.sha256, k.pk, aanvraag.pk, aanvraag.kenmerk) for b, k in eigen]
    signalen, gezien = [], set()
    for sha256, andere_post, andere_aanvraag, kenmerk in rijen:
        for bewijs, post in eigen:
            if bewijs.sha256 != sha256 or post.pk == andere_post:
                continue
            if andere_aanvraag == aanvraag.pk:
                sleutel = f"bestand:{min(post.pk, andere_post)}:{max(post.pk, andere_post)}"
                tekst = _(
                    "Hetzelfde bestand (%(bestand)s) staat bij %(post)s en bij een andere "
                    "kostenpost van deze aanvraag"
                )
            else:
                sleutel = f"bestand:{post.pk}:{andere_post}"
                tekst = _("Hetzelfde bestand (%(bestand)s) bij %(post)s staat ook bij aanvraag")
            if sleutel in gezien:
                continue
            gezien.add(sleutel)
            tekst %= {"bestand": bewijs.bestandsnaam, "post": _post_naam(post, nummers)}
            signalen.append(
                Signaal("bestand", sleutel, tekst, andere_aanvraag, kenmerk, kostenpost_id=post.pk)
            )
    return signalen, afgekapt


def _factuur(post) -> tuple[str, str] | None:
    """The invoice as compared: (supplier, number), as SQL's lower(trim(...)) has them."""
    factuurnummer = (post.factuurnummer or "").strip(" ").lower()
    if not factuurnummer:
        return None
    return (post.leverancier or "").strip(" ").lower(), factuurnummer


def _zelfde_factuur(aanvraag, kostenposten, nummers):
    """(b) the same supplier and invoice number on another cost line, of this claim or another.

    The other claims are read in one query on the functional index
    `kostenpost_dubbel_factuur_idx`; the lines of this claim are already in `kostenposten`.
    """
    eigen = {}
    for post in kostenposten:
        if factuur := _factuur(post):
            eigen.setdefault(factuur, []).append(post)
    if not eigen:
        return [], False
    paren = Q()
    for leverancier, factuurnummer in eigen:
        paren |= Q(_leverancier=leverancier, _factuurnummer=factuurnummer)
    rijen, afgekapt = _afkappen(
        list(
            _ingediend(Kostenpost.objects.exclude(aanvraag=aanvraag), "aanvraag__")
            .exclude(factuurnummer="")
            .annotate(
                _leverancier=Lower(Trim("leverancier")),
                _factuurnummer=Lower(Trim("factuurnummer")),
            )
            .filter(paren)
            .order_by("pk")
            .values_list(
                "_leverancier", "_factuurnummer", "pk", "aanvraag_id", "aanvraag__kenmerk"
            )[: MAX_PER_SOORT + 1]
        )
    )
    signalen = _zelfde_factuur_binnen_aanvraag(aanvraag, eigen, nummers)
    for leverancier, factuurnummer, andere_post, andere_aanvraag, kenmerk in rijen:
        for post in eigen.get((leverancier, factuurnummer), []):
            tekst = capfirst(
                _("%(post)s: dezelfde factuur (%(factuur)s) staat ook in aanvraag")
                % {"post": _post_naam(post, nummers), "factuur": _factuur_naam(post)}
            )
            sleutel = f"factuur:{post.pk}:{andere_post}"
            signalen.append(Signaal("factuur", sleutel, tekst, andere_aanvraag, kenmerk, post.pk))
    return signalen, afgekapt


def _zelfde_factuur_binnen_aanvraag(aanvraag, eigen, nummers) -> list[Signaal]:
    """(b) within the claim: each pair of its lines with the same invoice, once."""
    signalen = []
    for posten in eigen.values():
        for post, andere in combinations(posten, 2):
            tekst = _(
                "Dezelfde factuur (%(factuur)s) staat bij %(post)s en bij %(andere)s van aanvraag"
            ) % {
                "factuur": _factuur_naam(post),
                "post": _post_naam(post, nummers),
                "andere": _post_naam(andere, nummers),
            }
            sleutel = f"factuur:{min(post.pk, andere.pk)}:{max(post.pk, andere.pk)}"
            signalen.append(
                Signaal("factuur", sleutel, tekst, aanvraag.pk, aanvraag.kenmerk, post.pk)
            )
    return signalen


def _factuur_naam(post) -> str:
    return _("leverancier %(leverancier)s, factuurnummer %(factuurnummer)s") % {
        "leverancier": post.leverancier.strip(),
        "factuurnummer": post.factuurnummer.strip(),
    }


def _zelfde_leverancier_en_bedrag(aanvraag, kostenposten, nummers):
    """(c) the same supplier and amount on another claim received within 30 days."""
    eigen = {}
    for post in kostenposten:
        leverancier = (post.leverancier or "").strip(" ").lower()
        if leverancier and post.bedrag is not None:
            eigen.setdefault((leverancier, post.bedrag), []).append(post)
    if not eigen or aanvraag.ingediend_op is None:
        return [], False
    paren = Q()
    for leverancier, bedrag in eigen:
        paren |= Q(_leverancier=leverancier, bedrag=bedrag)
    marge = timedelta(days=LEVERANCIER_DAGEN)
    rijen, afgekapt = _afkappen(
        list(
            _ingediend(Kostenpost.objects.exclude(aanvraag=aanvraag), "aanvraag__")
            .exclude(leverancier="")
            .annotate(_leverancier=Lower(Trim("leverancier")))
            .filter(
                paren,
                aanvraag__ingediend_op__gte=aanvraag.ingediend_op - marge,
                aanvraag__ingediend_op__lte=aanvraag.ingediend_op + marge,
            )
            .order_by("pk")
            .values_list("_leverancier", "bedrag", "pk", "aanvraag_id", "aanvraag__kenmerk")[
                : MAX_PER_SOORT + 1
            ]
        )
    )
    signalen = []
    for leverancier, bedrag, andere_post, andere_aanvraag, kenmerk in rijen:
        for post in eigen.get((leverancier, bedrag), []):
            tekst = _(
                "Dezelfde leverancier (%(leverancier)s) en hetzelfde bedrag (%(bedrag)s) als "
                "%(post)s, binnen %(dagen)s dagen ontvangen, in aanvraag"
            ) % {
                "leverancier": post.leverancier.strip(),
                "bedrag": euro(bedrag),
                "post": _post_naam(post, nummers),
                "dagen": LEVERANCIER_DAGEN,
            }
            sleutel = f"leverancier:{post.pk}:{andere_post}"
            signalen.append(
                Signaal("leverancier", sleutel, tekst, andere_aanvraag, kenmerk, post.pk)
            )
    return signalen, afgekapt


def _zelfde_iban(aanvraag, kostenposten, nummers):
    """(d) the same IBAN on a claim of another office holder."""
    if not aanvraag.iban:
        return [], False
    qs = _ingediend(Aanvraag.objects.filter(iban=aanvraag.iban)).exclude(
        aanvrager_id=aanvraag.aanvrager_id
    )
    if aanvraag.rekening_soort == RekeningSoort.GEMEENTE:
        # A municipality's account is shared by its office holders; only someone naming it
        # as their own account is a signal.
        qs = qs.exclude(rekening_soort=RekeningSoort.GEMEENTE)
    rijen, afgekapt = _afkappen(
        list(qs.order_by("pk").values_list("pk", "kenmerk")[: MAX_PER_SOORT + 1])
    )
    tekst = _("Hetzelfde IBAN staat op een aanvraag van een andere ambtsdrager:")
    return [Signaal("iban", f"iban:{pk}", tekst, pk, kenmerk) for pk, kenmerk in rijen], afgekapt


def _overlap(aanvraag, kostenposten, nummers):
    """(e) a line in a category in which an earlier claim of the same holder got a grant."""
    eigen = {}
    for post in kostenposten:
        if post.categorie_id is not None:
            eigen.setdefault(post.categorie_id, []).append(post)
    if not eigen or aanvraag.ingediend_op is None:
        return [], False
    toegekend = Besluit.objects.filter(
        aanvraag_id=OuterRef("aanvraag_id"),
        status__in=[BesluitStatus.GOEDGEKEURD, BesluitStatus.VERZONDEN],
        uitkomst__in=[Uitkomst.TOEGEKEND, Uitkomst.GEDEELTELIJK_TOEGEKEND],
        vervangen_door__isnull=True,
    )
    rijen, afgekapt = _afkappen(
        list(
            Kostenpost.objects.filter(
                categorie_id__in=list(eigen),
                aanvraag__aanvrager_id=aanvraag.aanvrager_id,
                aanvraag__ingediend_op__lt=aanvraag.ingediend_op,
                beoordeling__bedrag_toegekend__gt=0,
            )
            .exclude(aanvraag=aanvraag)
            .filter(Exists(toegekend))
            .order_by("pk")
            .values_list(
                "categorie_id",
                "beoordeling__bedrag_toegekend",
                "pk",
                "aanvraag_id",
                "aanvraag__kenmerk",
            )[: MAX_PER_SOORT + 1]
        )
    )
    signalen = []
    for categorie_id, bedrag, andere_post, andere_aanvraag, kenmerk in rijen:
        for post in eigen[categorie_id]:
            tekst = capfirst(
                _(
                    "%(post)s valt in dezelfde soort kosten en regeling als een toegekende "
                    "kostenpost (%(bedrag)s) van dezelfde ambtsdrager in de eerdere aanvraag"
                )
                % {"post": _post_naam(post, nummers), "bedrag": euro(bedrag)}
            )
            sleutel = f"overlap:{post.pk}:{andere_post}"
            signalen.append(Signaal("overlap", sleutel, tekst, andere_aanvraag, kenmerk, post.pk))
    return signalen, afgekapt
