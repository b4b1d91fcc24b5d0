#!/usr/bin/env bash
# Fail with one clear sentence when PostgreSQL or Redis is not reachable.
set -u
pg_host=$1 pg_port=$2 redis_host=$3 redis_port=$4
if ! (exec 3<>"/dev/tcp/$pg_host/$pg_port") 2>/dev/null; then
  echo "PostgreSQL is niet bereikbaar op $pg_host:$pg_port; start het met 'pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start' of 'docker compose up -d db redis'." >&2
  exit 1
fi
if ! (exec 3<>"/dev/tcp/$redis_host/$redis_port") 2>/dev/null; then
  echo "Redis is niet bereikbaar op $redis_host:$redis_port; start het met 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no' of 'docker compose up -d db redis'." >&2
  exit 1
fi
