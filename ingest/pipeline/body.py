"""Find an article's headline, its body and its photo captions, leaving out the site's chrome.

Works line by line on the raw text: share buttons, menus ("News / More"), mirror-address
lists, bare domains, app-store lines, bylines, date stamps, lines in another script than the
article's and short tags printed twice in a row are chrome, and so are the link lists under a
"You May Like" header; "In this file photo taken on …" and "(Photo by AFP)" lines are captions
(real text, but not news). The headline is the short line above the lead paragraph that shares
most words with it, and the short lines above the headline are the site's navigation. The cues
live in data/page_chrome.json.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ingest.extraction import Span

DATA_DIR = Path(__file__).parent / "data"
MAX_TITLE_WORDS = 30
MAX_CHROME_WORDS = 8
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.I)
_MENU_SPLIT = re.compile(r"\s+[/|•·>»]\s+")
_WORD = re.compile(r"[\w’'&-]+")
_SENTENCE_END = re.compile(r"[.!?:;\"”]$")
# a full stop that ends a sentence, not an abbreviation ("U.S. Central Command Update", "Gen. Votel")
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?]\s+[A-Z]")
# "By Harun Maruf", "by VOA News": a byline names the writer, it is not the story
_BYLINE = re.compile(r"^[Bb][Yy]:?\s+[A-Z][\w.'’-]*(?:\s+[\w.'’&,-]+){0,10}$")
# "Date Taken: … Photo ID: … Resolution: …": a line of labelled fields is a media file's record, not prose
_FIELD_LABEL = re.compile(r"(?:^|\s)[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,2}: ")
MIN_FIELD_LABELS = 4
_BULLET = re.compile(r"^[•·▪◦*–-]\s*")
# a tag printed twice in a row ("Afghanistan / Afghanistan", a dateline) is page furniture
MAX_TAG_WORDS = 4
MIN_UNRELATED_TITLE_WORDS = 3
# words too common to tell a headline from a menu line when compared with the lead
_COMMON = frozenset("the a an and or of in on at to for by with from as is are was were has have had be "
                    "its it this that after over says said say".split())


@dataclass(frozen=True)
class Body:
    """The parts of one article's text, as [start, end) character spans."""

    title: str | None
    title_span: Span | None
    body_spans: list[Span] = field(default_factory=list)
    caption_spans: list[Span] = field(default_factory=list)
    chrome_spans: list[Span] = field(default_factory=list)

    @functools.cached_property
    def content_spans(self) -> list[Span]:
        """Everything worth reading for names: title, body and captions, in text order."""
        spans = list(self.body_spans) + list(self.caption_spans)
        if self.title_span:
            spans.append(self.title_span)
        return sorted(spans)

    def is_content(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.content_spans)


@functools.cache
def _cues() -> dict:
    raw = json.loads((DATA_DIR / "page_chrome.json").read_text(encoding="utf-8"))
    return {
        "phrases": tuple(p.lower() for p in raw["chrome_phrases"]),
        "words": frozenset(w.lower() for w in raw["chrome_words"]),
        "caption_start": re.compile("^(?:" + "|".join(raw["caption_starts"]) + ")", re.I),
        "caption_mark": re.compile("(?:" + "|".join(raw["caption_marks"]) + ")", re.I),
        "line": re.compile("^(?:" + "|".join(raw["chrome_patterns"]) + ")", re.I),
        "list_headers": tuple(p.lower() for p in raw["list_headers"]),
    }


def _lines(text: str) -> list[Span]:
    """Non-blank lines as spans with surrounding whitespace trimmed."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + line.index(stripped)
            spans.append((start, start + len(stripped)))
    return spans


def _chrome_word_share(words: list[str]) -> float:
    cues = _cues()["words"]
    lowered = [w.lower() for w in words]
    hits = sum(1 for w in lowered if w in cues)
    hits += sum(1 for a, b in zip(lowered, lowered[1:], strict=False) if f"{a} {b}" in cues)
    return hits / len(words) if words else 1.0


def is_chrome(line: str) -> bool:
    """Whether one stripped line is site furniture rather than writing."""
    cues = _cues()
    line = _BULLET.sub("", line)
    words = _WORD.findall(line)
    lowered = line.lower()
    if len(_FIELD_LABEL.findall(line)) >= MIN_FIELD_LABELS:
        return True
    if not words or _DOMAIN.match(line) or cues["line"].match(line) or _BYLINE.match(line):
        return True
    if len(words) <= 30 and any(p in lowered for p in cues["phrases"]):
        return True
    if len(words) > MAX_CHROME_WORDS or _SENTENCE_END.search(line):
        return False
    parts = _MENU_SPLIT.split(line)
    if len(parts) > 1 and all(len(_WORD.findall(p)) <= 3 for p in parts):
        return True
    if len(words) <= 6 and not re.search(r"[a-z]", line):
        return True
    return _chrome_word_share(words) >= 0.5


def is_caption(line: str) -> bool:
    cues = _cues()
    return bool(cues["caption_start"].match(line) or cues["caption_mark"].search(line))


def _looks_like_title(line: str) -> bool:
    words = _WORD.findall(line)
    return 2 <= len(words) <= MAX_TITLE_WORDS and not _SENTENCE_BREAK.search(line)


def _is_paragraph(line: str) -> bool:
    words = _WORD.findall(line)
    return len(words) > MAX_TITLE_WORDS or bool(_SENTENCE_BREAK.search(line)) or (
        len(words) > MAX_CHROME_WORDS and bool(_SENTENCE_END.search(line)))


def _script(chars: str) -> str | None:
    """The writing system most letters of `chars` are in ("LATIN", "TIBETAN"), from their Unicode names."""
    scripts = Counter(
        "LATIN" if ch.isascii() else unicodedata.name(ch, "?").split(" ")[0] for ch in chars if ch.isalpha()
    )
    return scripts.most_common(1)[0][0] if scripts else None


def _content_words(line: str) -> set[str]:
    words = (w.lower().removesuffix("'s").removesuffix("’s") for w in _WORD.findall(line))
    return {w for w in words if w not in _COMMON and len(w) > 2}


def _mark_furniture(text: str, lines: list[Span], kinds: list[str]) -> None:
    """Chrome that only its neighbours give away: foreign-script lines, doubled tags, link lists."""
    article_script = _script(re.sub(r"[^\w]", "", text[:20000]))
    previous = None
    in_link_list = False
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        lowered = line.lower()
        if kinds[i] == "chrome":
            in_link_list = in_link_list or any(header in lowered for header in _cues()["list_headers"])
            previous = line
            continue
        if in_link_list and not _SENTENCE_END.search(line) and len(_WORD.findall(line)) <= MAX_TITLE_WORDS:
            kinds[i] = "chrome"
        elif line == previous and len(_WORD.findall(line)) <= MAX_TAG_WORDS:
            kinds[i] = kinds[i - 1] = "chrome"
        elif not line.isascii() and _script(line) not in (None, article_script):
            kinds[i] = "chrome"
        else:
            in_link_list = False
        previous = line


def _headline(text: str, lines: list[Span], kinds: list[str]) -> int | None:
    """Index of the headline among the short lines above the lead paragraph: the one sharing most words with it."""
    candidates = []
    for i, (start, end) in enumerate(lines):
        if kinds[i] != "body":
            continue
        line = text[start:end]
        if _is_paragraph(line):
            lead = _content_words(" ".join(text[s:e] for (s, e), kind in zip(lines[i:i + 3], kinds[i:i + 3],
                                                                              strict=False) if kind == "body"))
            break
        if _looks_like_title(line):
            candidates.append(i)
    else:
        lead = set()
    if not candidates:
        return None
    best = max(candidates, key=lambda i: (len(_content_words(text[slice(*lines[i])]) & lead), -i))
    line = text[slice(*lines[best])]
    if not _content_words(line) & lead and len(_WORD.findall(line)) < MIN_UNRELATED_TITLE_WORDS:
        return None  # "Moe Zaw" over the lead: a byline name, not a headline that shares nothing with the story
    return best


def find_body(text: str) -> Body:
    """Split the text into headline, body, captions and chrome."""
    lines = _lines(text)
    kinds = []
    for start, end in lines:
        line = text[start:end]
        kinds.append("chrome" if is_chrome(line) else "caption" if is_caption(line) else "body")
    _mark_furniture(text, lines, kinds)
    # Past the article's end, short lines between pieces of chrome are chrome too (app names, brand lines).
    seen_chrome = False
    for i, (start, end) in enumerate(lines):
        if kinds[i] == "chrome":
            seen_chrome = seen_chrome or i > len(lines) // 2
        elif seen_chrome and kinds[i] == "body":
            line = text[start:end]
            if len(_WORD.findall(line)) <= MAX_CHROME_WORDS and not _SENTENCE_END.search(line):
                kinds[i] = "chrome"
    title = title_span = None
    headline = _headline(text, lines, kinds)
    if headline is not None:
        title_span = lines[headline]
        title = text[slice(*title_span)]
        kinds[headline] = "title"
        # Above the headline, short lines are the site's navigation (section names, "Breaking News").
        for i in range(headline):
            if kinds[i] == "body" and len(_WORD.findall(text[slice(*lines[i])])) <= MAX_CHROME_WORDS:
                kinds[i] = "chrome"
    return Body(
        title=title,
        title_span=title_span,
        body_spans=[span for span, kind in zip(lines, kinds, strict=True) if kind == "body"],
        caption_spans=[span for span, kind in zip(lines, kinds, strict=True) if kind == "caption"],
        chrome_spans=[span for span, kind in zip(lines, kinds, strict=True) if kind == "chrome"],
    )
