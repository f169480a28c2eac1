"""Celery beat's schedule names the feeds task that Celery workers know."""
from django.conf import settings

from config.celery import app


def test_beat_schedules_the_feed_poll_task_every_watch_tick():
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["feeds-poll-due"]

    assert entry["task"] in app.tasks
    assert entry["schedule"] == settings.KB_WATCH_TICK


def test_beat_keeps_the_extraction_watchdog_beside_the_feed_poll():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"ingest.requeue_stale", "feeds.poll_due"} <= tasks
