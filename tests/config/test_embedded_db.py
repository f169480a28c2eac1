"""The embedded PostgreSQL: started on demand, reused, persistent across restarts, stoppable."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db.utils import ConnectionHandler

from config import embedded_db

pytestmark = pytest.mark.embedded_db

MANAGE_PY = Path(__file__).resolve().parents[2] / "manage.py"


@pytest.fixture(scope="module")
def pgdata():
    # Not under pytest's tmp_path: every pytest session resets that tree to mode 0700, which would lock out the
    # system user the server runs as (as root) whenever another session starts meanwhile.
    parent = Path(tempfile.mkdtemp(prefix="kb-embedded-test-"))
    path = parent / "pgdata"
    yield path
    embedded_db.stop(path)
    shutil.rmtree(parent)


@pytest.fixture
def server(pgdata):
    return embedded_db.ensure_running(pgdata)


def _query(server, sql, database="postgres"):
    with psycopg.connect(**server.connection_params(database), autocommit=True) as connection:
        return connection.execute(sql).fetchall()


def _execute(server, sql, database="postgres"):
    with psycopg.connect(**server.connection_params(database), autocommit=True) as connection:
        connection.execute(sql)


def test_embedded_database_starts_and_answers_queries(server):
    assert _query(server, "SELECT 1") == [(1,)]


def test_embedded_database_is_postgresql_18(server):
    (version,), = _query(server, "SHOW server_version_num")
    assert int(version) // 10000 == 18


def test_embedded_database_offers_pg_trgm_and_unaccent(server):
    rows = _query(server, "SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent') ORDER BY 1")
    assert rows == [("pg_trgm",), ("unaccent",)]


def test_starting_again_reuses_the_running_server(server, pgdata):
    assert embedded_db.ensure_running(pgdata).pid == server.pid


def test_data_survives_a_restart(server, pgdata):
    embedded_db.ensure_database(server, "persisted")
    _execute(server, "CREATE TABLE note (body text)", "persisted")
    _execute(server, "INSERT INTO note VALUES ('kept')", "persisted")
    embedded_db.stop(pgdata)
    restarted = embedded_db.ensure_running(pgdata)
    assert restarted.pid != server.pid
    assert _query(restarted, "SELECT body FROM note", "persisted") == [("kept",)]


def test_stop_leaves_no_server_running(server, pgdata):
    assert embedded_db.stop(pgdata) is True
    assert embedded_db.running_server(pgdata) is None


def test_stopping_a_stopped_server_says_it_was_not_running(server, pgdata):
    embedded_db.stop(pgdata)
    assert embedded_db.stop(pgdata) is False


def test_backend_starts_the_server_and_creates_the_database_on_first_connection(pgdata, django_db_blocker):
    embedded_db.stop(pgdata)
    connections = ConnectionHandler({
        "default": {"ENGINE": "config.embedded_backend", "NAME": "kb_probe", "EMBEDDED_DATA_DIR": str(pgdata)},
    })
    connection = connections["default"]
    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            assert cursor.fetchone() == ("kb_probe",)
    finally:
        connection.close()


def test_manage_py_check_does_not_start_the_embedded_database(tmp_path):
    pgdata = tmp_path / "untouched"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["KB_EMBEDDED_DB_DIR"] = str(pgdata)
    result = subprocess.run(
        [sys.executable, str(MANAGE_PY), "check"], env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not pgdata.exists()


def test_status_command_reports_a_running_server(server, pgdata, settings, capsys):
    settings.KB_EMBEDDED_DB_DIR = pgdata
    call_command("embedded_db", "status")
    assert f"running (pid {server.pid}" in capsys.readouterr().out


def test_stop_command_stops_the_server(server, pgdata, settings, capsys):
    settings.KB_EMBEDDED_DB_DIR = pgdata
    call_command("embedded_db", "stop")
    assert "Embedded PostgreSQL stopped." in capsys.readouterr().out
    assert embedded_db.running_server(pgdata) is None
