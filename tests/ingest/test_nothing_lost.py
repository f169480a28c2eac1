"""What ingestion keeps when things go wrong: a crashing reader or a lost file fails the article, never loses it."""
import io
import zipfile

import pytest

from incidents.choices import IngestStatus
from incidents.models import Article
from ingest import services
from ingest.readers import ArchiveMember, iter_archive
from ingest.services import article_extract, article_store, articles_extract
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_file_that_crashes_its_reader_is_stored_as_failed_with_the_reason(monkeypatch):
    def crashing_reader(content, filename, *, max_bytes, max_chars):
        raise IndexError("list index out of range")

    monkeypatch.setattr(services, "read_document", crashing_reader)

    article, created = article_store(content=b"%PDF-1.4 broken", filename="broken.pdf")

    assert created
    assert article.status == IngestStatus.FAILED
    assert article.error == "Could not read broken.pdf: the reader failed (IndexError: list index out of range)"
    assert article.original.read() == b"%PDF-1.4 broken"


def test_article_whose_stored_file_is_missing_fails_with_the_reason():
    article, _ = article_store(content=b"not really a pdf", filename="scan.pdf")
    article.original.storage.delete(article.original.name)

    extracted = article_extract(article_id=article.pk)

    assert extracted.status == IngestStatus.FAILED
    assert extracted.error.startswith("Could not open the stored file: FileNotFoundError")


def test_article_with_neither_text_nor_file_fails_instead_of_staying_queued():
    article = ArticleFactory(text="", status=IngestStatus.QUEUED)
    Article.objects.filter(pk=article.pk).update(original="")

    extracted = article_extract(article_id=article.pk)

    assert extracted.status == IngestStatus.FAILED
    assert extracted.error == "The article has no text and no stored file to read it from."


def test_nameless_member_of_an_archive_is_skipped():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(""), "junk")
        archive.writestr("report.txt", "Shelling was reported near the border.")

    assert iter_archive(buffer.getvalue(), "upload.zip") == [
        ArchiveMember("report.txt", b"Shelling was reported near the border.")]


def test_a_pages_javascript_url_is_not_kept_as_the_articles_link():
    page = (b'<html><head><title>Clashes</title><meta property="og:url" content="javascript:alert(1)"></head>'
            b"<body><article><p>Shelling was reported near the border on Tuesday, officials said.</p>"
            b"</article></body></html>")

    article, _ = article_store(content=page, filename="clashes.html")

    assert article.url == ""


def test_a_pages_web_url_is_kept_as_the_articles_link():
    page = (b'<html><head><title>Clashes</title><meta property="og:url" content="https://example.org/a/1"></head>'
            b"<body><article><p>Shelling was reported near the border on Tuesday, officials said.</p>"
            b"</article></body></html>")

    article, _ = article_store(content=page, filename="clashes.html")

    assert article.url == "https://example.org/a/1"


def test_batch_extraction_reports_an_article_whose_stored_file_is_missing():
    article, _ = article_store(content=b"not really a pdf", filename="scan.pdf")
    article.original.storage.delete(article.original.name)

    reported = list(articles_extract(articles=[article], nlp=object()))

    assert [(item.pk, item.status) for item in reported] == [(article.pk, IngestStatus.FAILED)]
