"""The bundled CBS list and the loader for newer lists, which never deletes a code."""

import csv
from datetime import date

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from fondsbeveiliging.gemeenten.loader import DEFAULT_CSV, read_gemeenten_csv
from fondsbeveiliging.gemeenten.models import Gemeente
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NIEUW = date(2026, 1, 1)


def _write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["gemeentecode", "naam", "provincie"])
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row[key] for key in writer.fieldnames})
    return path


@pytest.fixture
def bundled_rows():
    return read_gemeenten_csv(DEFAULT_CSV)


def test_342_municipalities_after_migrate():
    """The data migration loads all 342 municipalities of 2023, all active, none ended."""
    assert Gemeente.objects.count() == 342
    assert Gemeente.objects.filter(geldig_tot__isnull=True).count() == 342
    assert Gemeente.objects.actief().count() == 342
    assert Gemeente.objects.get(code="GM0344").naam == "Utrecht"


def test_smaller_list_ends_missing_codes_without_deleting(tmp_path, bundled_rows):
    """Codes absent from a newer list get geldig_tot; the rows stay."""
    weg = {"GM0037", "GM0047"}
    rows = [row for row in bundled_rows if row["gemeentecode"] not in weg]
    rows.append({"gemeentecode": "GM1999", "naam": "Nieuwgemeente", "provincie": "Groningen"})
    path = _write_csv(tmp_path / "gemeenten-2026.csv", rows)

    call_command("gemeenten_laden", str(path), "--geldig-van", NIEUW.isoformat())

    assert Gemeente.objects.count() == 343
    for code in weg:
        assert Gemeente.objects.get(code=code).geldig_tot == NIEUW
    assert Gemeente.objects.get(code="GM1999").geldig_van == NIEUW
    actief_code = set(Gemeente.objects.actief(date(2026, 2, 1)).values_list("code", flat=True))
    assert weg.isdisjoint(actief_code) and "GM1999" in actief_code
    assert weg <= set(Gemeente.objects.actief(date(2025, 12, 31)).values_list("code", flat=True))


def test_user_on_an_ended_code_keeps_working(client, tmp_path, bundled_rows):
    """An office holder whose municipality merged still loads and logs in."""
    user = UserFactory(ambtsdrager=True, gemeente=Gemeente.objects.get(code="GM0037"))
    rows = [row for row in bundled_rows if row["gemeentecode"] != "GM0037"]
    call_command(
        "gemeenten_laden", str(_write_csv(tmp_path / "n.csv", rows)), "--geldig-van", "2026-01-01"
    )
    user.refresh_from_db()
    assert user.gemeente.code == "GM0037" and user.gemeente.geldig_tot == NIEUW
    response = client.post(
        "/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": user.email,
            "auth-password": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_loading_the_same_list_twice_changes_nothing(tmp_path, bundled_rows):
    """The loader is idempotent."""
    path = _write_csv(tmp_path / "zelfde.csv", bundled_rows)
    call_command("gemeenten_laden", str(path), "--geldig-van", "2023-01-01")
    assert Gemeente.objects.count() == 342
    assert not Gemeente.objects.filter(geldig_tot__isnull=False).exists()


def test_a_code_that_returns_is_reopened(tmp_path, bundled_rows):
    """A code missing from one list and back in the next is active again."""
    without = [row for row in bundled_rows if row["gemeentecode"] != "GM0014"]
    call_command(
        "gemeenten_laden",
        str(_write_csv(tmp_path / "a.csv", without)),
        "--geldig-van",
        "2026-01-01",
    )
    call_command(
        "gemeenten_laden",
        str(_write_csv(tmp_path / "b.csv", bundled_rows)),
        "--geldig-van",
        "2027-01-01",
    )
    assert Gemeente.objects.get(code="GM0014").geldig_tot is None


def test_invalid_code_is_refused(tmp_path):
    """A file with a malformed CBS code is rejected before anything changes."""
    from django.core.management.base import CommandError

    path = _write_csv(
        tmp_path / "fout.csv", [{"gemeentecode": "0363", "naam": "X", "provincie": "Utrecht"}]
    )
    with pytest.raises(CommandError):
        call_command("gemeenten_laden", str(path), "--geldig-van", "2026-01-01")
    assert Gemeente.objects.count() == 342


def test_database_refuses_a_malformed_code():
    """The CBS code format is a database constraint too."""
    with pytest.raises(IntegrityError):
        Gemeente.objects.create(code="XX0001", naam="X", provincie="Utrecht", geldig_van=NIEUW)
