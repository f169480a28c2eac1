"""A real Celery worker with its default prefork pool of two processes: every article ends done, and the
main process's watchdog keeps its database connections (issue 13).

The worker's main process queries the database before it forks its pool processes (the watchdog's first
check at start-up, `ingest.tasks`), so each child inherits the main process's psycopg pool. The worker is a
separate process (`celery -A config worker --concurrency=2`, one task per child so that the main process
forks again while its watchdog thread, every second here, is using its pool) on Redis db 9, a number of
this test's own (test_worker_killed.py uses 5, test_celery_worker.py 11), against this test's database.
"""
import os
import subprocess
import sys
import time

import pytest

from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.services import article_submit
from tests.ingest.worker_processes import ROOT, sending_through, statuses_of, worker_env

ARTICLES = sorted((ROOT / "tests" / "data" / "holdout").glob("*.txt"))
BROKER = "redis://127.0.0.1:6379/9"
# Seconds for the worker to start (spaCy model included) and extract the six articles: about 15 s on 2 busy cores.
DEADLINE = 120


@pytest.fixture
def prefork_worker(tmp_path, settings):
    """A prefork worker of two processes consuming from Redis db 9; yields its log file, killed at the end."""
    log = tmp_path / "worker.log"
    with sending_through(BROKER, settings):
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork", "--concurrency=2",
             "--max-tasks-per-child=1", "-n", "prefork@%h", "--loglevel=WARNING"],
            cwd=ROOT, env=worker_env(BROKER, KB_DB_POOL_SIZE="8", KB_WATCHDOG_INTERVAL="1"),
            stdout=subprocess.DEVNULL, stderr=open(log, "w"),
            start_new_session=True,  # its pool processes are killed with it, by the group of its own pid
        )
        yield log
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait(timeout=30)


@pytest.mark.celery_worker
def test_two_forked_worker_processes_extract_every_article_and_the_watchdog_keeps_working(
        transactional_db, prefork_worker):
    ids = [article_submit(content=None, filename=path.name, text=path.read_text(),
                          publisher="Test wire", published_at="2024-05-01").article.pk
           for path in ARTICLES]

    started = time.monotonic()
    while time.monotonic() < started + DEADLINE and statuses_of(ids).get(IngestStatus.DONE, 0) < len(ids):
        time.sleep(0.5)
    time.sleep(3)  # three more rounds of the main process's watchdog after the last fork

    log = prefork_worker.read_text()
    articles = Article.objects.filter(pk__in=ids)
    assert statuses_of(ids) == {IngestStatus.DONE: len(ids)}, ([(a.pk, a.status, a.error) for a in articles],
                                                             log[-3000:])
    assert len(set(articles.values_list("processing_by", flat=True))) == len(ids)  # one child per article
    # A child that closed what it inherited would have closed the main process's connections with it.
    assert "extraction watchdog" not in log, log[-3000:]
