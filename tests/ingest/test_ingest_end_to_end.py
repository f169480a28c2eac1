"""Ingesting real articles through the spaCy pipeline: duplicates, re-runs, cross-article joins and the CLI."""
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from incidents.choices import IngestStatus, LinkRelation
from incidents.models import Actor, Article, Claim, ClaimLink, Incident, Location
from incidents.services import claim_update
from ingest.services import DUPLICATE, article_extract, article_submit

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "presstv-armenia-azerbaijan-border-clashes.txt"
ARMENIAN = DATA / "cross" / "armenian-mod-goris-shelling.txt"
AZERBAIJANI = DATA / "cross" / "azerbaijani-mod-lachin-shelling.txt"


def submit(path: Path, *, publisher: str, published_at: str = "2022-09-13"):
    return article_submit(content=path.read_bytes(), filename=path.name, publisher=publisher,
                          published_at=published_at)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Article, Actor, Location, Incident, Claim, ClaimLink)}


def test_seed_article_ingested_twice_is_one_article_and_adds_no_rows(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(SEED, publisher="Press TV")
    before = row_counts()
    with django_capture_on_commit_callbacks(execute=True):
        second = submit(SEED, publisher="Press TV")

    first.article.refresh_from_db()
    assert first.article.status == IngestStatus.DONE and second.status == DUPLICATE
    assert row_counts() == before
    assert before["Claim"] > 0


def test_re_extraction_keeps_an_analysts_edit_and_does_not_duplicate_claims(analyst,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = submit(SEED, publisher="Press TV").article
    claims_before = article.claims.count()
    edited = article.claims.first()
    claim_update(claim=edited, version=edited.version, user=analyst, data={"analyst_note": "checked"})

    article_extract(article_id=article.pk, force=True)

    assert article.claims.count() == claims_before
    assert Claim.objects.get(pk=edited.pk).analyst_note == "checked"


def test_done_article_is_not_extracted_again_unless_forced(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = submit(ARMENIAN, publisher="Armenian Defense Ministry").article
    extracted_at = Article.objects.get(pk=article.pk).extracted_at

    article_extract(article_id=article.pk)

    assert Article.objects.get(pk=article.pk).extracted_at == extracted_at


def test_article_left_processing_by_a_dead_worker_is_run_again():
    article = article_submit(content=ARMENIAN.read_bytes(), filename=ARMENIAN.name, publisher="Armenian MoD").article
    Article.objects.filter(pk=article.pk).update(status=IngestStatus.PROCESSING)

    assert article_extract(article_id=article.pk).status == IngestStatus.DONE


def test_both_sides_statements_land_in_one_incident_with_a_contradiction_and_their_dead_added_up(
        django_capture_on_commit_callbacks):
    """domain.md "Counting casualties", across groups: each ministry counts its own side's dead."""
    with django_capture_on_commit_callbacks(execute=True):
        submit(ARMENIAN, publisher="Armenian Defense Ministry")
        submit(AZERBAIJANI, publisher="Azerbaijani Defense Ministry")

    incident = Incident.objects.filter(claims__article__original_filename=ARMENIAN.name).distinct().get()
    assert set(incident.claims.values_list("article__original_filename", flat=True)) == {ARMENIAN.name,
                                                                                           AZERBAIJANI.name}
    assert "km from" in incident.grouping_reason
    cross = ClaimLink.objects.filter(reason__startswith="Across articles", relation=LinkRelation.CONTRADICTS)
    assert cross.exists()
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (99, 99, 99)
    assert "Total: the sum over 2 groups" in incident.fatalities_derivation


def test_command_ingests_a_folder_and_a_zip_and_summarises(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "armenian.txt").write_bytes(ARMENIAN.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("again.txt", ARMENIAN.read_bytes())
        archive.writestr("azerbaijani.txt", AZERBAIJANI.read_bytes())

    out = io.StringIO()
    with pytest.raises(CommandError, match="1 document"):
        call_command("ingest", str(folder), str(bundle), "--published-at", "2022-09-13", stdout=out)

    assert out.getvalue().splitlines()[-1] == "2 ingested, 1 duplicate(s), 1 failed (4 document(s))"
    assert Article.objects.filter(status=IngestStatus.DONE).count() == 2
    assert Article.objects.get(original_filename__endswith="empty.txt").status == IngestStatus.FAILED


def test_command_says_a_duplicate_of_a_failed_file_failed_and_how_to_re_run_it(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("ingest", str(empty), stdout=io.StringIO())
    out = io.StringIO()
    call_command("ingest", str(empty), stdout=out)
    article = Article.objects.get()
    assert out.getvalue().splitlines()[0] == (
        f"duplicate: {empty}: This file is already stored as article {article.pk} "
        "(status: failed: Could not read empty.txt: the file is empty). "
        "Use retry (“Retry failed or stuck extraction” in the articles admin) to re-run it.")


def test_command_prints_duplicates_failures_and_counts():
    out = io.StringIO()
    call_command("ingest", str(ARMENIAN), "--publisher", "Armenian Defense Ministry", stdout=out)
    call_command("ingest", str(ARMENIAN), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "1 ingested, 0 duplicate(s), 0 failed (1 document(s))"
    article = Article.objects.get()
    assert lines[1] == f"duplicate: {ARMENIAN}: This file is already stored as article {article.pk} (status: done)."
    assert lines[2] == "0 ingested, 1 duplicate(s), 0 failed (1 document(s))"


def test_command_exits_non_zero_naming_the_file_that_failed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 document\\(s\\) failed"):
        call_command("ingest", str(empty), stdout=out)

    assert f"failed: {empty}: Could not read empty.txt: the file is empty" in out.getvalue()
