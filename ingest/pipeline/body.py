"""Find an article's headline, its body and its photo captions, leaving out the site's chrome.

Works line by line on the raw text: share buttons, menus ("News / More"), mirror-address
lists, bare domains and app-store lines are chrome; "In this file photo taken on …" and
"(Photo by AFP)" lines are captions (real text, but not news); the first remaining short line
is the headline. The cues live in data/page_chrome.json.
"""
from __future__ import annotations

import functools
import json
import re
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
    words = _WORD.findall(line)
    lowered = line.lower()
    if not words or _DOMAIN.match(line) or cues["line"].match(line):
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


def find_body(text: str) -> Body:
    """Split the text into headline, body, captions and chrome."""
    lines = _lines(text)
    kinds = []
    for start, end in lines:
        line = text[start:end]
        kinds.append("chrome" if is_chrome(line) else "caption" if is_caption(line) else "body")
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
    for i, (start, end) in enumerate(lines):
        if kinds[i] == "body":
            if _looks_like_title(text[start:end]):
                title, title_span = text[start:end], (start, end)
                kinds[i] = "title"
            break
    return Body(
        title=title,
        title_span=title_span,
        body_spans=[span for span, kind in zip(lines, kinds, strict=True) if kind == "body"],
        caption_spans=[span for span, kind in zip(lines, kinds, strict=True) if kind == "caption"],
        chrome_spans=[span for span, kind in zip(lines, kinds, strict=True) if kind == "chrome"],
    )
