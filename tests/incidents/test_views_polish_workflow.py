"""Polish: upload summaries that say something, article pages without server paths or invented midnight times,
and an API 404 page that does not call itself "Api Not Found"."""
import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_upload_with_nothing_to_read_says_so_instead_of_an_empty_summary(staff_client):
    empty_zip = io.BytesIO()
    with zipfile.ZipFile(empty_zip, "w"):
        pass
    upload = SimpleUploadedFile("nothing.zip", empty_zip.getvalue(), content_type="application/zip")
    html = staff_client.post(reverse("admin:incidents_article_upload"), {"files": [upload]}, follow=True
                             ).content.decode()
    assert "Upload finished: ." not in html
    assert "Upload finished:" in html


def test_an_article_page_shows_the_files_name_not_its_server_path(viewer_client):
    article = ArticleFactory(title="", original_filename="/srv/incoming/2022/voa-goris.html")
    html = viewer_client.get(reverse("incidents:article_detail", args=[article.pk])).content.decode()
    assert "voa-goris.html" in html and "/srv/incoming" not in html


def test_a_publication_date_without_a_time_is_shown_without_midnight(viewer_client):
    article = ArticleFactory(published_at=datetime(2022, 9, 13, tzinfo=UTC))
    html = viewer_client.get(reverse("incidents:article_detail", args=[article.pk])).content.decode()
    assert "published 13 Sep 2022<" in html and "00:00" not in html


def test_a_publication_time_is_kept_when_the_source_gave_one(viewer_client):
    article = ArticleFactory(published_at=datetime(2022, 9, 13, 14, 5, tzinfo=UTC))
    html = viewer_client.get(reverse("incidents:article_detail", args=[article.pk])).content.decode()
    assert "published 13 Sep 2022 14:05" in html


def test_the_browsable_apis_404_page_is_not_called_api_not_found(viewer_client):
    response = viewer_client.get("/api/no-such-thing/", HTTP_ACCEPT="text/html")
    assert response.status_code == 404
    assert "Api Not Found" not in response.content.decode()
    assert "No such endpoint" in response.content.decode()
