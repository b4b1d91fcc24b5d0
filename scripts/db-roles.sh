#!/usr/bin/env bash
# Create or update the two database roles of production; safe to run again (idempotent).
#
#   migration role (DB_MIGRATIE_ROL, default fonds_migratie): owns the database, the schema
#     and every table in it; only `manage.py migrate` connects with it.
#   application role (DB_APP_ROL, default fonds_app): web, worker and beat. SELECT, INSERT,
#     UPDATE and DELETE on the tables, USAGE on the sequences, no CREATE anywhere, so it can
#     neither create nor alter nor drop a table; tables that later migrations create are
#     granted to it automatically (default privileges of the migration role).
#
# Passwords come from the environment (DB_MIGRATIE_WACHTWOORD, DB_APP_WACHTWOORD), never
# from the command line (psql 15 or later reads them with \getenv). Run it as a superuser
# against the application's database:
#
#   DB_MIGRATIE_WACHTWOORD=... DB_APP_WACHTWOORD=... scripts/db-roles.sh postgres://postgres@host/fondsbeveiliging
#
# Without an argument it connects to $POSTGRES_DB as $POSTGRES_USER over the local socket:
# that is how the postgres image runs it from /docker-entrypoint-initdb.d (docker-compose).
# Objects that another role created earlier (a database first migrated as postgres) are
# handed to the migration role, so a later migration can alter them.
set -euo pipefail

export DB_MIGRATIE_ROL=${DB_MIGRATIE_ROL:-fonds_migratie}
export DB_APP_ROL=${DB_APP_ROL:-fonds_app}
: "${DB_MIGRATIE_WACHTWOORD:?zet DB_MIGRATIE_WACHTWOORD (wachtwoord van de migratierol)}"
: "${DB_APP_WACHTWOORD:?zet DB_APP_WACHTWOORD (wachtwoord van de applicatierol)}"
export DB_MIGRATIE_WACHTWOORD DB_APP_WACHTWOORD
doel=${1:-"dbname=${POSTGRES_DB:-fondsbeveiliging} user=${POSTGRES_USER:-postgres}"}

psql "$doel" -X -q -v ON_ERROR_STOP=1 <<'SQL'
\getenv migratie DB_MIGRATIE_ROL
\getenv app DB_APP_ROL
\getenv migratie_wachtwoord DB_MIGRATIE_WACHTWOORD
\getenv app_wachtwoord DB_APP_WACHTWOORD
BEGIN;

SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY[:'migratie', :'app']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
ALTER ROLE :"migratie" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
    NOBYPASSRLS PASSWORD :'migratie_wachtwoord';
ALTER ROLE :"app" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
    NOBYPASSRLS PASSWORD :'app_wachtwoord';

-- The migration role owns the database (trusted extensions such as pg_trgm) and the schema.
SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'migratie') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app') \gexec
ALTER SCHEMA public OWNER TO :"migratie";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Hand existing tables, views, free-standing sequences and functions to the migration role
-- (sequences of identity and serial columns follow their table; extension objects stay).
SELECT format('ALTER TABLE %I.%I OWNER TO %I', n.nspname, c.relname, :'migratie')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND pg_get_userbyid(c.relowner) <> :'migratie'
  AND NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')
  ) \gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, :'migratie')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> :'migratie'
  AND NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  ) \gexec

-- The application role: data, not structure. Now and for every table migrations add later.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"migratie" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"migratie" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";

COMMIT;
SQL
echo "Databaserollen bijgewerkt: $DB_MIGRATIE_ROL (migraties) en $DB_APP_ROL (applicatie)."
