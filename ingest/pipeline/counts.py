"""Casualty figures as ranges: "two of its troops were killed" 2..2, "more than a dozen injured" 13..None.

`read_quantity` reads a quantity phrase as plain text (testable without the model); `casualties_of` finds,
for one casualty word in a parsed sentence (killed, dead, losses, injured ...), who the victims are and how
many, following the dependency parse. Word lists live in data/quantities.json and data/claim_words.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extraction import Count
from ingest.pipeline import wordlists as lexicon

_BETWEEN = re.compile(r"\bbetween\s+([\w,-]+)\s+and\s+([\w,-]+)")
# an age, not a count: "36-year-old", "three - year - old", "aged 30"
_AGE = re.compile(r"\b[\w]+\s*-?\s*(?:year|month|week|day)s?\s*-?\s*old\b|\baged\s+\d+\b")
RISING_VERBS = {"rise", "climb", "reach", "increase", "grow", "jump", "mount"}
_PLURAL_ENDINGS = ("s", "men", "people", "children", "personnel", "police", "staff", "crew")


@dataclass(frozen=True)
class Casualties:
    """What one casualty word says: the figure, whether deaths or injuries, and the victims' group."""

    field: str  # "fatalities" or "injured"
    count: Count | None
    group: str  # "civilians", "forces" or "unknown"
    victim_start: int | None = None
    shared_victims: bool = False


def read_quantity(phrase: str, *, plural: bool = False) -> Count | None:
    """The range a quantity phrase gives: "at least ten" 10..None, "a number of" 1..None, "two" 2..2.

    A bare plural ("camp residents") is "some": 1..None. Returns None when the phrase holds no quantity.
    """
    q = lexicon.load("quantities")
    text = " ".join(re.sub(r"[()\"“”]", " ", phrase.lower()).split())
    text = " ".join(_AGE.sub(" ", text).split())  # "a 36-year-old man" is one man, not 36
    value = _number_in(text, q["numbers"])
    for vague, (low, high) in sorted(q["vague"].items(), key=lambda kv: -len(kv[0])):
        if value is not None and vague in q["approximate"]:
            continue  # "some 500": an approximate figure, not "some"
        if re.search(rf"(^|\s){re.escape(vague)}(\s|$)", text):
            return Count(low, high)
    if value is None:
        return Count(1, None) if plural else None
    between = _BETWEEN.search(text)
    if between:
        low, high = (_number_in(g, q["numbers"]) for g in between.groups())
        if low is not None and high is not None and low <= high:
            return Count(low, high)
    if _has_any(text, q["more_than"]):
        return Count(value + 1, None)
    if _has_any(text, q["at_least"]):
        return Count(value, None)
    if _has_any(text, q["at_most"]):
        return Count(1 if value else 0, value)  # "up to 15 wounded" reports some, at most 15
    if _has_any(text, q["below"]):
        return Count(0, max(value - 1, 0))
    if _has_any(text, q["just_below"]):
        return Count(1 if value > 1 else 0, max(value - 1, 0))  # "nearly two dozen": some, fewer than 24
    if _has_any(text, q["approximate"]):
        return Count(value, None)
    return Count(value, value)


def _has_any(text: str, phrases: list[str]) -> bool:
    return any(re.search(rf"(^|\s){re.escape(p)}(\s|$)", text) for p in phrases)


def _number_in(text: str, numbers: dict[str, int]) -> int | None:
    """The number a phrase spells, digits or words: "6,500", "a dozen", "twenty five", "two hundred"."""
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if digits:
        value = float(digits.group().replace(",", ""))
        if re.search(r"\bmillion\b", text):
            value *= 1_000_000
        elif re.search(r"\bthousand\b", text):
            value *= 1000
        return int(value)
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word not in numbers:
            continue
        n, seen = numbers[word], True
        if n in (100, 1000, 1_000_000):
            current = max(current, 1) * n
            if n >= 1000:
                total, current = total + current, 0
        elif word == "dozen":
            current = max(current, 1) * 12
        else:
            current += n
    return total + current if seen else None


def group_of(lemma: str) -> str:
    """The casualty group a victim noun names."""
    if lemma in lexicon.words("claim_words", "civilian_nouns"):
        return "civilians"
    if lemma in lexicon.words("claim_words", "force_nouns"):
        return "forces"
    return "unknown"


def casualty_field(token) -> str | None:
    """"fatalities" or "injured" when the token is a casualty word (killed, dead, losses, wounded ...)."""
    lex = lexicon.load("claim_words")
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        field = lex["casualty_verbs"].get(lemma) or lex["casualty_verbs"].get(token.lower_)
        if lemma == "lose" and not _lost_people(token):
            return None
        if lemma == "claim" and any(c.lemma_.lower() == "life" for c in token.children):
            return "fatalities"
        return field
    if token.pos_ in ("ADJ", "ADV"):  # "leave ten soldiers dead" (the tagger reads "dead" either way)
        return lex["casualty_adjectives"].get(token.lower_)
    if token.pos_ in ("NOUN", "PROPN"):
        return lex["casualty_nouns"].get(lemma)
    return None


def _lost_people(token) -> bool:
    people = lexicon.words("claim_words", "person_nouns")
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in people or c.lower_ in people) for c in token.children)


def casualties_of(token) -> Casualties | None:
    """The figure a casualty word gives, read from its victims' phrase."""
    field = casualty_field(token)
    if field is None:
        return None
    bound = toll_rise(token)
    if bound is not None:
        return Casualties(field, bound, "unknown")
    figure = _toll_figure(token)
    if figure is not None:
        return Casualties(field, _count_of(figure, token), _group_near(figure), figure.idx)
    victim = _victim_of(token)
    if victim is None:
        count = Count(1, None) if token.pos_ == "NOUN" and field == "fatalities" else None
        return Casualties(field, count, "unknown")
    count = _count_of(victim, token)
    shared = _shares_victims(token, victim)
    return Casualties(field, count, _group_near(victim), victim.idx, shared)


def toll_rise(token) -> Count | None:
    """"the toll could rise to five" (at most five: some, up to 5) and "the toll rose to 12" (12): a casualty
    noun whose verb climbs to a number."""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in RISING_VERBS:
        return None
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    number = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    value = read_quantity(" ".join(t.lower_ for t in number.subtree)) if number is not None else None
    if value is None or value.max is None:
        return value
    if any(c.dep_ == "aux" and c.lower_ in ("could", "may", "might", "would", "will") for c in verb.children):
        return Count(1 if value.max else 0, value.max)
    return value


def _toll_figure(token):
    """"put the death toll at four soldiers", "a death toll of 12", "the toll stood at 30": the figure a toll
    noun is given, not the noun itself (which alone says only that some died)."""
    toll = token if token.lemma_.lower() in lexicon.words("claim_words", "toll_nouns") else token.head
    if toll.lemma_.lower() not in lexicon.words("claim_words", "toll_nouns") or toll.pos_ != "NOUN":
        return None
    holders = [toll] + ([toll.head] if toll.dep_ in ("dobj", "nsubj") else [])
    for holder in holders:
        for prep in holder.children:
            own = prep.lower_ == "of" if holder is toll else prep.lower_ in ("at", "to")  # "toll of 12", "put at 4"
            if prep.dep_ == "prep" and own:
                figure = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if figure is not None and any(t.like_num or t.pos_ == "NUM" for t in figure.subtree):
                    return figure
    return None


def _victim_of(token):
    """The phrase naming who was killed or hurt, following the parse around the casualty word."""
    if token.pos_ in ("NOUN", "PROPN"):
        return token  # "losses among servicemen", "heavy casualties": the casualty noun carries the quantity
    if token.pos_ in ("ADJ", "ADV"):
        if token.dep_ == "amod":
            return token.head
        return _child(token.head, ("dobj", "nsubjpass", "nsubj"))  # "leave ten soldiers dead"
    hit = _child(token, ("nsubjpass", "dobj"))
    if hit is None and token.lemma_.lower() == "die":
        hit = _child(token, ("nsubj",))
    active = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
    if hit is None and token.dep_ == "conj" and not active:  # "two were killed and more than a dozen injured"
        hit = _child(token, ("nsubj",)) or _child(token.head, ("nsubjpass", "dobj"), before=token.i)
    if hit is None:
        for conj in token.conjuncts:  # "killed and injured camp residents": the verbs share the object
            if conj.i > token.i and _child(conj, ("nsubj", "nsubjpass")) is None:
                hit = hit or _child(conj, ("dobj",))
    if hit is None and _takes_subject_victim(token):
        hit = _child(token, ("nsubj",))
    if hit is None and token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        hit = token.head
    if hit is None and token.dep_ == "xcomp":  # "more than 100 people were reported killed"
        hit = _child(token.head, ("nsubjpass",))
    return hit or _loose_victim(token)


def _loose_victim(token):
    """Victims the parser left unattached: "... killed and up to 15 wounded" (a bare number just before the
    verb), "Rebels Killed 12" (one just after it) and "neutralised between 10 and 12 assailants" (the range read
    as a preposition)."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.pos_ == "NUM" and before.head.i != token.i:
        return before
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.pos_ == "NUM" and after.head.i == token.i and after.dep_ in ("dep", "npadvmod"):
        return after  # "Rebels Killed 12" ending a headline line, the number left as a loose dependent
    between = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is not None:
        return next((g for g in between.children if g.dep_ == "pobj"), None)
    return None


def _child(token, deps: tuple[str, ...], before: int | None = None):
    """The first child with the earliest-listed dependency label."""
    for dep in deps:
        hit = next((c for c in token.children if c.dep_ == dep and (before is None or c.i < before)), None)
        if hit is not None:
            return hit
    return None


def _takes_subject_victim(token) -> bool:
    """Intransitive ("three died") or reduced passive ("ten people killed"): the subject is the victim."""
    if token.lemma_.lower() == "die":
        return True
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
    return token.tag_ == "VBN" and not has_perfect


def _shares_victims(token, victim) -> bool:
    """True when killed and injured are counted together ("more than 60 killed and injured")."""
    others = [c for c in token.conjuncts if casualty_field(c) not in (None, casualty_field(token))]
    for other in others:
        theirs = _victim_of(other)
        if theirs is None or theirs.i == victim.i:
            return True
    return False


def _count_of(victim, casualty_word) -> Count | None:
    """The range named by the victim phrase: its quantity words, and "of its troops" after a number."""
    if victim.i == casualty_word.i:
        left = [t.lower_ for t in victim.subtree if t.i <= victim.i]
        if _denied_by_none(victim):
            return Count(0, 0)
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() == "life" for g in c.children)
               for c in victim.children):
            left = [w for w in left if w not in ("a", "an")]  # "a tragic loss of life": some lives, not one
        return read_quantity(" ".join(left)) or Count(1, None)
    words = [t.lower_ for t in _quantity_phrase(victim)]
    if victim.dep_ == "pobj" and victim.head.lower_ == "between":
        words.insert(0, "between")
    return read_quantity(" ".join(words), plural=_is_plural(victim))


def _denied_by_none(noun) -> bool:
    """"no reports of injuries", "no indication of civilian casualties": a "no" on the noun the casualty
    word hangs from through "of" says there were none."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.pos_ != "NOUN":
        return False
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.head.head.children)


def _quantity_phrase(victim):
    """The victim's own words: its left modifiers, itself and an "of" phrase, without clauses hanging off it."""
    skip = set()
    for child in victim.children:
        if child.i > victim.i and not (child.dep_ == "prep" and child.lower_ == "of"):
            skip.update(t.i for t in child.subtree)
    return [t for t in victim.subtree if t.i not in skip and t.dep_ not in ("poss", "case", "punct")]


def _is_plural(token) -> bool:
    if token.tag_ in ("NNS", "NNPS") or "Plur" in token.morph.get("Number"):
        return True
    return token.tag_.startswith("NN") and token.lower_.endswith(_PLURAL_ENDINGS) and token.lower_ != token.lemma_


def _group_near(victim) -> str:
    """The victims' group, looking through "two of its troops" to the noun after "of"."""
    for t in [victim, *victim.subtree]:
        group = group_of(t.lemma_.lower())
        if group == "unknown":
            group = group_of(t.lower_)
        if group != "unknown":
            return group
    return "unknown"
