"""Following a sitemap index (https://www.sitemaps.org/protocol.html#index) to the sitemaps it lists.

Outlets often publish one index pointing to a news sitemap and to monthly archives. The poller reads the
sitemaps an index lists, through the same `Fetcher` (so the same size cap, timeouts, private-address
refusal and per-host politeness apply to each), within bounds: indexes nested at most `MAX_DEPTH` deep,
at most `MAX_SITEMAPS` sitemaps read per poll. An index that leads back to itself is refused, with the
sitemap that closed the loop named; a listed sitemap that cannot be read is a warning, the others are read.

No Django here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from feeds.fetching import Fetcher, FetchError
from feeds.parsing import MAX_ITEMS, FeedItem, FeedParseError, ParsedFeed, parse_feed
from feeds.urls_canonical import canonical_url

MAX_DEPTH = 2  # the index, its sitemaps, and theirs: the protocol allows no nesting; some sites nest once
MAX_SITEMAPS = 50  # read per poll; the rest are named in the warning


@dataclass
class _Walk:
    fetcher: Fetcher
    items: dict[str, FeedItem] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0


def sitemap_index_items(index: ParsedFeed, *, url: str, fetcher: Fetcher) -> ParsedFeed:
    """The pages of every sitemap the index at `url` (already fetched and parsed as `index`) leads to."""
    walk = _Walk(fetcher, read={_key(url)})
    _follow(walk, index, url, ancestors=(_key(url),), depth=1)
    items = list(walk.items.values())
    if len(items) > MAX_ITEMS:  # the newest, as a single sitemap keeps its last items
        items = sorted(items, key=lambda item: item.published_at.timestamp() if item.published_at else 0)[-MAX_ITEMS:]
    if walk.skipped:
        walk.warnings.append(f"{walk.skipped} more sitemaps not read (at most {MAX_SITEMAPS} per poll)")
    return ParsedFeed(items, "; ".join(walk.warnings))


def _key(url: str) -> str:
    return canonical_url(url) or url


def _follow(walk: _Walk, index: ParsedFeed, url: str, *, ancestors: tuple[str, ...], depth: int) -> None:
    for child in index.sitemaps:
        key = _key(child)
        if key in ancestors:
            raise FeedParseError(f"the sitemap index loops: {url} lists {child}, which leads back to it")
        if key in walk.read:
            continue  # listed by two indexes: read once
        if len(walk.read) - 1 >= MAX_SITEMAPS:  # the index itself is in `read`
            walk.skipped += 1
            continue
        walk.read.add(key)
        try:
            result = walk.fetcher.get(child)
            parsed = parse_feed(result.content, "sitemap", base_url=result.url, content_type=result.content_type)
        except (FetchError, FeedParseError) as error:
            walk.warnings.append(f"the sitemap {child} could not be read ({error})")
            continue
        if parsed.sitemaps:
            if depth >= MAX_DEPTH:
                raise FeedParseError(f"sitemap indexes nested more than {MAX_DEPTH} deep ({url} lists the index "
                                     f"{child})")
            _follow(walk, parsed, child, ancestors=(*ancestors, key), depth=depth + 1)
        for item in parsed.items:
            walk.items.setdefault(item.entry_id, item)
