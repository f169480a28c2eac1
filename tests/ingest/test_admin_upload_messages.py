"""How the admin shows upload outcomes: file names exactly as uploaded, and a summary coloured by how it went."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incidents.models import Article

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


def test_uploading_a_failed_file_again_says_it_failed_and_how_to_re_run_it(staff_client):
    post_files(staff_client, ("empty.txt", b""))
    html = post_files(staff_client, ("empty.txt", b""))
    article = Article.objects.get()
    assert (f'<li class="warning">empty.txt: duplicate: This file is already stored as article {article.pk} '
            "(status: failed: Could not read empty.txt: the file is empty). "
            "Use retry (“Retry failed or stuck extraction” in the articles admin) to re-run it.</li>") in html
