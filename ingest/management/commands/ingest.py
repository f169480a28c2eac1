"""`manage.py ingest PATH... [--publisher NAME] [--published-at DATE]`: store and extract article files in bulk.

PATHs are files, folders (read recursively, hidden files skipped) and zip archives. Every document is
stored first (duplicates and unreadable files are reported, not lost), then the new ones are parsed
in batches through spaCy's `nlp.pipe` and written. A progress bar runs on stderr; the summary lists
what was ingested, what was a duplicate and what failed with its reason. Exit status 1 if any failed.

Resumable: when the database goes away it waits (`--db-wait`) and goes on; if it stays away the command
exits non-zero naming the files not finished. Running it again extracts the stored articles that are
queued, were cut off mid-run, or failed for a temporary reason, instead of calling them duplicates.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, connection, connections
from tqdm import tqdm

from incidents.choices import IngestStatus
from ingest.jobs import article_resumable, articles_release_own
from ingest.limits import size_refusal
from ingest.management.commands.extract import parse_published_at
from ingest.services import DUPLICATE, FAILED, INGESTED, articles_extract, duplicate_message, upload_store


class Command(BaseCommand):
    help = "Store and extract article files (.txt, .html, .pdf, .zip) and folders of them into the knowledge base."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or zip archives")
        parser.add_argument("--publisher", help="publisher of every article (default: the site name a page declares)")
        parser.add_argument("--published-at", help="publication date of every article, ISO date (e.g. 2022-09-13)")
        parser.add_argument("--batch-size", type=int, default=16, help="texts parsed together by spaCy")
        parser.add_argument("--db-wait", type=int, default=120,
                            help="seconds to wait for the database when it goes away before giving up")

    def handle(self, *args, paths, publisher, published_at, batch_size, verbosity, db_wait, **options):
        self.verbosity = verbosity
        published = parse_published_at(published_at) if published_at else None
        files = _files(paths)
        results: dict[str, tuple[str, str]] = {}  # name -> (status, detail), kept across resumed passes
        while True:
            try:
                self._pass(files, results, publisher=publisher, published_at=published, batch_size=batch_size)
                break
            except (OperationalError, InterfaceError) as error:
                # The database went away: wait for it, then go on from what is stored (a pass is idempotent).
                left = [str(path) for path in files if not any(name.startswith(str(path)) and status != FAILED
                                                               for name, (status, _) in results.items())]
                self.stderr.write(f"database unavailable ({' '.join(str(error).split())[:200]}); "
                                  f"waiting up to {db_wait} s")
                if not _database_back(db_wait):
                    raise CommandError(
                        f"the database stayed unavailable for {db_wait} s; {len(left)} file(s) not finished: "
                        f"{', '.join(left[:20])}{' …' if len(left) > 20 else ''}. Run the same command again to "
                        "resume: stored articles that are queued, cut off or failed for a temporary reason "
                        "are extracted then.") from error
                articles_release_own()
        self._summarise([(name, status, detail) for name, (status, detail) in results.items()])

    def _pass(self, files: list[Path], results: dict, *, publisher, published_at, batch_size) -> None:
        to_extract = []
        for path in tqdm(files, desc="storing", unit="file", file=sys.stderr, disable=self.verbosity == 0):
            for name, status, detail in self._store(path, publisher=publisher, published_at=published_at,
                                                    to_extract=to_extract):
                if results.get(name, ("",))[0] != INGESTED:  # done in an earlier pass: a duplicate now
                    results[name] = (status, detail)
        names = {article.pk: name for name, article in to_extract}
        articles = [article for _, article in to_extract]
        with tqdm(total=len(articles), desc="extracting", unit="article", file=sys.stderr,
                  disable=self.verbosity == 0) as progress:
            for article in articles_extract(articles=articles, batch_size=batch_size):
                status = INGESTED if article.status == IngestStatus.DONE else FAILED
                detail = (f"article {article.pk}, {article.claims.count()} claim(s)" if status == INGESTED
                          else article.error)
                results[names[article.pk]] = (status, detail)
                progress.update()

    def _store(self, path: Path, *, publisher, published_at, to_extract: list) -> list[tuple[str, str, str]]:
        try:
            refusal = size_refusal(path.name, path.stat().st_size)  # before reading it into memory
            if refusal:
                return [(str(path), FAILED, refusal)]
            content = path.read_bytes()
        except OSError as error:
            return [(str(path), FAILED, error.strerror or str(error))]
        try:
            stored = upload_store(content=content, filename=str(path), publisher=publisher,
                                  published_at=published_at)
        except ValidationError as error:
            return [(str(path), FAILED, " ".join(error.messages))]
        results = []
        queued = {article.pk for _, article in to_extract}
        for document in stored:
            article = document.article
            if article is None:  # a document of a zip refused before storing (over the size limit)
                results.append((document.name, FAILED, document.refusal))
            elif not document.created and article.pk in queued:  # the same text twice in this run
                results.append((document.name, DUPLICATE, duplicate_message(article)))
            elif not document.created and article_resumable(article):
                to_extract.append((document.name, article))  # stored by an earlier run that did not finish it
            elif not document.created:
                results.append((document.name, DUPLICATE, duplicate_message(article)))
            elif article.status == IngestStatus.FAILED:
                results.append((document.name, FAILED, article.error))
            else:
                to_extract.append((document.name, article))
        return results

    def _summarise(self, results: list[tuple[str, str, str]]) -> None:
        counts = Counter(status for _, status, _ in results)
        for name, status, detail in results:
            if status != INGESTED or self.verbosity > 1:
                self.stdout.write(f"{status}: {name}: {detail}")
        self.stdout.write(
            f"{counts[INGESTED]} ingested, {counts[DUPLICATE]} duplicate(s), {counts[FAILED]} failed "
            f"({len(results)} document(s))"
        )
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} document(s) failed; see the reasons above")


def _database_back(seconds: int) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        connections.close_all()
        try:
            connection.ensure_connection()
            return True
        except (OperationalError, InterfaceError):
            if time.monotonic() >= deadline:
                return False
            time.sleep(2)


def _files(paths: list[str]) -> list[Path]:
    """The files named, with folders expanded (sorted, hidden files and folders left out)."""
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(
                child for child in path.rglob("*")
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts)
            ))
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder")
    if not files:
        raise CommandError("no files to ingest")
    return files
