#!/usr/bin/env bash
# Debian packages that WeasyPrint needs to render letters fast (HarfBuzz subsetting).
set -eu
missing=()
for pkg in libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Installeer eerst: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
