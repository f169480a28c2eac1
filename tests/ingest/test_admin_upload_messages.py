"""How the admin shows upload outcomes: file names exactly as uploaded, and a summary coloured by how it went."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:incidents_article_upload")


def post_files(client, *files: tuple[str, bytes]) -> str:
    uploads = [SimpleUploadedFile(name, content, content_type="application/octet-stream") for name, content in files]
    return client.post(UPLOAD_URL, {"files": uploads}, follow=True).content.decode()


def test_outcome_messages_keep_the_file_names_lower_case(staff_client):
    html = post_files(staff_client, ("empty.txt", b""))
    assert '<li class="error">empty.txt: failed: Could not read empty.txt: the file is empty</li>' in html
    assert "Empty.txt" not in html


def test_summary_of_an_upload_where_every_file_failed_is_an_error(staff_client):
    html = post_files(staff_client, ("empty.txt", b""), ("binary.txt", b"\x00\x01\x02binary"))
    assert '<li class="error">Upload finished: 2 failed.</li>' in html


def test_summary_of_an_upload_where_some_files_failed_is_a_warning(staff_client):
    html = post_files(staff_client, ("empty.txt", b""), ("statement.txt", b"Shelling hit Goris on Tuesday."))
    assert '<li class="warning">Upload finished: 1 failed, 1 ' in html


def test_summary_of_an_upload_where_every_file_was_taken_in_is_a_success(staff_client):
    html = post_files(staff_client, ("statement.txt", b"Shelling hit Goris on Tuesday."))
    assert '<li class="success">Upload finished: 1 ' in html
