"""`manage.py extract FILE [FILE ...] --format json`: print what the pipeline reads from each file.

Stdout carries only the JSON (extraction.schema.json): one indented object for one file, one
object per line for several files or an archive. Everything else (warnings, logs, one line
`extract: FILE: reason` per file that can't be read) goes to stderr, and the exit status is 1
when any file failed. The command never touches the database.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ingest.extraction import ArticleExtraction
from ingest.limits import size_refusal
from ingest.readers import ArchiveMember, ReadDocument, ReadError, is_archive, iter_archive, read_document

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Input:
    """One document to extract: the name it is reported under, what was read, and the metadata passed on."""

    name: str
    document: ReadDocument
    meta: dict


class Command(BaseCommand):
    help = "Print the schema-v1 JSON extraction of each article FILE (.txt, .html, .pdf, .zip); writes nothing."
    # System checks are skipped: they would import every app's URLs and admin for a command that needs neither.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="article files; a .zip is read member by member")
        parser.add_argument("--format", choices=["json"], default="json", help="output format (json)")
        parser.add_argument("--published-at", help="publication date, ISO date or datetime (default: from the file)")
        parser.add_argument("--publisher", help="publisher name (default: the site name an HTML page declares)")
        parser.add_argument("--batch-size", type=int, default=16, help="texts parsed together by spaCy")

    def handle(self, *args, files, published_at, publisher, batch_size, **options):
        published = parse_published_at(published_at) if published_at else None
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1, not {batch_size}")
        self.failures = 0
        printed = 0
        inputs = list(self._read_all(files, published_at=published, publisher=publisher))
        one_object = len(files) == 1 and len(inputs) == 1 and inputs[0].name == files[0]
        if inputs:
            # Libraries that print progress must not corrupt the JSON on stdout.
            with contextlib.redirect_stdout(sys.stderr):
                nlp = _load_pipeline()
                for item, extraction, error in _extract_all(inputs, nlp=nlp, batch_size=batch_size):
                    if error is not None:
                        self._fail(item.name, f"extraction failed ({type(error).__name__}: {error})")
                        continue
                    self._print(_with_reader_metadata(extraction, item.document), indent=2 if one_object else None)
                    printed += 1
        if self.failures:
            self.stderr.write(f"extract: {self.failures} file(s) failed, {printed} printed")
            raise SystemExit(1)

    def _read_all(self, files: list[str], *, published_at: date | None, publisher: str | None) -> Iterator[_Input]:
        limit = settings.KB_MAX_UPLOAD_BYTES
        for path in files:
            try:
                # The limit every entry point words the same way (ingest.limits), before reading the file.
                refusal = size_refusal(Path(path).name, Path(path).stat().st_size)
                if refusal:
                    self._fail(path, refusal)
                    continue
                content = Path(path).read_bytes()
            except OSError as error:
                self._fail(path, error.strerror or str(error))
                continue
            try:
                members = (iter_archive(content, path, max_member_bytes=limit) if is_archive(content, path)
                           else [ArchiveMember("", content)])
            except ReadError as error:
                self._fail(path, str(error))
                continue
            for member, data, oversize in members:
                name = f"{path}:{member}" if member else path
                if oversize is not None:  # a document of the zip over the limit: refused as that file alone
                    self._fail(name, size_refusal(Path(member).name, oversize))
                    continue
                try:
                    document = read_document(data, member or path, max_bytes=limit)
                except ReadError as error:
                    self._fail(name, str(error))
                    continue
                meta = {
                    "published_at": published_at or document.published_at,
                    "publisher": publisher or document.site_name,
                }
                yield _Input(name=name, document=document, meta=meta)

    def _fail(self, name: str, message: str) -> None:
        self.failures += 1
        self.stderr.write(f"extract: {name}: {message}")

    def _print(self, extraction: ArticleExtraction, *, indent: int | None) -> None:
        ascii_only = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") != "utf8"
        self.stdout.write(json.dumps(extraction.to_json(), indent=indent, ensure_ascii=ascii_only))
        self.stdout.flush()


def parse_published_at(value: str) -> date:
    """The calendar day of an ISO 8601 date or datetime given on the command line."""
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise CommandError(
            f"--published-at: '{value}' is not an ISO date or datetime (e.g. 2022-09-13 or 2022-09-13T08:30:00Z)"
        ) from None


def _load_pipeline():
    """The spaCy pipeline named by settings.SPACY_MODEL; a missing model is a CommandError, not a traceback."""
    try:
        from ingest.pipeline import load_nlp

        return load_nlp(settings.SPACY_MODEL)
    except (ImportError, OSError) as error:
        raise CommandError(
            f"the extraction pipeline can't be loaded (SPACY_MODEL={settings.SPACY_MODEL}): {error}"
        ) from error


def _extract_all(inputs: list[_Input], *, nlp, batch_size: int):
    """(input, extraction, None) or (input, None, error) per input, in order, parsed in batches.

    A pipeline failure on one article must not lose the others: after one, the rest are
    extracted one by one so the failing article is named and the others still printed.
    """
    from ingest.pipeline import extract_text, extract_texts

    done = 0
    try:
        for extraction in extract_texts(((item.document.text, item.meta) for item in inputs), nlp=nlp,
                                        batch_size=batch_size):
            yield inputs[done], extraction, None
            done += 1
        return
    except Exception:  # noqa: BLE001 - reported per article below
        logger.debug("batch extraction failed; retrying one by one", exc_info=True)
    for item in inputs[done:]:
        try:
            yield item, extract_text(item.document.text, nlp=nlp, **item.meta), None
        except Exception as error:  # noqa: BLE001 - one article's failure is reported, not raised
            logger.debug("extraction of %s failed", item.name, exc_info=True)
            yield item, None, error


def _with_reader_metadata(extraction: ArticleExtraction, document: ReadDocument) -> ArticleExtraction:
    """The page's own title (an HTML page declares it) and language, where the reader found them."""
    article = extraction.article
    title = article.title
    if document.title and (document.content_type == "text/html" or not title):
        title = document.title
    language = document.language or article.language
    return dataclasses.replace(extraction, article=dataclasses.replace(article, title=title, language=language))
