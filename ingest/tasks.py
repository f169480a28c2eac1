"""Celery tasks of the ingest app: extraction of one stored article, run in a worker.

Acknowledged late and rejected when the worker is lost (settings: CELERY_TASK_ACKS_LATE,
CELERY_TASK_REJECT_ON_WORKER_LOST), so an article whose worker died is delivered again; the
service makes a second run harmless (a done article is skipped unless forced, a `processing` one is
run again and its rows replaced). Without CELERY_BROKER_URL the task runs in-process (eager).
"""
from celery import shared_task

from ingest.services import article_extract


@shared_task(name="ingest.article_extract", acks_late=True, reject_on_worker_lost=True)
def article_extract_task(article_id: int, force: bool = False) -> str:
    """Extract one article; returns its status afterwards (done or failed)."""
    return article_extract(article_id=article_id, force=force).status
