"""Extraction jobs: only the article's current task runs it, and the watchdog requeues or fails lost runs."""
from datetime import timedelta

import pytest
from django.utils import timezone

from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.jobs import article_extract_enqueue, articles_requeue_stale
from ingest.services import article_extract
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _processing(*, started_ago: timedelta, attempts: int = 1, by: str = "elsewhere:1") -> Article:
    return ArticleFactory(status=IngestStatus.PROCESSING, attempts=attempts, task_id="article-x-old",
                          processing_started_at=timezone.now() - started_ago, processing_by=by)


def test_task_delivered_again_after_the_article_is_done_does_nothing(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        task_id = article_extract_enqueue(article=article)
    article.refresh_from_db()
    assert article.status == IngestStatus.DONE
    extracted_at = article.extracted_at

    again = article_extract(article_id=article.pk, task_id=task_id)

    assert again.extracted_at == extracted_at
    assert again.attempts == 1


def test_task_superseded_by_a_newer_queueing_does_nothing():
    article = ArticleFactory()
    old_task = article_extract_enqueue(article=article)
    article_extract_enqueue(article=article)

    result = article_extract(article_id=article.pk, task_id=old_task)

    assert result.status == IngestStatus.QUEUED
    assert result.attempts == 0


def test_direct_run_leaves_an_article_another_run_is_extracting_alone():
    article = _processing(started_ago=timedelta(seconds=5))

    result = article_extract(article_id=article.pk)

    assert result.status == IngestStatus.PROCESSING
    assert result.attempts == 1


def test_watchdog_requeues_an_article_processing_past_the_deadline_with_the_reason(settings):
    article = _processing(started_ago=timedelta(seconds=settings.KB_EXTRACTION_STALE_AFTER + 1))

    assert articles_requeue_stale() == {"requeued": 1, "failed": 0}

    article.refresh_from_db()
    assert article.status == IngestStatus.QUEUED
    assert article.attempts == 1
    assert article.task_id != "article-x-old"
    assert article.error.startswith("Attempt 1 did not finish")


def test_watchdog_leaves_a_run_within_its_deadline_alone():
    article = _processing(started_ago=timedelta(seconds=30))

    assert articles_requeue_stale() == {"requeued": 0, "failed": 0}
    article.refresh_from_db()
    assert article.status == IngestStatus.PROCESSING


def test_watchdog_requeues_at_once_a_run_whose_process_on_this_machine_is_gone():
    import socket

    article = _processing(started_ago=timedelta(seconds=1), by=f"{socket.gethostname()}:999999999")

    assert articles_requeue_stale()["requeued"] == 1
    article.refresh_from_db()
    assert article.error == "Attempt 1 did not finish: the process running it stopped. Queued again."


def test_watchdog_fails_the_article_after_the_last_attempt(settings):
    settings.KB_EXTRACTION_MAX_ATTEMPTS = 3
    article = _processing(started_ago=timedelta(seconds=settings.KB_EXTRACTION_STALE_AFTER + 1), attempts=3)

    assert articles_requeue_stale() == {"requeued": 0, "failed": 1}

    article.refresh_from_db()
    assert article.status == IngestStatus.FAILED
    assert article.error.startswith("Gave up after 3 attempts. Attempt 3 did not finish")
