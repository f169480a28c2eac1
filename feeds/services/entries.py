"""One feed entry into one article: fetch its page (or read its file), read it with the upload readers,
deduplicate, store first; extraction comes after, for all of a poll's new articles at once.

Deduplication, in order: the same entry id in the same feed is one row (`FeedEntry`); a page whose
canonical URL is an article's URL, or whose main text hashes like another entry's, is that article;
the same bytes are the same article (`article_store`'s sha256). A page that changed since it was
stored (the entry was updated) replaces the article's text and is extracted again, the earlier
revision listed on the entry.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from feeds.choices import EntryState, FeedKind
from feeds.fetching import Fetcher, FetchError
from feeds.folders import FolderError, folder_file
from feeds.models import Feed, FeedEntry
from feeds.urls_canonical import canonical_url
from incidents.choices import IngestStatus
from incidents.models import Article
from ingest.readers import ReadDocument, ReadError, read_document
from ingest.services import article_store

_SUFFIX_OF_TYPE = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
                   "text/plain": ".txt"}


@dataclass
class EntryTimings:
    """Seconds spent in each step of a poll, for the benchmark's shares."""

    fetching: float = 0.0
    reading: float = 0.0
    extracting: float = 0.0
    writing: float = 0.0
    entries: int = 0

    def add(self, step: str, started: float) -> None:
        setattr(self, step, getattr(self, step) + time.perf_counter() - started)


@dataclass
class EntryOutcome:
    """What one attempt at an entry did: the article to extract (and whether again, after an update)."""

    entry: FeedEntry
    article: Article | None = None
    reextract: bool = False
    notes: list[str] = field(default_factory=list)


def entry_ingest(*, entry: FeedEntry, fetcher: Fetcher | None, timings: EntryTimings | None = None) -> EntryOutcome:
    """Fetch, read and store one entry's page; a failure is kept on the entry, with a retry scheduled."""
    timings = timings or EntryTimings()
    feed = entry.feed
    entry.attempts += 1
    entry.fetched_at = timezone.now()
    try:
        started = time.perf_counter()
        content, filename, final_url = _content(feed, entry, fetcher)
        timings.add("fetching", started)
        started = time.perf_counter()
        document = read_document(content, filename, max_bytes=settings.KB_FEED_MAX_BYTES)
        timings.add("reading", started)
    except (FetchError, FolderError, ReadError) as error:
        return _failed(entry, str(error))
    except Exception as error:  # noqa: BLE001 - a reader's crash on a hostile page must not stop the poll
        return _failed(entry, f"the reader failed ({type(error).__name__}: {' '.join(str(error).split())})")
    started = time.perf_counter()
    try:
        outcome = _store(feed, entry, content, filename, final_url, document)
    except ValidationError as error:
        return _failed(entry, " ".join(error.messages))
    timings.add("writing", started)
    timings.entries += 1
    return outcome


def _content(feed: Feed, entry: FeedEntry, fetcher: Fetcher | None) -> tuple[bytes, str, str]:
    if feed.kind == FeedKind.FOLDER:
        content = folder_file(settings.KB_FEED_FOLDER_ROOT, feed.path, entry.entry_id,
                              max_bytes=settings.KB_FEED_MAX_BYTES)
        return content, entry.entry_id, ""
    if not entry.url:
        raise FetchError("the entry gives no link to its page", transient=False)
    result = fetcher.get(entry.url)
    return result.content, _page_filename(result.url, result.content_type), result.url


def _page_filename(url: str, content_type: str) -> str:
    """A file name the readers understand: the page's last path segment with the suffix of its content type."""
    stem = PurePosixPath(urlsplit(url).path).stem or "page"
    mime = content_type.split(";")[0].strip().lower()
    return f"{stem[:200]}{_SUFFIX_OF_TYPE.get(mime, '')}"


def _text_hash(document: ReadDocument) -> str:
    return hashlib.sha256(" ".join(document.text.split()).encode()).hexdigest()


def _store(feed: Feed, entry: FeedEntry, content: bytes, filename: str, final_url: str,
           document: ReadDocument) -> EntryOutcome:
    canonical = (canonical_url(document.url or "", base=final_url) or canonical_url(final_url)
                 or canonical_url(entry.url))
    text_sha = _text_hash(document)
    entry.canonical_url = canonical
    if entry.article_id:
        return _revised(entry, content, filename, document, text_sha)
    known = _known_article(entry, canonical, text_sha)
    if known:
        return _done(entry, known, EntryState.DUPLICATE, text_sha, note=f"already stored as article {known.pk}")
    document = replace(document, language=document.language or feed.language or None)
    # The entry's own date stands in when the page gives none.
    published_at = document.published_at or entry.published_at
    article, created = article_store(
        content=content, filename=filename, document=document, url=canonical,
        publisher=feed.publisher.name if feed.publisher_id else None, published_at=published_at,
    )
    if not created:
        return _done(entry, article, EntryState.DUPLICATE, text_sha, note=f"already stored as article {article.pk}")
    entry.revisions = [*entry.revisions, _revision(article)]
    return _done(entry, article, EntryState.STORED, text_sha, extract=True)


def _known_article(entry: FeedEntry, canonical: str, text_sha: str) -> Article | None:
    if canonical:
        by_url = Article.objects.filter(url=canonical).order_by("pk").first()
        if by_url:
            return by_url
    twin = (FeedEntry.objects.filter(text_sha256=text_sha, article__isnull=False).exclude(pk=entry.pk)
            .select_related("article").order_by("pk").first())
    return twin.article if twin else None


def _revised(entry: FeedEntry, content: bytes, filename: str, document: ReadDocument, text_sha: str) -> EntryOutcome:
    """An entry seen again after an update: the same text changes nothing; a new text replaces the article's."""
    article = entry.article
    if text_sha == entry.text_sha256 or entry.state == EntryState.DUPLICATE:
        return _done(entry, article, entry.state if entry.state != EntryState.FAILED else EntryState.STORED, text_sha)
    sha256 = hashlib.sha256(content).hexdigest()
    if Article.objects.filter(sha256=sha256).exclude(pk=article.pk).exists():
        return _done(entry, article, EntryState.STORED, text_sha, note="the updated page is another stored article")
    with transaction.atomic():
        article.sha256 = sha256
        article.text = document.text
        article.title = (document.title or article.title)[:500]
        article.content_type = document.content_type
        article.status, article.error = IngestStatus.QUEUED, ""
        # The earlier file stays in storage; the entry lists every revision's sha256.
        article.original.save(PurePosixPath(filename).name or "page", ContentFile(content), save=False)
        article.save()
    entry.revisions = [*entry.revisions, _revision(article)]
    return _done(entry, article, EntryState.STORED, text_sha, extract=True, reextract=True,
                 note=f"the page changed; article {article.pk} re-read (revision {len(entry.revisions)})")


def _revision(article: Article) -> dict:
    return {"stored_at": timezone.now().isoformat(), "sha256": article.sha256, "title": article.title}


def _done(entry: FeedEntry, article: Article, state: str, text_sha: str, *, extract: bool = False,
          reextract: bool = False, note: str = "") -> EntryOutcome:
    entry.article, entry.state, entry.text_sha256 = article, state, text_sha
    entry.error, entry.next_attempt_at = "", None
    entry.title = entry.title or article.title[:500]
    entry.save()
    return EntryOutcome(entry, article if extract else None, reextract, [note] if note else [])


def _failed(entry: FeedEntry, reason: str) -> EntryOutcome:
    limit = settings.KB_FEED_ENTRY_MAX_ATTEMPTS
    entry.error = reason[:2000]
    if entry.attempts >= limit:
        entry.state, entry.next_attempt_at = EntryState.GAVE_UP, None
        entry.error = f"{entry.error} (gave up after {entry.attempts} attempts)"
    else:
        entry.state = EntryState.FAILED
        # Exponential backoff in poll intervals, so a page down for an hour is not hammered every minute.
        delay = min(entry.feed.poll_interval * 2 ** (entry.attempts - 1), 24 * 3600)
        entry.next_attempt_at = timezone.now() + timedelta(seconds=delay)
    entry.save()
    return EntryOutcome(entry)
