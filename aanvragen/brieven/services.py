"""Create, generate and dispatch letters.

Flow: a business action calls `brief_aanmaken` inside its own transaction, which stores a
pending row (once per unique key) that commits or rolls back with the action, and queues
`brief_genereren_task` after commit -> the task calls `brief_genereren`,
which renders the PDF from the database, stores it under a name derived from its hash,
verifies the stored bytes, marks the row `klaar` and, in the same transaction, logs the
dispatch, queues the notification e-mails and (for the applicant's decision letter) calls
the claim core's `besluit_verzenden`. The sweeper re-queues rows still `wachtend`
(Redis runs without persistence, so a queued message may be lost).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from aanvragen.constants import BesluitSoort, BesluitStatus
from aanvragen.kern import besluit_verzenden
from aanvragen.models import Aanvraag, Aanvulverzoek, Besluit, Bezwaar, Voornemen
from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.core.vaste_query import VasteInsert, VasteQuery, VasteUpdate

from . import opbouw
from .berichten import brief_klaar_bericht
from .context import render_brief
from .models import Brief, BriefSoort, BriefStatus, Kanaal, Ontvanger, Verzending

logger = logging.getLogger(__name__)


# The generation task, queued by its stable name (see `tasks.py`): the task module imports
# this one, so importing it back would make a cycle.
BRIEF_GENEREREN_TASK = "fondsbeveiliging.brieven.tasks.brief_genereren_task"


class OpslagFout(OSError):
    """The stored letter does not match the rendered bytes (treated as transient)."""


def _inplannen(brief_id: int) -> None:
    """Queue the letter after commit; if the broker is down, the sweeper queues it later.

    robust=True: a failing broker is logged and does not turn the committed business action
    into an error page.
    """
    transaction.on_commit(
        lambda: current_app.tasks[BRIEF_GENEREREN_TASK].delay(brief_id), robust=True
    )


@transaction.atomic
def brief_aanmaken(
    *,
    aanvraag_id: int,
    soort: str,
    bron: str,
    ontvanger: str = Ontvanger.AANVRAGER,
    versie: int = 1,
    besluit_id: int | None = None,
    aanvulverzoek_id: int | None = None,
    voornemen_id: int | None = None,
    bezwaar_id: int | None = None,
) -> Brief:
    """Store the pending letter once per (bron, soort, ontvanger, versie); queue it on commit.

    Call inside the business transaction, so the row is part of it. Calling it again for
    the same key returns the existing row and queues nothing new.
    """
    brief, created = Brief.objects.get_or_create(
        bron=bron,
        soort=soort,
        ontvanger=ontvanger,
        versie=versie,
        defaults={
            "aanvraag_id": aanvraag_id,
            "besluit_id": besluit_id,
            "aanvulverzoek_id": aanvulverzoek_id,
            "voornemen_id": voornemen_id,
            "bezwaar_id": bezwaar_id,
            "ingepland_op": timezone.now(),
        },
    )
    if created:
        _inplannen(brief.pk)
        logger.info("brief_aangemaakt brief_id=%s soort=%s", brief.pk, soort)
    return brief


# The letter of each kind of decision (Besluit.soort); all four mark the decision sent when
# the applicant's letter is dispatched.
BESLUITBRIEF = {
    BesluitSoort.AANVRAAG: BriefSoort.BESLUIT,
    BesluitSoort.HERZIENING: BriefSoort.HERZIENINGSBESLUIT,
    BesluitSoort.BEZWAAR: BriefSoort.BESLISSING_OP_BEZWAAR,
    BesluitSoort.DWANGSOM: BriefSoort.DWANGSOMBESLUIT,
}
BESLUITBRIEVEN = frozenset(BESLUITBRIEF.values())


def besluitbrief_soort(besluit: Besluit) -> str:
    """The letter kind of a decision, by what the decision is."""
    return BESLUITBRIEF[BesluitSoort(besluit.soort)]


def besluitbrief_aanmaken(*, besluit_id: int) -> Brief:
    """Queue the applicant's decision letter; the municipality notice follows its dispatch."""

    besluit = Besluit.objects.only("pk", "aanvraag_id", "soort").get(pk=besluit_id)
    return brief_aanmaken(
        aanvraag_id=besluit.aanvraag_id,
        soort=besluitbrief_soort(besluit),
        bron=f"besluit:{besluit.pk}",
        besluit_id=besluit.pk,
    )


def aanvullingsbrief_aanmaken(*, aanvulverzoek_id: int) -> Brief:

    verzoek = Aanvulverzoek.objects.only("pk", "aanvraag_id").get(pk=aanvulverzoek_id)
    return brief_aanmaken(
        aanvraag_id=verzoek.aanvraag_id,
        soort=BriefSoort.AANVULLING,
        bron=f"aanvulverzoek:{verzoek.pk}",
        aanvulverzoek_id=verzoek.pk,
    )


def verdagingsbrief_aanmaken(*, aanvraag_id: int) -> Brief:
    """One letter per postponement: the new date is part of the key."""

    aanvraag = Aanvraag.objects.only("pk", "verdaagd_tot").get(pk=aanvraag_id)
    return brief_aanmaken(
        aanvraag_id=aanvraag.pk,
        soort=BriefSoort.VERDAGING,
        bron=f"verdaging:{aanvraag.pk}:{aanvraag.verdaagd_tot}",
    )


def voornemenbrief_aanmaken(*, voornemen_id: int) -> Brief:

    voornemen = Voornemen.objects.only("pk", "aanvraag_id").get(pk=voornemen_id)
    return brief_aanmaken(
        aanvraag_id=voornemen.aanvraag_id,
        soort=BriefSoort.VOORNEMEN_AFWIJZING,
        bron=f"voornemen:{voornemen.pk}",
        voornemen_id=voornemen.pk,
    )


def _bezwaarbrief_aanmaken(bezwaar: Bezwaar, *, soort: str, gebeurtenis: str) -> Brief:
    """One letter per event of the objection: the event's date is part of the key."""
    return brief_aanmaken(
        aanvraag_id=bezwaar.besluit.aanvraag_id,
        soort=soort,
        bron=f"bezwaar:{bezwaar.pk}:{gebeurtenis}",
        bezwaar_id=bezwaar.pk,
    )


def _bezwaar(bezwaar_id: int) -> Bezwaar:
    return Bezwaar.objects.select_related("besluit").get(pk=bezwaar_id)


def verzuimherstelbrief_aanmaken(*, bezwaar_id: int) -> Brief:
    """The request to repair an omission in the objection (6:6), once per request date."""
    bezwaar = _bezwaar(bezwaar_id)
    return _bezwaarbrief_aanmaken(
        bezwaar,
        soort=BriefSoort.VERZUIMHERSTEL,
        gebeurtenis=f"verzuim:{bezwaar.verzuim_gevraagd_op}",
    )


def hoorzittingbrief_aanmaken(*, bezwaar_id: int) -> Brief:
    """The invitation to the hearing (7:2); a hearing moved to another time gets a new one."""
    bezwaar = _bezwaar(bezwaar_id)
    moment = timezone.localtime(bezwaar.hoorzitting_op) if bezwaar.hoorzitting_op else None
    return _bezwaarbrief_aanmaken(
        bezwaar,
        soort=BriefSoort.UITNODIGING_HOORZITTING,
        gebeurtenis=f"hoorzitting:{moment:%Y-%m-%dT%H:%M}" if moment else "hoorzitting:",
    )


def bezwaarverdagingsbrief_aanmaken(*, bezwaar_id: int) -> Brief:
    """The notice of postponement of the decision on objection (7:10(3)), once per date."""
    bezwaar = _bezwaar(bezwaar_id)
    return _bezwaarbrief_aanmaken(
        bezwaar,
        soort=BriefSoort.VERDAGING_BEZWAAR,
        gebeurtenis=f"verdaging:{bezwaar.verdaagd_tot}",
    )


def ontvangstbevestiging_inplannen(*, aanvraag_id: int) -> Brief:
    """Store the receipt letter (4:3a) of a claim being submitted; queue it on commit.

    Called inside the submission's transaction: a claim is never submitted without it.
    """
    return brief_aanmaken(
        aanvraag_id=aanvraag_id,
        soort=BriefSoort.ONTVANGSTBEVESTIGING,
        bron=f"aanvraag:{aanvraag_id}",
    )


# Compiled to SQL once per process (`VasteQuery`): the same lock and joins as the ORM query
# it is built from, without compiling that query again for every letter (issue 21 item 5).
_WACHTENDE_BRIEF = VasteQuery(
    lambda pk: (
        Brief.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("aanvraag__regeling", "aanvraag__gemeente", "besluit__goedgekeurd_door")
        .filter(pk=pk, status=BriefStatus.WACHTEND)
        # At most one row by primary key: no ORDER BY (Meta.ordering) to sort.
        .order_by()
    ),
    pk=-918_273_645,
)


# The row marked klaar with its verified file, as `brief.save(update_fields=...)` would, but
# compiled and prepared once (`VasteUpdate`); the status filter makes it refuse a row that is
# not pending (it is locked by this transaction, so that would be a bug).
_KLAAR = VasteUpdate(
    lambda pk: Brief.objects.filter(pk=pk, status=BriefStatus.WACHTEND),
    vast={"status": BriefStatus.KLAAR, "pogingen": F("pogingen") + 1, "laatste_fout": ""},
    pk=-918_273_645,
    bestand="<bestand>",
    sha256="<sha256>",
    grootte=-918_273_646,
    gegenereerd_op=datetime(1901, 1, 1, tzinfo=UTC),
)


def _klaar_melden(brief: Brief, nu) -> None:
    gewijzigd = _KLAAR(
        pk=brief.pk,
        bestand=brief.bestand.name,
        sha256=brief.sha256,
        grootte=brief.grootte,
        gegenereerd_op=nu,
    )
    if gewijzigd != 1:
        raise RuntimeError(f"letter {brief.pk} was not pending when it was marked klaar")
    brief.status = BriefStatus.KLAAR
    brief.gegenereerd_op = nu
    brief.pogingen += 1
    brief.laatste_fout = ""


def _brief_laden(brief_id: int) -> Brief | None:
    """Lock the pending letter; None when it is done, failed, or another worker has it.

    Only the letter row is locked, joined with the few rows every letter needs (the
    municipality row is small and saves the copy's notice a query); other relations are
    read with small queries (one wide select_related join across the users and the optional
    sources cost more than the rest of the task together).
    """
    gevonden = _WACHTENDE_BRIEF(pk=brief_id)
    return gevonden[0] if gevonden else None


def _opslaan(brief: Brief, pdf_bytes: bytes) -> None:
    """Store the PDF in the letter's own folder and check what was stored before using it.

    A crash mid-write leaves at most an unreferenced file: the row points at a file only
    when the transaction that verified it commits. Leftovers of such crashed attempts are
    removed from the letter's folder once a new file has been verified.
    """
    sha256 = hashlib.sha256(pdf_bytes).hexdigest()
    map_ = f"brieven/{timezone.localdate().year}/{brief.pk}"
    naam = f"{map_}/v{brief.versie}-{sha256[:20]}.pdf"
    opslag = brief.bestand.storage
    if opslag.exists(naam):
        opslag.delete(naam)
    opgeslagen = opslag.save(naam, ContentFile(pdf_bytes))
    with opslag.open(opgeslagen, "rb") as bestand:
        if hashlib.sha256(bestand.read()).hexdigest() != sha256:
            opslag.delete(opgeslagen)
            raise OpslagFout(f"stored letter {brief.pk} does not match its hash")
    for overblijfsel in opslag.listdir(map_)[1]:
        if f"{map_}/{overblijfsel}" != opgeslagen:
            opslag.delete(f"{map_}/{overblijfsel}")
    brief.bestand.name = opgeslagen
    brief.sha256 = sha256
    brief.grootte = len(pdf_bytes)


@transaction.atomic
def brief_genereren(*, brief_id: int) -> bool:
    """Render, store and dispatch one pending letter; False when there is nothing to do.

    Idempotent: a letter that is klaar (or locked by another worker) is left alone.
    """
    brief = _brief_laden(brief_id)
    if brief is None:
        return False
    nu = timezone.now()
    brief_context = opbouw.brief_context(brief, datum=timezone.localdate(nu))
    _opslaan(brief, render_brief(brief_context))
    _klaar_melden(brief, nu)
    brief_verzenden(brief=brief, verzonden_op=nu)
    logger.info("brief_klaar brief_id=%s soort=%s", brief.pk, brief.soort)
    return True


def brief_verzenden(*, brief: Brief, verzonden_op) -> None:
    """Log the dispatch, queue the notices; a decision is sent by the back office service."""
    # Plain inserts: the letter row is locked and was wachtend, so this runs once per letter
    # (and the unique constraint on (brief, kanaal) would refuse a second dispatch anyway).
    _verzending_vastleggen(brief, Kanaal.PORTAAL, verzonden_op, _portaal_aan(brief))
    if brief.soort in BESLUITBRIEVEN and brief.ontvanger == Ontvanger.AANVRAGER:
        _besluit_verzonden(brief, verzonden_op)
        _kennisgeving_aanmaken(brief)
    # After the decision is marked sent: the e-mail names its objection and payment ends.
    berichten_klaarzetten(brief=brief, verzonden_op=verzonden_op)


def _kennisgeving_aanmaken(besluitbrief: Brief) -> None:
    """Queue the municipality's notice of a sent decision, if the policy version gives one.

    The municipality gets a notice (that the fund decided, the outcome and the amount per
    category), never a copy of the decision: the copy described the measures at the home and
    the hearing. Copies sent before the notice existed stay downloadable as they are.

    Only a decision that fixes the claim's outcome and amount (`Besluit.regelt_aanvraag`: the
    first one, a herziening, a (partly) founded decision on objection) changes what the
    council knows; a dwangsom decision or an inadmissible or unfounded decision on objection
    changes nothing for it, so it gets no notice (privacy: nothing more than needed).
    """
    if not besluitbrief.aanvraag.regeling.gemeente_kennisgeving:
        return
    if not besluitbrief.besluit.regelt_aanvraag:
        return
    brief_aanmaken(
        aanvraag_id=besluitbrief.aanvraag_id,
        soort=BriefSoort.KENNISGEVING,
        bron=besluitbrief.bron,
        ontvanger=Ontvanger.GEMEENTE,
        versie=besluitbrief.versie,
        besluit_id=besluitbrief.besluit_id,
    )


def _portaal_aan(brief: Brief) -> str:
    if brief.ontvanger == Ontvanger.GEMEENTE:
        return f"gemeente {brief.aanvraag.gemeente_id}"
    return f"aanvrager {brief.aanvraag.aanvrager_id}"


def _besluit_verzonden(brief: Brief, verzonden_op) -> None:
    """Mark the decision sent (every kind): its objection or appeal term runs from now (6:8)."""

    if brief.besluit.status == BesluitStatus.GOEDGEKEURD:
        besluit_verzenden(besluit_id=brief.besluit_id, verzonden_op=verzonden_op)


def _link(naam: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(naam, kwargs=kwargs)


def berichten_klaarzetten(*, brief: Brief, verzonden_op) -> None:
    """Tell the recipient a letter is ready, with a link: never claim or incident details.

    The applicant's text says what to do and by when for the letter's kind
    (`berichten.brief_klaar_bericht`); the municipality's only that a decision is ready.

    The receipt letter gets no notice of its own: the acknowledgement e-mail of the claim
    (aanvragen) already went out and links to the status page where the letter appears.
    """
    aanvraag = brief.aanvraag
    if brief.ontvanger == Ontvanger.AANVRAGER and brief.soort != BriefSoort.ONTVANGSTBEVESTIGING:
        bericht = brief_klaar_bericht(brief)
        bericht_klaarzetten(
            sleutel=f"brief-klaar:{brief.pk}:aanvrager",
            aan=aanvraag.aanvrager.email,
            onderwerp=bericht.onderwerp,
            tekst=bericht.tekst,
        )
        _email_verzending(brief, verzonden_op, aanvraag.aanvrager.email)
    elif brief.ontvanger == Ontvanger.GEMEENTE and aanvraag.gemeente.contact_email:
        bericht_klaarzetten(
            sleutel=f"brief-klaar:{brief.pk}:gemeente",
            aan=aanvraag.gemeente.contact_email,
            onderwerp="Er staat een nieuw besluit klaar in het gemeenteportaal",
            tekst=_bericht_tekst(_link("brieven:portaal")),
        )
        _email_verzending(brief, verzonden_op, aanvraag.gemeente.contact_email)


# One dispatch log row, as `Verzending.objects.create` would write it, prepared once.
_VERZENDING = VasteInsert(
    Verzending,
    vast={},
    brief_id=-918_273_645,
    kanaal="<kanaal>",
    verzonden_op=datetime(1901, 1, 1, tzinfo=UTC),
    aan="<aan>",
)


def _verzending_vastleggen(brief: Brief, kanaal: str, verzonden_op, aan: str) -> None:
    _VERZENDING(brief_id=brief.pk, kanaal=kanaal, verzonden_op=verzonden_op, aan=aan)


def _email_verzending(brief: Brief, verzonden_op, aan: str) -> None:
    _verzending_vastleggen(brief, Kanaal.EMAIL, verzonden_op, aan)


def _bericht_tekst(link: str) -> str:
    return (
        "Geachte heer, mevrouw,\n\n"
        "Er staat een nieuwe brief van het Ministerie van Binnenlandse Zaken en "
        "Koninkrijksrelaties voor u klaar. U kunt de brief lezen en downloaden nadat u bent "
        f"ingelogd:\n{link}\n\n"
        "Dit bericht bevat bewust geen inhoud. Reageer niet op deze e-mail.\n\n"
        "Met vriendelijke groet,\nFonds beveiligingsmaatregelen politieke ambtsdragers\n"
    )


def brief_fout_vastleggen(*, brief_id: int, fout: BaseException, definitief: bool) -> None:
    """Record a failed attempt (own transaction); a final failure marks the letter mislukt."""
    velden = {"laatste_fout": f"{type(fout).__name__}: {fout}"[:300]}
    if definitief:
        velden["status"] = BriefStatus.MISLUKT
    bijgewerkt = Brief.objects.filter(pk=brief_id, status=BriefStatus.WACHTEND)
    bijgewerkt.update(pogingen=F("pogingen") + 1, **velden)
    log = logger.error if definitief else logger.warning
    log("brief_fout brief_id=%s definitief=%s fout=%s", brief_id, definitief, type(fout).__name__)


@transaction.atomic
def brief_opnieuw_proberen(*, brief_id: int) -> bool:
    """Put a failed letter back in the queue (admin action); False if it was not mislukt."""
    aantal = Brief.objects.filter(pk=brief_id, status=BriefStatus.MISLUKT).update(
        status=BriefStatus.WACHTEND, ingepland_op=timezone.now()
    )
    if aantal:
        _inplannen(brief_id)
    return bool(aantal)


@transaction.atomic
def ontbrekende_besluitbrieven_aanmaken(*, ouder_dan: timedelta, limiet: int = 200) -> list[int]:
    """Create decision letters missing for approved decisions; return their ids.

    The approval now stores its letter in its own transaction, so it cannot leave a decision
    without one. Kept for decisions approved before that, when the letter was created by an
    after-commit hook that a crashing process could skip, and as a cheap check that the
    invariant holds. The sweeper runs it for decisions approved longer than `ouder_dan` ago.
    """

    grens = timezone.now() - ouder_dan
    zonder_brief = (
        Besluit.objects.filter(status=BesluitStatus.GOEDGEKEURD, goedgekeurd_op__lt=grens)
        .exclude(brieven__soort__in=BESLUITBRIEVEN)
        .values_list("pk", flat=True)[:limiet]
    )
    return [besluitbrief_aanmaken(besluit_id=pk).pk for pk in zonder_brief]


@transaction.atomic
def wachtende_brieven_inplannen(*, ouder_dan: timedelta, limiet: int = 500) -> list[int]:
    """Re-queue letters still pending after `ouder_dan` (their message may be lost)."""
    grens = timezone.now() - ouder_dan
    ids = list(
        Brief.objects.select_for_update(skip_locked=True)
        .filter(status=BriefStatus.WACHTEND, ingepland_op__lt=grens)
        .order_by("ingepland_op")
        .values_list("pk", flat=True)[:limiet]
    )
    Brief.objects.filter(pk__in=ids).update(ingepland_op=timezone.now())
    for brief_id in ids:
        _inplannen(brief_id)
    return ids
