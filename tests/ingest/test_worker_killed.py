"""A real Celery worker killed with `kill -9` in the middle of an article: every article still ends done, once.

The workers are separate processes (`celery -A config worker --pool=solo`, whose watchdog thread
checks every 2 s) on Redis db 5, against this test's PostgreSQL database; the extraction time limit is cut to
20 s so the killed article is found stale, and queued again, within the minute.
"""
import os
import signal
import subprocess
import sys
import time

import pytest
from django.db.models import Count

from incidents.choices import IngestStatus
from incidents.models import Article, Claim
from ingest.services import article_submit
from tests.ingest.worker_processes import ROOT, sending_through, statuses_of, worker_env

ARTICLES = sorted((ROOT / "tests" / "data" / "holdout").glob("*.txt"))[:4]
BROKER = "redis://127.0.0.1:6379/5"
TIME_LIMIT = 20


@pytest.fixture
def workers(tmp_path, settings):
    """Starts worker processes on demand; each is killed (by its own pid) at the end."""
    started: list[subprocess.Popen] = []

    def start(name: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-n", f"{name}@%h",
             "--loglevel=WARNING"],
            cwd=ROOT, env=worker_env(BROKER, KB_EXTRACTION_TIME_LIMIT=str(TIME_LIMIT), KB_WATCHDOG_INTERVAL="2"),
            stdout=subprocess.DEVNULL, stderr=open(tmp_path / f"{name}.log", "w"),
        )
        started.append(process)
        return process

    start.logs = [tmp_path / "first.log", tmp_path / "second.log"]
    with sending_through(BROKER, settings):
        yield start
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)


def _logs(workers) -> str:
    return "\n".join(path.read_text()[-3000:] for path in workers.logs)


@pytest.mark.celery_worker
def test_worker_killed_mid_article_every_article_ends_done_exactly_once(transactional_db, workers):
    ids = [article_submit(content=None, filename=path.name, text=path.read_text(),
                          publisher="Test wire", published_at="2024-05-01").article.pk
           for path in ARTICLES]
    first = workers("first")

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        statuses = statuses_of(ids)
        if statuses.get(IngestStatus.DONE, 0) >= 1 and statuses.get(IngestStatus.PROCESSING, 0) == 1:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"the first worker never got half-way: {statuses_of(ids)}")
    killed = Article.objects.get(pk__in=ids, status=IngestStatus.PROCESSING)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    killed_at = time.monotonic()
    workers("second")

    while time.monotonic() < killed_at + 60 and statuses_of(ids).get(IngestStatus.DONE, 0) < len(ids):
        time.sleep(0.5)

    articles = Article.objects.filter(pk__in=ids)
    assert statuses_of(ids) == {IngestStatus.DONE: len(ids)}, [(a.pk, a.status, a.error) for a in articles]
    attempts = dict(articles.values_list("pk", "attempts"))
    assert attempts.pop(killed.pk) == 2  # the run killed, then the one that finished it
    timings = list(articles.values_list("pk", "attempts", "processing_started_at", "extracted_at"))
    assert set(attempts.values()) == {1}, (timings, _logs(workers))  # every other article extracted once
    # Written once: no claim of an article twice at the same span.
    spans = Claim.objects.filter(article__in=ids).values("article", "start", "end").annotate(n=Count("pk"))
    assert max(row["n"] for row in spans) == 1
