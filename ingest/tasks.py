"""Celery tasks of the ingest app: extraction of one stored article, and the watchdog, run in workers.

Acknowledged late and rejected when the worker is lost (settings: CELERY_TASK_ACKS_LATE,
CELERY_TASK_REJECT_ON_WORKER_LOST), so an article whose worker died is delivered again; the task id is
the article's (`ingest.jobs`), so a second delivery of a finished or superseded task does nothing.
The watchdog runs on Celery beat every KB_WATCHDOG_INTERVAL seconds and once when a worker starts;
the worker loads the spaCy model once at start, before its pool forks, never in a web request.
"""
import logging

from celery import shared_task
from celery.signals import worker_init
from django.conf import settings

from ingest.jobs import articles_requeue_stale
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
    from ingest.pipeline import load_nlp

    load_nlp(settings.SPACY_MODEL)
    try:
        articles_requeue_stale()
    except Exception:  # noqa: BLE001 - a worker must start even while the database is briefly away
        logger.exception("the watchdog's check at worker start failed; beat will run it again")
