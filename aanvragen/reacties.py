"""The applicant's replies online: a view (4:7), an objection (6:4) and a notice of default
(4:17), plus the e-mail that tells the applicant a payment was made.

Each reply is one atomic service, like the other applicant actions (`aanvragen.services`):
it locks the claim through the core (`aanvragen.kern`), checks the actor and the status
(`permissions.can_<action>`), stores the reply with the server's date of receipt and puts a
receipt e-mail in the outbox in the same transaction (one message per key). The receipt
says only what was received, when, and what happens next: never the reply's text, nor
anything about the incident. Written and oral replies stay possible; staff register those in
the back office as before.

Rules chosen where the issue is silent:
- A view is given online once, while its term runs (the last day included); after the term
  it is refused with the date it ended. It does not change the status: the assessor still
  records the view (note and letter text) with `zienswijze_vastleggen`, as for one by post.
- An objection is accepted whenever the decision was sent, also after the objection term:
  it is then flagged (`Bezwaar.is_na_termijn`), since BZK must still decide whether the
  lateness is excusable (Awb 6:11). One objection at a time: while one is handled the form
  is closed. Online it is always the applicant's own (indiener "aanvrager"; a representative
  sends it by post and staff register it); its 7:10 decision term is stored as for one
  registered by staff (`kern.bezwaar_beslistermijn`). The back
  office's `bezwaar_registreren` cannot be called here (it requires an
  assessor as the registering actor); this service writes the same Bezwaar row and the same
  status change and history note through the same core functions, and marks it online.
- A notice of default online is possible only after the stored decision deadline (one on or
  before it is premature, as in the back office) and once.
"""

import logging
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.core.models import bestanden_wissen_bij_fout
from fondsbeveiliging.core.uploads import check_upload
from fondsbeveiliging.opmaak.formaat import lange_datum
from fondsbeveiliging.termijnen.berekening import dwangsom_eerste_dag

from . import permissions
from .constants import BESLISTERMIJN_LOOPT, AanvraagStatus, BesluitStatus, Indiener
from .kern import (
    bezwaar_beslistermijn,
    lock_aanvraag,
    lock_besluit,
    registratie_notitie,
    status_wijzigen,
)
from .models import Aanvraag, Besluit, Betaling, Bezwaar, BezwaarBestand, Voornemen

logger = logging.getLogger(__name__)


@transaction.atomic
def zienswijze_geven(*, voornemen_id: int, door, tekst: str) -> Voornemen:
    """Store the applicant's view on an intended refusal, given online within its term."""
    aanvraag_id = Voornemen.objects.values_list("aanvraag_id", flat=True).get(pk=voornemen_id)
    aanvraag = lock_aanvraag(aanvraag_id)
    voornemen = Voornemen.objects.select_for_update().get(pk=voornemen_id)
    voornemen.aanvraag = aanvraag
    if not permissions.can_zienswijze_geven(door, voornemen):
        raise PermissionDenied(_("U kunt op dit voornemen geen zienswijze (meer) geven."))
    if zienswijze_termijn_verstreken(voornemen):
        raise ValidationError(
            _(
                "De termijn voor uw zienswijze is verstreken: die liep tot en met %(datum)s. "
                "Neem contact met ons op als u toch nog wilt reageren."
            )
            % {"datum": lange_datum(voornemen.termijn_tot)},
            code="termijn",
        )
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError(_("Vul uw zienswijze in."), code="leeg")
    voornemen.zienswijze_aanvrager = tekst
    voornemen.zienswijze_ontvangen_op = timezone.now()
    voornemen.save(update_fields=["zienswijze_aanvrager", "zienswijze_ontvangen_op"])
    _bericht(
        aanvraag,
        sleutel=f"ontvangstbevestiging:zienswijze:{voornemen.pk}",
        onderwerp=_("Ontvangstbevestiging zienswijze %(kenmerk)s"),
        template="aanvragen/email/zienswijze_ontvangen.txt",
        ontvangen_op=voornemen.zienswijze_ontvangen_op,
    )
    logger.info("zienswijze_online aanvraag=%s voornemen=%s", aanvraag.pk, voornemen.pk)
    return voornemen


def zienswijze_termijn_verstreken(voornemen: Voornemen, *, vandaag: date | None = None) -> bool:
    """True after the view term's last day (that day itself is in time)."""
    return voornemen.termijn_tot < (vandaag or timezone.localdate())


@bestanden_wissen_bij_fout
@transaction.atomic
def bezwaar_maken(*, besluit_id: int, door, gronden: str, bestanden: Iterable = ()) -> Bezwaar:
    """Register the applicant's objection (Awb 6:4), lodged online, dated today.

    A late objection is accepted and flagged (see the module docstring). All files are
    checked before any is stored: one rejected file stores nothing.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    if not permissions.can_bezwaar_maken(door, besluit) or besluit != laatst_verzonden_besluit(
        aanvraag
    ):
        raise PermissionDenied(_("U kunt tegen dit besluit nu geen bezwaar maken."))
    gronden = (gronden or "").strip()
    if not gronden:
        raise ValidationError(
            _("Schrijf waarom u het niet eens bent met het besluit."), code="leeg"
        )
    gecontroleerd = _bestanden_controleren(bestanden)
    bezwaar = Bezwaar(
        besluit=besluit,
        ontvangen_op=timezone.localdate(),
        gronden=gronden,
        online_ingediend=True,
        indiener=Indiener.AANVRAGER,
        geregistreerd_door=door,
    )
    bezwaar.beslistermijn_einde = bezwaar_beslistermijn(bezwaar)
    bezwaar.save()
    for bestand, check in gecontroleerd:
        BezwaarBestand.opslaan(uploaded=bestand, checked=check, door=door, bezwaar=bezwaar)
    notitie = registratie_notitie(bezwaar) + _(" (online ingediend)")
    status_wijzigen(aanvraag, AanvraagStatus.BEZWAAR, door=door, toelichting=notitie)
    _bericht(
        aanvraag,
        sleutel=f"ontvangstbevestiging:bezwaar:{bezwaar.pk}",
        onderwerp=_("Ontvangstbevestiging bezwaar %(kenmerk)s"),
        template="aanvragen/email/bezwaar_ontvangen.txt",
        ontvangen_op=timezone.now(),
        bezwaar=bezwaar,
        aantal_bestanden=len(gecontroleerd),
    )
    logger.info("bezwaar_online aanvraag=%s bezwaar=%s", aanvraag.pk, bezwaar.pk)
    return bezwaar


def laatst_verzonden_besluit(aanvraag: Aanvraag) -> Besluit | None:
    """The claim's current sent decision: the one an objection is lodged against (a
    dwangsom decision or a decision on objection that fixes nothing is never it)."""
    return (
        Besluit.objects.filter(
            aanvraag=aanvraag, status=BesluitStatus.VERZONDEN, regelt_aanvraag=True
        )
        .order_by("-versie")
        .first()
    )


def _bestanden_controleren(bestanden: Iterable) -> list:
    """Check every file by content (and the count and total size) before storing any."""
    bestanden = list(bestanden)
    if len(bestanden) > settings.UPLOAD_MAX_FILES:
        raise ValidationError(
            _("U kunt hooguit %(max)s bestanden meesturen.") % {"max": settings.UPLOAD_MAX_FILES},
            code="te_veel",
        )
    gecontroleerd = [(bestand, check_upload(bestand)) for bestand in bestanden]
    if sum(check.grootte for _bestand, check in gecontroleerd) > settings.UPLOAD_MAX_TOTAL_BYTES:
        raise ValidationError(
            _("De bestanden mogen samen hooguit %(max)s zijn.")
            % {"max": filesizeformat(settings.UPLOAD_MAX_TOTAL_BYTES)},
            code="te_groot_totaal",
        )
    return gecontroleerd


@transaction.atomic
def ingebrekestelling_sturen(*, aanvraag_id: int, door) -> Aanvraag:
    """Store the applicant's notice of default (Awb 4:17), received today, once.

    Only after the stored decision deadline: a notice on or before it is premature.
    """
    aanvraag = lock_aanvraag(aanvraag_id)
    if not permissions.can_ingebrekestelling_sturen(door, aanvraag):
        if aanvraag.aanvrager_id == door.pk and aanvraag.status in BESLISTERMIJN_LOOPT:
            raise ValidationError(
                _(
                    "Dit kan nog niet: de beslistermijn loopt tot en met %(datum)s. Een "
                    "ingebrekestelling kan vanaf de dag daarna."
                )
                % {"datum": lange_datum(aanvraag.beslistermijn_einde)},
                code="te_vroeg",
            )
        raise PermissionDenied(_("U kunt voor deze aanvraag geen ingebrekestelling sturen."))
    vandaag = timezone.localdate()
    aanvraag.ingebrekestelling_op = vandaag
    aanvraag.save(update_fields=["ingebrekestelling_op", "gewijzigd_op"])
    _bericht(
        aanvraag,
        sleutel=f"ontvangstbevestiging:ingebrekestelling:{aanvraag.pk}",
        onderwerp=_("Ontvangstbevestiging ingebrekestelling %(kenmerk)s"),
        template="aanvragen/email/ingebrekestelling_ontvangen.txt",
        ontvangen_op=timezone.now(),
        dwangsom_vanaf=dwangsom_eerste_dag(vandaag),
    )
    logger.info("ingebrekestelling_online aanvraag=%s", aanvraag.pk)
    return aanvraag


def betaling_bericht_klaarzetten(*, betaling: Betaling) -> Bericht:
    """Tell the applicant a payment was registered: amount, date and kenmerk, once per payment.

    Called inside the transaction that registers the payment, so the message commits with it.
    """
    aanvraag = betaling.besluit.aanvraag
    return _bericht(
        aanvraag,
        sleutel=f"betaling:{betaling.pk}:aanvrager",
        onderwerp=_("Wij hebben een bedrag betaald (%(kenmerk)s)"),
        template="aanvragen/email/betaling.txt",
        betaling=betaling,
    )


def _bericht(aanvraag: Aanvraag, *, sleutel: str, onderwerp: str, template: str, **context):
    """Render an e-mail to the applicant in the site language and put it in the outbox."""
    context = {
        "aanvraag": aanvraag,
        "status_url": settings.SITE_URL + reverse("aanvragen:detail", kwargs={"pk": aanvraag.pk}),
        "contact": settings.FONDS_CONTACT,
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        tekst = render_to_string(template, context)
        onderwerp = onderwerp % {"kenmerk": aanvraag.kenmerk}
    return bericht_klaarzetten(
        sleutel=sleutel, aan=aanvraag.aanvrager.email, onderwerp=onderwerp, tekst=tekst
    )
