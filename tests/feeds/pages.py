"""Feeds and pages written for the tests: an RSS and an Atom feed, and news pages built on real sample articles."""
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
ARMENIAN = DATA / "cross" / "armenian-mod-goris-shelling.txt"
AZERBAIJANI = DATA / "cross" / "azerbaijani-mod-lachin-shelling.txt"


def news_page(text: str, *, title: str, canonical: str = "", published: str = "", chrome: str = "") -> str:
    """A web page holding `text` as its article, with a site's navigation and footer around it."""
    paragraphs = "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n") if part.strip())
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    return (f"<!doctype html><html lang='en'><head><title>{escape(title)}</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>{chrome}"
            f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
            "<footer>© Test Outlet. All rights reserved.</footer></body></html>")


def sample_text(path: Path) -> tuple[str, str]:
    """(title, body) of a sample article: its first line is the headline."""
    title, _, body = path.read_text().partition("\n")
    return title.strip(), body.strip()


def rss(items: list[dict], *, title: str = "Test Outlet") -> str:
    """An RSS 2.0 feed of items with link, guid, title and pubDate (RFC 822)."""
    rows = "".join(
        f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
        f"<guid>{escape(item.get('guid', item['link']))}</guid>"
        + (f"<pubDate>{item['date']}</pubDate>" if item.get("date") else "") + "</item>"
        for item in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>News</description>{rows}</channel></rss>")


def atom(entries: list[dict], *, title: str = "Test Ministry") -> str:
    """An Atom 1.0 feed of entries with id, link, title, published and updated (ISO 8601)."""
    rows = "".join(
        f"<entry><id>{escape(entry['id'])}</id><title>{escape(entry['title'])}</title>"
        f"<link href=\"{escape(entry['link'])}\"/><published>{entry['published']}</published>"
        f"<updated>{entry.get('updated', entry['published'])}</updated></entry>"
        for entry in entries
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:test:feed</id><updated>2022-09-13T10:00:00Z</updated>{rows}</feed>")
