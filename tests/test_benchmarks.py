"""The benchmark scripts still run: a short run of each, in a subprocess, on its own database.

They are not timed here (the machine is busy with the suite); the figures in the README come
from full runs on an idle machine.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, database: str) -> str:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{database}",
    }
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize(("brief", "doorvoer"), [("standaard", 4), ("gedeeltelijk", 0)])
def test_letter_task_benchmark_prints_its_figures(brief, doorvoer):
    uitvoer = _run(
        "benchmarks/brieven_task.py",
        "--n",
        "2",
        "--throughput",
        str(doorvoer),
        "--brief",
        brief,
        database=f"fb_smoke_{os.getpid()}",
    )

    assert " 2 pages," in uitvoer
    assert "raw (WeasyPrint, same HTML)" in uitvoer
    assert "task / raw:" in uitvoer
    if doorvoer:
        # Its own redis-server and a real two-process Celery worker generated every letter.
        assert f"{doorvoer} klaar in" in uitvoer
        assert "TIMED OUT" not in uitvoer
        assert "pool processes' memory" in uitvoer
        # In rounds, the ideal from the raw render measured before and after each round.
        assert f"{doorvoer} letters in 4 rounds" in uitvoer
        assert "raw render between rounds" in uitvoer
        assert "throughput / ideal:" in uitvoer
        # And against two forked processes that only render, measured before and after.
        assert "two processes rendering side by side (measured)" in uitvoer
        assert "throughput / measured two-process ideal:" in uitvoer


def test_work_queue_benchmark_prints_its_figures():
    naam = f"fb_bench_smoke_{os.getpid()}"
    try:
        uitvoer = _run(
            "benchmarks/werkvoorraad.py",
            "--claims",
            "60",
            "--requests",
            "1",
            "--database",
            naam,
            database="postgres",
        )
    finally:
        _drop_database(naam)

    assert "60 claims" in uitvoer
    assert "case page" in uitvoer


def _drop_database(naam: str) -> None:
    import psycopg2

    db = settings.DATABASES["default"]
    verbinding = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"]
    )
    verbinding.autocommit = True
    with verbinding.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{naam}"')
    verbinding.close()


def test_letter_render_benchmark_prints_its_figures():
    uitvoer = _run("benchmarks/brieven_render.py", "--n", "2", database="unused")

    assert "render_pdf" in uitvoer


def test_retention_benchmark_prints_its_figures():
    naam = f"fb_bench_bewaring_smoke_{os.getpid()}"
    try:
        uitvoer = _run(
            "benchmarks/bewaring.py",
            "--kandidaten",
            "300",
            "--vernietigen",
            "30",
            "--database",
            naam,
            database="postgres",
        )
    finally:
        _drop_database(naam)

    assert "listing: 300 items" in uitvoer
    assert "purge: 30 records" in uitvoer
    assert "files left: 0" in uitvoer


def test_statistics_benchmark_prints_its_figures():
    naam = f"fb_bench_stat_smoke_{os.getpid()}"
    try:
        uitvoer = _run(
            "benchmarks/statistieken.py",
            "--meldingen",
            "60",
            "--aanvragen",
            "60",
            "--requests",
            "1",
            "--database",
            naam,
            database="postgres",
        )
    finally:
        _drop_database(naam)

    assert "60 meldingen, 60 claims" in uitvoer
    assert "one table as CSV (snapshot)" in uitvoer
    assert "refresh, year" in uitvoer
