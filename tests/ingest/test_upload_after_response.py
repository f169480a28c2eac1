"""Without a broker, an upload answers at once and the web process's worker thread extracts it afterwards."""
import time
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.background import local_worker, start_if_local, stop_local_worker

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "holdout" / "wire-kherson-shelling.txt"


@pytest.fixture
def in_background(settings, transactional_db):
    """As a web process starts it (config.wsgi): the worker thread up, its model loaded, before any upload."""
    settings.KB_EXTRACT_IN_BACKGROUND = True
    settings.CELERY_BROKER_URL = None
    start_if_local()
    assert local_worker().ready.wait(timeout=180)
    yield
    stop_local_worker()  # its watchdog must not reach the database once the test's database is gone


def _wait_until_extracted(article_id: int, seconds: float = 120) -> Article:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        article = Article.objects.get(pk=article_id)
        if article.status in (IngestStatus.DONE, IngestStatus.FAILED):
            return article
        time.sleep(0.2)
    raise AssertionError(f"article {article_id} still {article.status} after {seconds} s")


def test_upload_of_a_new_article_answers_within_a_second_and_is_extracted_afterwards(
        transactional_db, in_background, staff_user, client):
    api = APIClient()
    api.force_authenticate(staff_user)

    started = time.monotonic()
    response = api.post("/api/articles/", {"text": ARTICLE.read_text(), "publisher": "Wire",
                                           "published_at": "2024-05-01"}, format="json")
    answered_in = time.monotonic() - started

    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert answered_in < 1.0
    client.force_login(staff_user)
    page = client.get(f"/articles/{response.json()['id']}/")
    assert "this page reloads every 5 seconds until it is done" in page.content.decode()
    article = _wait_until_extracted(response.json()["id"])
    assert article.status == IngestStatus.DONE, article.error
    assert article.claims.exists()
    assert "reloads every 5 seconds" not in client.get(f"/articles/{article.pk}/").content.decode()


def test_a_stopped_worker_thread_ends(in_background):
    worker = local_worker()
    stop_local_worker()
    assert not worker.thread.is_alive()
