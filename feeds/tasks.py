"""Celery tasks of the feeds app: the periodic poll of due feeds, scheduled by Celery beat
(CELERY_BEAT_SCHEDULE in settings, every KB_WATCH_TICK seconds) when a broker is set."""
from celery import shared_task

from feeds.services import feeds_poll_due


@shared_task(name="feeds.poll_due")
def feeds_poll_due_task() -> int:
    """Poll the feeds that are due; returns how many were polled (0 when another poller is at work)."""
    return len(feeds_poll_due())
