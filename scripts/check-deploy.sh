#!/usr/bin/env bash
# `check --deploy` with production-like values must report nothing.
set -eu
env -i PATH="$PATH" HOME="${HOME:-/root}" \
  DJANGO_DEBUG=false \
  DJANGO_SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')" \
  DJANGO_ALLOWED_HOSTS=fonds.bzk.example \
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/fondsbeveiliging \
  FIELD_ENCRYPTION_KEYS=ci-check-only \
  DJANGO_BEHIND_PROXY=true DJANGO_SECURE_SSL_REDIRECT=true DJANGO_SECURE_COOKIES=true \
  DJANGO_SECURE_HSTS_SECONDS=31536000 \
  .venv/bin/python manage.py check --deploy --fail-level WARNING
