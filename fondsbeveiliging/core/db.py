"""Database-level building blocks used by migrations."""

from django.db import connection, migrations

# One shared trigger function: any row-level UPDATE on a protected table fails, and so does
# any DELETE, except inside a transaction that called `append_only_vernietigen_toestaan()`
# (destroying records whose retention period ended, or a draft its author deletes).
_FUNCTION = """
CREATE OR REPLACE FUNCTION fb_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('fb.vernietigen', true) = 'aan' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'rows of % are append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
# The function before deletions were allowed (the reverse of `append_only_functie_bijwerken`).
_FUNCTION_ZONDER_VERNIETIGEN = """
CREATE OR REPLACE FUNCTION fb_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def append_only(table: str) -> migrations.RunSQL:
    """Make `table` append-only in the database itself, whatever code path tries to change it.

    For evidence such as status histories and access logs. TRUNCATE (test teardown) is not
    affected: it fires no row triggers.
    """
    trigger = f"{table}_append_only"
    return migrations.RunSQL(
        _FUNCTION
        + f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} "
        + "FOR EACH ROW EXECUTE FUNCTION fb_append_only();",
        f"DROP TRIGGER IF EXISTS {trigger} ON {table};",
    )


def append_only_functie_bijwerken() -> migrations.RunSQL:
    """Install the current `fb_append_only()` (with the destruction exception) in a migration."""
    return migrations.RunSQL(_FUNCTION, _FUNCTION_ZONDER_VERNIETIGEN)


def append_only_vernietigen_toestaan() -> None:
    """Allow DELETE (never UPDATE) on append-only tables until the current transaction ends.

    Only for removing whole records: a draft its author deletes, or records on an approved
    destruction list. `set_config(..., true)` is transaction-local, so the permission can
    never leak into the next request on a pooled connection.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("append_only_vernietigen_toestaan() needs a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('fb.vernietigen', 'aan', true)")
