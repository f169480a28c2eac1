"""Speakers the clause-by-clause reading misses: every sentence of a quotation (also one running over several
paragraphs) is its speaker's; a sentence that is only ", the ministry said." gives the sentence before to that
speaker; "the statement" is the one the last issuer issued; a source tagged after a dash at the end of the
headline ("... - governor") speaks the headline.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ingest.extraction import ClaimResult
from ingest.pipeline import wordlists
from ingest.pipeline.claim_parts import Context
from ingest.pipeline.frames import Frame
from ingest.pipeline.nlp import doc_text

QUOTATION = re.compile(r'["\u201c][^"\u201c\u201d\n]{20,}["\u201d]')  # one quotation within a line
HEADLINE_TAG = re.compile(r"\s[-\u2013\u2014]\s+((?:the\s+)?[A-Za-z][\w.'’ ]{1,40}?)\s*$")  # "... - governor"
QUOTE_MARKS = ('"', "\u201c")


def headline_tag_speaker(claims: list[ClaimResult], ctx: Context) -> list[ClaimResult]:
    """"Ukrainian drones attack Belgorod Region, two killed - governor": the source tagged after a dash at the
    end of the headline is the speaker of its claims, when the article names that source elsewhere."""
    title = next(((s, e) for s, e, region in ctx.segments if region == "title"), None)
    tag = HEADLINE_TAG.search(ctx.text[title[0]:title[1]]) if title else None
    if tag is None:
        return claims
    wanted = tag.group(1).lower().removeprefix("the ").removesuffix(" says").removesuffix(" said")
    def names_it(s: int, e: int) -> bool:  # "the governor", or the title before a name ("Governor V. Gladkov")
        return (ctx.text[s:e].lower().removeprefix("the ") == wanted
                or ctx.text[max(0, s - len(wanted) - 1):s].lower() == wanted + " ")
    speaker = next((a.id for a in ctx.actors.results for s, e in a.mentions
                    if not title[0] <= s < title[1] and names_it(s, e)), None)
    if speaker is None:
        return claims
    return [replace(c, claimant_id=speaker) if c.claimant_id is None and title[0] <= c.span[0] < title[1] else c
            for c in claims]


def issuer(sent, resolve) -> str | None:
    """"The ministry issued a statement": whose statement "the statement" or "it" means in what follows."""
    nouns = wordlists.words("claim_words", "statement_nouns")
    for tok in sent:
        if tok.dep_ == "dobj" and tok.lemma_.lower() in nouns and tok.head.pos_ == "VERB":
            subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            found = resolve(subject) if subject is not None else None
            if found:
                return found
    return None


def starts_line(sent) -> bool:
    before = doc_text(sent.doc)[:sent.start_char].rstrip(" \t")  # doc.text re-joins every token: quadratic
    return not before or before.endswith("\n")


def share_quotation_speaker(claims: list[ClaimResult], text: str, voices=()) -> list[ClaimResult]:
    """"A attacked B. Two were killed," the governor wrote: every sentence of one quotation is the speaker's
    named after it, not only the last one the attribution's parse reaches. A quotation running over several
    paragraphs (each opening with a quotation mark, only the last closing it) is one quotation."""
    out = list(claims)
    spans = [(q.start(), q.end()) for q in QUOTATION.finditer(text)] + _running_quotations(text)
    for start, end in spans:
        inside = [i for i, c in enumerate(out) if start <= c.span[0] and c.span[1] <= end]
        speakers = {out[i].claimant_id for i in inside} - {None}
        if not speakers:  # the only attribution may be a bare '..., he said' that carries no claim itself
            speakers = {who for at, who in voices if start <= at <= _line_end(text, end)}
        if not speakers:
            speakers = _introduced_by(text, start, voices)
        if len(speakers) == 1:
            speaker = speakers.pop()
            for i in inside:
                if out[i].claimant_id is None:
                    out[i] = replace(out[i], claimant_id=speaker)
    return out


def _introduced_by(text: str, start: int, voices) -> set[str]:
    """'Minister X has condemned the attack.' then a paragraph of quotation with no attribution of its own: the
    quotation is the words of the last speaker of the paragraph just before it."""
    if start > 0 and text[start - 1] != "\n":
        return set()
    before = text[:start].rstrip()
    paragraph = before.rfind("\n") + 1
    last = [who for at, who in voices if paragraph <= at < len(before)]
    return {last[-1]} if last else set()


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _running_quotations(text: str) -> list[tuple[int, int]]:
    """Quotations over several paragraphs: a paragraph opening a quotation it does not close goes on in the
    next paragraph that opens with a quotation mark, up to the one that closes it."""
    runs, start, pos = [], None, 0
    for line in text.split("\n"):
        stripped = line.strip()
        begin, pos = pos, pos + len(line) + 1
        if not stripped:
            continue
        opens = stripped[:1] in QUOTE_MARKS
        unclosed = _quote_left_open(stripped)
        if start is not None and not opens:
            start = None  # the quotation did not go on
        if start is None and opens and unclosed:
            start = begin
        elif start is not None and not unclosed:
            runs.append((start, begin + len(line)))
            start = None
    return runs


def _quote_left_open(line: str) -> bool:
    """Whether a line's last quotation mark opens a quotation (straight quotes counted in pairs)."""
    curly_open, curly_close = line.rfind("\u201c"), line.rfind("\u201d")
    if curly_open >= 0 or curly_close >= 0:
        return curly_open > curly_close
    return line.count('"') % 2 == 1


def tail_attribution(sent, frames: list[Frame], resolve) -> str | None:
    """The speaker of a sentence that is only an attribution: ", the ministry said on Wednesday."."""
    first = next((t for t in sent if not t.is_space), None)
    root = sent.root
    if first is None or first.text not in (",", "-", "–", "—") or any(f.verb.i == root.i for f in frames):
        return None
    if root.lemma_.lower() not in wordlists.load("claim_words")["reporting_verbs"]:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return resolve(subject) if subject is not None else None


def attribute_previous(claims: list[ClaimResult], sent, claimant: str) -> list[ClaimResult]:
    """Give the claims of the sentence before, read in the article's voice, to the trailing speaker."""
    if sent.start == 0:
        return claims
    since = sent.doc[sent.start - 1].sent.start_char
    return [replace(c, claimant_id=claimant) if c.claimant_id is None and c.span[0] >= since else c for c in claims]
