"""Feeds (a source polled for new articles) and feed entries (one item a feed listed, and what became of it)."""
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from feeds.choices import EntryState, FeedKind, PollOutcome


class Feed(models.Model):
    """One row is one source an outlet publishes new articles through: a feed URL, a sitemap or a folder."""

    name = models.CharField(max_length=200)
    publisher = models.ForeignKey(
        "incidents.Publisher", null=True, blank=True, on_delete=models.PROTECT, related_name="feeds",
        help_text="Articles from this feed are this publisher's (and carry its reliability grade)",
    )
    kind = models.CharField(max_length=16, choices=FeedKind.choices, default=FeedKind.RSS)
    url = models.URLField(max_length=1000, blank=True, help_text="The feed's or sitemap's address (http or https)")
    path = models.CharField(
        max_length=500, blank=True,
        help_text="For a watched folder: a folder inside KB_FEED_FOLDER_ROOT, relative to it",
    )
    language = models.CharField(max_length=16, blank=True, help_text="ISO 639-1 code, when pages do not say")
    poll_interval = models.PositiveIntegerField(
        default=900, validators=[MinValueValidator(30)], help_text="Seconds between polls (30 or more)",
    )
    enabled = models.BooleanField(default=True)
    # Conditional GET: what the server answered last time, sent back so an unchanged feed costs a 304.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    last_outcome = models.CharField(
        max_length=16, choices=PollOutcome.choices, default=PollOutcome.NEVER, editable=False,
    )
    last_error = models.TextField(blank=True, editable=False)
    last_entries_seen = models.PositiveIntegerField(default=0, editable=False)
    last_entries_new = models.PositiveIntegerField(default=0, editable=False)
    last_entries_failed = models.PositiveIntegerField(default=0, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind=FeedKind.FOLDER) & ~models.Q(path=""))
                | (~models.Q(kind=FeedKind.FOLDER) & ~models.Q(url="")),
                name="feed_has_its_address",
            ),
            models.CheckConstraint(condition=models.Q(poll_interval__gte=30), name="feed_poll_interval_min"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        # Said on the form, before the check constraint would refuse the row.
        if self.kind == FeedKind.FOLDER and not self.path:
            raise ValidationError({"path": "A watched folder needs its path."})
        if self.kind != FeedKind.FOLDER and not self.url:
            raise ValidationError({"url": "A feed or sitemap needs its URL."})

    @property
    def is_failing(self) -> bool:
        return self.last_outcome == PollOutcome.FAILED

    @property
    def address(self) -> str:
        return self.path if self.kind == FeedKind.FOLDER else self.url


class FeedEntry(models.Model):
    """One row is one item a feed listed (by its entry id), whether it became an article, and why not."""

    feed = models.ForeignKey(Feed, on_delete=models.PROTECT, related_name="entries")
    entry_id = models.CharField(max_length=1000, help_text="The feed's id of the item (guid, id, URL or file name)")
    url = models.CharField(max_length=1000, blank=True, help_text="Where the item's page was, as the feed gave it")
    canonical_url = models.CharField(max_length=1000, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, help_text="The entry's own date")
    entry_updated_at = models.DateTimeField(null=True, blank=True, help_text="The last update the feed gives")
    text_sha256 = models.CharField(max_length=64, blank=True, db_index=True, help_text="Of the page's main text")
    state = models.CharField(max_length=16, choices=EntryState.choices, default=EntryState.PENDING, db_index=True)
    error = models.TextField(blank=True, help_text="Why the last attempt failed, readable by a person")
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    article = models.ForeignKey(
        "incidents.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_entries",
    )
    revisions = models.JSONField(
        default=list, blank=True, help_text="Each time the page was stored: when, its sha256 and title",
    )
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first_seen_at", "-id"]
        verbose_name_plural = "feed entries"
        constraints = [models.UniqueConstraint(fields=["feed", "entry_id"], name="feed_entry_unique")]

    def __str__(self) -> str:
        return self.title or self.url or self.entry_id


class FeedPoll(models.Model):
    """One row is one poll of a feed: when, how it went, and how many entries it saw, added and failed."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="polls")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=PollOutcome.choices)
    error = models.TextField(blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    entries_seen = models.PositiveIntegerField(default=0)
    entries_new = models.PositiveIntegerField(default=0)
    entries_failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.feed} at {self.started_at:%Y-%m-%d %H:%M}: {self.get_outcome_display()}"

