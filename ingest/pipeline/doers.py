"""Who did it: the perpetrators of a claim clause, read from agents ("carried out by", "a bomb dropped by"),
possessives ("the regime's attacks", "its strikes"), subjects, nationality modifiers ("Russian shelling"),
the sides of a fight ("fighting between A and B"), the accused of an accusation, and back references
("the militants" for the named group mentioned last).
"""
from __future__ import annotations

from ingest.pipeline import wordlists
from ingest.pipeline.claim_parts import (
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    Context,
    _named_before,
    claimant_resolver,
    hedged_clause,
    noun_phrase,
)
from ingest.pipeline.forces import UNNAMED_GROUP
from ingest.pipeline.gazetteer import load_gazetteer

COUNTRY_KIND_ORDER = {"state": 0, "military": 1, "government_body": 2}
GOVERNMENT_WORDS = frozenset({"government", "regime", "junta", "authorities"})
DOER_KINDS = ("armed_group", "military", "state")  # what a name before a violent noun can be the doer of
KILLING_VERBS = {"kill", "neutralise", "neutralize"}  # casualty verbs whose subject is the doer


def perpetrators(ctx: Context, triggers, frame) -> tuple[list[str], bool]:
    """Actor ids of who did it, and whether they came from an agent ("carried out by", "the regime's")."""
    found: list[str] = []
    via_agent = False
    if frame is not None and frame.responsibility and frame.claimant:
        return [frame.claimant], False
    accused = []
    if frame is not None and frame.accused:
        for obj in frame.accused:
            accused += _actors_of(ctx, obj)
        found += accused
        via_agent = True
    for tok in triggers:
        ids, agent = _doer_of(ctx, tok)
        if accused:  # the accuser, reached as the subject of "accused", is not the doer of what it alleges
            ids = [i for i in ids if i != frame.claimant]
        found += ids
        via_agent = via_agent or (agent and bool(ids))
    return list(dict.fromkeys(found)), via_agent


def targets(ctx: Context, triggers, perps: list[str]) -> list[str]:
    """Actor ids of whom the act was aimed at: the object of a violent verb ("attacked an army checkpoint",
    "the base was attacked by al-Shabab" read from its passive subject), or of "on"/"against" after a violent
    noun ("the attack on the British Council"). A place is no target; nor is anyone named as a doer."""
    found: list[str] = []
    for tok in triggers:
        if tok.pos_ == "VERB" and not casualty_only(tok):
            objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        elif tok.pos_ in ("NOUN", "PROPN"):
            objects = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                       for g in c.children if g.dep_ == "pobj"]
        else:
            objects = []
        for obj in objects:
            if obj.lower_ not in PRONOUNS:
                found += [_side_of_speaker(ctx, a) for a in _actors_of(ctx, obj) if a not in perps]
    return list(dict.fromkeys(found))


def _side_of_speaker(ctx: Context, actor_id: str) -> str:
    """"The ministry said ... shelled its positions": the speaker's positions are its state's."""
    actor = ctx.actors.by_id.get(actor_id) if actor_id == ctx.speaker else None
    return actor.parent_id if actor is not None and actor.parent_id else actor_id


def _doer_of(ctx: Context, tok) -> tuple[list[str], bool]:
    if tok.pos_ in ("NOUN", "PROPN"):
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ not in PRONOUNS:
                return _actors_of(ctx, child), True
            if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS and ctx.speaker:
                return [ctx.speaker], False  # "its strikes", said by a side of its own act
            if child.dep_ == "prep" and child.lower_ == "by":
                return [a for g in child.children if g.dep_ == "pobj" for a in _actors_of(ctx, g)], True
        agent = _participle_agent(ctx, tok)
        if agent:
            return agent, True
        nation = next((load_gazetteer().demonym(c.text) for c in tok.children
                       if c.dep_ == "amod" and c.text[:1].isupper() and load_gazetteer().demonym(c.text)), None)
        if nation and _actor_of_country(ctx, nation):
            # "Russian shelling": the country's own act, not an accusation
            return [_actor_of_country(ctx, nation)], False
        named = _compound_doer(ctx, tok) or _starter(ctx, tok)
        if named:
            return named, True
        if tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children):
            return _doer_of_verb(ctx, tok)
        sides = _fighting_sides(ctx, tok)
        if sides:
            return sides, False
        light = wordlists.load("claim_words")["light_verbs"]
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            tok = tok.head.head  # "launched a salvo of rockets"
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in light:
            return _doer_of_verb(ctx, tok.head)
        return [], False
    if tok.pos_ == "VERB" and casualty_only(tok) and not any(c.dep_ == "dobj" for c in tok.children):
        return [], False
    return _doer_of_verb(ctx, tok)


def _fighting_sides(ctx: Context, noun) -> list[str]:
    """"fighting broke out between M23 rebels and the Congolese army": both sides are its authors."""
    holders = [noun, noun.head] if noun.dep_ == "nsubj" else [noun]
    found = []
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            for side in [obj, *(c for c in obj.children if c.dep_ == "conj")]:
                found += _actors_of(ctx, side)
    return list(dict.fromkeys(found))


def casualty_only(tok) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in wordlists.load("claim_words")["casualty_verbs"] and lemma not in KILLING_VERBS


def _doer_of_verb(ctx: Context, verb) -> tuple[list[str], bool]:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return [a for g in agent.children if g.dep_ == "pobj" for a in _actors_of(ctx, g)], True
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return [], False
    cur = verb
    for _ in range(4):
        agent = next((c for c in cur.children if c.dep_ == "agent"), None) if cur is not verb else None
        if agent is not None:  # "a bomb dropped by a plane killed five", parsed with "killed" joined to "dropped"
            found = [a for g in agent.children if g.dep_ == "pobj" for a in _actors_of(ctx, g)]
            if found:
                return found, True
        subjects = [c for c in cur.children if c.dep_ == "nsubj" and ctx.region_of(c) == ctx.region_of(verb)]
        if subjects:
            subject = subjects[-1]
            if subject.lower_ in ("which", "who", "that") and cur.dep_ == "relcl":
                subject = cur.head  # "militants who fired rockets"
            elif subject.lower_ in PRONOUNS:
                return ([ctx.speaker], False) if _speaker_itself(ctx, subject, cur) else ([], False)
            return _actors_of(ctx, subject) or _identified_as(ctx, cur), False
        if not (cur.dep_ in ("xcomp", "conj", "advcl") or hedged_clause(cur)) or cur.head.i == cur.i:
            break
        cur = cur.head
    return [], False


def _speaker_itself(ctx: Context, pronoun, verb) -> bool:
    """"Hezbollah said it fired rockets": a pronoun subject of the reported clause is the speaker."""
    reporting = wordlists.load("claim_words")["reporting_verbs"]
    if ctx.speaker is None or pronoun.lower_ not in ("it", "we", "they") or verb.dep_ != "ccomp":
        return False
    said = verb.head
    subject = next((c for c in said.children if c.dep_ == "nsubj"), None)
    return (said.lemma_.lower() in reporting and subject is not None and subject.lower_ not in PRONOUNS
            and claimant_resolver(ctx)(subject) == ctx.speaker)


def _identified_as(ctx: Context, verb) -> list[str]:
    """"men believed to be members of JNIM": who an unnamed subject is said to be."""
    return [a for x in verb.children if x.dep_ == "xcomp" for attr in x.children if attr.dep_ == "attr"
            for a in _actors_of(ctx, attr)]


def _actors_of(ctx: Context, tok) -> list[str]:
    start, end = noun_phrase(tok)
    found = _without_possessor_states(ctx, tok, ctx.actors.actors_in(start, end))
    named = _named_group_before(ctx, tok) if _definite(tok) and all(_unnamed(ctx, a) for a in found) else None
    if named:  # "the militants attacked the base", after "al-Shabab fighters ambushed a convoy"
        return [named]
    if not found:
        one = claimant_resolver(ctx)(tok) or modifier_actor(ctx, tok) or _the_government(ctx, tok)
        found = [one] if one else _participle_agent(ctx, tok)
    return list(found)


def _the_government(ctx: Context, tok) -> str | None:
    """"the government has attacked their headquarters", in a story about one country: that country's state."""
    if tok.lemma_.lower() not in GOVERNMENT_WORDS or not _definite(tok):
        return None
    main_nation = getattr(ctx.actors, "main_nation", None)  # the tests' stand-in tables have none
    iso = main_nation() if main_nation else None
    return _actor_of_country(ctx, iso) if iso else None


def _without_possessor_states(ctx: Context, tok, found: list[str]) -> list[str]:
    """"Sudan's paramilitary Rapid Support Forces": the force the phrase names did it, not the country owning
    it ("Russia's Wagner group", "Iran's Revolutionary Guards")."""
    by_id = getattr(ctx.actors, "by_id", None)
    if len(found) < 2 or by_id is None:
        return found
    possessors = {c.idx for c in tok.subtree if c.dep_ == "poss"}
    states = [a for a in found if by_id[a].kind == "state" and any(s in possessors for s, _ in by_id[a].mentions)]
    kept = [a for a in found if a not in states]
    return kept or found


def _definite(tok) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children)


def _unnamed(ctx: Context, actor_id: str) -> bool:
    actor = ctx.actors.by_id.get(actor_id) if hasattr(ctx.actors, "by_id") else None
    return actor is not None and actor.name == UNNAMED_GROUP


def _named_group_before(ctx: Context, tok) -> str | None:
    """"the militants", "the rebels": the named armed group mentioned last before, as coreference reads it."""
    if tok.lemma_.lower() not in wordlists.words("claim_words", "group_epithets") and \
            tok.lower_ not in wordlists.words("claim_words", "group_epithets"):
        return None
    best, best_at = None, -1
    for actor in ctx.actors.results:
        if actor.kind != "armed_group" or actor.name == UNNAMED_GROUP:
            continue
        before = [s for s, _ in actor.mentions if s < tok.idx]
        if before and max(before) > best_at:
            best, best_at = actor.id, max(before)
    return best


def _compound_doer(ctx: Context, noun) -> list[str]:
    """"the Hezbollah attack", "a Taliban ambush": a named force before a violent noun with an article is its
    doer (without the article the noun may be a headline's verb: "Al-Shabab Attacks Base")."""
    if not any(c.dep_ == "det" for c in noun.children):
        return []
    for child in (c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN"):
        end = child.right_edge.idx + len(child.right_edge.text)  # "the al-Shabab attack": a name of pieces
        found = [a for a in ctx.actors.actors_in(child.left_edge.idx, end)
                 if ctx.actors.by_id[a].kind in DOER_KINDS]
        if found:
            return found
    return []


def _starter(ctx: Context, noun) -> list[str]:
    """"the fighting began when Israeli troops crossed into Lebanese territory": whoever did what set it off is
    blamed for it ("erupted when militants attacked a checkpoint" reports the attack itself, read as such)."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in ("begin", "start", "erupt", "break"):
        return []
    violent = wordlists.words("claim_words", "violent_verbs")
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() not in violent):
        if any(m.dep_ in ("advmod", "mark") and m.lower_ == "when" for m in clause.children):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            found = _actors_of(ctx, subject) if subject is not None else []
            if found:
                return found
    return []


def _participle_agent(ctx: Context, noun) -> list[str]:
    """"a shell misfired by X", "a bomb dropped by an X army plane": the doer in the agent phrase of a
    participle describing the weapon or act."""
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        for agent in (c for c in acl.children if c.dep_ == "agent"):
            found = [a for g in agent.children if g.dep_ == "pobj" for a in _actors_of(ctx, g)]
            if found:
                return found
    return []


def modifier_actor(ctx: Context, tok) -> str | None:
    """The actor a noun's modifier names when the phrase itself names none: "Russian shelling" (a demonym: that
    country's state actor), "army warplanes" (the army named before), "its forces" (the speaker's own)."""
    for child in tok.children:
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
            return ctx.speaker
        gerund_subject = child.dep_ == "nsubj" and tok.tag_ == "VBG"  # "Ukrainian shelling" parsed as a gerund
        if (child.dep_ not in ("amod", "compound", "nmod") and not gerund_subject) or child.i > tok.i:
            continue
        iso = load_gazetteer().demonym(child.text) if child.text[:1].isupper() else None
        if iso:
            return _actor_of_country(ctx, iso)
        if child.pos_ == "NOUN":
            named = _named_before(ctx, child, definite=False)
            if named:
                return named
    return None


def _actor_of_country(ctx: Context, iso: str) -> str | None:
    """The article's actor standing for a country: its state, else the first of its forces or bodies."""
    ranked = sorted(
        (a for a in ctx.actors.results if a.country_code == iso),
        key=lambda a: (COUNTRY_KIND_ORDER.get(a.kind, len(COUNTRY_KIND_ORDER)), min(a.mentions or [(0, 0)])),
    )
    return ranked[0].id if ranked else None
