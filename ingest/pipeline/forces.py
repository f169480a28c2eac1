"""Armed actors the lexicon names only by a common word: militaries, nationality adjectives, unnamed attackers.

"the Israeli military", "Sudan's army" and "Ukraine's air force" are military actors under their
state (the country's regular forces become the lexicon's organisation, e.g. the IDF), while
"Russian forces"/"troops" stay the state itself, as analysts code them. "Russian shelling" and
"Israeli airstrike" are mentions of the state. "the army" and "army warplanes" refer back to the
latest military. "Gunmen", "bandits" and "the attackers" become one unidentified armed group
when at least one of them is the subject (or agent) of a violent verb; "Hamas fighters",
"Hamas-led militants", "fighters of the JNIM" and "its fighters" (after a named group) are not unnamed.
"""
from __future__ import annotations

from ingest.pipeline.lexicon import actor_words
from ingest.pipeline.nlp import phrase_matcher

UNNAMED_GROUP = "Unidentified armed group"
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
LED_WORDS = frozenset({"led", "run", "controlled", "commanded"})


def military_branch(doc, forces_hit) -> str | None:
    """'army'/'military' → "army", 'air force' → "Air Force"; None for 'forces', 'troops', or a modifier."""
    branch = actor_words().military_bodies.get(doc[forces_hit.start:forces_hit.end].text)
    if branch is None:
        return None
    last = doc[forces_hit.end - 1]
    if last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i and last.head.pos_ == "NOUN":
        return None  # "Armenian military positions": the positions of the state
    return branch


def is_violent_modifier(doc, hit) -> bool:
    """A nationality adjective modifying a word for an attack or a weapon ("Russian shelling")."""
    tok = doc[hit.end - 1]
    while tok.dep_ == "conj" and tok.head.i < tok.i:  # "a U.S. and British air strike"
        tok = tok.head
    return (tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > tok.i
            and tok.head.lower_ in actor_words().violent_nouns)


def led_group_end(doc, end: int) -> int:
    """End of '-led militants' after an organisation's name ("Hamas-led militants"), else `end`."""
    if end + 2 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in LED_WORDS \
            and doc[end + 2].lower_ in actor_words().unnamed_armed_groups:
        return end + 3
    return end


def refer_to_military(builder, span) -> bool:
    """'the army', 'army warplanes': the latest military actor, when there is one."""
    return builder.back_reference(span, kinds=("military",)) is not None


def bare_army_modifier(doc, hit, claimed) -> bool:
    """'said army warplanes had bombed': 'army' as a bare modifier, with no name or determiner before it."""
    tok = doc[hit.end - 1]
    if hit.end - hit.start != 1 or tok.lower_ not in ("army", "military") or tok.dep_ != "compound":
        return False
    prev = doc[hit.start - 1] if hit.start > 0 else None
    return prev is None or not (prev.pos_ in ("PROPN", "DET", "PRON", "ADJ") or prev.i in claimed or prev.text == "-")


def unnamed_armed_groups(builder, doc) -> None:
    """One unidentified armed group for 'gunmen', 'bandits', 'the attackers' when any of them attacks."""
    words = actor_words()
    matcher = phrase_matcher(doc.vocab, "unnamed_groups", lambda: [("GROUP", w) for w in words.unnamed_armed_groups],
                             attr="LOWER")
    spans = []
    for _, start, end in matcher(doc):
        if spans and spans[-1].start <= start < spans[-1].end:
            if end > spans[-1].end:
                spans[-1] = doc[spans[-1].start:end]
            continue
        spans.append(doc[start:end])
    candidates = [s for s in spans if _unnamed(builder, s)]
    if not any(_attacks(s.root, words.violent_verbs) for s in candidates):
        return
    iso = builder.main_nation()
    for span in candidates:
        owner = _owner(builder, span)
        if owner is not None:
            builder.add(owner.key, owner.name, owner.kind, owner.country_code, span)
            continue
        if span.start > 0 and doc[span.start - 1].lower_ == "the":
            span = doc[span.start - 1:span.end]
        builder.add(("unnamed_group", iso), UNNAMED_GROUP, "armed_group", iso, span)


def _owner(builder, span):
    """'fighters of the JNIM', 'its fighters' (after JNIM is named): the named group the fighters belong to."""
    head = span[-1]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ == "pobj"]
            # the object itself, then right to left: its name before its modifiers ("the al-Qaeda-linked JNIM")
            for tok in objects + sorted(child.subtree, key=lambda t: -t.i):
                record = _named_group_at(builder, tok.idx)
                if record is not None:
                    return record
        if child.dep_ == "poss" and child.lower_ in ("its", "their"):
            return builder.latest(span.start_char, lambda r: r.kind == "armed_group" and r.key[0] == "org")
    return None


def _named_group_at(builder, char: int):
    for record in builder.actors.values():
        if record.kind in ("armed_group", "military") and record.key[0] == "org" \
                and any(s <= char < e for s, e in record.mentions):
            return record
    return None


def _unnamed(builder, span) -> bool:
    """Not part of another actor, not modified by a name ("Hamas fighters", "RSF fighters")."""
    if builder.claimed.intersection(range(span.start, span.end)):
        return False
    if not builder.body.is_content(span.start_char, span.end_char):
        return False
    head = span[-1]
    return not any(child.dep_ in _MODIFIER_DEPS and (child.pos_ == "PROPN" or child.i in builder.claimed)
                   for child in head.children)


def _attacks(tok, violent_verbs) -> bool:
    """Subject of a violent verb, agent of one ("plagued by armed gangs"), or doer in a relative clause."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in violent_verbs:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.lemma_.lower() in violent_verbs:
        return True
    return any(child.dep_ == "relcl" and child.lemma_.lower() in violent_verbs for child in tok.children)
