#!/usr/bin/env bash
# Debian's Chromium for the browser tests (never a test tool's own browser download).
set -eu
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Installeer eerst Chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
