"""Choices of the feeds app: kinds of source, outcomes of a poll, states of an entry."""
from django.db import models


class FeedKind(models.TextChoices):
    RSS = "rss", "RSS"
    ATOM = "atom", "Atom"
    JSON_FEED = "json_feed", "JSON Feed"
    SITEMAP = "sitemap", "Sitemap"
    FOLDER = "folder", "Watched folder"


class PollOutcome(models.TextChoices):
    NEVER = "never", "Not polled yet"
    OK = "ok", "OK"
    NOT_MODIFIED = "not_modified", "Not modified"
    FAILED = "failed", "Failing"


class EntryState(models.TextChoices):
    PENDING = "pending", "Waiting to be fetched"
    STORED = "stored", "Stored as an article"
    DUPLICATE = "duplicate", "Already known"
    FAILED = "failed", "Failed, will retry"
    GAVE_UP = "gave_up", "Failed, gave up"
