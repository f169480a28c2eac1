"""Writes of the feeds app: polling feeds (`polling`) and turning their entries into articles (`entries`)."""
from feeds.services.entries import EntryTimings, entry_ingest
from feeds.services.polling import feed_poll, feeds_poll_due

__all__ = ["EntryTimings", "entry_ingest", "feed_poll", "feeds_poll_due"]
