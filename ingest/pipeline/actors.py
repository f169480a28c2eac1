"""Find the actors an article names: states, government bodies, militaries, armed groups, organisations, people.

One phrase-matcher pass marks country names, demonyms ("Azeri"), capitals, regions, known
organisations, government-body words, forces words and titles; rules over adjacent marks
then build actors, so "Azerbaijan's Defense Ministry" and "the Azerbaijani Defense Ministry"
are one government body under the state, "Armenian forces" is the state Armenia, and
"tensions between Yerevan and Baku" names the two states. Country names count as actors
only where they act (subject, object, "between X and Y"), not where they are only a place
("in Ukraine"). People are in people.py, "Name (ACRONYM)" and media names in named_actors.py;
named organisations the model tags ORG, acronyms and back-references ("the ministry", "the regime",
"The Department") are resolved here.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ingest.extraction import ActorResult
from ingest.pipeline import wordlists
from ingest.pipeline.actor_table import ActorTable, Builder
from ingest.pipeline.forces import (
    bare_army_modifier,
    is_violent_modifier,
    led_group_end,
    military_branch,
    refer_to_military,
    unnamed_armed_groups,
)
from ingest.pipeline.gazetteer import load_gazetteer, name_key
from ingest.pipeline.headline_case import is_title_cased
from ingest.pipeline.lexicon import actor_words
from ingest.pipeline.named_actors import bracketed_acronyms, group_references, media_names
from ingest.pipeline.nationals import introduced_organisations, kin_groups, nationals
from ingest.pipeline.nlp import phrase_matcher
from ingest.pipeline.people import find_people
from ingest.pipeline.sources import described_sources

NATION = ("COUNTRY", "CAPITAL", "DEMONYM")
_PRIORITY = {label: i for i, label in enumerate(
    ("ORG", "SEAT", "COUNTRY", "CAPITAL", "REGION", "DEMONYM", "GOV", "TITLE", "FORCES", "REGIME"))}
LOCATIVE_PREPS = frozenset({"in", "into", "inside", "within", "across", "throughout", "outside", "near", "at",
                            "from", "around", "through", "via", "beyond", "along", "toward", "towards"})
PART_OF_WORDS = frozenset({"part", "parts", "outside", "north", "south", "east", "west", "region", "territory",
                           "capital", "city", "town", "outskirts", "border", "borders", "side", "areas", "area"})
AGENT_PREPS = frozenset({"between", "by", "with", "against", "from"})
# verbs whose object is a party, not a place: "Kyiv accused Moscow", "urged Baku"
PARTY_VERBS = frozenset({"accuse", "blame", "urge", "warn", "condemn", "criticise", "criticize", "sanction", "threaten",
                         "call", "ask", "press", "pressure", "hold", "deny", "support", "back", "join", "meet"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# "the Saudi-led coalition", "a French-led mission": bodies a nation leads, actors of their own (an
# "intervention" is an act: the nation leading it is the actor)
LED_BODIES = frozenset({"coalition", "alliance", "mission"})
__all__ = ["ActorTable", "ActorResult", "find_actors"]


@dataclass(frozen=True)
class Hit:
    """One lexicon match: tokens [start, end), its label and what it stands for."""

    start: int
    end: int
    label: str
    value: object


def actor_phrases() -> list[tuple[str, str]]:
    """(label, phrase) of everything the actor lexicon marks: organisations, countries, bodies, titles."""
    gaz, words = load_gazetteer(), actor_words()
    phrases = [("ORG", alias) for alias in words.organisations]
    phrases += [("COUNTRY", form) for form, _ in gaz.country_forms]
    phrases += [("CAPITAL", form) for form, _ in gaz.capital_forms]
    phrases += [("DEMONYM", form) for form, _ in gaz.demonym_forms]
    phrases += [("REGION", p.name) for places in gaz.regions.values() for p in places]
    phrases += [("REGION", alias) for places in gaz.regions.values() for p in places for alias in p.alternate_names]
    phrases += [("GOV", form) for form in words.government_bodies]
    phrases += [("SEAT", form) for form in words.seats]
    phrases += [("TITLE", form) for form in words.person_titles]
    phrases += [("FORCES", form) for form in words.forces_words]
    phrases += [("REGIME", form) for form in words.regime_words]
    return sorted(set(phrases))


def find_hits(doc) -> list[Hit]:
    """Non-overlapping lexicon matches in text order; longer matches win."""
    gaz, words = load_gazetteer(), actor_words()
    strings = doc.vocab.strings
    raw = [(strings[m], s, e) for m, s, e in phrase_matcher(doc.vocab, "actors", actor_phrases)(doc)]
    raw.sort(key=lambda r: (-(r[2] - r[1]), r[1], _PRIORITY[r[0]]))
    taken = set()
    hits = []
    for label, start, end in raw:
        if taken.intersection(range(start, end)):
            continue
        text = doc[start:end].text
        value = _hit_value(label, text, gaz, words)
        if value is None or (label == "ORG" and len(text) <= 2 and doc[start].pos_ != "PROPN"):
            continue
        taken.update(range(start, end))
        hits.append(Hit(start, end, label, value))
    return sorted(hits, key=lambda h: h.start)


def _hit_value(label: str, text: str, gaz, words):
    """What a matched phrase stands for: an organisation, an ISO code, a region, a canonical body."""
    if label == "ORG":
        return words.organisations.get(text)
    if label == "COUNTRY":
        return gaz.country(text)
    if label == "CAPITAL":
        return gaz.capital(text)
    if label == "DEMONYM":
        return gaz.demonym(text)
    if label == "REGION":
        return gaz.regions[name_key(text)][0]
    if label == "GOV":
        return words.government_bodies.get(text)
    if label == "SEAT":
        return words.seats.get(text)
    return text


def is_locative(span) -> bool:
    """Whether a country-name span is used as a place ("in Ukraine", "part of Azerbaijan", "Syria aid").

    A name alone on its line is a section heading of a list of places ("Syria" over "Near Raqqa, …").
    """
    if span.sent.text.strip() == span.text:
        return True
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_ in ("GPE", "LOC", "FAC"):
        return True  # "Palmyra, Syria", "Tabqa Dam, Syria": the country after a place names where it is
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in ("compound", "nmod", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        return True
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in LOCATIVE_PREPS:
            return True
        if prep.lower_ == "of" and prep.head.lower_ in PART_OF_WORDS:
            return True
        if prep.lower_ == "to" and prep.head.lemma_.lower() in wordlists.words("actor_words", "motion_verbs"):
            return True  # "transferred to Jordan": where he was taken, not a party he was handed to
        if prep.lower_ == "over" and prep.head.pos_ == "NOUN":
            return True  # "the war over Kuwait", "control over the Golan": the land fought for
    return False


def is_agentive(span) -> bool:
    """Stricter test for capitals: only as subject, possessor or party ("between Yerevan and Baku")."""
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_ in PARTY_VERBS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in AGENT_PREPS - {"from"}


def _adjacent(doc, hits: list[Hit], i: int) -> Hit | None:
    """The hit right after hits[i], allowing a possessive between ("Azerbaijan's Defense Ministry")."""
    if i + 1 >= len(hits):
        return None
    end, nxt = hits[i].end, hits[i + 1]
    if nxt.start == end or (nxt.start == end + 1 and doc[end].text in _POSSESSIVE):
        return nxt
    return None


def find_actors(doc, body, *, publisher: str | None = None) -> ActorTable:
    """All actors in the article's title, body and captions, each with every mention's span."""
    hits = find_hits(doc)
    builder = Builder(doc, body, publisher=publisher)
    builder.nation_counts = Counter()
    for h in hits:
        if (h.label in NATION or h.label == "REGION" and h.value.country_code) \
                and body.is_content(doc[h.start].idx, doc[h.end - 1].idx + len(doc[h.end - 1])):
            # "in Syria" says where things happen; "U.S. forces" only whose forces act, so a place counts twice
            builder.nation_counts[h.value if h.label in NATION else h.value.country_code] += \
                2 if doc[h.end - 1].dep_ == "pobj" else 1
    skip = set()
    for i, hit in enumerate(hits):
        span = doc[hit.start:hit.end]
        if i in skip or not body.is_content(span.start_char, span.end_char):
            continue
        nxt = _adjacent(doc, hits, i)
        if hit.label in NATION:
            skip |= _nation(builder, doc, hits, i, hit, nxt)
        elif hit.label == "REGION" and nxt and nxt.label == "FORCES":
            group = doc[hit.start:nxt.end]
            builder.add(("group", name_key(group.text)), group.text, "armed_group", hit.value.country_code,
                        group, country_name=False)
            skip.add(i + 1)
        elif hit.label == "REGION" and nxt and nxt.label == "GOV" and hit.value.country_code:
            builder.government_body(hit.value.country_code, nxt.value, doc[hit.start:nxt.end])
            skip.add(i + 1)
        elif hit.label == "ORG":
            skip |= _organisation(builder, doc, hits, i, hit)
        elif hit.label == "SEAT":
            builder.government_body(*hit.value, span)
        elif hit.label == "GOV":
            skip |= _government(builder, doc, hits, i, hit)
        elif hit.label == "REGIME":
            builder.regime_mention(span)
        elif hit.label == "FORCES" and hit.start > 0 and doc[hit.start - 1].lower_ in ("the", "national"):
            # "the army", "national army troops": the forces of the state the article has named
            if not (military_branch(doc, hit) and refer_to_military(builder, span)):
                builder.back_reference(span, kinds=("military", "state"), forces=True)
        elif hit.label == "FORCES" and bare_army_modifier(doc, hit, builder.claimed):
            refer_to_military(builder, span)
    introduced_organisations(builder)
    kin_groups(builder)
    bracketed_acronyms(builder)
    find_people(builder, doc, hits)
    nationals(builder, hits)
    unnamed_armed_groups(builder, doc)
    media_names(builder, frozenset(h.lower() for h, kind in actor_words().org_heads.items() if kind == "media"))
    builder.named_organisations()
    group_references(builder, frozenset({"group", "movement", "militia"}))
    builder.generic_references(actor_words().ministry_heads)
    builder.acronyms()
    builder.untyped_organisations()
    builder.acronyms()  # again: "OFAC" for an Office the model alone found, kept only just now
    described_sources(builder)
    return builder.table()


def _nation(builder: Builder, doc, hits, i, hit, nxt) -> set[int]:
    """A country, capital or nationality word, and what it modifies."""
    iso = hit.value
    span = doc[hit.start:hit.end]
    if nxt is not None and nxt.label == "GOV":
        builder.government_body(iso, nxt.value, doc[hit.start:nxt.end])
        return {i + 1}
    if nxt is not None and nxt.label == "FORCES" and military_branch(doc, nxt):
        builder.military(iso, military_branch(doc, nxt), doc[hit.start:nxt.end])
        return {i + 1}
    if nxt is not None and nxt.label in ("REGIME", "FORCES"):
        builder.state(iso, doc[hit.start:nxt.end], regime=nxt.label == "REGIME")
        return {i + 1}
    if nxt is not None and nxt.label == "TITLE":
        return set()
    if _leads(doc, hit.end) and doc[hit.end + 2:hit.end + 3].text.lower() in LED_BODIES:
        _led_body(builder, doc, iso, doc[hit.start:hit.end + 3])
        return set()
    if hit.end + 1 < len(doc) and doc[hit.end].text in ("-", "–") and doc[hit.end + 1].lower_ in LED_BODIES:
        _led_body(builder, doc, iso, doc[hit.start:hit.end + 2])  # "a Saudi-coalition airstrike"
        return set()
    if hit.label == "DEMONYM":
        if is_violent_modifier(doc, hit) or _leads(doc, hit.end):
            builder.state(iso, span)
        return set()
    # "the Government of Iraq": the country belongs to the body before it, handled there
    if hit.start >= 2 and doc[hit.start - 1].lower_ == "of" and hits[i - 1:i] and hits[i - 1].label == "GOV" \
            and hits[i - 1].end == hit.start - 1:
        return set()
    if (hit.label == "COUNTRY" and (not is_locative(span) or _paired_attacker(doc, hit))) \
            or (hit.label == "CAPITAL" and is_agentive(span)):
        builder.state(iso, span)
    return set()


def _paired_attacker(doc, hit) -> bool:
    """'a U.S. and British air strike': a country named with a nationality before an attack word is a party."""
    gaz = load_gazetteer()
    return is_violent_modifier(doc, hit) and any(gaz.demonym(t.text) for t in doc[hit.end - 1].conjuncts)


def _led_body(builder: Builder, doc, iso: str, span) -> None:
    """"a Saudi-led coalition" (or "a Saudi-coalition airstrike") is an actor of its own, under the leading
    state, and "the coalition" or "a coalition spokesman" after it is the same body: the coalition, not Saudi
    Arabia alone, is who the rebels blame."""
    noun = span[-1].lower_
    key = ("led", iso, noun)
    builder.add(key, span.text, "military", iso, span, parent_key=("state", iso))
    for tok in doc[span.end:]:
        if tok.lower_ != noun or tok.i in builder.claimed or not builder.body.is_content(tok.idx, tok.idx + len(tok)):
            continue
        if tok.i > 0 and doc[tok.i - 1].lower_ in ("the", "this"):
            builder.add(key, span.text, "military", iso, doc[tok.i - 1:tok.i + 1])
        elif tok.dep_ == "compound":
            builder.add(key, span.text, "military", iso, doc[tok.i:tok.i + 1])


def _leads(doc, end: int) -> bool:
    """'a French-led intervention', 'the Saudi-led coalition': the nation leads, so it acts."""
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ in ("led", "backed")


def _organisation(builder: Builder, doc, hits, i, hit) -> set[int]:
    """A known organisation, or a body named after it ("UN Board of Inquiry")."""
    org = hit.value
    key = ("org", org.name)
    end = hit.end
    if org.kind == "international_org" and len(doc[hit.start:hit.end].text) <= 4 \
            and not is_title_cased(doc[hit.start].sent):  # "NATO Air Strike Kills 11": a headline, not "NATO Air"
        end = _name_extension(doc, hit.end, {h.start for h in hits if h.label in ("TITLE",)})
    if end > hit.end:
        span = doc[hit.start:end]
        kind = builder.kind_from_head(span) or "international_org"
        builder.add(("org", span.text), span.text, kind, org.country_code, span, parent_key=key,
                    country_name=False)
        return {j for j, h in enumerate(hits) if hit.end <= h.start < end}
    parent = ("org", org.parent) if org.parent else None
    if org.national_military:
        parent = ("state", org.country_code)
    builder.add(key, org.name, org.kind, org.country_code, doc[hit.start:led_group_end(doc, hit.end)],
                parent_key=parent, country_name=False)
    return set()


def _name_extension(doc, start: int, stops: set[int]) -> int:
    """Where a run of capitalised name words starting at `start` ends (joined by of/for/on/the/and)."""
    end = j = start
    while j < len(doc) and j not in stops:
        tok = doc[j]
        if tok.ent_type_ in ("PERSON", "DATE", "TIME", "GPE"):
            break
        if tok.is_title and tok.is_alpha:
            j += 1
            end = j
        elif tok.lower_ in ("of", "for", "on", "the", "and") and j + 1 < len(doc) and doc[j + 1].is_title:
            j += 1
        else:
            break
    return end


def _government(builder: Builder, doc, hits, i, hit) -> set[int]:
    """A government-body word: "Government of Iraq", "Ministry of Defence of Armenia", or alone."""
    nxt = hits[i + 1] if i + 1 < len(hits) else None
    gap = doc[hit.end:nxt.start] if nxt is not None else None
    of_gap = gap is not None and [t.lower_ for t in gap] in (["of"], ["of", "the"])
    if nxt is not None and nxt.label in NATION and of_gap:
        builder.government_body(nxt.value, hit.value, doc[hit.start:nxt.end])
        return {i + 1}
    if nxt is not None and nxt.label == "CAPITAL" and gap is not None and [t.lower_ for t in gap] == ["in"]:
        builder.government_body(nxt.value, hit.value, doc[hit.start:nxt.end])  # "officials in Khartoum"
        return {i + 1}
    span = doc[hit.start:hit.end]
    start = hit.start
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in builder.claimed:
        start -= 1
    if start < hit.start:  # "the Gaza Health Ministry": a body of the place named before it
        named = doc[start:hit.end]
        place = load_gazetteer().lookup(doc[start:hit.start].text)
        iso = place.country_code if place else None
        # a ministry of a town or region's government is that country's ministry ("Gaza health officials")
        key = ("gov", iso, hit.value) if iso and hit.value != "government" else ("gov", iso, named.text)
        name = f"{doc[start:hit.start].text} {hit.value}" if key[2] == hit.value else named.text
        builder.add(key, name, "government_body", iso, named, parent_key=("state", iso) if iso else None)
    elif hit.value in ("Police", "local authorities"):  # the main country's, unless a nation is named
        iso = builder.main_nation()
        if iso:
            builder.government_body(iso, hit.value, span)
        else:
            builder.add(("gov", None, hit.value), span.text, "government_body", None, span)
    elif span[0].is_title or span[0].is_upper:
        builder.back_reference(span, kinds=("government_body",), canonical=hit.value,
                               create=("gov", None, span.text))
    return set()
