#!/usr/bin/env bash
# The first command on a fresh machine (after `make` has built .venv): database up, migrated, an admin account,
# the demo articles ingested, then the app served at http://$HOST:$PORT.
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
echo "Serving the knowledge base at http://$HOST:$PORT/ (admin: http://$HOST:$PORT/admin/). Ctrl-C stops it."
exec "$PY" manage.py runserver "$HOST:$PORT"
