"""The throw-away database of a benchmark or the load test, next to the configured one.

A benchmark seeds tens of thousands of rows: it never works in the database `make run` uses,
but in its own one on the same server, created when missing and kept for the next run.
"""

import os
from urllib.parse import urlsplit, urlunsplit

BASIS_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fondsbeveiliging")


def database_url(naam: str) -> str:
    """The configured database's URL with another database name."""
    return urlunsplit(urlsplit(BASIS_URL)._replace(path=f"/{naam}"))


def database_aanmaken(naam: str, *, opnieuw: bool = False) -> str:
    """Create database `naam` on the configured server when it does not exist (`opnieuw`:
    drop it first, for a run that must start empty); return its URL."""
    import psycopg2

    deel = urlsplit(BASIS_URL)
    verbinding = psycopg2.connect(
        host=deel.hostname,
        port=deel.port or 5432,
        user=deel.username,
        password=deel.password,
        dbname="postgres",
    )
    verbinding.autocommit = True
    with verbinding.cursor() as cursor:
        if opnieuw:
            cursor.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{naam}"')
    verbinding.close()
    return database_url(naam)
