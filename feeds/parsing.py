"""Reading a fetched feed into its items: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed 1.x, sitemaps
(and sitemap indexes, whose sitemaps `feeds.sitemaps` follows).

No Django here. Every refusal is a `FeedParseError` whose message says what was wrong with the feed.
"""
from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree

MAX_ITEMS = 500  # per poll; a feed listing more is read from its newest items


class FeedParseError(ValueError):
    """The feed's content could not be read as its kind of feed."""


@dataclass(frozen=True)
class FeedItem:
    """One item a feed lists: its id (stable across polls), its page and what the feed says about it."""

    entry_id: str
    url: str = ""
    title: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's items, and a warning when the feed was ill-formed but its items could still be read."""

    items: list[FeedItem]
    warning: str = ""
    # A sitemap index lists sitemaps, not pages: their addresses (absolute), for the poller to read in turn.
    sitemaps: tuple[str, ...] = ()


def parse_feed(content: bytes, kind: str, *, base_url: str = "", content_type: str = "") -> ParsedFeed:
    """The items of a feed of `kind` (rss, atom, json_feed, sitemap)."""
    if not content.strip():
        raise FeedParseError("the feed is empty")
    if kind == "json_feed":
        return ParsedFeed(_json_feed(content))
    if kind == "sitemap":
        return _sitemap(content, base_url)
    return _syndication(content, base_url, content_type)


# Flaws feedparser reports that say nothing about the feed's own markup (a server's Content-Type, a charset).
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _syndication(content: bytes, base_url: str, content_type: str) -> ParsedFeed:
    headers = {name: value for name, value in (("content-location", base_url), ("content-type", content_type))
               if value}
    parsed = feedparser.parse(content, response_headers=headers or None)
    flaw = parsed.get("bozo_exception") if parsed.bozo else None
    reason = "" if flaw is None or isinstance(flaw, _HARMLESS) else " ".join(str(flaw).split())
    # feedparser reads what it can of an ill-formed feed (bozo); only a feed it could not read at all is refused.
    if not parsed.entries and (reason or not parsed.version):
        raise FeedParseError(f"not a readable RSS or Atom feed ({reason or 'no feed elements'})")
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        url = (entry.get("link") or "").strip()
        entry_id = (entry.get("id") or url or entry.get("title") or "").strip()
        if not entry_id:
            continue
        items.append(FeedItem(
            entry_id=entry_id[:1000], url=url[:1000], title=" ".join((entry.get("title") or "").split())[:500],
            published_at=_struct_time(entry.get("published_parsed") or dict.get(entry, "updated_parsed")),
            # dict.get: FeedParserDict would answer a missing `updated` with `published` (and warn).
            updated_at=_struct_time(dict.get(entry, "updated_parsed")),
        ))
    warning = f"the feed is ill-formed ({reason}); {len(items)} entries read anyway" if reason else ""
    return ParsedFeed(items, warning)


def _struct_time(value) -> datetime | None:
    # feedparser gives UTC struct_times.
    return datetime.fromtimestamp(calendar.timegm(value), UTC) if value else None


def _iso(value) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _json_feed(content: bytes) -> list[FeedItem]:
    """JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/)."""
    try:
        data = json.loads(content)
    except ValueError as error:
        raise FeedParseError(f"not valid JSON ({error})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedParseError("not a JSON Feed (no jsonfeed.org version)")
    items = []
    for item in (data.get("items") or [])[:MAX_ITEMS]:
        if not isinstance(item, dict):
            continue
        url = str(item.get("url") or item.get("external_url") or "").strip()
        entry_id = str(item.get("id") or url).strip()
        if not entry_id:
            continue
        items.append(FeedItem(
            entry_id=entry_id[:1000], url=url[:1000], title=" ".join(str(item.get("title") or "").split())[:500],
            published_at=_iso(item.get("date_published")), updated_at=_iso(item.get("date_modified")),
        ))
    return items


_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _sitemap(content: bytes, base_url: str) -> ParsedFeed:
    """A sitemap's <url>s (https://www.sitemaps.org/protocol.html), with Google News sitemap titles and dates;
    or, for a sitemap index, the addresses of the sitemaps it lists."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise FeedParseError(f"not a readable sitemap ({error})") from None
    if root.tag == f"{_SITEMAP}sitemapindex":
        locations = (urljoin(base_url, (node.findtext(f"{_SITEMAP}loc") or "").strip())
                     for node in root.iter(f"{_SITEMAP}sitemap"))
        sitemaps = tuple(dict.fromkeys(location[:1000] for location in locations if location))
        if not sitemaps:
            raise FeedParseError("the sitemap index lists no sitemaps")
        return ParsedFeed([], sitemaps=sitemaps)
    if root.tag != f"{_SITEMAP}urlset":
        raise FeedParseError("not a sitemap (no <urlset>)")
    items = []
    for node in root.iter(f"{_SITEMAP}url"):
        url = (node.findtext(f"{_SITEMAP}loc") or "").strip()
        if not url:
            continue
        lastmod = _iso(node.findtext(f"{_SITEMAP}lastmod"))
        news_date = _iso(node.findtext(f"{_NEWS}news/{_NEWS}publication_date"))
        title = " ".join((node.findtext(f"{_NEWS}news/{_NEWS}title") or "").split())
        items.append(FeedItem(entry_id=url[:1000], url=url[:1000], title=title[:500],
                              published_at=news_date or lastmod, updated_at=lastmod))
    return ParsedFeed(items[-MAX_ITEMS:] if len(items) > MAX_ITEMS else items)
