"""Storing articles as received: duplicates recognised, unreadable files kept as failed, limits enforced."""
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.services import DUPLICATE, FAILED, article_store, article_submit, upload_store

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "data" / "presstv-armenia-azerbaijan-border-clashes.txt"


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_article_is_stored_with_its_original_file_text_and_digest():
    content = SEED.read_bytes()
    article, created = article_store(content=content, filename=SEED.name, publisher="Press TV",
                                     published_at="2022-09-13")

    assert created
    assert article.original.read() == content
    assert article.text == content.decode("utf-8")
    assert article.sha256 == hashlib.sha256(content).hexdigest()
    assert (article.publisher.name, article.published_at.date().isoformat()) == ("Press TV", "2022-09-13")
    assert article.status == IngestStatus.QUEUED


def test_same_content_twice_is_reported_as_a_duplicate_and_stored_once():
    content = SEED.read_bytes()
    article_submit(content=content, filename=SEED.name)
    outcome = article_submit(content=content, filename="renamed.txt")

    assert outcome.status == DUPLICATE
    assert f"already stored as article {outcome.article.pk}" in outcome.message
    assert Article.objects.count() == 1


def test_empty_file_is_stored_as_failed_with_the_reason():
    outcome = article_submit(content=b"", filename="empty.txt")

    assert outcome.status == FAILED
    assert outcome.article.status == IngestStatus.FAILED
    assert outcome.article.error == "Could not read empty.txt: the file is empty"


def test_binary_file_is_stored_as_failed_with_the_reason():
    outcome = article_submit(content=bytes(range(256)) * 8, filename="photo.txt")

    assert outcome.article.status == IngestStatus.FAILED
    assert outcome.article.error.startswith("Could not read photo.txt:")
    assert outcome.article.original.read() == bytes(range(256)) * 8


def test_text_submitted_without_a_file_is_stored_as_utf8():
    article, _ = article_store(content=None, filename=None, text="Shelling near Goris, the ministry said.",
                               title="Goris")

    assert article.original.read() == b"Shelling near Goris, the ministry said."
    assert (article.title, article.original_filename) == ("Goris", "submitted.txt")


def test_oversized_content_is_refused_with_the_limit(settings):
    settings.KB_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="the limit is"):
        article_store(content=b"x" * 101, filename="big.txt")

    assert not Article.objects.exists()


def test_unreadable_publication_date_is_refused():
    with pytest.raises(ValidationError, match="not an ISO date"):
        article_store(content=b"text", filename="a.txt", published_at="last Tuesday")


def test_each_document_of_a_zip_is_stored_on_its_own():
    stored = upload_store(content=zipped(**{"a.txt": b"First article.", "b.txt": b"Second article."}),
                          filename="bundle.zip")

    assert [document.name for document in stored] == ["bundle.zip/a.txt", "bundle.zip/b.txt"]
    assert sorted(Article.objects.values_list("text", flat=True)) == ["First article.", "Second article."]


def test_zip_that_cannot_be_opened_is_stored_as_failed():
    [document] = upload_store(content=b"PK\x03\x04 not really a zip", filename="broken.zip")

    assert document.article.status == IngestStatus.FAILED
    assert "not a readable zip archive" in document.article.error
