"""An article's text as HTML with every extracted mention highlighted, built by escaping each segment.

The text is cut at every span boundary (claims, actors, places, dates, body spans) into segments;
each segment is escaped on its own and wrapped in the marks that cover it. Claims are the outer
layer (one <mark> per segment, plus an empty anchor `#claim-<id>` where a claim starts); inside,
the longest actor, place or date mention covering the segment becomes a link or a popover button.
Nothing of the article is ever rendered raw.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

ENTITY_KINDS = ("actor", "location", "date")


@dataclass(frozen=True)
class Mark:
    """One highlight over [start, end): what it is, where clicking it leads, and its tooltip."""

    start: int
    end: int
    kind: str
    label: str
    href: str = ""
    popover_id: str = ""
    claim_id: int | None = None


@dataclass
class Segment:
    start: int
    end: int
    text: str
    chrome: bool
    claims: list[Mark] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)
    entity: Mark | None = None


@dataclass(frozen=True)
class HighlightedText:
    html: SafeString
    skipped: int
    """How many marks were not shown because their span lies outside the text."""


def _valid(mark: Mark, length: int) -> bool:
    return 0 <= mark.start < mark.end <= length


def _in_body(start: int, end: int, body_spans: list[tuple[int, int]]) -> bool:
    return any(body_start <= start and end <= body_end for body_start, body_end in body_spans)


def _entity_for(start: int, end: int, entities: list[Mark]) -> Mark | None:
    covering = [mark for mark in entities if mark.start <= start and end <= mark.end]
    if not covering:
        return None
    # The longest mention wins ("Azerbaijan's Defense Ministry" over "Azerbaijan"); then actor, place, date.
    return max(covering, key=lambda mark: (mark.end - mark.start, -ENTITY_KINDS.index(mark.kind)))


def segments(text: str, marks: list[Mark], body_spans: list[tuple[int, int]]) -> tuple[list[Segment], int]:
    """Cut `text` into segments, each knowing the claims and the entity mention covering it."""
    valid = [mark for mark in marks if _valid(mark, len(text))]
    body = [(int(start), int(end)) for start, end in body_spans or [] if 0 <= int(start) < int(end)]
    cuts = {0, len(text)}
    for mark in valid:
        cuts.update((mark.start, mark.end))
    for start, end in body:
        cuts.update((min(start, len(text)), min(end, len(text))))
    claims = [mark for mark in valid if mark.kind == "claim"]
    entities = [mark for mark in valid if mark.kind in ENTITY_KINDS]
    ordered = sorted(cuts)
    result = []
    for start, end in zip(ordered, ordered[1:], strict=False):
        result.append(Segment(
            start=start, end=end, text=text[start:end],
            chrome=bool(body) and not _in_body(start, end, body),
            claims=[mark for mark in claims if mark.start <= start and end <= mark.end],
            anchors=[mark.claim_id for mark in claims if mark.start == start],
            entity=_entity_for(start, end, entities),
        ))
    return result, len(marks) - len(valid)


def _entity_html(entity: Mark, text: str) -> SafeString:
    if entity.href:
        return format_html(
            '<a class="hl hl-{}" href="{}" title="{}" data-popover="{}">{}</a>',
            entity.kind, entity.href, entity.label, entity.popover_id, text,
        )
    return format_html(
        '<button type="button" class="hl hl-{}" title="{}" data-popover="{}">{}</button>',
        entity.kind, entity.label, entity.popover_id, text,
    )


def _segment_html(segment: Segment) -> SafeString:
    inner = _entity_html(segment.entity, segment.text) if segment.entity else format_html("{}", segment.text)
    if segment.claims:
        first = segment.claims[0]
        inner = format_html(
            '<mark class="hl-claim" data-claims="{}" data-popover="{}" tabindex="0" title="{}">{}</mark>',
            " ".join(str(mark.claim_id) for mark in segment.claims), first.popover_id, first.label, inner,
        )
    if segment.chrome:
        inner = format_html('<span class="chrome">{}</span>', inner)
    anchors = format_html_join("", '<span class="claim-anchor" id="claim-{}"></span>', ((i,) for i in segment.anchors))
    return format_html("{}{}", anchors, inner)


def highlight(text: str, marks: list[Mark], body_spans: list[tuple[int, int]]) -> HighlightedText:
    """The article text as safe HTML with its marks; every piece of the text is escaped."""
    parts, skipped = segments(text, marks, body_spans)
    return HighlightedText(html=mark_safe("".join(_segment_html(segment) for segment in parts)), skipped=skipped)


# A sentence ends at . ! or ? before a capital or an opening quote ("a.m. (2005 GMT)" does not end one).
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“A-Z])|\n")
CONTEXT_LIMIT = 300


@dataclass(frozen=True)
class QuoteInSentence:
    before: str
    quote: str
    after: str


def quote_in_sentence(text: str, start: int, end: int) -> QuoteInSentence:
    """The sentence(s) around [start, end), cut at sentence ends or line breaks, at most 300 characters each side."""
    start, end = max(0, start), min(len(text), end)
    window_start = max(0, start - CONTEXT_LIMIT)
    boundaries = [match.end() for match in _SENTENCE_END.finditer(text, window_start, start)]
    sentence_start = boundaries[-1] if boundaries else window_start
    if text[end - 1:end] in {".", "!", "?", "\n"}:
        sentence_end = end
    else:
        following = _SENTENCE_END.search(text, end, min(len(text), end + CONTEXT_LIMIT))
        sentence_end = following.end() if following else min(len(text), end + CONTEXT_LIMIT)
    return QuoteInSentence(
        before=text[sentence_start:start].lstrip(), quote=text[start:end], after=text[end:sentence_end].rstrip(),
    )
