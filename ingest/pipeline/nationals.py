"""Actors named by their nationality or by the kind of body they are, without a name of their own.

"the Saudis accuse Iran", "the Kenyans counterattacked": a plural nationality noun that acts is its
state, as "Saudi forces" are. "The American people value ...": a nationality before a word for a
population that acts is the nation's people (civilians of the country). Victims ("five Americans were
killed") are left to the tolls. "the Syrian state" is the state; "Iraqi television" the broadcaster.
"the German company Hochtief", "the British firm Smith and Jones", "the operator Network Solutions":
a proper name right after a word for a business is an organisation, and so no place or person;
"the Misseriya tribe", "the Al-Karabla clan": a name before a word for a kin group is that group.
"""
from __future__ import annotations

from ingest.pipeline import wordlists
from ingest.pipeline.gazetteer import load_gazetteer
from ingest.pipeline.place_forms import name_start

POPULATION_NOUNS = frozenset({"people", "peoples", "population", "public", "citizens", "nationals", "civilians"})
STATE_NOUNS = frozenset({"state", "nation"})
BROADCAST_NOUNS = frozenset({"television", "tv", "radio"})


def nationals(builder, hits) -> None:
    """Acting nationals as their state, an acting population as the nation's people, 'the X state', 'X television'."""
    doc, gaz = builder.doc, load_gazetteer()
    for hit in hits:
        if hit.label != "DEMONYM" or builder.claimed.intersection(range(hit.start, hit.end)):
            continue
        tok, after = doc[hit.end - 1], doc[hit.end] if hit.end < len(doc) else None
        country = gaz.countries.get(hit.value)
        if country is None or not builder.body.is_content(doc[hit.start].idx, tok.idx + len(tok)):
            continue
        if tok.tag_ in ("NNPS", "NNS") and tok.dep_ not in ("amod", "compound"):
            if _acts(tok):  # "the Saudis accuse Iran", "partners, especially the Turks": the state
                builder.state(hit.value, doc[hit.start:hit.end])
        elif after is None or tok.head.i != after.i:
            continue  # the word after is not what the nationality describes
        elif after.lower_ in POPULATION_NOUNS and _acts(after):
            builder.add(("people", hit.value), f"people of {country.name}", "civilians", hit.value,
                        doc[hit.start:hit.end + 1])
        elif after.lower_ in STATE_NOUNS:
            builder.state(hit.value, doc[hit.start:hit.end + 1])
        elif after.lower_ in BROADCAST_NOUNS:
            name = doc[hit.start:hit.end + 1].text
            builder.add(("org", name), name, "media", hit.value, doc[hit.start:hit.end + 1])


def _acts(tok) -> bool:
    """Nationals who do something ("the Kenyans counterattacked", "the American people value") or stand for a
    party ("our partners, especially the Turks"); not victims or a population that merely is somewhere ("five
    Americans were killed", "half a million Syrians are besieged"), whom the tolls already count."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "nsubj":
        return tok.head.lemma_ != "be"
    return tok.dep_ == "appos"


def introduced_organisations(builder) -> None:
    """'the German company Züblin'-like names: proper nouns right after a business noun (and joined by 'and')."""
    doc = builder.doc
    nouns = wordlists.words("actor_words", "business_nouns")
    for tok in doc[:-1]:
        if tok.lower_ not in nouns or not tok.is_lower or tok.pos_ != "NOUN":
            continue
        end = tok.i + 1
        while end < len(doc) and _name_word(doc[end]) or end + 1 < len(doc) and end > tok.i + 1 \
                and doc[end].lower_ in ("and", "&") and _name_word(doc[end + 1]):
            end += 1
        span = doc[tok.i + 1:end]
        if not len(span) or builder.claimed.intersection(range(span.start, span.end)) \
                or not builder.body.is_content(span.start_char, span.end_char):
            continue
        iso = next((load_gazetteer().demonym(t.text) for t in tok.lefts if load_gazetteer().demonym(t.text)), None)
        builder.add(("org", span.text), span.text, builder.kind_from_head(span) or "other", iso, span)


def kin_groups(builder) -> None:
    """'the Al-Karabla clan', 'the Misseriya tribe': a proper name before a lower-case word for a kin group is that
    group, an actor of its own (not a place, and not the person the model may take the name for)."""
    doc = builder.doc
    nouns = wordlists.words("actor_words", "kin_nouns")
    for tok in doc[1:]:
        if tok.text not in nouns:
            continue
        start = name_start(doc, tok.i, hyphens=True)
        span = doc[start:tok.i + 1] if start is not None else None
        if span is None or builder.claimed.intersection(range(span.start, tok.i)) \
                or not builder.body.is_content(span.start_char, span.end_char):
            continue
        builder.add(("org", span.text), span.text, "other", builder.main_nation(), span)


def _name_word(tok) -> bool:
    return tok.pos_ == "PROPN" and (tok.is_title or tok.is_upper) and tok.is_alpha
