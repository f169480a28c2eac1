"""Celery tasks of the ingest app: extraction of one stored article, and the watchdog, run in workers.

Acknowledged late and rejected when the worker is lost (settings: CELERY_TASK_ACKS_LATE,
CELERY_TASK_REJECT_ON_WORKER_LOST), so an article whose worker died is delivered again; the task id is
the article's (`ingest.jobs`), so a second delivery of a finished or superseded task does nothing.
The watchdog runs when a worker starts, then every KB_WATCHDOG_INTERVAL seconds on a thread of each worker
(and as a Celery beat task where beat runs);
the worker loads the spaCy model once at start, before its pool forks, never in a web request.
"""
import logging
import threading
import time

from celery import shared_task
from celery.signals import worker_init
from django.conf import settings
from django.db import connections

from ingest.jobs import articles_requeue_stale, extraction_worker_warm_up
from ingest.services import article_extract

logger = logging.getLogger(__name__)


@shared_task(name="ingest.article_extract", bind=True, acks_late=True, reject_on_worker_lost=True)
def article_extract_task(self, article_id: int, force: bool = False) -> str:
    """Extract one article if this task is still its current one; returns its status afterwards."""
    return article_extract(article_id=article_id, force=force, task_id=self.request.id).status


@shared_task(name="ingest.requeue_stale")
def requeue_stale_task() -> dict[str, int]:
    """The watchdog: queue again (or fail, after the last attempt) articles left processing past the deadline."""
    return articles_requeue_stale()


@worker_init.connect
def _worker_started(**kwargs) -> None:
    extraction_worker_warm_up()
    _watch_once()  # opens this process's database pool before the prefork children: see config.celery
    # Also on a timer of the worker's own: a beat task would wait in the queue behind the articles.
    threading.Thread(target=_watch_forever, name="kb-extraction-watchdog", daemon=True).start()


def _watch_forever() -> None:
    while True:
        time.sleep(settings.KB_WATCHDOG_INTERVAL)
        _watch_once()


def _watch_once() -> None:
    try:
        articles_requeue_stale()
    except Exception:  # noqa: BLE001 - a worker must go on while the database is briefly away; it retries
        logger.exception("extraction watchdog")
    finally:
        connections.close_all()
