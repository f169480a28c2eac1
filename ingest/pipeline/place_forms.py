"""Places written as a phrase around a name rather than as the name alone, and names that are no place there.

"the Tharthar depression", "the Euphrates river": a proper name before a lower-case feature noun is
one place with the noun (the capitalised "Tharthar Depression" is a site word's business, in places.py).
"across the Syria-Iraq border": two names joined by a hyphen before "border" are the border itself,
not the first country. "inside Syrian territory", "on the Syrian side": a nationality before a word
for a country's ground is that country as a place. "the Minsk agreements", "the Iran-Iraq War": a
name that only names an agreement or a war is not where anything in the article happens.
"""
from __future__ import annotations

from ingest.pipeline import wordlists

BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})


def _words(key: str) -> frozenset[str]:
    return wordlists.words("place_words", key)


def feature_spans(doc) -> list:
    """Spans 'Name feature-noun' ("Tharthar depression") and 'Name-Name border' ("Syria-Iraq border")."""
    features = _words("feature_nouns")
    firsts = {f.split()[0] for f in features} | BORDER_NOUNS  # most tokens are ruled out by one set look-up
    sizes = sorted({len(f.split()) for f in features}, reverse=True)
    spans = []
    for tok in doc[1:]:
        if tok.text not in firsts:
            continue
        n = next((n for n in sizes if doc[tok.i:tok.i + n].text in features), 0)
        border = tok.text in BORDER_NOUNS
        if not (n or border):
            continue
        start = name_start(doc, tok.i, hyphens=border)
        if start is None or border and not any(t.text in ("-", "–") for t in doc[start:tok.i]):
            continue  # "the Iraqi border" is the country's; only "Syria-Iraq border" names a border of its own
        spans.append(doc[start:tok.i + max(n, 1)])
    return spans


def name_start(doc, end: int, *, hyphens: bool) -> int | None:
    """Start of the run of proper-noun words right before token `end` (joined by hyphens if allowed)."""
    start = end
    while start > 0:
        prev = doc[start - 1]
        if prev.pos_ == "PROPN" and (prev.is_title or prev.is_upper):
            start -= 1
        elif hyphens and prev.text in ("-", "–") and start - 2 >= 0 and doc[start - 2].pos_ == "PROPN" \
                and start < end:
            start -= 1
        else:
            break
    if start == end or doc[start].is_sent_start and doc[start].pos_ != "PROPN":
        return None
    return start


def territory_head(doc, hit) -> int | None:
    """End token of 'Syrian territory' / 'the Syrian side' after a nationality hit, else None."""
    if hit.end >= len(doc):
        return None
    head = doc[hit.end]
    last = doc[hit.end - 1]
    if head.lower_ in _words("territory_nouns") and head.pos_ == "NOUN" and last.head.i == head.i:
        return head.i + 1
    return None


def names_something_else(span) -> bool:
    """'the Minsk agreements', 'the Iran-Iraq War': the name belongs to an agreement or a war, not a place."""
    if span[0].ent_type_ == "EVENT":
        return True
    tok = span[-1]
    for _ in range(4):
        if tok.dep_ != "compound" or tok.head.i <= tok.i:
            break
        tok = tok.head
    return tok is not span[-1] and tok.lower_ in _words("named_for_nouns")
