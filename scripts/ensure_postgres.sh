#!/usr/bin/env bash
# Make sure the database the app will use is up: the embedded PostgreSQL when DATABASE_URL is unset; otherwise
# the server DATABASE_URL names (starting this machine's PostgreSQL cluster if it is down) and its database.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

if [ -z "${DATABASE_URL:-}" ]; then
  exec "$PY" manage.py embedded_db start
fi

if ! pg_isready -q -d "$DATABASE_URL" 2>/dev/null; then
  if command -v pg_lsclusters >/dev/null && command -v pg_ctlcluster >/dev/null; then
    read -r version cluster _ < <(pg_lsclusters -h | head -n 1) || true
    echo "PostgreSQL is not answering; starting cluster ${version:-15}/${cluster:-main}."
    pg_ctlcluster --skip-systemctl-redirect "${version:-15}" "${cluster:-main}" start || true
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -d "$DATABASE_URL" 2>/dev/null && break
    sleep 1
  done
  pg_isready -q -d "$DATABASE_URL" || { echo "PostgreSQL at DATABASE_URL is not reachable." >&2; exit 1; }
fi

# Create the named database if it is missing (tests only need the server, the app needs the database).
"$PY" - <<'PYTHON'
import os

import psycopg
from psycopg import conninfo, sql

target = conninfo.conninfo_to_dict(os.environ["DATABASE_URL"])
name = target.get("dbname") or "postgres"
with psycopg.connect(conninfo.make_conninfo(os.environ["DATABASE_URL"], dbname="postgres"), autocommit=True) as db:
    if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created database {name}.")
PYTHON
