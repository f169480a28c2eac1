"""Polling feeds: which are due, one poll of one feed (its items into entries, new entries into articles),
and the record of every poll, so a failing feed shows as failing and its whole history stays visible.

Only one poller runs at a time (a PostgreSQL advisory lock), whether `manage.py watch` or Celery beat's
task calls it, so per-host politeness holds across processes too.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Q
from django.utils import timezone

from feeds.choices import EntryState, FeedKind, PollOutcome
from feeds.fetching import Fetcher, FetchError, FetchLimits
from feeds.folders import FolderError, folder_items
from feeds.models import Feed, FeedEntry, FeedPoll
from feeds.parsing import FeedItem, FeedParseError, parse_feed
from feeds.services.entries import EntryOutcome, EntryTimings, entry_ingest
from feeds.sitemaps import sitemap_index_items
from ingest.services import article_extract, article_extract_enqueue, articles_extract

logger = logging.getLogger(__name__)

_POLLER_LOCK_KEY = 0x6B62_6665  # "kbfe"
MAX_FAILURE_BACKOFF = 6 * 3600


@contextmanager
def _poller_lock() -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_POLLER_LOCK_KEY])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_POLLER_LOCK_KEY])


def feeds_due(*, now: datetime | None = None):
    """Enabled feeds whose next poll time has come (or that were never polled)."""
    now = now or timezone.now()
    return Feed.objects.filter(enabled=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))


def feeds_poll_due(*, now: datetime | None = None, timings: EntryTimings | None = None) -> list[FeedPoll]:
    """Poll every feed that is due, one after another; [] when another poller is already at work."""
    with _poller_lock() as held:
        if not held:
            logger.info("another poller holds the lock; skipping this round")
            return []
        with Fetcher(FetchLimits.from_settings()) as fetcher:
            return [_feed_poll_guarded(feed, fetcher, timings)
                    for feed in feeds_due(now=now).select_related("publisher")]


def _feed_poll_guarded(feed: Feed, fetcher: Fetcher, timings: EntryTimings | None) -> FeedPoll:
    """One feed's poll; a crash (a bug, a hostile feed) is that feed's failed poll, and the others are polled."""
    started_at = timezone.now()
    try:
        return feed_poll(feed=feed, fetcher=fetcher, timings=timings)
    except (OperationalError, InterfaceError):
        raise  # the database itself is in trouble: nothing could be recorded; the watcher's next round retries
    except Exception as error:  # noqa: BLE001 - shown on the feed as its failure, with the reason
        logger.exception("polling feed %s", feed.pk)
        # The items may not all be recorded: the next poll must fetch the feed in full, not get a 304.
        feed.etag, feed.last_modified = "", ""
        reason = " ".join(str(error).split())[:500]
        return _finish(feed, FeedPoll(feed=feed, started_at=started_at, outcome=PollOutcome.FAILED,
                                      error=f"the poller failed ({type(error).__name__}: {reason})"))


def feed_poll(*, feed: Feed, fetcher: Fetcher | None = None, timings: EntryTimings | None = None) -> FeedPoll:
    """Poll one feed now: read its items, record new and updated ones, ingest those due; returns the poll's record."""
    if fetcher is None:
        with Fetcher(FetchLimits.from_settings()) as own:
            return feed_poll(feed=feed, fetcher=own, timings=timings)
    timings = timings if timings is not None else EntryTimings()
    poll = FeedPoll(feed=feed, started_at=timezone.now(), outcome=PollOutcome.OK)
    try:
        started = time.perf_counter()
        items = _items(feed, fetcher, poll)
        timings.add("fetching", started)
    except (FetchError, FeedParseError, FolderError) as error:
        poll.error = str(error)
        poll.outcome = PollOutcome.FAILED
        poll.http_status = getattr(error, "status", None)
        return _finish(feed, poll)
    if items is None:
        poll.outcome = PollOutcome.NOT_MODIFIED
        items = []
    poll.entries_seen = len(items)
    _entries_record(feed, items)
    outcomes = [entry_ingest(entry=entry, fetcher=fetcher, timings=timings) for entry in _entries_due(feed)]
    poll.entries_new = sum(1 for outcome in outcomes if outcome.entry.state == EntryState.STORED
                           and outcome.article is not None and not outcome.reextract)
    poll.entries_failed = sum(1 for outcome in outcomes
                              if outcome.entry.state in (EntryState.FAILED, EntryState.GAVE_UP))
    started = time.perf_counter()
    _extract(outcomes)
    timings.add("extracting", started)
    return _finish(feed, poll)


def _items(feed: Feed, fetcher: Fetcher, poll: FeedPoll) -> list[FeedItem] | None:
    """The feed's items, or None when the server says nothing changed since the last poll (304)."""
    if feed.kind == FeedKind.FOLDER:
        return folder_items(settings.KB_FEED_FOLDER_ROOT, feed.path)
    result = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
    poll.http_status = result.status
    if result.not_modified:
        return None
    parsed = parse_feed(result.content, feed.kind, base_url=result.url, content_type=result.content_type)
    if parsed.sitemaps:
        parsed = sitemap_index_items(parsed, url=result.url, fetcher=fetcher)
        # An index stays the same while its sitemaps change: it is fetched in full every time, never a 304.
        feed.etag, feed.last_modified = "", ""
    else:
        # Kept only once the feed was read: a broken response must not make the next poll a 304.
        feed.etag, feed.last_modified = result.etag[:500], result.last_modified[:100]
    poll.error = parsed.warning
    return parsed.items


def _entries_record(feed: Feed, items: list[FeedItem]) -> None:
    """A row for each new item; a known item the feed says was updated is fetched again."""
    known = {entry.entry_id: entry for entry in feed.entries.filter(entry_id__in=[item.entry_id for item in items])}
    new = []
    for item in items:
        entry = known.get(item.entry_id)
        if entry is None:
            new.append(FeedEntry(feed=feed, entry_id=item.entry_id, url=item.url, title=item.title,
                                 published_at=item.published_at, entry_updated_at=item.updated_at))
            known[item.entry_id] = new[-1]
        elif item.updated_at and (entry.entry_updated_at is None or item.updated_at > entry.entry_updated_at):
            entry.entry_updated_at, entry.url = item.updated_at, item.url or entry.url
            entry.title = item.title or entry.title
            if entry.state != EntryState.GAVE_UP:
                entry.state, entry.next_attempt_at = EntryState.PENDING, None
                entry.attempts = 0
            entry.save()
    FeedEntry.objects.bulk_create(new, ignore_conflicts=True)


def _entries_due(feed: Feed):
    now = timezone.now()
    retry_due = Q(state=EntryState.FAILED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    return (feed.entries.filter(Q(state=EntryState.PENDING) | retry_due)
            .select_related("feed__publisher", "article").order_by("published_at", "pk"))


def _extract(outcomes: list[EntryOutcome]) -> None:
    """Extract the poll's new articles after storing them all: in batches in-process, or queued for workers."""
    new = [outcome.article for outcome in outcomes if outcome.article is not None and not outcome.reextract]
    revised = [outcome.article for outcome in outcomes if outcome.article is not None and outcome.reextract]
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        for article in new + revised:
            article_extract_enqueue(article=article, force=article in revised)
        return
    for _ in articles_extract(articles=new):
        pass
    for article in revised:
        article_extract(article_id=article.pk, force=True)


def _finish(feed: Feed, poll: FeedPoll) -> FeedPoll:
    now = timezone.now()
    poll.finished_at = now
    poll.save()
    feed.last_polled_at, feed.last_outcome, feed.last_error = now, poll.outcome, poll.error
    feed.last_entries_seen, feed.last_entries_new = poll.entries_seen, poll.entries_new
    feed.last_entries_failed = poll.entries_failed
    if poll.outcome == PollOutcome.FAILED:
        feed.consecutive_failures += 1
        # A failing feed is tried less often, up to every six hours, and never dropped.
        delay = min(feed.poll_interval * 2 ** (feed.consecutive_failures - 1), MAX_FAILURE_BACKOFF)
        delay = max(delay, feed.poll_interval)
    else:
        feed.consecutive_failures = 0
        delay = feed.poll_interval
    feed.next_poll_at = now + timedelta(seconds=delay)
    feed.save(update_fields=["last_polled_at", "last_outcome", "last_error", "last_entries_seen", "last_entries_new",
                             "last_entries_failed", "consecutive_failures", "next_poll_at", "etag", "last_modified",
                             "updated_at"])
    return poll
