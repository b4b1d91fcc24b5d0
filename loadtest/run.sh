#!/usr/bin/env bash
# `make loadtest`: prepare the load data set (once), start a production-like stack on
# 127.0.0.1 (DEBUG off, gunicorn, a Celery worker; the PostgreSQL and Redis that run here),
# run Locust headless for a bounded time and print the summary. Stops what it started.
#
# LOADTEST_USERS (200), LOADTEST_SPAWN_RATE (2 per second), LOADTEST_RUN_TIME (4m),
# LOADTEST_PORT (8300), LOADTEST_WORKERS (gunicorn workers: 2 x cores + 1),
# LOADTEST_DATABASE (fb_load), LOADTEST_REDIS_DB (9).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv/bin
port=${LOADTEST_PORT:-8300}
users=${LOADTEST_USERS:-200}
spawn_rate=${LOADTEST_SPAWN_RATE:-2}
run_time=${LOADTEST_RUN_TIME:-4m}
database=${LOADTEST_DATABASE:-fb_load}
workers=${LOADTEST_WORKERS:-$((2 * $(nproc) + 1))}
uit=var/loadtest
mkdir -p "$uit"

pg_host=${PG_HOST:-127.0.0.1}
pg_port=${PG_PORT:-5432}
redis="redis://${REDIS_HOST:-127.0.0.1}:${REDIS_PORT:-6379}/${LOADTEST_REDIS_DB:-9}"
# Production settings on plain http over loopback; throw-away secret, a fixed field key (the
# data set's encrypted fields must stay readable between runs), private files of their own.
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="loadtest-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0
export FIELD_ENCRYPTION_KEYS=loadtest-only-field-encryption-key
export SITE_URL="http://127.0.0.1:$port"
export DATABASE_URL="postgres://postgres@$pg_host:$pg_port/$database"
export REDIS_URL="$redis" CELERY_BROKER_URL="$redis" CACHE_KEY_PREFIX=fbload
export PRIVATE_MEDIA_ROOT="$PWD/$uit/private"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LOG_LEVEL=WARNING
export LOADTEST_MANIFEST="$PWD/$uit/$database.json"

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap "stop_all; exit 130" INT TERM
trap stop_all EXIT

DATABASE_URL="postgres://postgres@$pg_host:$pg_port/postgres" \
  "$venv/python" loadtest/voorbereiden.py --database "$database"
"$venv/python" manage.py collectstatic --noinput -v 0

# Server time per request (%(M)s, milliseconds) in gunicorn's access log: no app code involved.
rm -f "$uit/access.log"
"$venv/gunicorn" fondsbeveiliging.wsgi --bind "127.0.0.1:$port" --workers "$workers" \
  --timeout 60 --access-logfile "$uit/access.log" --access-logformat '%(m)s %(U)s %(s)s %(M)s' \
  --log-level warning --error-logfile "$uit/gunicorn.log" 2>>"$uit/gunicorn.log" &
pids+=($!)
"$venv/celery" -A fondsbeveiliging worker --concurrency 2 --loglevel WARNING \
  --hostname "loadtest-$port@%h" >"$uit/worker.log" 2>&1 &
pids+=($!)

for _ in $(seq 60); do
  curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/health/" 2>/dev/null && break
  sleep 1
done
curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/health/" || {
  echo "The stack did not answer /health/ within 60 s; see $uit/gunicorn.log and $uit/worker.log." >&2
  exit 1
}
: >"$uit/access.log" # only the load test's requests count

echo "Machine: $(nproc) cores; $("$venv/python" -c 'import sys; sys.path.insert(0, "benchmarks"); import machine; print(machine.beschrijving())')"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg); gunicorn workers: $workers; Celery worker concurrency 2"
echo "Locust: $users users, $spawn_rate/s, $run_time against http://127.0.0.1:$port"
"$venv/locust" -f loadtest/locustfile.py --headless -u "$users" -r "$spawn_rate" \
  --run-time "$run_time" --stop-timeout 30 --host "http://127.0.0.1:$port" \
  --csv "$uit/locust" --only-summary --loglevel WARNING >"$uit/locust.log" 2>&1 || true
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$venv/python" loadtest/samenvatting.py "$uit/locust" "$uit/access.log" --users "$users"
