"""Submitting articles over the API: 202 with a URL to follow, duplicates, and clear 400s for bad payloads."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from incidents.models import Article
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

TEXT = "YEREVAN, Sept. 13 -- The Armenian Defense Ministry said Azerbaijani forces shelled Goris, killing 2 soldiers."


def test_json_submission_is_accepted_with_the_articles_url(staff_api):
    response = staff_api.post("/api/articles/", {"text": TEXT, "title": "Clashes", "publisher": "Press TV",
                                                 "url": "https://example.org/a", "published_at": "2022-09-13"},
                              format="json")
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == body["url"]
    assert (body["status"], body["title"], body["publisher"]["name"]) == ("queued", "Clashes", "Press TV")
    assert body["published_at"].startswith("2022-09-13")
    assert staff_api.get(body["url"]).json()["text"] == TEXT


def test_file_submission_is_accepted(staff_api):
    upload = SimpleUploadedFile("clashes.txt", TEXT.encode(), content_type="text/plain")
    response = staff_api.post("/api/articles/", {"file": upload, "publisher": "Press TV"}, format="multipart")
    assert response.status_code == 202
    assert Article.objects.get(pk=response.json()["id"]).original_filename == "clashes.txt"


def test_same_content_again_answers_200_with_the_stored_article(staff_api):
    first = staff_api.post("/api/articles/", {"text": TEXT}, format="json").json()
    again = staff_api.post("/api/articles/", {"text": TEXT}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert "already stored" in again.json()["message"]


def test_same_content_as_a_failed_article_is_409_with_its_url_and_error(staff_api):
    def upload():
        return SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, content_type="text/plain")

    first = staff_api.post("/api/articles/", {"file": upload()}, format="multipart")
    again = staff_api.post("/api/articles/", {"file": upload()}, format="multipart")
    article = Article.objects.get()
    body = again.json()
    assert (first.status_code, again.status_code) == (400, 409)
    assert again["Location"] == body["url"] and body["url"].endswith(f"/api/articles/{article.pk}/")
    assert (body["status"], body["error"]) == ("failed", article.error)
    assert article.error.startswith("Could not read photo.txt")
    assert body["detail"] == (
        f"This file is already stored as article {article.pk} (status: failed: {article.error}). "
        "Use retry (“Retry failed or stuck extraction” in the articles admin) to re-run it.")


def test_article_detail_lists_its_incidents_and_claims_once_extracted(viewer_api):
    claim = ClaimFactory()
    body = viewer_api.get(f"/api/articles/{claim.article_id}/").json()
    assert body["incidents"] == [claim.incident_id]
    assert [row["quote"] for row in body["claims"]] == [claim.quote]


@pytest.mark.parametrize(("payload", "message"), [
    ({}, "non-empty 'text'"),
    ({"text": "   "}, "non-empty 'text'"),
    ({"text": TEXT, "published_at": "13/09/2022"}, "published_at"),
    ({"text": TEXT, "url": "not a url"}, "url"),
])
def test_bad_json_submissions_are_400_with_the_reason(staff_api, payload, message):
    response = staff_api.post("/api/articles/", payload, format="json")
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Article.objects.exists()


def test_malformed_json_is_400(staff_api):
    response = staff_api.post("/api/articles/", b'{"text": ', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_json_that_is_not_utf8_is_400(staff_api):
    response = staff_api.post("/api/articles/", '{"text": "Goris é"}'.encode("latin-1"),
                              content_type="application/json")
    assert response.status_code == 400


def test_empty_file_is_400(staff_api):
    upload = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    response = staff_api.post("/api/articles/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]


def test_binary_file_is_400_and_kept_as_failed(staff_api):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, content_type="text/plain")
    response = staff_api.post("/api/articles/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert "Could not read photo.txt" in response.json()["detail"]
    assert Article.objects.get().status == "failed"


def test_oversized_file_is_400(staff_api, settings):
    settings.KB_MAX_UPLOAD_BYTES = 100
    upload = SimpleUploadedFile("long.txt", b"word " * 100, content_type="text/plain")
    response = staff_api.post("/api/articles/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert "the limit is" in response.json()["detail"]


def test_file_and_text_together_are_400(staff_api):
    upload = SimpleUploadedFile("a.txt", TEXT.encode(), content_type="text/plain")
    response = staff_api.post("/api/articles/", {"file": upload, "text": TEXT}, format="multipart")
    assert response.status_code == 400
    assert "not both" in response.json()["detail"]
