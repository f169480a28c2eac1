"""Helpers the claim finder leans on: where claims may come from (headline and body lines), who a noun
phrase names (through the actor table, with "the ministry" read as the last ministry named), which violent
nouns report an event, and the negation, restriction and hypothetical readings of a clause (perpetrators are
read in doers.py).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ingest.pipeline import wordlists
from ingest.pipeline.dates import doc_dateline_spans
from ingest.pipeline.lexicon import actor_words
from ingest.pipeline.nlp import doc_text

POSSESSIVE_PRONOUNS = {"its", "their", "our"}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "them", "its", "their", "this", "that", "which", "who"}
MODALS = {"will", "would", "could", "might", "may", "shall", "should", "can"}
INTENT_VERBS = {"threaten", "plan", "vow", "pledge", "intend", "prepare", "promise", "warn", "want", "seek"}


@dataclass
class Context:
    """The article as the claim finder sees it: text, allowed segments, actors and places."""

    doc: object
    text: str
    segments: list  # sorted (start, end, region) of the headline and body lines
    starts: list
    actors: object
    places: object
    last_claimant: str | None = None  # who "it" or "they" most likely is, for the next reporting verb
    speaker: str | None = None  # the claimant of the claim being read: whose forces "its forces" are
    datelines: list = field(default_factory=list)  # "KYIV, Nov 6 (Reuters) - ": never part of a claim

    @classmethod
    def build(cls, doc, *, body, actors, places) -> Context:
        segments = [(s, e, "body") for s, e in body.body_spans]
        if body.title_span:
            segments.append((*body.title_span, "title"))
        segments.sort()
        return cls(doc, doc_text(doc), segments, [s for s, _, _ in segments], actors, places,
                   datelines=doc_dateline_spans(doc))

    def segment_of(self, tok) -> int | None:
        """Index of the headline or body line holding the token; None in captions and chrome."""
        k = bisect_right(self.starts, tok.idx) - 1
        if k >= 0 and tok.idx < self.segments[k][1]:
            return k
        return None

    def region_of(self, tok) -> str | None:
        k = self.segment_of(tok)
        return None if k is None else self.segments[k][2]

    def unit_span(self, unit, nested: set[int]) -> tuple[int, int] | None:
        """Character span of a claim clause: its subtree minus nested clauses, inside one line."""
        anchor = unit.triggers[0]
        seg = self.segment_of(anchor)
        skip = set()
        for i in nested:
            skip.update(t.i for t in self.doc[i].subtree)
        frame = unit.frame
        if (frame is not None and frame.includes_verb and unit.root.i == frame.verb.i and unit.root.dep_ != "relcl"
                and not frame.parent_voice):
            for child in unit.root.children:
                if child.i < unit.root.i and child.dep_ in ("nsubj", "mark", "advmod", "punct", "cc", "prep"):
                    skip.update(t.i for t in child.subtree)
        kept = {t.i for t in unit.root.subtree if t.i not in skip and self.segment_of(t) == seg
                and not any(s <= t.idx < e for s, e in self.datelines)}
        start_i = unit.root.i if unit.root.i in kept else anchor.i
        if start_i not in kept:
            return None
        lo = hi = start_i
        while lo - 1 in kept:
            lo -= 1
        while hi + 1 in kept:
            hi += 1
        while lo < hi and self.doc[lo].pos_ in ("PUNCT", "SPACE", "CCONJ"):
            lo += 1
        while hi > lo and self.doc[hi].pos_ in ("PUNCT", "SPACE", "CCONJ", "ADP"):
            hi -= 1
        return self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi].text)


def noun_phrase(tok) -> tuple[int, int]:
    """Character span of a noun phrase without the clauses and non-"of" phrases hanging after its head."""
    skip = set()
    for child in tok.children:
        if child.i > tok.i and (child.dep_ in ("relcl", "acl", "appos", "punct")
                                or (child.dep_ == "prep" and child.lower_ not in ("of",))):
            skip.update(t.i for t in child.subtree)
    kept = [t for t in tok.subtree if t.i not in skip]
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


def claimant_resolver(ctx: Context):
    """A function from a subject token to an actor id (or None)."""
    def resolve(tok) -> str | None:
        if tok.lower_ in ("it", "they", "he", "she"):
            return ctx.last_claimant
        if tok.lower_ in PRONOUNS:
            return None
        start, end = noun_phrase(tok)
        found = ctx.actors.actor_at(tok.idx, tok.idx + len(tok.text)) or ctx.actors.actor_at(start, end)
        if found:
            return found
        named = _named_alongside(tok, resolve) or _group_of_people(ctx, tok)
        if named:
            return named
        inside = ctx.actors.actors_in(start, end)
        if inside:
            return inside[-1]
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ not in PRONOUNS:
            return resolve(poss)
        return _titled_person(ctx, tok) or _named_before(ctx, tok) or _the_statement(ctx, tok)
    return resolve


def _named_alongside(tok, resolve) -> str | None:
    """"The director, General NAME, alleged", "The rebels, known as X, accused": the speaker a description
    names in apposition or through "known as" / "called"."""
    for child in tok.children:
        if child.dep_ == "appos" and child.i > tok.i:
            found = resolve(child)
            if found:
                return found
        between = tok.doc[tok.i + 1:child.i]
        if child.dep_ == "acl" and child.lemma_.lower() in ("know", "call", "name") and not any(
                t.dep_ == "pobj" for t in between):  # "rebels in Myanmar, also known as Burma": Myanmar's name
            for name in (g for p in child.children if p.dep_ in ("prep", "oprd", "attr")
                         for g in [p, *p.children] if g.dep_ in ("pobj", "oprd", "attr")):
                found = resolve(name)
                if found:
                    return found
    return None


def _group_of_people(ctx: Context, tok) -> str | None:
    """"Ethnic Kachin rebels say": fighters named by their people are the one armed group the article names with
    that word (the Kachin Independence Army)."""
    if tok.lemma_.lower() not in wordlists.words("claim_words", "group_epithets"):
        return None
    words = {c.text for c in tok.children if c.dep_ in ("compound", "amod") and c.text[:1].isupper()}
    groups = [a.id for a in ctx.actors.results if a.kind in ("armed_group", "military")
              and not getattr(a, "parent_id", None) and words & set(a.name.split())]
    return groups[0] if len(groups) == 1 else None


def _the_statement(ctx: Context, tok) -> str | None:
    """"the statement said", "according to the statement": the last speaker named, whose statement it is;
    "a statement from Hezbollah": the one it is from."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in wordlists.words("claim_words", "statement_nouns"):
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
        issuer = next((ctx.actors.actor_at(*noun_phrase(g)) for g in prep.children if g.dep_ == "pobj"), None)
        if issuer:
            return issuer  # "a statement from Hezbollah says"
    if not any(c.dep_ == "poss" for c in tok.children):
        return ctx.last_claimant
    return None


def _titled_person(ctx: Context, tok) -> str | None:
    """"Minister for Development and Africa Andrew Mitchell": the person named at the end of a title's phrase."""
    if tok.text not in actor_words().person_titles:
        return None
    sub = list(tok.subtree)
    people = [a for a in ctx.actors.actors_in(sub[0].idx, sub[-1].idx + len(sub[-1].text))
              if ctx.actors.by_id[a].kind == "person"]
    return people[-1] if people else None


def _named_before(ctx: Context, tok, *, definite: bool = True) -> str | None:
    """"the ministry": the actor last mentioned before, whose name has that word."""
    if tok.pos_ != "NOUN" or (definite and not any(c.lower_ in ("the", "this") for c in tok.children)):
        return None
    word = tok.lower_
    best, best_at = None, -1
    for actor in ctx.actors.results:
        names = [actor.name, *getattr(actor, "aliases", []), *(ctx.text[s:e] for s, e in actor.mentions)]
        if not any(word in n.lower().split() for n in names):
            continue
        before = [s for s, _ in actor.mentions if s < tok.idx]
        if before and max(before) > best_at:
            best, best_at = actor.id, max(before)
    return best


def asserted_noun(tok) -> bool:
    """True when a violent noun reports an event ("launched shelling", "the regime's attacks", "this was an
    attack") rather than naming a kind of act ("the execution of airstrikes")."""
    lex = wordlists.load("claim_words")
    n = tok
    while n.dep_ in ("appos", "conj") and n.head.pos_ in ("NOUN", "PROPN", "ADJ") and n.head.i != n.i:
        n = n.head
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN":
        n = n.head.head  # "launched a salvo of rockets", "conducted a series of airstrikes"
        if n.lemma_.lower() in lex["claim_nouns"] and tok.pos_ == "NOUN":
            return True  # "reports of civilian casualties", "allegations of chemical attacks": what is reported
    head = n.head.lemma_.lower()
    if n.dep_ == "dobj" and (head in lex["light_verbs"] or head in lex["frame_verbs_with_object"]):
        return True
    if n.dep_ in ("nsubj", "nsubjpass") and (head in lex["happening_verbs"] or head in lex["light_verbs"]):
        return True
    if n.dep_ == "attr" or (n.dep_ == "pobj" and n.head.lower_ == "under"):
        return True
    if n.dep_ == "nsubj" and head == "be" and any(_characterises(c) for c in n.head.children):
        return True  # "the Hezbollah attack was unprovoked": what is said of an attack says it happened
    if n.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in n.children):
        return True  # a headline verb tagged as a noun: "M23 rebels and Congolese army clash near Sake"
    for child in tok.children:
        if child.dep_ == "poss" and (child.pos_ in ("PROPN", "NOUN") or child.lower_ in ("our", "its", "their")):
            return True  # "the regime's attacks", "following our strike on a vehicle"
        if child.dep_ == "prep" and child.lower_ == "by":
            return True
        if child.dep_ == "relcl" and child.lemma_.lower() in lex["happening_verbs"]:
            return True
    return False


def _characterises(predicate) -> bool:
    """"was unprovoked", "was an attempt to kidnap": a predicate saying what kind of act it was; a ranking ("the
    first in the area since June", "the worst in years") compares it with others instead."""
    if predicate.dep_ not in ("acomp", "attr") or predicate.tag_ in ("JJS", "RBS"):
        return False
    return predicate.lower_ not in ("first", "last") and not any(
        c.dep_ == "det" and c.lower_ == "the" for c in predicate.children)


def hedged_clause(verb) -> bool:
    """"armed men believed to be members of JNIM attacked a camp", parsed as "men believed [that ...] attacked":
    the subjectless verb's subject is the hedging verb's."""
    head = verb.head
    if verb.dep_ != "ccomp" or any(c.dep_.startswith("nsubj") for c in verb.children):
        return False
    return (head.lemma_.lower() in wordlists.words("claim_words", "hedge_verbs")
            and any(c.dep_ == "nsubj" for c in head.children) and any(c.dep_ == "xcomp" for c in head.children))


def negated(unit, frame) -> bool:
    """"denied shelling", "did not attack": a negation on the claim's words or its frame."""
    tokens = [*unit.triggers, unit.root] + ([frame.verb] if frame is not None else [])
    return any(c.dep_ == "neg" for t in tokens for c in t.children) or bool(frame and frame.kind == "denial")


def restricted(unit) -> bool:
    """"its strikes damaged only military infrastructure", "it only targeted militants": a side confining its
    act to lawful targets, which denies the harm others report ("not only" adds instead)."""
    words = wordlists.words("claim_words", "restricting_words")
    verbs = {t.i: t for t in [unit.root, *unit.triggers] if t.pos_ == "VERB"}
    verbs.update({t.head.i: t.head for t in unit.triggers if t.dep_ in ("nsubj", "dobj") and t.head.pos_ == "VERB"})
    for verb in verbs.values():
        holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "prep", "attr"))]
        holders += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for holder in holders:
            for adv in (c for c in holder.children if c.dep_ == "advmod" and c.lower_ in words):
                if not (adv.i > 0 and adv.doc[adv.i - 1].lower_ == "not"):
                    return True
    return False


def hypothetical(root, triggers) -> bool:
    """"will continue to strike", "threatened to attack": the act is intended, not reported as done. A clause
    that reports a done act beside an intended one ("targeted hideouts and will disrupt attacks") is not."""
    if triggers:
        return all(_intended(tok) for tok in triggers)
    return _intended(root)


def _intended(tok) -> bool:
    cur = tok
    for _ in range(6):
        if cur.lemma_.lower() in INTENT_VERBS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "conj", "dobj", "pobj", "prep", "pcomp") or cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def speaker_of_block(ctx: Context, sent, resolve) -> str | None:
    """The speaker of "X said:" closing a line: the lines after it are that speaker's words."""
    reporting = wordlists.load("claim_words")["reporting_verbs"]
    for tok in sent:
        if tok.lemma_.lower() not in reporting or tok.pos_ not in ("VERB", "AUX"):
            continue
        end = tok.idx + len(tok.text)
        rest = ctx.text[end:end + 4]
        if rest.startswith(":") and "\n" in rest:
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            found = resolve(subject) if subject is not None else None
            return found or _named_on_line(ctx, tok.idx)
    return None


def _named_on_line(ctx: Context, end: int) -> str | None:
    """The speaker named on a "Title Name said:" line the parser broke into pieces: its person, else its last actor."""
    start = ctx.text.rfind("\n", 0, end) + 1
    named = ctx.actors.actors_in(start, end)
    people = [a for a in named if ctx.actors.by_id[a].kind == "person"]
    return (people or named or [None])[-1]
