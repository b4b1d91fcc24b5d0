#!/usr/bin/env bash
# Create the development database named in DATABASE_URL when it does not exist yet.
set -eu
set -a; [ -f .env ] && . ./.env; set +a
url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fondsbeveiliging}
db=${url##*/}; server=${url%/*}
if ! psql "$server/postgres" -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
  psql "$server/postgres" -qc "create database \"$db\""
fi
