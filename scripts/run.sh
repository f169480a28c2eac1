#!/usr/bin/env bash
# The first command on a fresh machine (after `make` has built .venv): database up, migrated, an admin account,
# the demo articles ingested, the feed watcher started (`manage.py watch`), then the app served at http://$HOST:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

scripts/ensure_postgres.sh
"$PY" manage.py migrate --noinput
"$PY" manage.py ensure_admin
"$PY" manage.py load_demo
"$PY" manage.py collectstatic --noinput --verbosity 0
# The watcher polls the feeds staff add in the admin; it stops with the server.
"$PY" manage.py watch &
WATCHER=$!
trap 'kill "$WATCHER" 2>/dev/null || true' EXIT
echo "Serving the knowledge base at http://$HOST:$PORT/ (admin: http://$HOST:$PORT/admin/), watching feeds. Ctrl-C stops both."
"$PY" manage.py runserver "$HOST:$PORT"
