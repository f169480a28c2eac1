"""`manage.py ingest` run again after an interrupted run extracts what it left, rather than call it a duplicate."""
import socket

import pytest
from django.core.management import call_command

from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.services import article_store

pytestmark = pytest.mark.django_db

TEXTS = {
    "goris.txt": "Azerbaijani forces shelled Goris on Tuesday, the Armenian Defence Ministry said.",
    "lachin.txt": "Armenian forces fired on positions near Lachin, the Azerbaijani Defence Ministry said.",
    "sake.txt": "M23 fighters clashed with the army near Sake on Monday, a local official said.",
}


def test_rerun_extracts_articles_left_queued_cut_off_or_failed_for_a_temporary_reason(tmp_path, capsys):
    tmp_path = tmp_path / "in"  # the originals are stored under tmp_path/media
    tmp_path.mkdir()
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text)
        article_store(content=text.encode(), filename=str(tmp_path / name))
    Article.objects.filter(original_filename__endswith="lachin.txt").update(
        status=IngestStatus.PROCESSING, processing_by=f"{socket.gethostname()}:999999999")
    Article.objects.filter(original_filename__endswith="sake.txt").update(
        status=IngestStatus.FAILED, error_transient=True, error="Extraction failed (OperationalError): gone")

    call_command("ingest", str(tmp_path), verbosity=1)

    assert "3 ingested, 0 duplicate(s), 0 failed" in capsys.readouterr().out
    assert set(Article.objects.values_list("status", flat=True)) == {IngestStatus.DONE}


def test_rerun_leaves_a_permanently_failed_article_a_duplicate(tmp_path, capsys):
    tmp_path = tmp_path / "in"  # the originals are stored under tmp_path/media
    tmp_path.mkdir()
    (tmp_path / "goris.txt").write_text(TEXTS["goris.txt"])
    article, _ = article_store(content=TEXTS["goris.txt"].encode(), filename=str(tmp_path / "goris.txt"))
    Article.objects.filter(pk=article.pk).update(status=IngestStatus.FAILED, error="Extraction failed: bad span")

    call_command("ingest", str(tmp_path), verbosity=1)

    assert "0 ingested, 1 duplicate(s), 0 failed" in capsys.readouterr().out
