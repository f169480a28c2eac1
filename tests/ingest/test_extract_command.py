"""`manage.py extract` as a user runs it: JSON on stdout only, one line per bad file on stderr, no database.

Every run points DATABASE_URL at a port where nothing listens, so a command that tried to
connect (let alone write) would fail.
"""
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

PROJECT = Path(__file__).resolve().parents[2]
DATA = PROJECT / "tests" / "data"
SEED = DATA / "presstv-armenia-azerbaijan-border-clashes.txt"
DEV_ARTICLE = DATA / "dev" / "state-dept-camp-hurriya-rocket-attack.txt"
SCHEMA = json.loads((DATA / "extraction.schema.json").read_text())
NO_DATABASE = "postgres://postgres@127.0.0.1:9/no_database_here"

PAGE = """<html lang="en"><head><title>Rockets hit Camp Hurriya</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2016-10-30T09:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Rockets hit Camp Hurriya</h1>
<p>The United States condemned the rocket attack on Camp Hurriya in Baghdad, which killed two residents.</p>
</article></body></html>"""


def run_extract(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": NO_DATABASE, "PYTHONWARNINGS": "default"}
    return subprocess.run(
        [sys.executable, "manage.py", "extract", *args],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def seed_run():
    return run_extract(str(SEED), "--format", "json", "--published-at", "2022-09-13", "--publisher", "Press TV")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    (folder / "page.html").write_text(PAGE)
    (folder / "empty.txt").write_bytes(b"")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("statement.txt", DEV_ARTICLE.read_bytes())
        zipped.writestr("program.exe", b"MZ\x90\x00")
    (folder / "statements.zip").write_bytes(archive.getvalue())
    files = [SEED, folder / "missing.txt", folder / "page.html", folder / "empty.txt", folder / "statements.zip"]
    return folder, run_extract(*map(str, files), "--format", "json")


def test_seed_prints_one_json_object_that_follows_the_schema(seed_run):
    extraction = json.loads(seed_run.stdout)

    jsonschema.validate(extraction, SCHEMA)
    assert seed_run.returncode == 0


def test_seed_output_carries_the_given_publication_date_and_publisher(seed_run):
    article = json.loads(seed_run.stdout)["article"]

    assert article["published_at"] == "2022-09-13"
    assert article["publisher"] == "Press TV"


def test_spans_refer_to_the_text_as_read_from_the_file(seed_run):
    text = SEED.read_text(encoding="utf-8")
    extraction = json.loads(seed_run.stdout)

    for actor in extraction["actors"]:
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip()


def test_command_runs_without_a_database(seed_run):
    assert seed_run.returncode == 0, seed_run.stderr
    assert "no_database_here" not in seed_run.stderr


def test_several_files_print_one_json_object_per_line_in_order(batch):
    _, run = batch
    lines = run.stdout.splitlines()

    assert len(lines) == 3
    for line in lines:
        jsonschema.validate(json.loads(line), SCHEMA)
    titles = [json.loads(line)["article"]["title"] for line in lines]
    assert titles[1] == "Rockets hit Camp Hurriya"


def test_html_page_supplies_its_own_publication_date_and_publisher(batch):
    _, run = batch
    article = json.loads(run.stdout.splitlines()[1])["article"]

    assert article["published_at"] == "2016-10-30"
    assert article["publisher"] == "Example Wire"


def test_each_bad_file_gets_one_line_on_stderr_and_the_exit_status_is_nonzero(batch):
    folder, run = batch
    errors = [line for line in run.stderr.splitlines() if line.startswith("extract: ")]

    assert run.returncode == 1
    assert f"extract: {folder / 'missing.txt'}: No such file or directory" in errors
    assert f"extract: {folder / 'empty.txt'}: the file is empty" in errors
    assert f"extract: {folder / 'statements.zip'}:program.exe: unsupported file type '.exe'; supported: " \
           ".txt, .html, .htm, .pdf, .zip" in errors
    assert errors[-1] == "extract: 3 file(s) failed, 3 printed"


def test_bad_files_never_print_a_traceback(batch):
    _, run = batch

    assert "Traceback" not in run.stderr


def test_invalid_publication_date_is_a_clear_error():
    run = run_extract(str(SEED), "--published-at", "13/09/2022")

    assert run.returncode == 1
    assert run.stdout == ""
    assert "--published-at: '13/09/2022' is not an ISO date or datetime" in run.stderr
    assert "Traceback" not in run.stderr


def test_publication_datetime_is_accepted_as_its_day():
    from ingest.management.commands.extract import parse_published_at

    assert parse_published_at("2022-09-13T02:10:00+04:00").isoformat() == "2022-09-13"


def test_an_article_the_pipeline_fails_on_is_reported_and_the_others_still_extracted(monkeypatch):
    import ingest.pipeline
    from ingest.management.commands.extract import _extract_all, _Input
    from ingest.readers import ReadDocument

    def extract_text(text, **meta):
        if text == "breaks the pipeline":
            raise ValueError("no sentences")
        return text.upper()

    def extract_texts(items, **options):
        for text, meta in items:
            yield extract_text(text, **meta)

    monkeypatch.setattr(ingest.pipeline, "extract_text", extract_text)
    monkeypatch.setattr(ingest.pipeline, "extract_texts", extract_texts)
    inputs = [_Input(name, ReadDocument(text=name), {}) for name in ("first", "breaks the pipeline", "third")]

    results = [(item.name, extraction, str(error)) for item, extraction, error in
               _extract_all(inputs, nlp=None, batch_size=16)]

    assert results == [("first", "FIRST", "None"), ("breaks the pipeline", None, "no sentences"),
                       ("third", "THIRD", "None")]
