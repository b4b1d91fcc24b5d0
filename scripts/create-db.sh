#!/usr/bin/env bash
# Create the development database named in DATABASE_URL when it does not exist yet.
# The environment wins over .env, as it does for Django (django-environ, overwrite=False).
set -eu
if [ -z "${DATABASE_URL:-}" ] && [ -f .env ]; then
  DATABASE_URL=$(sed -n 's/^DATABASE_URL=//p' .env | tail -n 1)
fi
url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fondsbeveiliging}
db=${url##*/}; db=${db%%\?*}; server=${url%/*}
if ! psql "$server/postgres" -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
  psql "$server/postgres" -qc "create database \"$db\""
fi
