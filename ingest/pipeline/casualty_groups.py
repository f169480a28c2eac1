"""Whose dead: each claim's casualty figures by group, and whether its toll is cumulative.

Reads the head noun of each count phrase and its modifiers (data/casualty_groups.json, with the force and
civilian nouns of data/claim_words.json):

* "49 Armenian servicemen were killed": forces, the Armenian state's actor, 49..49 (a demonym names a side);
* "a number of its forces", "two of our soldiers": forces of the claimant's side (its top parent actor);
* "three civilians": civilians; "28,000 people": unknown (the text does not place them);
* "two soldiers and one civilian were killed": two figures, forces 2..2 and civilians 1..1;
* "Azerbaijani shelling killed two soldiers", said by Armenia's ministry: forces named by no one, in a claim
  that blames only the other side, are the claimant's own.

A claim is `aggregate` when its toll counts a period rather than one event: "more than 28,000 killed since
the war began", "so far this year", "the conflict, which claimed 6,500 lives". Plain Python and spaCy.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ingest.extraction import ClaimResult, Count, FigureResult
from ingest.pipeline import wordlists
from ingest.pipeline.counts import casualties_of, group_of, read_quantity
from ingest.pipeline.doers import COUNTRY_KIND_ORDER
from ingest.pipeline.gazetteer import load_gazetteer

KIND_OF_FIELD = {"fatalities": "killed", "injured": "injured"}
_CUT_DEPS = {"conj", "cc", "relcl", "acl", "appos", "punct", "prep"}


def add_casualty_groups(doc, claims: list[ClaimResult], actors) -> list[ClaimResult]:
    """The claims with `casualty_figures`, `casualty_group`/`casualty_actor_id` (of the first figure) and
    `aggregate` set; `fatalities`/`injured` become the sum over groups when a claim names several."""
    sides = _sides(actors)
    return [_with_groups(doc, claim, claims, actors, sides) for claim in claims]


def _voice_side(claims: list[ClaimResult], sides: dict[str, str]) -> str | None:
    """The side an article's own voice speaks for: the one side all its attributed claims come from (a ministry's
    statement), else none (a news report quoting both sides)."""
    found = {sides.get(c.claimant_id, c.claimant_id) for c in claims if c.claimant_id}
    return found.pop() if len(found) == 1 else None


def _blames_only_others(claim: ClaimResult, claims: list[ClaimResult], sides, own_side: str) -> bool:
    """True when the claim (else its claimant, across the article) blames someone, and only the other side:
    a ministry that says "Azerbaijani forces shelled ..." and "two soldiers were killed" counts its own."""
    blamed = claim.perpetrator_ids or [p for c in claims if c.claimant_id and sides.get(c.claimant_id) == own_side
                                       for p in c.perpetrator_ids]
    return bool(blamed) and all(sides.get(p, p) != own_side for p in blamed)


def _with_groups(doc, claim: ClaimResult, claims, actors, sides: dict[str, str]) -> ClaimResult:
    span = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    if span is None:
        return claim
    own_side = sides.get(claim.claimant_id) if claim.claimant_id else _voice_side(claims, sides)
    blames_other = own_side is not None and _blames_only_others(claim, claims, sides, own_side)
    figures: list[FigureResult] = []
    for token in span:
        info = casualties_of(token)
        if info is None or info.count is None or info.shared_victims:
            continue
        kind = KIND_OF_FIELD[info.field]
        if any(f.kind == kind for f in figures):
            continue  # one casualty word per kind: counts.py reads the same figure from the others
        owners = (own_side, own_side if blames_other else None, _armed_group_blamed(claim, actors))
        figures += _figures_of(doc, token, info, kind, actors, sides, owners)
    changes: dict = {"casualty_figures": figures, "aggregate": is_aggregate(doc, claim)}
    if len(figures) == 1 and figures[0].group == "unknown" and claim.casualty_group not in ("", "unknown"):
        # the claim stage already placed the victims ("villagers", "people" in a civilian toll): keep its reading
        figures = [replace(figures[0], group=claim.casualty_group, actor_id=claim.casualty_actor_id)]
    if figures:
        changes.update(casualty_group=figures[0].group, casualty_actor_id=figures[0].actor_id)
        # whose forces were hit are the act's target ("49 Armenian servicemen were killed": Armenia)
        hit = [f.actor_id for f in figures if f.group == "forces" and f.actor_id
               and f.actor_id not in claim.perpetrator_ids]
        changes["target_ids"] = list(dict.fromkeys([*claim.target_ids, *hit]))
        for field, kind in (("fatalities", "killed"), ("injured", "injured")):
            of_kind = [f.count for f in figures if f.kind == kind]
            if len(of_kind) > 1:
                changes[field] = _sum(of_kind)
    return replace(claim, **changes)


def _figures_of(doc, word, info, kind: str, actors, sides, owners) -> list[FigureResult]:
    """The figures one casualty word gives; `owners` is (the claimant's side, whose unnamed forces are)."""
    victim = next((t for t in doc if t.idx == info.victim_start), None) if info.victim_start is not None else None
    if victim is None:
        return [FigureResult(kind=kind, group=info.group, count=info.count, span=_span(word, word))]
    people = _people_noun(victim)
    nouns = [people, *(c for c in people.conjuncts if c.pos_ in ("NOUN", "PROPN") and c.i > people.i)]
    if victim.i == word.i or len(nouns) == 1:  # "losses among servicemen", "49 Armenian servicemen"
        group, actor = _whose(people, actors, sides, owners)
        if actor is None and group == "forces" and word.lemma_.lower() == "lose":
            actor = _loser(word, actors, sides, owners[0])  # "it had lost a soldier": the loser's own
        first = min(victim.left_edge.i, people.i)
        return [FigureResult(kind=kind, group=group, actor_id=actor, count=info.count,
                             span=_span(doc[first], people))]
    figures = []
    for noun in nouns:  # "two soldiers and one civilian": each conjunct is a figure of its own
        phrase = _own_phrase(noun)
        count = read_quantity(" ".join(t.lower_ for t in phrase), plural=noun.tag_ in ("NNS", "NNPS"))
        if count is None:
            continue
        group, actor = _whose(noun, actors, sides, owners)
        figures.append(FigureResult(kind=kind, group=group, actor_id=actor, count=count,
                                    span=_span(phrase[0], phrase[-1])))
    return figures


def _armed_group_blamed(claim: ClaimResult, actors) -> str | None:
    """The one armed group the claim blames, whose own fighters its unnamed "militants" are."""
    kinds = {a.id: a.kind for a in actors.results}
    groups = [p for p in claim.perpetrator_ids if kinds.get(p) == "armed_group"]
    return groups[0] if len(groups) == 1 else None


def _loser(verb, actors, sides, own_side: str | None) -> str | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    named = actors.actor_at(subject.idx, subject.idx + len(subject.text))
    if named is not None:
        return sides.get(named, named)
    return own_side if subject.pos_ == "PRON" else None


def _people_noun(victim):
    """The noun naming the people: "two of its troops" → troops; "losses among servicemen" → servicemen."""
    for child in victim.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return victim


def _own_phrase(noun) -> list:
    """The noun and its own left modifiers, without its conjuncts ("two soldiers" of "two soldiers and ...")."""
    cut = {t.i for c in noun.children if c.dep_ in _CUT_DEPS and c.i > noun.i for t in c.subtree}
    return [t for t in noun.subtree if t.i not in cut and t.i <= noun.i]


def _whose(noun, actors, sides: dict[str, str], owners) -> tuple[str, str | None]:
    """The group a people noun names and, for forces, whose side they are on."""
    lex = wordlists.load("casualty_groups")
    lemma = noun.lemma_.lower()
    group = "unknown" if lemma in lex["unplaced_nouns"] else group_of(lemma)
    if group == "unknown" and lemma not in lex["unplaced_nouns"]:
        group = group_of(noun.lower_)
    own_side, unnamed_owner, armed_group = owners
    owner = _owner(noun, actors, sides, own_side)
    if group == "unknown" and owner is not None and noun.pos_ == "PROPN":
        group = "forces"  # "losses among (Azerbaijani) servicemen" read with the demonym as the head
    if group != "forces":
        return group, None
    if owner is None and lemma in lex["irregular_force_nouns"]:
        return group, armed_group  # "six soldiers and 19 militants were killed when al-Shabab attacked"
    return group, owner or unnamed_owner


def _owner(noun, actors, sides: dict[str, str], own_side: str | None) -> str | None:
    """The side a modifier of the noun names: a possessive, a demonym, a named actor."""
    for child in noun.children:
        if child.i > noun.i:
            continue
        if child.dep_ == "poss" and child.lower_ in wordlists.words("casualty_groups", "own_side_pronouns"):
            return own_side  # "its forces": the claimant's own (unknown when the article speaks itself)
        if child.dep_ in ("poss", "amod", "compound", "nmod"):
            named = actors.actor_at(child.idx, child.idx + len(child.text))
            if named is not None:
                return sides.get(named, named)
            iso = load_gazetteer().demonym(child.text) if child.text[:1].isupper() else None
            if iso:
                return _state_of(actors, iso)
    if noun.pos_ == "PROPN":
        iso = load_gazetteer().demonym(noun.text)
        if iso:
            return _state_of(actors, iso)
    return None


def _state_of(actors, iso: str) -> str | None:
    ranked = sorted((a for a in actors.results if a.country_code == iso),
                    key=lambda a: (COUNTRY_KIND_ORDER.get(a.kind, len(COUNTRY_KIND_ORDER)), a.id))
    return ranked[0].id if ranked else None


def _sides(actors) -> dict[str, str]:
    """Each actor's side: its top parent ("Armenia Defense Ministry" stands with "Armenia"), and for a person or
    body without one, the state of its country when the article names it."""
    by_id = {actor.id: actor for actor in actors.results}
    sides = {}
    for actor in actors.results:
        current, seen = actor, {actor.id}
        while current.parent_id and current.parent_id in by_id and current.parent_id not in seen:
            current = by_id[current.parent_id]
            seen.add(current.id)
        if current.kind not in ("state", "armed_group") and current.country_code:
            current = by_id.get(_state_of(actors, current.country_code) or "", current)  # a minister: his state
        sides[actor.id] = current.id
    return sides


def is_aggregate(doc, claim: ClaimResult) -> bool:
    """True when the claim's toll counts a period ("since the war began", "so far this year")."""
    if not (claim.fatalities or claim.injured):
        return False
    span = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    if span is None:
        return False
    tokens = _attached(span)
    text = " ".join(t.lower_ for t in tokens)
    lex = wordlists.load("casualty_groups")
    if any(re.search(rf"(^|\s){re.escape(p)}(\s|$)", text) for p in lex["aggregate_phrases"]):
        return True
    for token in tokens:
        if token.lower_ == "since" and any(t.lower_ in lex["since_period_words"] or t.ent_type_ == "DATE"
                                           for t in token.subtree if t.i != token.i):
            return True
        if casualties_of(token) is not None and any(  # "the conflict, which claimed more than 6,500 lives"
                c.dep_.startswith("nsubj") and _subject_lemma(c) in lex["aggregate_subjects"] for c in token.children):
            return True
    return False


def _subject_lemma(token) -> str:
    if token.tag_ == "WDT" and token.head.dep_ == "relcl":
        return token.head.head.lemma_.lower()
    return token.lemma_.lower()


def _attached(span) -> list:
    """The claim's tokens and the clauses hanging from them that its span leaves out ("since the war began")."""
    inside = {t.i for t in span}
    out = list(span)
    for token in span.sent:
        if token.i in inside:
            continue
        cur = token
        while cur.head.i != cur.i and cur.head.i not in inside and casualties_of(cur.head) is None:
            cur = cur.head
        if cur.head.i in inside and cur.head.i != cur.i:
            out.append(token)
    if span.root.dep_ == "relcl":  # "the conflict, which claimed ...": the noun the clause hangs from
        out.append(span.root.head)
    return sorted(out, key=lambda t: t.i)


def _span(first, last) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _sum(counts: list[Count]) -> Count:
    low = sum(c.min or 0 for c in counts)
    high = None if any(c.max is None for c in counts) else sum(c.max for c in counts)
    return Count(low, high)
