"""Reading a web page: the article's main text without the site's chrome, and the metadata the page declares.

The main text comes from trafilatura (`ingest.readers.main_text`); when it finds none, the rules here
apply: scripts are never run, and neither they nor styles, navigation, headers, footers, asides,
forms or share/cookie/newsletter blocks reach the text. JSON-LD is read as data before
scripts are dropped. Paragraphs are separated by a blank line, <br> by a newline.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

from ingest.readers.errors import ReadError
from ingest.readers.main_text import main_text
from ingest.readers.text import normalise

_DROPPED_TAGS = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "video", "audio",
    "nav", "aside", "form", "button", "input", "select", "textarea", "label", "dialog", "menu", "link", "meta",
]
_BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"}
# Class/id words that name a site's chrome rather than the article (matched as whole words of the attribute).
_BOILERPLATE_WORDS = {
    "share", "sharing", "social", "related", "recommended", "newsletter", "subscribe", "subscription", "cookie",
    "cookies", "consent", "advert", "advertisement", "ad", "ads", "promo", "sponsored", "breadcrumb", "breadcrumbs",
    "comments", "comment", "menu", "navbar", "sidebar", "popup", "modal", "paywall", "toolbar", "skip",
}
_BLOCK_TAGS = {
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "footer", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul", "caption", "body",
}
_PUBLISHED_META = [
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.issued"),
    ("name", "dc.date"),
    ("name", "date"),
]


def read_html(content: bytes) -> dict:
    """The ReadDocument fields of an HTML page (text, title, published_at, site_name, url, language, encoding)."""
    soup = BeautifulSoup(content, "lxml")
    if soup.find() is None:
        raise ReadError("the file is not readable HTML")
    linked_data = list(_json_ld(soup))
    site_name = _meta(soup, ("property", "og:site_name")) or _ld_publisher(linked_data)
    title = _title(soup, site_name)
    published_at = _published_at(soup, linked_data)
    url = _meta(soup, ("property", "og:url")) or _canonical(soup)
    language = _language(soup)
    # The main text is trafilatura's (ingest.readers.main_text says why); the rules below are its fallback.
    text = main_text(soup.decode())
    if text is None:
        text = rules_text(soup)
    if title and title not in text[: len(title) + 500]:
        text = f"{title}\n\n{text}" if text else title
    return {
        "text": text,
        "title": title,
        "published_at": published_at,
        "site_name": site_name,
        "url": url,
        "language": language,
        "encoding": soup.original_encoding,
    }


def rules_text(soup: BeautifulSoup) -> str:
    """The main text by the reader's own chrome rules (trafilatura's fallback; `bench/html_readers.py` compares)."""
    _drop_chrome(soup)
    return _text(_main_container(soup))


def _meta(soup: BeautifulSoup, attribute: tuple[str, str]) -> str | None:
    name, value = attribute
    tag = soup.find("meta", attrs={name: re.compile(rf"^{re.escape(value)}$", re.I)})
    content = tag.get("content") if tag else None
    return _clean(content) if content else None


def _clean(value: str) -> str | None:
    return " ".join(value.split()) or None


def _title(soup: BeautifulSoup, site_name: str | None) -> str | None:
    title = _meta(soup, ("property", "og:title")) or _meta(soup, ("name", "twitter:title"))
    if not title and soup.title and soup.title.string:
        title = _strip_site_suffix(_clean(soup.title.string), site_name)
    if not title and soup.h1:
        title = _clean(soup.h1.get_text(" "))
    return title


def _strip_site_suffix(title: str | None, site_name: str | None) -> str | None:
    if title and site_name:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            suffix = f"{separator}{site_name}"
            if title.lower().endswith(suffix.lower()):
                return title[: -len(suffix)].strip() or title
    return title


def _json_ld(soup: BeautifulSoup) -> Iterator[dict]:
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        yield from _ld_objects(data)


def _ld_objects(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph", []))


def _ld_publisher(objects: list[dict]) -> str | None:
    for item in objects:
        publisher = item.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return _clean(publisher["name"])
    return None


def _published_at(soup: BeautifulSoup, linked_data: list[dict]) -> date | None:
    candidates = [_meta(soup, attribute) for attribute in _PUBLISHED_META]
    candidates += [item.get("datePublished") for item in linked_data]
    times = soup.find_all("time", attrs={"datetime": True})
    times.sort(key=lambda tag: not (tag.has_attr("pubdate") or tag.get("itemprop") == "datePublished"))
    candidates += [tag["datetime"] for tag in times]
    for candidate in candidates:
        parsed = parse_date(candidate) if isinstance(candidate, str) else None
        if parsed:
            return parsed
    return None


def parse_date(value: str) -> date | None:
    """The calendar day of an ISO 8601 date or datetime, as the publisher wrote it (no time-zone shift)."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                return None
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    tag = soup.find("link", rel="canonical", href=True)
    return tag["href"].strip() if tag else None


def _language(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    code = html.get("lang") if html else None
    code = code or _meta(soup, ("http-equiv", "content-language")) or _meta(soup, ("property", "og:locale"))
    if not code:
        return None
    return re.split(r"[-_]", code.strip())[0].lower() or None


def _drop_chrome(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        tag.decompose()


def _is_chrome(tag: Tag) -> bool:
    if tag.name in {"html", "body", "main", "article"} or tag.attrs is None:
        return False
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", tag.get("style", ""), re.I):
        return True
    if (tag.get("role") or "").lower() in _BOILERPLATE_ROLES:
        return True
    if tag.name in {"header", "footer"} and not tag.find(["h1", "h2"]):
        return True
    words = set(re.split(r"[^a-z]+", " ".join([*tag.get("class", []), tag.get("id", "")]).lower()))
    # A wrapper that holds the article itself is never chrome, whatever its class says.
    return bool(words & _BOILERPLATE_WORDS) and tag.find(["article", "main", "h1"]) is None


def _main_container(soup: BeautifulSoup) -> Tag:
    """The element holding the article: the longest <article> or articleBody, else <main>, else the body."""
    articles = soup.find_all("article") + soup.find_all(attrs={"itemprop": "articleBody"})
    if articles:
        return max(articles, key=lambda tag: len(tag.get_text(" ", strip=True)))
    return soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup


def _text(container: Tag) -> str:
    parts: list[str] = []
    _collect(container, parts)
    text = normalise("".join(parts))
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return re.sub(r" {2,}", " ", text).strip()


def _collect(node: Tag, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(str(child) if node.name == "pre" else re.sub(r"\s+", " ", str(child)))
        elif isinstance(child, Tag):
            if child.name == "br":
                parts.append("\n")
            elif child.name in _BLOCK_TAGS:
                parts.append("\n\n")
                _collect(child, parts)
                parts.append("\n\n")
            else:
                if child.name in {"td", "th"}:
                    parts.append(" ")
                _collect(child, parts)
