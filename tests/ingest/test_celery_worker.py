"""Extraction in a real Celery worker against the local Redis, as production runs it."""
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app as celery_app
from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.services import INGESTED, QUEUED, article_submit

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "cross" / "armenian-mod-goris-shelling.txt"
BROKER = "redis://127.0.0.1:6379/11"


@pytest.fixture
def redis_worker():
    """A worker thread consuming from Redis db 11; tasks are sent there instead of running in-process."""
    import ingest.tasks  # noqa: F401 - registers the task with the app the worker serves

    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=BROKER, task_always_eager=False)
    _forget_connections()
    with celery_app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING"):
        yield
    celery_app.conf.update(saved)
    _forget_connections()


def _forget_connections():
    """Drop the app's cached broker connections, which still point at the broker configured before."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_until_not(article: Article, status: str, seconds: float = 120) -> Article:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        article.refresh_from_db()
        if article.status not in (status, IngestStatus.PROCESSING):
            return article
        time.sleep(0.2)
    raise AssertionError(f"article {article.pk} still {article.status} after {seconds} s")


@pytest.mark.celery_worker
def test_submitted_article_is_queued_then_extracted_by_a_worker(transactional_db, redis_worker):
    outcome = article_submit(content=ARTICLE.read_bytes(), filename=ARTICLE.name, publisher="Armenian MoD",
                             published_at="2022-09-13")

    # With a broker the request only queues; the worker (not this process: eager is off) does the work.
    assert outcome.status in {QUEUED, INGESTED}
    article = wait_until_not(outcome.article, IngestStatus.QUEUED)
    assert article.status == IngestStatus.DONE, article.error
    assert article.claims.exists()
