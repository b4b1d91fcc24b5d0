"""The destruction report (vernietigingsverslag): per kind how many records went, on which
grounds, approved by whom and when. Counts only: no case reference, name or content of a
destroyed record, so the report itself may be kept long (its own schedule row).
"""

import io
import uuid
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from fondsbeveiliging.core.files import private_storage
from fondsbeveiliging.opmaak.formaat import datum_tijd
from fondsbeveiliging.opmaak.pdf import render_pdf
from fondsbeveiliging.opmaak.spreadsheet import csv_schrijven

from .constants import ItemStatus, LijstStatus, Soort
from .models import Vernietigingslijst


def verslag_regels(lijst: Vernietigingslijst) -> list[dict]:
    """One row per kind on the list: counts per outcome, files, period and grounds."""
    tellingen = {
        rij["soort"]: rij
        for rij in lijst.items.values("soort").annotate(
            vernietigd=Count("pk", filter=Q(status=ItemStatus.VERNIETIGD)),
            bestanden=Sum("bestanden", filter=Q(status=ItemStatus.VERNIETIGD), default=0),
            uitgezonderd=Count("pk", filter=Q(status=ItemStatus.UITGEZONDERD)),
            overgeslagen=Count("pk", filter=Q(status=ItemStatus.OVERGESLAGEN)),
        )
    }
    gronden = {t["soort"]: t for t in lijst.termijnen}
    regels = []
    for soort in Soort:
        if soort not in tellingen:
            continue
        grond = dict(gronden.get(soort, {}))
        if soort == Soort.AANVRAAG and Soort.BETALING in gronden:
            # Payments go with their claim, after their own (fiscal) period.
            betaling = gronden[Soort.BETALING]
            grond["grondslag"] = (
                f"{grond.get('grondslag', '')} Betalingen: {betaling['termijn']}. "
                f"{betaling['grondslag']}"
            ).strip()
        regels.append(
            {
                "soort": str(soort.label),
                **{
                    k: tellingen[soort][k]
                    for k in ("vernietigd", "bestanden", "uitgezonderd", "overgeslagen")
                },
                "termijn": grond.get("termijn", ""),
                "grondslag": grond.get("grondslag", ""),
            }
        )
    return regels


def goedkeurder(lijst: Vernietigingslijst) -> str:
    """The approver as an official: name and role (acting in office, not a data subject)."""
    user = lijst.goedgekeurd_door
    if user is None:
        return ""
    naam = user.get_full_name() or user.email
    return f"{naam} ({user.get_rol_display()})" if user.rol else naam


def verslag_context(lijst: Vernietigingslijst) -> dict:
    return {
        "lijst": lijst,
        "regels": verslag_regels(lijst),
        "goedkeurder": goedkeurder(lijst),
    }


def verslag_csv(lijst: Vernietigingslijst) -> bytes:
    context = verslag_context(lijst)
    rijen = [
        ["Vernietigingsverslag", f"lijst {lijst.pk}"],
        ["Opgesteld op", datum_tijd(lijst.aangemaakt_op)],
        ["Goedgekeurd door", context["goedkeurder"]],
        ["Goedgekeurd op", datum_tijd(lijst.goedgekeurd_op)],
        ["Vernietigd op", datum_tijd(lijst.voltooid_op)],
        [],
        [
            "Soort",
            "Vernietigd",
            "Bestanden",
            "Uitgezonderd",
            "Overgeslagen",
            "Bewaartermijn",
            "Grondslag",
        ],
    ]
    rijen += [
        [
            r["soort"],
            r["vernietigd"],
            r["bestanden"],
            r["uitgezonderd"],
            r["overgeslagen"],
            r["termijn"],
            r["grondslag"],
        ]
        for r in context["regels"]
    ]
    uitvoer = io.StringIO()
    csv_schrijven(uitvoer, rijen)
    return uitvoer.getvalue().encode("utf-8")


@transaction.atomic
def verslag_maken(*, lijst_id: int, nu: datetime | None = None) -> Vernietigingslijst:
    """Write the report of a list whose records are all handled, and close the list.

    Counts come from the items, so a purge that was interrupted and resumed reports the
    same numbers as one that ran at once.
    """
    lijst = (
        Vernietigingslijst.objects.select_for_update(of=("self",))
        .select_related("goedgekeurd_door")
        .get(pk=lijst_id)
    )
    if lijst.status == LijstStatus.VOLTOOID:
        return lijst
    if lijst.items.filter(status=ItemStatus.TE_VERNIETIGEN).exists():
        raise RuntimeError("report before every item was handled")
    lijst.status = LijstStatus.VOLTOOID
    lijst.voltooid_op = nu or timezone.now()
    storage = private_storage()
    basis = f"bewaring/verslagen/{lijst.pk}-{uuid.uuid4().hex}"
    pdf = render_pdf("bewaring/verslag.html", verslag_context(lijst))
    lijst.verslag_pdf = storage.save(f"{basis}.pdf", ContentFile(pdf))
    lijst.verslag_csv = storage.save(f"{basis}.csv", ContentFile(verslag_csv(lijst)))
    lijst.save(update_fields=["status", "voltooid_op", "verslag_pdf", "verslag_csv"])
    return lijst
