"""Canonical URLs: one spelling per page, so the same article reached through two links is stored once."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived (campaign and click tracking), never which page it is.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING = {"fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_medium", "at_campaign", "ref",
             "rss", "feed", "from"}


def canonical_url(url: str, *, base: str = "") -> str:
    """`url` (made absolute against `base`) with its host lower-cased, fragment and tracking parameters dropped."""
    url = urljoin(base, (url or "").strip()) if base else (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
             if key.lower() not in _TRACKING and not key.lower().startswith(_TRACKING_PREFIXES)]
    netloc = parts.netloc.lower()
    for default in (":80",) if parts.scheme == "http" else (":443",):
        netloc = netloc.removesuffix(default)
    return urlunsplit((parts.scheme, netloc, parts.path or "/", urlencode(query), ""))[:1000]
