"""Actors named by how they are written rather than by the lexicon: bracketed acronyms and media names.

"The Kanbalu People's Defence Force (PDF) said": a capitalised name of two or more words before a
bracketed acronym that spells its initials is an organisation (or the actor already found there),
and the acronym alone names it later. "the rebel-run Zarqa news agency": a proper name before a
media head word ("news agency", "TV") is a media outlet.
"""
from __future__ import annotations

from ingest.pipeline.gazetteer import load_gazetteer

_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "az", "ul"})


def bracketed_acronyms(builder) -> None:
    """Organisations introduced as 'Name (ACRONYM)', and every later bare use of the acronym."""
    doc, named = builder.doc, {}
    for tok in doc[1:-2]:
        acronym = doc[tok.i + 1]
        if tok.text != "(" or doc[tok.i + 2].text != ")" or not _is_acronym(acronym.text):
            continue
        name = _name_before(doc, tok.i)
        if name is None or not builder.body.is_content(name.start_char, acronym.idx):
            continue
        record = _actor_over(builder, name)
        if record is None and _spells(acronym.text, name) and not load_gazetteer().is_known(name.text):
            record = _new_organisation(builder, name)
        elif record is not None and _spells(acronym.text, name) and not _spells(acronym.text, record.name.split()):
            record = _branch(builder, name, record)
        if record is not None:
            named[acronym.text] = record
    for tok in doc:
        record = named.get(tok.text)
        if record is not None and tok.i not in builder.claimed and builder.body.is_content(tok.idx, tok.idx + len(tok)):
            builder.add(record.key, record.name, record.kind, record.country_code, doc[tok.i:tok.i + 1])


def media_names(builder, heads: frozenset[str]) -> None:
    """'the Houthi-run Saba news agency', 'Zarqa TV': up to four proper-noun words before a media head."""
    doc = builder.doc
    sizes = sorted({len(h.split()) for h in heads}, reverse=True)
    for tok in doc:
        if tok.i == 0 or tok.i in builder.claimed:
            continue
        n = next((n for n in sizes if doc[tok.i:tok.i + n].text.lower() in heads), 0)
        if not n:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and start - 1 not in builder.claimed and tok.i - start < 4:
            start -= 1
        span = doc[start:tok.i + n]
        if start == tok.i or not builder.body.is_content(span.start_char, span.end_char):
            continue
        builder.add(("org", span.text), span.text, "media", builder.main_nation(), span)


def _actor_over(builder, span):
    """The actor with a mention covering at least half of span."""
    best, best_overlap = None, (span.end_char - span.start_char) / 2
    for record in builder.actors.values():
        for s, e in record.mentions:
            overlap = min(e, span.end_char) - max(s, span.start_char)
            if overlap >= best_overlap:
                best, best_overlap = record, overlap
    return best


def _new_organisation(builder, span):
    name = span.text
    kind = builder.kind_from_head(name) or "other"
    gaz = load_gazetteer()
    iso = next((gaz.demonym(t.text) or gaz.country(t.text) for t in span
                if gaz.demonym(t.text) or gaz.country(t.text)), None) or builder.main_nation()
    return builder.add(("org", name), name, kind, None if kind == "international_org" else iso, span)


def _branch(builder, span, parent):
    """"al-Qaeda in Iraq (AQI)": a longer name over a known group that only it spells is a branch of that group,
    and takes over the mention the group had inside it."""
    inside = [m for m in parent.mentions if span.start_char <= m[0] and m[1] <= span.end_char]
    for mention in inside:
        i = parent.mentions.index(mention)
        del parent.mentions[i], parent.texts[i]
    return builder.add(("org", span.text), span.text, parent.kind, parent.country_code, span, parent_key=parent.key)


def _is_acronym(text: str) -> bool:
    """'PDF', 'FAMa', 'M23': starts with two capitals, no longer than a short word."""
    return 2 <= len(text) <= 7 and text[:2].isupper() and text.isalnum()


def _spells(acronym: str, name) -> bool:
    """Whether the acronym's capitals follow the name's initials in order ("PDF": Kanbalu People's Defence Force).
    `name` is a span or a list of words; "al-Qaeda" gives both its initials."""
    words = [w for t in name for w in (t.text if hasattr(t, "text") else t).split("-")]
    initials = iter(w[0].upper() for w in words if w.isalpha())
    return all(letter in initials for letter in acronym if letter.isupper())


def _name_before(doc, end: int):
    """The run of capitalised words (joined by of/the/and/for, possessives allowed) ending at token `end`."""
    start = end
    while start > 0:
        tok = doc[start - 1]
        if tok.is_title or tok.is_upper and tok.is_alpha or tok.text in _POSSESSIVE and start - 1 > 0:
            start -= 1
        elif tok.text == "-" and start - 2 >= 0 and doc[start - 2].lower_ in _PARTICLES and start < end:
            start -= 2  # "al-Qaeda in Iraq": the article particle belongs to the name
        elif tok.lower_ in _CONNECTORS and start - 2 >= 0 and doc[start - 2].is_title and start < end:
            start -= 1
        else:
            break
    while start < end and (doc[start].lower_ in _CONNECTORS or doc[start].text in _POSSESSIVE):
        start += 1
    words = [t for t in doc[start:end] if t.is_alpha and t.lower_ not in _CONNECTORS]
    return doc[start:end] if len(words) >= 2 else None


def group_references(builder, nouns: frozenset[str]) -> None:
    """'the group said', 'the group's naval forces': the latest named armed group before it."""
    doc = builder.doc
    for tok in doc[1:]:
        if tok.lower_ not in nouns or doc[tok.i - 1].lower_ != "the" or tok.i in builder.claimed:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":  # "the group of displaced families"
            continue
        span = doc[tok.i - 1:tok.i + 1]
        if not builder.body.is_content(span.start_char, span.end_char):
            continue
        group = builder.latest(span.start_char, lambda r: r.kind == "armed_group" and r.key[0] == "org")
        if group is not None:
            builder.add(group.key, group.name, group.kind, group.country_code, span)
