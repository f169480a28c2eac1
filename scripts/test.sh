#!/usr/bin/env bash
# The whole test suite on real PostgreSQL; Chromium for the browser tests comes from Debian, never a download.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium for the browser tests."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: /usr/bin/chromium is missing; browser tests need it (sudo apt-get install chromium)." >&2
  fi
fi

scripts/ensure_postgres.sh

# Lint first: a style slip fails fast, before the long test run.
.venv/bin/ruff check .

status=0
.venv/bin/pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests; that is a failure." >&2
  exit 1
fi
exit "$status"
