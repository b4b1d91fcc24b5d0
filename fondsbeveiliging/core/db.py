"""Database-level building blocks used by migrations."""

from django.db import migrations

# One shared trigger function: any row-level UPDATE or DELETE on a protected table fails.
_FUNCTION = """
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
