"""A zip holding one document over the per-file limit: that document is refused in the words a single file
gets, named with its place in the archive, and the archive's other documents are still ingested (admin, API,
`manage.py ingest` and `manage.py extract`)."""
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from incidents.choices import IngestStatus
from incidents.models import Article

pytestmark = pytest.mark.django_db

SIZE_MESSAGE = ("big.txt is 2.0 KB; the limit is 1.0 KB per article "
                "(split it, or upload the files of an archive separately).")
SMALL = "Azerbaijani forces shelled Goris on Tuesday, the Armenian Defence Ministry said."


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.KB_MAX_UPLOAD_BYTES = 1024


def bundle() -> bytes:
    """A zip of 2 KB of text (compressed far below the 1 KB limit) and a short article."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", "a" * 2048)
        archive.writestr("small.txt", SMALL)
    assert len(buffer.getvalue()) < 1024
    return buffer.getvalue()


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_admin_upload_refuses_the_oversized_document_and_queues_the_other(staff_client):
    upload = SimpleUploadedFile("bundle.zip", bundle(), content_type="application/zip")

    response = staff_client.post(reverse("admin:incidents_article_upload"), {"files": [upload]}, follow=True)

    shown = [_plain(str(message)) for message in response.context["messages"]]
    assert f"bundle.zip/big.txt: failed: {SIZE_MESSAGE}" in shown
    assert any(text.startswith("bundle.zip/small.txt: queued") for text in shown)
    assert "Upload finished: 1 failed, 1 queued." in shown
    assert list(Article.objects.values_list("original_filename", flat=True)) == ["bundle.zip/small.txt"]


def test_api_answers_an_entry_per_document_with_the_oversized_one_failed(staff_user):
    client = APIClient()
    client.force_authenticate(staff_user)
    upload = SimpleUploadedFile("bundle.zip", bundle(), content_type="application/zip")

    response = client.post("/api/articles/", {"file": upload}, format="multipart")

    assert response.status_code == 202
    big, small = response.json()["articles"]
    assert (big["name"], big["outcome"], _plain(big["message"])) == ("bundle.zip/big.txt", "failed", SIZE_MESSAGE)
    assert big["id"] is None and big["url"] is None
    assert (small["name"], small["outcome"]) == ("bundle.zip/small.txt", "queued")
    assert client.get(small["url"]).json()["original_filename"] == "bundle.zip/small.txt"


def test_cli_ingest_reports_the_oversized_document_and_ingests_the_other(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    archive = tmp_path / "in" / "bundle.zip"
    archive.write_bytes(bundle())

    with pytest.raises(CommandError, match="1 document"):
        call_command("ingest", str(archive), verbosity=1)

    out = _plain(capsys.readouterr().out)
    assert f"failed: {archive}/big.txt: {SIZE_MESSAGE}" in out
    assert "1 ingested, 0 duplicate(s), 1 failed (2 document(s))" in out
    assert Article.objects.get().status == IngestStatus.DONE


def test_cli_extract_reports_the_oversized_document_and_prints_the_other(tmp_path, capsys):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(bundle())

    with pytest.raises(SystemExit):
        call_command("extract", str(archive))

    out, err = capsys.readouterr()
    assert f"extract: {archive}:big.txt: {SIZE_MESSAGE}" in _plain(err)
    assert len([json.loads(line) for line in out.splitlines()]) == 1
