"""Producing the quarterly report: queue it, render it (Celery), record a failure; and
refreshing the snapshots the statistics page reads.

The report is rendered from the same sections as the page (`secties.secties_vullen`), so it
holds the same, already suppressed, tables; the charts are the page's inline SVG, which
WeasyPrint draws without JavaScript.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from fondsbeveiliging.opmaak.pdf import render_pdf

from .grafieken import grafiek_van
from .models import Kwartaalrapport, Momentopname, RapportStatus
from .periode import EERSTE_JAAR, Periode
from .secties import SECTIES, berekenen, secties_vullen

logger = logging.getLogger(__name__)

RAPPORT_MAKEN_TASK = "statistieken.tasks.kwartaalrapport_maken_task"
VERVERSEN_TASK = "statistieken.tasks.momentopnamen_verversen_task"
TITEL = "Monitor agressie en geweld tegen politieke ambtsdragers"
OPNIEUW_INPLANNEN_NA = timedelta(minutes=5)


@transaction.atomic
def kwartaalrapport_aanvragen(*, jaar: int, kwartaal: int, door) -> Kwartaalrapport:
    """Store a pending report for (jaar, kwartaal) and queue its rendering after commit.

    A pending report of the same quarter is reused instead of a second row; if it has waited
    longer than `OPNIEUW_INPLANNEN_NA` it is queued again (Redis runs without persistence and
    may have lost the message; the task does nothing for a report that is no longer pending).
    """
    Periode(jaar=jaar, kwartaal=kwartaal)  # raises ValueError for no quarter
    rapport = (
        Kwartaalrapport.objects.select_for_update()
        .filter(jaar=jaar, kwartaal=kwartaal, status=RapportStatus.WACHTEND)
        .first()
    )
    if rapport is not None and rapport.aangevraagd_op > timezone.now() - OPNIEUW_INPLANNEN_NA:
        return rapport
    if rapport is None:
        rapport = Kwartaalrapport.objects.create(
            jaar=jaar, kwartaal=kwartaal, aangevraagd_door=door
        )
    transaction.on_commit(
        lambda: current_app.tasks[RAPPORT_MAKEN_TASK].delay(rapport.pk), robust=True
    )
    return rapport


def rapport_context(periode: Periode) -> dict:
    """The report's template context: every section with its tables and charts."""
    secties = secties_vullen(periode=periode, vers=True)
    return {
        "titel": TITEL,
        "periode": periode,
        "gemaakt_op": timezone.localtime(),
        "secties": [
            {
                "titel": gevuld.sectie.titel,
                "tabellen": [{"tabel": t, "grafiek": grafiek_van(t)} for t in gevuld.tabellen],
            }
            for gevuld in secties
        ],
    }


def kwartaalrapport_maken(*, rapport_id: int) -> bool:
    """Render and store one pending report; False when there is nothing to do (idempotent)."""
    with transaction.atomic():
        rapport = (
            Kwartaalrapport.objects.select_for_update(skip_locked=True)
            .filter(pk=rapport_id, status=RapportStatus.WACHTEND)
            .first()
        )
        if rapport is None:
            return False
        periode = Periode(jaar=rapport.jaar, kwartaal=rapport.kwartaal)
        pdf = render_pdf("statistieken/rapport.html", rapport_context(periode))
        sha256 = hashlib.sha256(pdf).hexdigest()
        naam = f"statistieken/{rapport.jaar}/{rapport.download_naam[:-4]}-{sha256[:16]}.pdf"
        opgeslagen = rapport.bestand.storage.save(naam, ContentFile(pdf))
        with rapport.bestand.storage.open(opgeslagen, "rb") as bestand:
            if hashlib.sha256(bestand.read()).hexdigest() != sha256:
                raise OSError("Stored report differs from the rendered one.")
        rapport.bestand.name = opgeslagen
        rapport.sha256 = sha256
        rapport.grootte = len(pdf)
        rapport.status = RapportStatus.KLAAR
        rapport.klaar_op = timezone.now()
        rapport.pogingen = F("pogingen") + 1
        rapport.laatste_fout = ""
        rapport.save(
            update_fields=[
                "bestand",
                "sha256",
                "grootte",
                "status",
                "klaar_op",
                "pogingen",
                "laatste_fout",
            ]
        )
    logger.info("kwartaalrapport_klaar rapport_id=%s", rapport_id)
    return True


def kwartaalrapport_fout_vastleggen(*, rapport_id: int, fout: BaseException, definitief: bool):
    """Record a failed attempt; a final failure marks the report mislukt (ask again)."""
    velden = {"laatste_fout": f"{type(fout).__name__}: {fout}"[:300]}
    if definitief:
        velden["status"] = RapportStatus.MISLUKT
    Kwartaalrapport.objects.filter(pk=rapport_id, status=RapportStatus.WACHTEND).update(
        pogingen=F("pogingen") + 1, **velden
    )
    (logger.error if definitief else logger.warning)(
        "kwartaalrapport_fout rapport_id=%s definitief=%s fout=%s",
        rapport_id,
        definitief,
        type(fout).__name__,
    )


def recente_perioden(*, vandaag=None) -> list[Periode]:
    """The periods of this year and the previous one (17 each) that have begun."""
    vandaag = vandaag or timezone.localdate()
    jaren = [vandaag.year - 1, vandaag.year]
    return [p for jaar in jaren for p in Periode.van_jaar(jaar) if p.van <= vandaag]


def oudere_perioden(*, vandaag=None) -> list[Periode]:
    """The periods before the previous year that have a snapshot (someone looked at them)."""
    vandaag = vandaag or timezone.localdate()
    slugs = (
        Momentopname.objects.filter(periode__lt=str(vandaag.year - 1))
        .values_list("periode", flat=True)
        .distinct()
    )
    perioden = []
    for slug in sorted(slugs):
        try:
            periode = Periode.uit_slug(slug)
        except ValueError:
            continue
        if EERSTE_JAAR <= periode.jaar < vandaag.year - 1:
            perioden.append(periode)
    return perioden


def momentopnamen_verversen(*, perioden: list[Periode]) -> int:
    """Compute and store every section's snapshot of each period, in every site language.

    Idempotent: it replaces what is stored by figures of now. One transaction per period,
    so a long refresh holds no long transaction. Returns the number of periods refreshed.
    """
    for taal, _naam in settings.LANGUAGES:
        with translation.override(taal):
            for periode in perioden:
                berekenen(SECTIES, periode, opslaan=True)
    logger.info("momentopnamen_ververst perioden=%s", len(perioden))
    return len(perioden)
