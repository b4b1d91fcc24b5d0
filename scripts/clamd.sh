#!/usr/bin/env bash
# Make sure a ClamAV daemon answers on the upload scanner's socket; start one when not.
#
# Idempotent and fast when clamd already runs (one PING). On a fresh machine it installs
# Debian's clamav-daemon and starts clamd on a unix socket with the signature directory
# `scripts/clamav/` only: a tiny database that detects the EICAR test file, because this
# machine cannot run freshclam. Production runs its own clamd with freshclam instead (see the
# README); CLAMAV_SOCKET=tcp://host:port (docker compose) is only checked, never started.
set -euo pipefail
cd "$(dirname "$0")/.."
from_env_file() {  # a value from .env, as the application reads it
  [ -f .env ] && sed -n "s/^$1=//p" .env | tail -n 1 || true
}
enabled=${CLAMAV_ENABLED:-$(from_env_file CLAMAV_ENABLED)}
if [ "${enabled,,}" = false ]; then
  exit 0
fi
socket=${CLAMAV_SOCKET:-$(from_env_file CLAMAV_SOCKET)}
socket=${socket:-/tmp/fondsbeveiliging-clamd/clamd.sock}
socket=${socket#unix://}
database=${CLAMAV_DATABASE_DIR:-$PWD/scripts/clamav}

ping() {
  python3 - "$socket" <<'EOF'
import socket, sys
target = sys.argv[1]
try:
    if target.startswith("tcp://"):
        host, _, port = target.removeprefix("tcp://").rpartition(":")
        conn = socket.create_connection((host, int(port)), timeout=2)
    else:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(2)
        conn.connect(target)
    conn.sendall(b"zPING\0")
    sys.exit(0 if conn.recv(16).startswith(b"PONG") else 1)
except OSError:
    sys.exit(1)
EOF
}

if ping; then
  exit 0
fi
if [[ $socket == tcp://* ]]; then
  echo "ClamAV (clamd) is niet bereikbaar op $socket; start het met 'docker compose up -d clamav'." >&2
  exit 1
fi

if ! command -v clamd >/dev/null 2>&1 && [ ! -x /usr/sbin/clamd ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clamav-daemon >/dev/null
  else
    echo "Installeer eerst ClamAV: sudo apt-get install clamav-daemon" >&2
    exit 1
  fi
fi
clamd=$(command -v clamd || echo /usr/sbin/clamd)

rundir=$(dirname "$socket")
mkdir -p "$rundir"
chmod 700 "$rundir"
rm -f "$socket"  # a stale socket of a clamd that is gone
cat >"$rundir/clamd.conf" <<EOF
# Written by scripts/clamd.sh; development and tests only.
LocalSocket $socket
LocalSocketMode 600
PidFile $rundir/clamd.pid
LogFile $rundir/clamd.log
DatabaseDirectory $database
Foreground no
MaxThreads 4
StreamMaxLength 30M
ConcurrentDatabaseReload no
Bytecode no
EOF

started=$EPOCHREALTIME
"$clamd" --config-file="$rundir/clamd.conf"
for _ in $(seq 1 120); do
  if ping; then
    awk -v s="$started" -v e="$EPOCHREALTIME" -v p="$socket" \
      'BEGIN { printf "ClamAV (clamd) draait op %s (gestart in %.1f s).\n", p, e - s }'
    exit 0
  fi
  sleep 0.25
done
echo "ClamAV (clamd) startte niet; zie $rundir/clamd.log." >&2
exit 1
