"""Reads of the feeds app: the sources page's feeds and one feed's history."""
from django.db.models import Count, Q, QuerySet

from feeds.choices import EntryState
from feeds.models import Feed, FeedEntry, FeedPoll


def feed_list() -> QuerySet:
    """Every feed with its publisher and how many of its entries became articles, failed or wait."""
    return Feed.objects.select_related("publisher").annotate(
        articles_count=Count("entries", filter=Q(entries__state=EntryState.STORED)),
        failed_count=Count("entries", filter=Q(entries__state__in=[EntryState.FAILED, EntryState.GAVE_UP])),
        entries_count=Count("entries"),
    ).order_by("name")


def feed_entries(*, feed: Feed) -> QuerySet:
    """A feed's entries, newest first, with the article each made."""
    return FeedEntry.objects.filter(feed=feed).select_related("article").order_by("-first_seen_at", "-pk")


def feed_polls(*, feed: Feed) -> QuerySet:
    return FeedPoll.objects.filter(feed=feed).order_by("-started_at", "-pk")
