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
  --schedule "var/celerybeat-schedule-$port" &
pids+=($!)

# Wait until the site answers, then print where it is and who can log in.
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/account/login/" 2>/dev/null; then break; fi
  sleep 0.5
done
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
