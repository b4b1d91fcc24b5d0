from django.db import migrations

# The status history is evidence of who moved a case when: the database refuses to change
# or remove rows, whatever code path tries it.
SQL = """
CREATE OR REPLACE FUNCTION aanvragen_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'status history rows are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER aanvragen_statuswijziging_append_only
    BEFORE UPDATE OR DELETE ON aanvragen_statuswijziging
    FOR EACH ROW EXECUTE FUNCTION aanvragen_append_only();
"""
REVERSE = """
DROP TRIGGER IF EXISTS aanvragen_statuswijziging_append_only ON aanvragen_statuswijziging;
DROP FUNCTION IF EXISTS aanvragen_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("aanvragen", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
