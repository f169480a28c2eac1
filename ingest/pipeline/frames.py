"""Who says what: reporting frames ("X said that ...", "X accused Y of ...", "according to X") and their claimants.

A `Frame` is one reporting word with the clause(s) it reports and the actor speaking. First-person speakers
("I", "we") inside a quotation speak for whoever is quoted; in the article's own voice they stay None, which
the schema reads as the publisher (a ministry's press release speaks for that ministry).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.pipeline import wordlists
from ingest.pipeline.counts import casualty_field

FIRST_PERSON = {"i", "we", "us", "me", "our"}
RELATIVE = {"which", "that", "who", "whom"}
CONTENT_DEPS = ("ccomp", "xcomp")
QUOTING_VERBS = {"quote", "cite"}


@dataclass
class Frame:
    """One reporting word, what it reports (content roots) and who reports it."""

    verb: object  # spaCy Token
    content: list = field(default_factory=list)
    subject: object | None = None
    claimant: str | None = None
    kind: str | None = None  # accusation / denial from the verb itself
    includes_verb: bool = False  # "condemns the attack", "accused X of": the verb belongs to the claim's text
    responsibility: bool = False  # "claimed responsibility": the speaker owns the act
    accused: list = field(default_factory=list)  # "accused Armenia of": the object names the perpetrator
    parent: Frame | None = None
    merged: bool = False  # a participle ("adding that") carrying on its governing frame's claim
    rejects: bool = False  # "described the reports as lies": a denial of what someone said, a claim itself
    parent_voice: bool = False  # "[X said] the accusations were false": the speaker is the frame around it

    def owner(self) -> Frame:
        """The frame whose claim this one's content joins ("adding that" joins "accused")."""
        return self.parent.owner() if self.merged and self.parent else self

    def content_ids(self) -> set[int]:
        return {t.i for root in self.content for t in root.subtree}


def find_frames(sent, *, resolve, block_speaker: str | None = None, same_region=None) -> list[Frame]:
    """The reporting frames of one sentence, nested, with claimants resolved through `resolve(token)`.

    `same_region(a, b)` keeps a headline word from being read as the subject of a body sentence.
    """
    same_region = same_region or (lambda a, b: True)
    frames = [f for tok in sent if (f := _frame_at(tok)) is not None]
    frames.extend(_according_frames(sent))
    frames.extend(_falsity_frames(sent, {f.verb.i for f in frames}))
    by_size = sorted(frames, key=lambda f: len(f.content_ids()))
    by_verb = {f.verb.i: f for f in frames}
    for frame in frames:
        frame.parent = next((o for o in by_size if o is not frame and frame.verb.i in o.content_ids()), None)
        if frame.parent is None and frame.verb.dep_ == "advcl":
            frame.parent = by_verb.get(frame.verb.head.i)
        if frame.subject is not None and not same_region(frame.subject, frame.verb):
            frame.subject = None
    for frame in sorted(frames, key=lambda f: _depth(f)):
        implicit = frame.subject is None
        frame.subject = frame.subject or _implicit_subject(frame.verb, same_region)
        controller = by_verb.get(frame.subject.head.i) if implicit and frame.subject is not None else None
        if controller is not None and controller is not frame:
            frame.claimant = controller.claimant
        else:
            frame.claimant = _claimant(frame, resolve, block_speaker)
        frame.merged = bool(frame.parent and frame.verb.dep_ == "advcl" and frame.verb.tag_ == "VBG"
                            and frame.parent.claimant == frame.claimant
                            and frame.verb.head.i == frame.parent.verb.i)
    return frames


def _depth(frame: Frame) -> int:
    return 0 if frame.parent is None else 1 + _depth(frame.parent)


def _frame_at(tok) -> Frame | None:
    lex = wordlists.load("claim_words")
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in wordlists.words("claim_words", "toll_verbs"):
        return _toll_frame(tok)
    if tok.pos_ not in ("VERB", "AUX") or lemma not in lex["reporting_verbs"]:
        return None
    with_object = lemma in wordlists.words("claim_words", "frame_verbs_with_object")
    content = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
    frame = Frame(verb=tok, kind=lex["reporting_verbs"][lemma], subject=_subject(tok))
    if lemma == "claim":
        return _claim_frame(tok, frame, content)
    if lemma == "make":
        return _make_clear_frame(tok, frame)
    if lemma == "call":
        content = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "on")]
        frame.includes_verb = True
    elif with_object:
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                   or (c.dep_ == "prep" and c.lower_ in ("of", "for", "over"))]
        frame.accused = [c for c in tok.children if c.dep_ == "dobj"] if frame.kind == "accusation" else []
        content = content + objects
        frame.includes_verb = True
    if not content:
        content = _statement_content(tok)
    if not content:  # "the crew reports two presumed fatalities", "officials confirmed 12 deaths"
        content = [c for c in tok.children if c.dep_ == "dobj" and casualty_field(c) is not None]
        frame.includes_verb = bool(content)
    if not content and tok.dep_ == "parataxis" and tok.head.i < tok.i:
        content = [tok.head]  # '"There are losses ...," the ministry said'
    if not content and tok.dep_ == "relcl" and tok.head.lemma_.lower() in wordlists.words("claim_words", "claim_nouns"):
        content, frame.includes_verb = [tok], True  # "..., an account the authorities rejected"
    if not content:
        return None
    frame.content = sorted(content, key=lambda t: t.i)
    return frame


def _toll_frame(tok) -> Frame | None:
    """"The army, in a statement, put the death toll at four": giving a figure reports it; the subject gives it."""
    toll_nouns = wordlists.words("claim_words", "toll_nouns")
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in toll_nouns for c in tok.children):
        return None
    content = [c for c in tok.children
               if c.dep_ in ("dobj", "advcl") or (c.dep_ == "prep" and c.lower_ in ("at", "to"))]
    return Frame(verb=tok, content=content, subject=_subject(tok), includes_verb=True)


def _statement_content(tok) -> list:
    """"said in a statement that ...", "told a briefing that ...", "told reporters that ...", parsed with the
    clause hanging off the noun: that clause (a "that" marking it, not standing for the noun)."""
    nouns = wordlists.words("claim_words", "statement_nouns")
    holders = [g for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in ("in", "on")
               for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in nouns]
    holders += [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    for noun in holders:
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if clauses:
            return clauses
    return []


def _claim_frame(tok, frame: Frame, content: list) -> Frame | None:
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() in wordlists.words("claim_words", "responsibility_nouns") for o in objects):
        frame.responsibility = frame.includes_verb = True
        frame.content = objects
        return frame
    if not content:
        return None
    frame.content = content
    return frame


def _make_clear_frame(tok, frame: Frame) -> Frame | None:
    clear = next((c for c in tok.children if c.dep_ in ("ccomp", "oprd", "acomp") and c.lower_ == "clear"), None)
    if clear is None:
        return None
    frame.content = [c for c in clear.children if c.dep_ in ("ccomp", "advcl")]
    return frame if frame.content else None


def _according_frames(sent) -> list[Frame]:
    frames = []
    for tok in sent:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is not None and tok.head.i != tok.i:
            frames.append(Frame(verb=tok, content=[tok.head], subject=source))
    return frames


FIGURE_NOUNS = frozenset({"number", "figure", "toll", "tally", "count"})  # what a side calls inflated


def _falsity_frames(sent, taken: set[int]) -> list[Frame]:
    """Denials without a denying verb: "described the reports as 'lies'", "called the claims baseless", "the
    accusations were false and baseless". The labelling verb (or the copula) is the frame; with a copula the
    speaker is whoever reports the sentence."""
    falsity = wordlists.words("claim_words", "falsity_words")
    describing = wordlists.words("claim_words", "describing_verbs")
    claim_nouns = wordlists.words("claim_words", "claim_nouns") | {"this", "that", "it", "these", "those"}
    frames = []
    for tok in sent:
        if tok.lower_ not in falsity and tok.lemma_.lower() not in falsity:
            continue
        word = tok
        while word.dep_ == "conj" and word.head.i != word.i:
            word = word.head  # "false and baseless"
        if any(c.dep_ == "neg" for c in [*word.children, *word.head.children]):
            continue  # "the reports were not false"
        verb, copula = None, False
        if word.dep_ == "pobj" and word.head.lower_ == "as":
            holder = word.head.head
            verb = holder if holder.pos_ in ("VERB", "AUX") else holder.head
        elif word.dep_ in ("oprd", "ccomp", "xcomp", "dobj") and word.head.lemma_.lower() in describing:
            verb = word.head
        elif word.dep_ in ("acomp", "attr") and word.head.lemma_.lower() == "be":
            subject = next((c for c in word.head.children if c.dep_ in ("nsubj", "csubj")), None)
            if subject is not None and any(t.lemma_.lower() in claim_nouns or t.lower_ in claim_nouns
                                           for t in subject.subtree):
                verb, copula = word.head, True
        elif word.pos_ == "VERB" and word.tag_ == "VBN":  # "that number is inflated", "the toll was exaggerated"
            subject = next((c for c in word.children if c.dep_ == "nsubjpass"), None)
            if subject is not None and any(t.lemma_.lower() in claim_nouns | FIGURE_NOUNS for t in subject.subtree):
                verb, copula = word, True
        if verb is None or verb.i in taken or verb.pos_ not in ("VERB", "AUX"):
            continue
        if not copula and verb.lemma_.lower() not in describing:
            continue
        taken.add(verb.i)
        content = [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "csubj", "prep", "oprd",
                                                          "acomp", "attr", "ccomp")] or [word]
        frames.append(Frame(verb=verb, kind="denial", content=sorted(content, key=lambda t: t.i),
                            subject=None if copula else _subject(verb), includes_verb=True, rejects=True,
                            parent_voice=copula))
    return frames


def _subject(tok, same_region=None):
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if same_region is not None:
        subjects = [c for c in subjects if same_region(c, tok)]
    return subjects[-1] if subjects else None


def _implicit_subject(verb, same_region):
    """The controller of a subjectless participle or conjunct: "..., saying", "and added", skipping relative clauses.

    A reporting verb the parser joined to a reported clause ("X said the RSF had shelled ... and accused Y of")
    is really joined to the verb reporting that clause: its subject is X.
    """
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lemma_.lower() in _reporting():
        subject = _subject(head.head, same_region)
        if subject is not None:
            return subject
    cur = verb
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.dep_ == "relcl" or cur.pos_ not in ("VERB", "AUX"):
            continue
        subject = _subject(cur, same_region)
        if subject is not None:
            return subject
    return None


def _reporting() -> dict:
    return wordlists.load("claim_words")["reporting_verbs"]


def _quoted_speaker(verb):
    """"The agency quoted the governor as saying that ...": the one quoted, not the agency, is the speaker."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.lemma_.lower() not in QUOTING_VERBS:
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _claimant(frame: Frame, resolve, block_speaker: str | None) -> str | None:
    if frame.parent_voice:
        return frame.parent.claimant if frame.parent is not None else block_speaker
    quoted = _quoted_speaker(frame.verb)
    if quoted is not None and resolve(quoted):
        return resolve(quoted)
    subject = frame.subject
    if subject is None:
        return frame.parent.claimant if frame.parent and frame.verb.dep_ in ("advcl", "conj", "xcomp") else None
    if subject.lower_ in FIRST_PERSON:
        if frame.parent is not None:
            return frame.parent.claimant
        return block_speaker
    if subject.lower_ in RELATIVE and frame.verb.dep_ == "relcl":
        subject = frame.verb.head
    return resolve(subject)
