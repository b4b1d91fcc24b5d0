#!/usr/bin/env bash
# Test tooling: Debian's Chromium (never a test tool's own browser download), poppler's
# pdftotext (the report tests read a PDF's text in its layout) and axe-core from npm, pinned
# by tests/browser/package-lock.json (test-only, never served).
set -eu
cd "$(dirname "$0")/.."
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Installeer eerst: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
fi
