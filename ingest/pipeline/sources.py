"""Described sources quoted as speakers: "local sources said", "residents told VOA", "according to witnesses".

Articles often cite a source by description rather than by name. A noun whose head is one of actor_words'
source_nouns becomes an actor of its own when it speaks: the subject of a reporting verb, or the object of
"according to". Residents and witnesses are civilians, officials a government body, "separatists" an armed
group (unless the article names one, which the word then means). Without it, such claims read as the outlet's
own voice, and the toll "local sources" give cannot be set against the army's.
Mentions with the same name ("Residents", "residents") are one actor; only the modifiers that say which
source it is ("local security officials", not "angry residents") are kept in its name.
"""
from __future__ import annotations

from ingest.pipeline import wordlists


def described_sources(builder) -> None:
    """Add an actor for every described source that speaks and no other actor covers."""
    doc = builder.doc
    lists = wordlists.load("actor_words")
    nouns, modifiers = lists["source_nouns"], frozenset(lists["source_modifiers"])
    # a rebel army is a military of no state ("Kachin Independence Army"); a state's own forces have it as parent
    named_group = any(r.kind == "armed_group" or (r.kind == "military" and r.parent_key is None and r.key[0] == "org")
                      for r in builder.actors.values())
    for tok in doc:
        kind = nouns.get(tok.lemma_.lower())
        if kind is None or tok.pos_ != "NOUN" or tok.i in builder.claimed or not speaks(tok):
            continue
        if kind == "armed_group" and named_group:
            continue  # "the rebels said" after "JEM rebels attacked": the named group speaks
        if any(c.dep_ == "appos" and c.i in builder.claimed for c in tok.children):
            continue  # "A local official, Lawan Kole, said": the person named speaks
        if any(word.i in builder.claimed for left in tok.lefts for word in left.subtree):
            continue  # "a Somali military commander", "Israeli officials": the named actor speaks through them
        start = tok.i
        # "a civil defence official": a modifier may hang off another modifier of the head
        while start > 0 and doc[start - 1].lower_ in modifiers and start <= doc[start - 1].head.i <= tok.i \
                and start - 1 not in builder.claimed:
            start -= 1
        span = doc[start:tok.i + 1]
        if not builder.body.is_content(span.start_char, span.end_char):
            continue
        modifiers_kept = [t.lower_ for t in span[:-1]]
        name = " ".join([*modifiers_kept, tok.lower_])
        key = ("source", " ".join([*modifiers_kept, tok.lemma_.lower()]))  # "Residents" and "resident": one
        # whose officials they are is seldom said ("a civil defence official" in a story about two countries)
        builder.add(key, name, kind, None, span)


def speaks(tok) -> bool:
    """Subject of "said"/"told"/"reported", "according to" it, or whom "reports from" are from (conjuncts too:
    "officials and residents")."""
    while tok.dep_ == "conj":
        tok = tok.head
    head = tok.head
    reporting = wordlists.load("claim_words")["reporting_verbs"]
    if tok.dep_ == "nsubj":
        return head.lemma_.lower() in reporting
    if tok.dep_ == "pobj" and head.lower_ == "from":  # "reports from the crew say": the crew speaks
        report = head.head
        return report.lemma_.lower() in wordlists.words("claim_words", "statement_nouns") and (
            report.dep_ == "nsubj" and report.head.lemma_.lower() in reporting)
    return tok.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and head.doc[head.i - 1].lower_ == "according"
