"""The e-mail that tells the applicant a letter is ready: what to do and by when.

The text depends on the letter's kind and names only stored dates (the request's or the
view's term, the decision deadline, the objection and payment term ends), never the claim's
content nor anything about the incident: an e-mail travels outside the service.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanvragen.constants import BesluitSoort, Uitkomst
from aanvragen.models import Besluit

from .models import Brief, BriefSoort

NA_HET_BESLUIT = (
    BriefSoort.HERZIENINGSBESLUIT,
    BriefSoort.BESLISSING_OP_BEZWAAR,
    BriefSoort.DWANGSOMBESLUIT,
)
BEZWAARBRIEVEN = (
    BriefSoort.VERZUIMHERSTEL,
    BriefSoort.UITNODIGING_HOORZITTING,
    BriefSoort.VERDAGING_BEZWAAR,
)


@dataclass(frozen=True)
class BriefBericht:
    onderwerp: str
    tekst: str


def brief_klaar_bericht(brief: Brief) -> BriefBericht:
    """Subject and text of the applicant's "a letter is ready" e-mail for `brief`."""
    aanvraag = brief.aanvraag
    context = {
        "aanvraag": aanvraag,
        "soort": brief.soort,
        "link": settings.SITE_URL + reverse("aanvragen:detail", kwargs={"pk": aanvraag.pk}),
        "contact": settings.FONDS_CONTACT,
        **_termijnen(brief),
    }
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = _onderwerp(brief.soort, context) % {"kenmerk": aanvraag.kenmerk}
        tekst = render_to_string("aanvragen/email/brief_klaar.txt", context)
    return BriefBericht(onderwerp=onderwerp, tekst=tekst)


def _onderwerp(soort: str, context: dict) -> str:
    if soort == BriefSoort.AANVULLING and context.get("reageren_uiterlijk"):
        return _("Wij vragen uw reactie (%(kenmerk)s)")
    if soort == BriefSoort.VOORNEMEN_AFWIJZING:
        return _("Wij vragen uw reactie (%(kenmerk)s)")
    if soort == BriefSoort.BESLUIT:
        return _("Er is een besluit op uw aanvraag (%(kenmerk)s)")
    if soort == BriefSoort.HERZIENINGSBESLUIT:
        return _("Wij hebben ons besluit op uw aanvraag herzien (%(kenmerk)s)")
    if soort == BriefSoort.BESLISSING_OP_BEZWAAR:
        return _("Er is een beslissing op uw bezwaar (%(kenmerk)s)")
    if soort == BriefSoort.DWANGSOMBESLUIT:
        return _("Wij hebben de dwangsom vastgesteld (%(kenmerk)s)")
    if soort == BriefSoort.VERZUIMHERSTEL:
        return _("Wij vragen u uw bezwaarschrift aan te vullen (%(kenmerk)s)")
    if soort == BriefSoort.UITNODIGING_HOORZITTING:
        return _("Uitnodiging voor de hoorzitting over uw bezwaar (%(kenmerk)s)")
    return _("Er staat een brief voor u klaar (%(kenmerk)s)")


def _termijnen(brief: Brief) -> dict[str, date | bool | None]:
    """The stored dates the e-mail names for this kind of letter."""
    if brief.soort == BriefSoort.AANVULLING and brief.aanvulverzoek_id:
        return {"reageren_uiterlijk": brief.aanvulverzoek.termijn_tot}
    if brief.soort == BriefSoort.VOORNEMEN_AFWIJZING and brief.voornemen_id:
        return {"reageren_uiterlijk": brief.voornemen.termijn_tot}
    if brief.soort == BriefSoort.VERDAGING:
        return {"besluit_uiterlijk": brief.aanvraag.verdaagd_tot}
    if brief.soort in NA_HET_BESLUIT and brief.besluit_id:
        return _na_het_besluit(brief)
    if brief.bezwaar_id and brief.soort in BEZWAARBRIEVEN:
        return _bezwaartermijnen(brief)
    if brief.soort == BriefSoort.BESLUIT and brief.besluit_id:
        # Read again: the dispatch stored the term ends after this letter row was loaded.
        besluit = Besluit.objects.get(pk=brief.besluit_id)
        toekenning = besluit.uitkomst in (Uitkomst.TOEGEKEND, Uitkomst.GEDEELTELIJK_TOEGEKEND)
        return {
            "bezwaar_uiterlijk": besluit.bezwaartermijn_einde,
            "betalen_uiterlijk": besluit.betaaltermijn_einde if toekenning else None,
        }
    return {}


def _na_het_besluit(brief: Brief) -> dict[str, date | bool | None]:
    """The term ends of a later decision, read again after its dispatch stored them.

    A replacing decision names what is paid extra or reclaimed (by `opbouw.verrekening`, the
    letter's own rule); a dwangsom decision its payment; a decision on objection the appeal
    term instead of the objection term.
    """
    from . import opbouw

    besluit = Besluit.objects.select_related("aanvraag__regeling", "vervangt").get(
        pk=brief.besluit_id
    )
    datum = timezone.localdate(besluit.verzonden_op or timezone.now())
    termijnen: dict[str, date | bool | None] = {}
    if besluit.soort == BesluitSoort.DWANGSOM:
        termijnen["betalen_uiterlijk"] = besluit.betaaltermijn_einde
    elif besluit.regelt_aanvraag:
        verrekening = opbouw.verrekening(besluit, datum=datum, ontvanger=brief.ontvanger)
        if verrekening.bijbetaling:
            termijnen["betalen_uiterlijk"] = verrekening.bijbetaling.uiterlijk_op
        if verrekening.terugbetaling:
            termijnen["terugbetalen_uiterlijk"] = verrekening.terugbetaling.uiterlijk_op
    if besluit.soort == BesluitSoort.BEZWAAR:
        termijnen["beroep_uiterlijk"] = besluit.beroepstermijn_einde
    else:
        termijnen["bezwaar_uiterlijk"] = besluit.bezwaartermijn_einde
    return termijnen


def _bezwaartermijnen(brief: Brief) -> dict[str, date | None]:
    """The one date each notice about an objection names."""
    bezwaar = brief.bezwaar
    if brief.soort == BriefSoort.VERZUIMHERSTEL:
        return {"reageren_uiterlijk": bezwaar.hersteltermijn_tot}
    if brief.soort == BriefSoort.UITNODIGING_HOORZITTING:
        return {"hoorzitting_op": bezwaar.hoorzitting_op}
    return {"besluit_uiterlijk": bezwaar.beslistermijn_einde or bezwaar.verdaagd_tot}
