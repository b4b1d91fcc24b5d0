#!/usr/bin/env bash
# Run the web server (gunicorn), a Celery worker and Celery beat; Ctrl-C stops all three.
# Called by `make run` after setup (migrations, static files, demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8000}
venv=.venv/bin
export SITE_URL=${SITE_URL:-http://localhost:$port}
mkdir -p var
pids=()
names=("De webserver (gunicorn)" "De Celery-worker" "Celery beat")
# Beat writes its pid file once its schedule is loaded: the sign that it started.
beat_pidfile="var/celerybeat-$port.pid"
rm -f "$beat_pidfile"

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stoppen: web, worker en beat..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap "stop_all; exit 0" INT TERM
trap stop_all EXIT

# With DJANGO_DEBUG=true WhiteNoise serves static files straight from the finders.
"$venv/gunicorn" fondsbeveiliging.wsgi --bind "127.0.0.1:$port" --workers 2 --timeout 60 \
  --access-logfile - --log-level warning &
pids+=($!)
"$venv/celery" -A fondsbeveiliging worker --concurrency 2 --loglevel INFO \
  --hostname "worker-$port@%h" &
pids+=($!)
"$venv/celery" -A fondsbeveiliging beat --loglevel INFO \
  --schedule "var/celerybeat-schedule-$port" --pidfile "$beat_pidfile" &
pids+=($!)

# Wait until /health/ answers 200 (database, Redis and a worker) and beat has started; only
# then print where the site is and who can log in. At most 90 seconds, then name what is missing.
wait_max=90
health_url="http://127.0.0.1:$port/health/"

# What is not up, from /health/'s answer ({"database": "ok", "worker": "niet bereikbaar", ...}).
missing_parts() {
  local body part missing=()
  body=$(curl -sS --max-time 5 "$health_url" 2>/dev/null) || body=""
  if [ -z "$body" ]; then
    missing+=("de webserver (gunicorn antwoordt niet)")
  else
    for part in database redis worker; do
      if grep -q "\"$part\": \"niet bereikbaar\"" <<<"$body"; then
        case $part in
          database) missing+=("PostgreSQL") ;;
          redis) missing+=("Redis") ;;
          worker) missing+=("de Celery-worker (antwoordt niet op een ping)") ;;
        esac
      fi
    done
  fi
  [ -s "$beat_pidfile" ] || missing+=("Celery beat (geen $beat_pidfile)")
  local joined=""
  for part in "${missing[@]}"; do joined+="${joined:+, }$part"; done
  echo "${joined:-niets meer}"
}

wait_until_up() {
  local deadline=$((SECONDS + wait_max)) i
  while [ "$SECONDS" -lt "$deadline" ]; do
    for i in "${!pids[@]}"; do
      if ! kill -0 "${pids[$i]}" 2>/dev/null; then
        echo "${names[$i]} stopte tijdens het opstarten; zie de uitvoer hierboven." >&2
        return 1
      fi
    done
    if [ -s "$beat_pidfile" ] && curl -fsS -o /dev/null --max-time 5 "$health_url" 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "De site is na $wait_max seconden nog niet klaar. Ontbreekt: $(missing_parts)." >&2
  echo "Zie de uitvoer hierboven en $health_url." >&2
  return 1
}

if ! wait_until_up; then
  echo "Alles wordt gestopt." >&2
  exit 1
fi
"$venv/python" manage.py demo_data --alleen-tonen --url "http://localhost:$port/" 2>/dev/null
echo "De site draait op http://localhost:$port/  (backoffice: http://localhost:$port/backoffice/, status: http://localhost:$port/health/)"
echo "Stoppen met Ctrl-C."

# Stop everything as soon as one of the three exits (a crash or a port already in use).
set +e
wait -n "${pids[@]}"
status=$?
if [ "$status" -ne 0 ]; then
  echo "Een van de processen stopte onverwacht (code $status); de andere worden gestopt." >&2
fi
exit "$status"
