"""Request, make and expire the office holder's data export (AVG art. 15).

Flow: the owner asks (`export_aanvragen`), which stores a pending row and queues
`export_maken_task(export_id)` after commit -> the task calls `export_maken`, which locks
the row, writes the ZIP to private storage, verifies the stored bytes and marks it ready
until `verloopt_op` (7 days). An expired export's file is deleted by the download view or by
the hourly `exports_opruimen`; the row stays, so the page can say "verlopen".
"""

from __future__ import annotations

import hashlib
import logging
import tempfile

from celery import current_app
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fondsbeveiliging.accounts.models import User

from . import permissions
from .constants import BEWAARTERMIJN, EXPORT_MAKEN_TASK, OPNIEUW_INPLANNEN_NA, ExportStatus
from .export import export_schrijven
from .models import GegevensExport

logger = logging.getLogger(__name__)

# Up to this size the ZIP is built in memory; a larger one spills to a temporary file.
IN_GEHEUGEN_TOT = 16 * 1024 * 1024
HASH_BLOK = 1024 * 1024


class OpslagFout(OSError):
    """The stored ZIP does not match the written bytes (treated as transient)."""


def _inplannen(export_id: int) -> None:
    """Queue the task after commit; a broker failure is logged, the owner may ask again."""
    transaction.on_commit(
        lambda: current_app.tasks[EXPORT_MAKEN_TASK].delay(export_id), robust=True
    )


@transaction.atomic
def export_aanvragen(*, eigenaar) -> GegevensExport:
    """Ask for a new export of everything the fund holds about `eigenaar`.

    One at a time: while an export is being made, asking again returns it (and queues it
    once more if it has waited longer than `OPNIEUW_INPLANNEN_NA`: Redis may have lost the
    message). The owner's user row is locked, so a double click makes one export.
    """
    if not permissions.can_export_aanvragen(eigenaar):
        raise PermissionDenied
    User.objects.select_for_update().filter(pk=eigenaar.pk).first()
    nu = timezone.now()
    wachtend = (
        GegevensExport.objects.filter(eigenaar=eigenaar, status=ExportStatus.WACHTEND)
        .order_by("-aangemaakt_op")
        .first()
    )
    if wachtend is not None:
        if wachtend.ingepland_op is None or wachtend.ingepland_op <= nu - OPNIEUW_INPLANNEN_NA:
            wachtend.ingepland_op = nu
            wachtend.save(update_fields=["ingepland_op"])
            _inplannen(wachtend.pk)
        return wachtend
    export = GegevensExport.objects.create(eigenaar=eigenaar, ingepland_op=nu)
    _inplannen(export.pk)
    logger.info("export_aangevraagd export_id=%s", export.pk)
    return export


def _laden(export_id: int) -> GegevensExport | None:
    """Lock the pending export; None when it is done, failed, or another worker has it."""
    gevonden = (
        GegevensExport.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("eigenaar__gemeente")
        .filter(pk=export_id, status=ExportStatus.WACHTEND)
        .order_by()
    )
    return next(iter(gevonden), None)


def _sha256(bestand) -> str:
    digest = hashlib.sha256()
    for blok in iter(lambda: bestand.read(HASH_BLOK), b""):
        digest.update(blok)
    return digest.hexdigest()


def _opslaan(export: GegevensExport, inhoud) -> None:
    """Store the ZIP in the export's own folder and verify it before the row points at it.

    A crash mid-write leaves at most an unreferenced file in that folder; it is removed once
    a new file has been verified (and with the folder's export when it expires).
    """
    inhoud.seek(0)
    sha256 = _sha256(inhoud)
    grootte = inhoud.tell()
    inhoud.seek(0)
    map_ = f"gegevens/{export.pk}"
    opslag = export.bestand.storage
    opgeslagen = opslag.save(f"{map_}/mijn-gegevens-{sha256[:20]}.zip", File(inhoud))
    with opslag.open(opgeslagen, "rb") as bestand:
        if _sha256(bestand) != sha256:
            opslag.delete(opgeslagen)
            raise OpslagFout(f"stored export {export.pk} does not match its hash")
    _overblijfselen_verwijderen(opslag, map_, behalve=opgeslagen)
    export.bestand.name = opgeslagen
    export.sha256 = sha256
    export.grootte = grootte


def _overblijfselen_verwijderen(opslag, map_: str, behalve: str = "") -> None:
    try:
        namen = opslag.listdir(map_)[1]
    except FileNotFoundError:
        return
    for naam in namen:
        if f"{map_}/{naam}" != behalve:
            opslag.delete(f"{map_}/{naam}")


@transaction.atomic
def export_maken(*, export_id: int) -> bool:
    """Write, store and mark ready one pending export; False when there is nothing to do.

    Idempotent: an export that is ready, expired or failed (or locked by another worker) is
    left alone.
    """
    export = _laden(export_id)
    if export is None:
        return False
    with tempfile.SpooledTemporaryFile(max_size=IN_GEHEUGEN_TOT) as inhoud:
        export_schrijven(eigenaar=export.eigenaar, doel=inhoud)
        _opslaan(export, inhoud)
    nu = timezone.now()
    export.status = ExportStatus.KLAAR
    export.klaar_op = nu
    export.verloopt_op = nu + BEWAARTERMIJN
    export.pogingen += 1
    export.laatste_fout = ""
    export.save(
        update_fields=[
            "bestand",
            "sha256",
            "grootte",
            "status",
            "klaar_op",
            "verloopt_op",
            "pogingen",
            "laatste_fout",
        ]
    )
    logger.info("export_klaar export_id=%s grootte=%s", export.pk, export.grootte)
    return True


def export_fout_vastleggen(*, export_id: int, fout: BaseException, definitief: bool) -> None:
    """Record a failed attempt; a final failure marks the export mislukt (the owner may ask
    again)."""
    velden = {"laatste_fout": f"{type(fout).__name__}: {fout}"[:300]}
    if definitief:
        velden["status"] = ExportStatus.MISLUKT
    GegevensExport.objects.filter(pk=export_id, status=ExportStatus.WACHTEND).update(
        pogingen=F("pogingen") + 1, **velden
    )
    log = logger.error if definitief else logger.warning
    log(
        "export_fout export_id=%s definitief=%s fout=%s", export_id, definitief, type(fout).__name__
    )


def export_laten_verlopen(*, export: GegevensExport) -> None:
    """Delete an expired export's file and mark it verlopen.

    The file goes first: if marking fails, the next clean-up deletes nothing more and marks
    it then; the data never outlives the row that says it is gone.
    """
    _overblijfselen_verwijderen(export.bestand.storage, f"gegevens/{export.pk}")
    GegevensExport.objects.filter(pk=export.pk).update(status=ExportStatus.VERLOPEN, bestand="")
    export.status = ExportStatus.VERLOPEN
    export.bestand.name = ""
    logger.info("export_verlopen export_id=%s", export.pk)


def exports_opruimen(*, limiet: int = 500) -> int:
    """Expire every ready export past its term (the hourly beat task); return how many."""
    verlopen = list(
        GegevensExport.objects.filter(
            status=ExportStatus.KLAAR, verloopt_op__lte=timezone.now()
        ).order_by("verloopt_op")[:limiet]
    )
    for export in verlopen:
        export_laten_verlopen(export=export)
    return len(verlopen)
