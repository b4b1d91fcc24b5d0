"""Load a CBS municipality list (CSV) into Gemeente without losing codes old cases use."""

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_CSV = Path(__file__).parent / "data" / "gemeenten-2023.csv"
# The bundled list reflects the municipal division after the mergers of 1 January 2023.
DEFAULT_GELDIG_VAN = date(2023, 1, 1)


@dataclass
class LoadResult:
    toegevoegd: list[str] = field(default_factory=list)
    bijgewerkt: list[str] = field(default_factory=list)
    beeindigd: list[str] = field(default_factory=list)


def read_gemeenten_csv(path: Path) -> list[dict]:
    """Read rows with at least `gemeentecode`, `naam` and `provincie` columns."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        code = row["gemeentecode"].strip()
        if not (len(code) == 6 and code.startswith("GM") and code[2:].isdigit()):
            raise ValueError(f"Ongeldige CBS-code in {path}: {code!r}")
    return rows


def load_gemeenten(gemeente_model, rows: list[dict], geldig_van: date) -> LoadResult:
    """Upsert `rows`; codes missing from the new list get `geldig_tot`, never deletion.

    Takes the model as an argument so the data migration can pass its historical model.
    """
    result = LoadResult()
    nieuwe_codes = set()
    for row in rows:
        code = row["gemeentecode"].strip()
        nieuwe_codes.add(code)
        values = {
            "naam": row["naam"].strip(),
            "provincie": row["provincie"].strip(),
            "veiligheidsregio": row.get("veiligheidsregio", "").strip(),
        }
        bestaand = gemeente_model.objects.filter(code=code).first()
        if bestaand is None:
            gemeente_model.objects.create(code=code, geldig_van=geldig_van, **values)
            result.toegevoegd.append(code)
            continue
        changed = {k: v for k, v in values.items() if getattr(bestaand, k) != v}
        if bestaand.geldig_tot is not None:
            changed["geldig_tot"] = None  # a code can come back
        if changed:
            gemeente_model.objects.filter(code=code).update(**changed)
            result.bijgewerkt.append(code)
    verdwenen = gemeente_model.objects.filter(geldig_tot__isnull=True).exclude(
        code__in=nieuwe_codes
    )
    result.beeindigd = sorted(verdwenen.values_list("code", flat=True))
    verdwenen.update(geldig_tot=geldig_van)
    return result
