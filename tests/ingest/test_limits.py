"""One size limit and one length limit, with the same message, at every entry point: API (file, JSON text,
zip), the admin upload and `manage.py ingest`; checked before any parsing."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from incidents.models import Article

pytestmark = pytest.mark.django_db

SIZE_MESSAGE = "is 2.0 KB; the limit is 1.0 KB per article (split it, or upload the files of an archive separately)."
LENGTH_MESSAGE = ("is 1,201 characters long; the limit is 1,000 characters per article "
                  "(split it into separate articles).")


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.KB_MAX_UPLOAD_BYTES = 1024
    settings.KB_MAX_TEXT_CHARS = 1000


@pytest.fixture
def staff_api(staff_user):
    client = APIClient()
    client.force_authenticate(staff_user)
    return client


def _errors(response) -> str:
    return str(response.json()).replace("\\xa0", " ")


def test_json_text_over_the_length_limit_is_refused_with_the_message_and_nothing_stored(staff_api):
    response = staff_api.post("/api/articles/", {"text": "word " * 240 + "x"}, format="json")

    assert response.status_code == 400
    assert f"The text {LENGTH_MESSAGE}" in _errors(response)
    assert not Article.objects.exists()


def test_request_over_the_size_limit_is_refused_from_its_length_before_parsing(staff_api):
    body = b'{"text": "' + b"a" * (70 * 1024) + b'"}'
    response = staff_api.generic("POST", "/api/articles/", body, content_type="application/json")

    assert response.status_code == 400
    assert "The request is 70.0 KB; the limit is 1.0 KB per article" in _errors(response)


def test_file_over_the_size_limit_gets_the_same_message_in_the_api_and_the_admin(staff_api, staff_client):
    upload = SimpleUploadedFile("long.txt", b"a" * 2048)
    api = staff_api.post("/api/articles/", {"file": upload}, format="multipart")
    admin = staff_client.post(reverse("admin:incidents_article_upload"),
                              {"files": [SimpleUploadedFile("long.txt", b"a" * 2048)]})

    assert f"long.txt {SIZE_MESSAGE}" in _errors(api)
    assert f"long.txt {SIZE_MESSAGE}" in admin.content.decode().replace("\xa0", " ")


def test_decoded_file_text_over_the_length_limit_is_stored_failed_with_the_message(staff_api, settings):
    settings.KB_MAX_UPLOAD_BYTES = 4096
    upload = SimpleUploadedFile("long.txt", ("word " * 240 + "x").encode())

    response = staff_api.post("/api/articles/", {"file": upload}, format="multipart")

    assert response.status_code == 400
    assert Article.objects.get().error == f"long.txt {LENGTH_MESSAGE}"


def test_cli_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path, capsys):
    (tmp_path / "long.txt").write_bytes(b"a" * 2048)

    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), verbosity=0)

    assert f"long.txt {SIZE_MESSAGE}" in capsys.readouterr().out.replace("\xa0", " ")
    assert not Article.objects.exists()


def test_zip_through_the_api_is_read_document_by_document_as_in_the_admin(staff_api, settings):
    settings.KB_MAX_UPLOAD_BYTES = 64 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.txt", "Shelling hit Goris on Tuesday, the Armenian Defence Ministry said.")
        archive.writestr("two.txt", "A drone struck a checkpoint near Lachin, the Azerbaijani ministry said.")
    upload = SimpleUploadedFile("bundle.zip", buffer.getvalue(), content_type="application/zip")

    response = staff_api.post("/api/articles/", {"file": upload, "publisher": "Wire"}, format="multipart")

    assert response.status_code == 202
    body = response.json()
    assert [entry["name"] for entry in body["articles"]] == ["bundle.zip/one.txt", "bundle.zip/two.txt"]
    assert body["detail"].startswith("2 document(s) in bundle.zip")
    assert [entry["outcome"] for entry in body["articles"]] == ["queued", "queued"]
    assert staff_api.get(body["articles"][0]["url"]).json()["original_filename"] == "bundle.zip/one.txt"
