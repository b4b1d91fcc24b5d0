from django.db import migrations

# The access log is evidence: the database itself refuses to change or remove rows,
# whatever code path (admin, shell, a bug) tries it.
SQL = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_inzage_append_only
    BEFORE UPDATE OR DELETE ON audit_inzage
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""
REVERSE = """
DROP TRIGGER IF EXISTS audit_inzage_append_only ON audit_inzage;
DROP FUNCTION IF EXISTS audit_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
