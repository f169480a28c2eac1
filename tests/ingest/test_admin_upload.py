"""Staff upload articles through the admin and see what became of each file; the list shows status and error."""
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incidents.choices import IngestStatus
from incidents.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "data" / "presstv-armenia-azerbaijan-border-clashes.txt"
UPLOAD_URL = reverse("admin:incidents_article_upload")
LIST_URL = reverse("admin:incidents_article_changelist")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_upload_page_is_linked_from_the_article_list(staff_client):
    response = staff_client.get(LIST_URL)

    assert UPLOAD_URL in response.content.decode()


def test_several_files_and_a_zip_are_stored_and_each_outcome_shown(staff_client):
    seed = SEED.read_bytes()
    files = [
        upload("seed.txt", seed),
        upload("empty.txt", b""),
        upload("bundle.zip", zipped(**{"again.txt": seed, "other.txt": b"Another statement on the shelling."})),
    ]
    response = staff_client.post(UPLOAD_URL, {"files": files, "publisher": "Press TV", "published_at": "2022-09-13"},
                                 follow=True)

    shown = messages_of(response)
    assert any(text.startswith("seed.txt: queued") for text in shown)
    assert "empty.txt: failed: Could not read empty.txt: the file is empty" in shown
    duplicate = "bundle.zip/again.txt: duplicate: This file is already stored as article"
    assert any(text.startswith(duplicate) for text in shown)
    assert any(text.startswith("bundle.zip/other.txt: queued") for text in shown)
    assert "Upload finished: 1 duplicate, 1 failed, 2 queued." in shown
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("publisher__name", flat=True)) == {"Press TV"}


def test_oversized_file_is_refused_with_the_limit_and_nothing_stored(staff_client, settings):
    settings.KB_MAX_UPLOAD_BYTES = 1024
    response = staff_client.post(UPLOAD_URL, {"files": [upload("huge.txt", b"x" * 2048)]})

    page = response.content.decode()
    assert "huge.txt is 2.0\xa0KB; the limit is 1.0\xa0KB per article" in page
    assert not Article.objects.exists()


def test_article_list_shows_status_and_error(staff_client):
    ArticleFactory(title="Broken upload", status=IngestStatus.FAILED, error="Could not read x.pdf: no text layer")

    page = staff_client.get(LIST_URL).content.decode()

    assert "Broken upload" in page
    assert "Could not read x.pdf: no text layer" in page


def test_viewer_cannot_reach_the_upload_page(viewer_client):
    response = viewer_client.get(UPLOAD_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
