"""Destruction with approval: list what is past its period, review, approve, destroy, report.

The rules chosen where the law is silent:
- the nightly job only *lists*; nothing is destroyed without a list approved by a person
  holding `bewaring.goedkeuren_vernietigingslijst` (four eyes: the system lists, a person
  approves; the database refuses an approved-looking list without an approver);
- the purge re-checks every record against the schedule and holds at the moment it deletes
  it, so a legal hold placed (or a draft changed) after approval still wins;
- a batch deletes records and marks their items in one transaction, and records the files
  to wipe in that same transaction; files are wiped after commit. A crash therefore leaves
  at most files to wipe again, never a record without its file, and a re-run finishes the
  rest without touching what is done.
"""

import logging
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from auditlog.context import disable_auditlog
from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.constants import AanvraagStatus
from aanvragen.models import Aanvraag
from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.core.files import private_storage
from fondsbeveiliging.core.taken import TIJDELIJKE_FOUTEN, wachttijd  # noqa: F401 (tasks)
from meldingen.constants import MeldingStatus
from meldingen.models import Melding

from .constants import (
    CONCEPT_WAARSCHUWING_DAGEN,
    PERM_GOEDKEUREN,
    UITVOERBAAR,
    UITVOEREN_TASK,
    ItemStatus,
    LijstStatus,
    Soort,
)
from .models import Bewaartermijn, TeWissenBestand, Vernietigingsitem, Vernietigingslijst
from .soorten import SOORTEN
from .verslag import verslag_maken

logger = logging.getLogger(__name__)

CHUNK = 2000
# Serialises the nightly listing (two beat runs never make two lists of the same records).
_LIJST_SLOT = 0x62657761  # "bewa"


def _nu(nu: datetime | None) -> datetime:
    return nu or timezone.now()


def termijnen_momentopname() -> list[dict]:
    """The schedule as it is now: the grounds a list (and its report) refers to."""
    return [
        {
            "soort": t.soort,
            "naam": str(t.get_soort_display()),
            "termijn": t.omschrijving,
            "grondslag": t.grondslag,
        }
        for t in Bewaartermijn.objects.order_by("soort")
    ]


@transaction.atomic
def vernietigingslijst_opstellen(*, nu: datetime | None = None) -> Vernietigingslijst | None:
    """List every record past its period and not held; None when there is nothing.

    Never deletes. Candidates are streamed and written in chunks, so memory stays flat for
    any number of records.
    """
    nu = _nu(nu)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LIJST_SLOT])
    termijnen = {t.soort: t for t in Bewaartermijn.objects.all()}
    lijst = None
    for soort, record in SOORTEN.items():
        termijn = termijnen.get(soort)
        if termijn is None:
            continue
        batch = []
        for pk, omschrijving, ingang in record.te_vermelden(termijn, nu).iterator(CHUNK):
            if lijst is None:
                lijst = Vernietigingslijst.objects.create(
                    aangemaakt_op=nu, termijnen=termijnen_momentopname()
                )
            batch.append(
                Vernietigingsitem(
                    lijst=lijst,
                    soort=soort,
                    object_id=pk,
                    omschrijving=(omschrijving or f"{soort} {pk}")[:60],
                    ingangsdatum=ingang,
                )
            )
            if len(batch) >= CHUNK:
                Vernietigingsitem.objects.bulk_create(batch)
                batch = []
        Vernietigingsitem.objects.bulk_create(batch)
    if lijst is not None:
        logger.info("vernietigingslijst_opgesteld lijst=%s", lijst.pk)
    return lijst


def concepten_waarschuwen(*, nu: datetime | None = None) -> int:
    """E-mail the authors of drafts that go on a list within two weeks (once per version).

    Neutral text without content; the key includes the draft's last change, so a draft that
    is changed and then abandoned again is warned again.
    """
    nu = _nu(nu)
    aantal = 0
    for soort, model, eigenaar, url in (
        (Soort.CONCEPT_MELDING, Melding, "eigenaar", "meldingen:lijst"),
        (Soort.CONCEPT_AANVRAAG, Aanvraag, "aanvrager", "aanvragen:lijst"),
    ):
        termijn = Bewaartermijn.objects.filter(soort=soort).first()
        if termijn is None:
            continue
        grens = termijn.grens(nu)
        concept = MeldingStatus.CONCEPT if model is Melding else AanvraagStatus.CONCEPT
        drafts = model.objects.filter(
            status=concept,
            gewijzigd_op__gte=grens,
            gewijzigd_op__lt=grens + timedelta(days=CONCEPT_WAARSCHUWING_DAGEN),
        ).values_list("pk", "gewijzigd_op", f"{eigenaar}__email")
        for pk, gewijzigd_op, email in drafts.iterator(CHUNK):
            vervalt = gewijzigd_op + (nu - grens)
            with transaction.atomic():
                bericht_klaarzetten(
                    sleutel=f"concept-vervalt:{soort}:{pk}:{gewijzigd_op:%Y%m%d%H%M%S}",
                    aan=email,
                    onderwerp=_("Uw concept wordt binnenkort verwijderd"),
                    tekst=_concept_tekst(vervalt, url),
                )
            aantal += 1
    return aantal


def _concept_tekst(vervalt: datetime, url: str) -> str:
    link = settings.SITE_URL.rstrip("/") + reverse(url)
    datum = f"{timezone.localtime(vervalt):%d-%m-%Y}"
    return _(
        "Beste heer, mevrouw,\n\n"
        "U heeft een concept in het Fonds beveiligingsmaatregelen dat u nog niet heeft "
        "verstuurd. Als u het niet wijzigt of verstuurt, verwijderen wij het na %(datum)s.\n\n"
        "Bekijk uw concepten: %(link)s\n\n"
        "Met vriendelijke groet,\nTeam Fonds Beveiliging, ministerie van BZK"
    ) % {"datum": datum, "link": link}


@transaction.atomic
def item_uitzonderen(*, item: Vernietigingsitem, door, reden: str, nu: datetime | None = None):
    """Exempt one record from a list under review, with a reason (e.g. an appeal)."""
    item = Vernietigingsitem.objects.select_for_update().select_related("lijst").get(pk=item.pk)
    if not door.has_perm(PERM_GOEDKEUREN):
        raise PermissionDenied
    if item.lijst.status != LijstStatus.CONCEPT or item.status != ItemStatus.TE_VERNIETIGEN:
        raise ValidationError(_("Dit record kan niet meer worden uitgezonderd."))
    if not reden.strip():
        raise ValidationError(_("Geef een reden voor de uitzondering."))
    item.status = ItemStatus.UITGEZONDERD
    item.uitzonderingsreden = reden.strip()[:200]
    item.uitgezonderd_door = door
    item.uitgezonderd_op = _nu(nu)
    item.save(
        update_fields=["status", "uitzonderingsreden", "uitgezonderd_door", "uitgezonderd_op"]
    )
    return item


@transaction.atomic
def vernietigingslijst_goedkeuren(
    *, lijst: Vernietigingslijst, door, nu: datetime | None = None
) -> Vernietigingslijst:
    """Approve a list under review (who and when are recorded) and queue its purge."""
    lijst = Vernietigingslijst.objects.select_for_update().get(pk=lijst.pk)
    if not (door.is_active and door.has_perm(PERM_GOEDKEUREN)):
        raise PermissionDenied
    if lijst.status != LijstStatus.CONCEPT:
        raise ValidationError(_("Deze lijst is al goedgekeurd."))
    lijst.status = LijstStatus.GOEDGEKEURD
    lijst.goedgekeurd_door = door
    lijst.goedgekeurd_op = _nu(nu)
    lijst.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op"])
    pk = lijst.pk
    transaction.on_commit(lambda: current_app.tasks[UITVOEREN_TASK].delay(pk), robust=True)
    return lijst


def vernietigingslijst_uitvoeren(
    *, lijst_id: int, batch_grootte: int | None = None, nu: datetime | None = None
) -> bool:
    """Destroy what an approved list holds, batch by batch, then write the report.

    Returns False without touching anything when the list is not approved. Idempotent:
    a finished list is left alone, an interrupted one is completed.
    """
    lijst = Vernietigingslijst.objects.filter(pk=lijst_id).first()
    if lijst is None or lijst.status not in UITVOERBAAR:
        return False
    grootte = batch_grootte or settings.BEWARING_BATCH_GROOTTE
    bestanden_wissen()
    while batch_vernietigen(lijst_id=lijst_id, grootte=grootte, nu=_nu(nu)):
        bestanden_wissen()
    verslag_maken(lijst_id=lijst_id, nu=_nu(nu))
    return True


@transaction.atomic
def batch_vernietigen(*, lijst_id: int, grootte: int, nu: datetime) -> int:
    """Destroy up to `grootte` records of an approved list; return how many were handled."""
    lijst = Vernietigingslijst.objects.select_for_update().get(pk=lijst_id)
    if lijst.status not in UITVOERBAAR or lijst.goedgekeurd_door_id is None:
        return 0
    if lijst.status != LijstStatus.BEZIG:
        lijst.status = LijstStatus.BEZIG
        lijst.save(update_fields=["status"])
    items = list(
        Vernietigingsitem.objects.select_for_update(skip_locked=True)
        .filter(lijst_id=lijst_id, status=ItemStatus.TE_VERNIETIGEN)
        .order_by("soort", "id")[:grootte]
    )
    per_soort = defaultdict(list)
    for item in items:
        per_soort[item.soort].append(item)
    termijnen = {t.soort: t for t in Bewaartermijn.objects.all()}
    for soort, soort_items in per_soort.items():
        _soort_vernietigen(lijst, soort, soort_items, termijnen.get(soort), nu)
    return len(items)


def _soort_vernietigen(lijst, soort, items, termijn, nu) -> None:
    record = SOORTEN.get(soort)
    ids = [item.object_id for item in items]
    nog = set()
    if record is not None and termijn is not None:
        nog = set(record.kandidaten(termijn, nu).filter(pk__in=ids).values_list("pk", flat=True))
    vernietigd, bestanden = _veilig_vernietigen(record, sorted(nog))
    per_record = Counter(pk for pk, _naam in bestanden)
    TeWissenBestand.objects.bulk_create(
        [TeWissenBestand(naam=naam, lijst=lijst) for _pk, naam in bestanden]
    )
    for item in items:
        if item.object_id in vernietigd:
            item.status = ItemStatus.VERNIETIGD
            item.vernietigd_op = nu
            item.bestanden = per_record[item.object_id]
        else:
            item.status = ItemStatus.OVERGESLAGEN
    Vernietigingsitem.objects.bulk_update(items, ["status", "vernietigd_op", "bestanden"])


def _veilig_vernietigen(record, ids: list[int]) -> tuple[set[int], list[tuple[int, str]]]:
    """Delete all at once; when something still refers to one of them, one by one."""
    if not ids:
        return set(), []
    with disable_auditlog():
        try:
            with transaction.atomic():
                return set(ids), record.vernietigen(ids)
        except (ProtectedError, IntegrityError):
            pass
        vernietigd, bestanden = set(), []
        for pk in ids:
            try:
                with transaction.atomic():
                    bestanden += record.vernietigen([pk])
                vernietigd.add(pk)
            except (ProtectedError, IntegrityError, DatabaseError):
                logger.warning("vernietigen_overgeslagen soort=%s id=%s", record.soort, pk)
        return vernietigd, bestanden


def bestanden_wissen(*, per_keer: int = 500) -> int:
    """Wipe the files of destroyed records from private storage, then forget them.

    A file already gone counts as wiped (FileSystemStorage and S3 both accept deleting a
    missing name), so running this twice is harmless.
    """
    storage = private_storage()
    totaal = 0
    while True:
        rijen = list(TeWissenBestand.objects.order_by("pk").values_list("pk", "naam")[:per_keer])
        if not rijen:
            return totaal
        for _pk, naam in rijen:
            storage.delete(naam)
        TeWissenBestand.objects.filter(pk__in=[pk for pk, _naam in rijen]).delete()
        totaal += len(rijen)


def vernietigingslijsten_hervatten() -> list[int]:
    """Queue the purge again for approved lists that did not finish (a worker died)."""
    ids = list(
        Vernietigingslijst.objects.filter(status__in=UITVOERBAAR).values_list("pk", flat=True)
    )
    for pk in ids:
        current_app.tasks[UITVOEREN_TASK].delay(pk)
    return ids
