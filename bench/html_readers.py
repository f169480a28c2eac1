"""Main-text extraction of news pages: the HTML reader's own rules against trafilatura, on the same pages.

    .venv/bin/python bench/html_readers.py PAGES.json

PAGES.json is a list of real news stories, each {"url", "title", "paragraphs": [the story's text],
"chrome": [text the page showed that is not the story: captions, bylines, "Leave a reply", cookie notes]}.
(Our run used 12 conflict-news pages from the search tool's stored pages; their text is not committed.)
Each story is laid out in three page templates that real sites use: semantic HTML5 (<article>, <nav>,
<aside>), a CSS-in-JS site whose classes are hashes (no <article>, no telling class names), and a
WordPress theme (entry-content, sharedaddy, jp-relatedposts, comments-area); every page also carries
site-wide chrome (menu, related stories, share bar, newsletter box, cookie banner, footer).

Scores, per page then averaged: word precision / recall / F1 of the extracted text against the story
(multisets of lower-cased words, the headline left out on both sides), and the share of chrome strings
that leaked into the text. Prints a row per extractor and each one's F1 as a ratio of the rules
reader's (the reader before trafilatura).
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections import Counter
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from ingest.readers.html import read_html, rules_text  # noqa: E402

MENU = ["Home", "World", "Politics", "Business", "Opinion", "Sport", "Video", "Live TV"]
SITE_CHROME = ["Subscribe to our newsletter for the day's top stories", "Share on Facebook", "Share on Twitter",
               "We use cookies to improve your experience. Accept all cookies",
               "Copyright 2024 The Daily Outlet. All rights reserved.", "Most read"]


def _h(*parts: str) -> str:
    return "css-" + hashlib.md5("".join(parts).encode()).hexdigest()[:7]


def _related(pages: list[dict], page: dict) -> list[str]:
    return [other["title"] for other in pages if other is not page][:4]


def semantic(page: dict, related: list[str]) -> str:
    chrome = "".join(f"<p class='byline'>{escape(line)}</p>" for line in page["chrome"])
    body = "".join(f"<p>{escape(text)}</p>" for text in page["paragraphs"])
    return (f"<html lang='en'><head><title>{escape(page['title'])} | The Daily Outlet</title></head><body>"
            f"<header><nav>{''.join(f'<a href=/{m}>{m}</a>' for m in MENU)}</nav></header>"
            f"<div class='cookie-banner'>{SITE_CHROME[3]}</div><main><article><h1>{escape(page['title'])}</h1>"
            f"{chrome}<div class='share'><a href=#>{SITE_CHROME[1]}</a><a href=#>{SITE_CHROME[2]}</a></div>{body}"
            f"<div class='newsletter'>{SITE_CHROME[0]}</div></article>"
            f"<aside><h2>{SITE_CHROME[5]}</h2><ul>{''.join(f'<li><a href=#>{escape(t)}</a></li>' for t in related)}"
            f"</ul></aside></main><footer>{SITE_CHROME[4]}</footer></body></html>")


def hashed(page: dict, related: list[str]) -> str:
    title = escape(page["title"])
    menu = "".join(f"<a class='{_h(m)}' href='/{m}'>{m}</a>" for m in MENU)
    chrome = "".join(f"<div class='{_h(line)}'>{escape(line)}</div>" for line in page["chrome"])
    body = "".join(f"<div class='{_h('p')}'><p class='{_h('t')}'>{escape(text)}</p></div>"
                   for text in page["paragraphs"])
    related_html = "".join(f"<div class='{_h('r', t)}'><a href='#'><span>{escape(t)}</span></a></div>"
                           for t in related)
    return (f"<html><head><title>{title}</title></head><body><div id='__next'><div class='{_h('top')}'>{menu}</div>"
            f"<div class='{_h('c')}'>{SITE_CHROME[3]}<button>OK</button></div>"
            f"<div class='{_h('page')}'><h1 class='{_h('h')}'>{title}</h1>{chrome}"
            f"<div class='{_h('s')}'><a href='#'>{SITE_CHROME[1]}</a> <a href='#'>{SITE_CHROME[2]}</a></div>"
            f"<div class='{_h('body')}'>{body}</div><div class='{_h('n')}'>{SITE_CHROME[0]}</div>"
            f"<div class='{_h('rel')}'><div>{SITE_CHROME[5]}</div>{related_html}</div></div>"
            f"<div class='{_h('f')}'>{SITE_CHROME[4]}</div></div></body></html>")


def wordpress(page: dict, related: list[str]) -> str:
    title = escape(page["title"])
    chrome = "".join(f"<p class='wp-caption-text'>{escape(line)}</p>" for line in page["chrome"])
    body = "".join(f"<p>{escape(text)}</p>" for text in page["paragraphs"])
    menu = "".join(f"<li><a href=#>{m}</a></li>" for m in MENU)
    share = f"<a href=#>{SITE_CHROME[1]}</a><a href=#>{SITE_CHROME[2]}</a>"
    posts = "".join(f"<div class=jp-relatedposts-post><a href=#>{escape(t)}</a></div>" for t in related)
    return (f"<html><head><title>{title} – The Daily Outlet</title></head><body class='single-post'>"
            f"<div id='page'><div id='masthead'><ul id='primary-menu'>{menu}</ul></div>"
            f"<div id='content'><div class='entry-header'><h1 class='entry-title'>{title}</h1></div>"
            f"<div class='entry-content'>{chrome}{body}<div class='sharedaddy sd-sharing-enabled'>{share}</div>"
            f"<div id='jp-relatedposts'><h3>{SITE_CHROME[5]}</h3>{posts}</div></div>"
            f"<div id='comments' class='comments-area'><h3>Leave a Reply</h3><p>{SITE_CHROME[0]}</p></div></div>"
            f"<div id='cookie-law-info-bar'>{SITE_CHROME[3]}</div><div class='site-info'>{SITE_CHROME[4]}</div>"
            f"</div></body></html>")


LAYOUTS = {"semantic": semantic, "hashed classes": hashed, "wordpress": wordpress}


def rules_reader(html: str) -> str:
    """The reader before trafilatura: its own chrome rules (now its fallback)."""
    return rules_text(BeautifulSoup(html.encode(), "lxml"))


def project_reader(html: str) -> str:
    """The reader as it is: trafilatura's main text, the rules when trafilatura finds none."""
    return read_html(html.encode())["text"]


def trafilatura_default(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, include_tables=True, deduplicate=False) or ""


def trafilatura_precision(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


def trafilatura_recall(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, favor_recall=True) or ""


EXTRACTORS = {"rules reader (bs4, before)": rules_reader, "project reader (now)": project_reader,
              "trafilatura": trafilatura_default,
              "trafilatura precision": trafilatura_precision, "trafilatura recall": trafilatura_recall}


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def score(text: str, page: dict, site_chrome: list[str]) -> tuple[float, float, float, float]:
    text = text.replace(page["title"], " ")
    gold, got = words(" ".join(page["paragraphs"])), words(text)
    overlap = sum((gold & got).values())
    precision = overlap / max(sum(got.values()), 1)
    recall = overlap / max(sum(gold.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    flat = " ".join(text.split())
    chrome = [line for line in page["chrome"] + site_chrome if line]
    leaked = sum(1 for line in chrome if " ".join(line.split()) in flat) / max(len(chrome), 1)
    return precision, recall, f1, leaked


def main(path: str) -> None:
    pages = json.loads(Path(path).read_text())
    results: dict[str, list] = {name: [] for name in EXTRACTORS}
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    for layout_name, layout in LAYOUTS.items():
        for page in pages:
            html = layout(page, _related(pages, page))
            for name, extract in EXTRACTORS.items():
                started = time.perf_counter()
                text = extract(html)
                seconds[name] += time.perf_counter() - started
                results[name].append((layout_name, score(text, page, SITE_CHROME + _related(pages, page))))
    baseline = None
    print(f"{len(pages)} stories x {len(LAYOUTS)} layouts = {len(pages) * len(LAYOUTS)} pages")
    print(f"{'extractor':26} {'layout':15} {'precision':>9} {'recall':>7} {'F1':>6} {'chrome leaked':>13}")
    for name, rows in results.items():
        for layout_name in [*LAYOUTS, "all"]:
            chosen = [r for lay, r in rows if layout_name in ("all", lay)]
            p, r, f, leaked = (sum(values) / len(chosen) for values in zip(*chosen, strict=True))
            print(f"{name:26} {layout_name:15} {p:9.3f} {r:7.3f} {f:6.3f} {leaked:13.1%}")
        overall = sum(r[2] for _, r in rows) / len(rows)
        baseline = baseline or overall
        print(f"{name:26} F1 ratio to the rules reader: {overall / baseline:.2f}; "
              f"{seconds[name] / len(rows) * 1000:.1f} ms per page\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "pages.json")
