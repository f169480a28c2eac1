"""The date window a claim speaks of: the date expressions in its span, its sentence, or earlier in its line,
less the days that date a reaction ("condemned on Thursday"), widened by a day for the day a report was given
("officials said Sunday that a strike hit", which may be the day after), and not the dates of an aside a
sentence contrasts with ("Russia first fired it at Dnipro in 2024. This time it struck Lviv").
"""
from __future__ import annotations

from datetime import timedelta

from ingest.pipeline import wordlists
from ingest.pipeline.dates import doc_dateline_spans


def claim_window(doc, claim, dates, lines):
    """The date window a claim speaks of: dates in its span, its sentence, or earlier in its line."""
    inside = [d for d in dates if claim.span[0] <= d.span[0] and d.span[1] <= claim.span[1]]
    if not inside:
        dates = [d for d in dates if not dates_a_reaction(doc, d)]
        sent = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
        if sent is not None:
            s, e = sent.sent.start_char, sent.sent.end_char
            line = next(((a, b) for a, b in lines if a <= claim.span[0] < b), (s, e))
            s = max(s, line[0])
            inside = [d for d in dates if s <= d.span[0] and d.span[1] <= min(e, line[1])]
            if not inside and contrasts_with_before(doc, claim):  # "This time it struck Lviv"
                return None
            if not inside:  # a dateline dates the report, not the act
                datelines = doc_dateline_spans(doc)
                inside = [d for d in dates if line[0] <= d.span[0] and d.span[1] <= claim.span[0]
                          and not any(a <= d.span[0] < b for a, b in datelines)][-1:]
    inside = [d for d in inside if d.date_start is not None]
    if not inside:
        return None
    best = min(inside, key=lambda d: (d.date_end - d.date_start).days)
    if best.precision == "day" and _dates_a_report(doc, best):  # "said Sunday that a strike hit": then or before
        return best.date_start - timedelta(days=1), best.date_end, best.precision
    return best.date_start, best.date_end, best.precision


def contrasts_with_before(doc, claim) -> bool:
    """"Russia first deployed this missile against Dnipro in November 2024. This time it struck Lviv": a sentence
    opening on a contrast with what was just told is not dated by it."""
    span = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    if span is None:
        return False
    opening = span.sent.text.lstrip().lower()
    return any(opening.startswith(cue) for cue in wordlists.words("event_cues", "contrast_openers"))


def dates_a_reaction(doc, date_mention) -> bool:
    """"Türk on Thursday condemned an attack ...": the day of a condemnation is not the day of the act."""
    verb = _dated_verb(doc, date_mention)
    return verb is not None and verb.lemma_.lower() in wordlists.words("claim_words", "reaction_verbs")


def _dates_a_report(doc, date_mention) -> bool:
    """"Officials said Sunday": the day of the telling, which may be the day after the act."""
    verb = _dated_verb(doc, date_mention)  # not "today's reports of an airstrike", which dates the strike
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in wordlists.load(
        "claim_words")["reporting_verbs"]


def _dated_verb(doc, date_mention):
    """The word a date expression hangs from, up through its preposition."""
    span = doc.char_span(date_mention.span[0], date_mention.span[1], alignment_mode="expand")
    if span is None:
        return None
    verb = span.root.head
    for _ in range(3):  # up through "on", and through the subject it may hang from ("Türk on Thursday")
        if not (verb.pos_ == "ADP" or verb.dep_.startswith("nsubj")) or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb
