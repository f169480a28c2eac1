"""Claims: statements about violence or its toll, each with its claimant, span, kind, perpetrators and figures.

Per sentence: reporting frames (frames.py) say who speaks; trigger words (violent verbs and nouns, casualty
words; data/claim_words.json) say what about. Triggers that share a clause make one claim, whose span is
that clause without the clauses nested in it that make claims of their own. Headline clauses count;
captions and page chrome do not. Incidents are assigned later (incidents.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.extraction import ClaimResult, Count
from ingest.pipeline import wordlists
from ingest.pipeline.attribution import attribution_start, remember
from ingest.pipeline.claim_parts import (
    Context,
    asserted_noun,
    claimant_resolver,
    hedged_clause,
    hypothetical,
    negated,
    restricted,
    speaker_of_block,
)
from ingest.pipeline.counts import casualties_of, casualty_field
from ingest.pipeline.doers import perpetrators, targets
from ingest.pipeline.frames import Frame, find_frames
from ingest.pipeline.quotations import (
    QUOTE_MARKS,
    attribute_previous,
    headline_tag_speaker,
    issuer,
    share_quotation_speaker,
    starts_line,
    tail_attribution,
)

TEMPORAL_PREPS = {"after", "before", "since", "following", "until"}
TIME_DISTANCES = {"week", "month", "year", "decade", "century"}
ALLEGING_VERBS = {"allege", "claim"}  # reporting an act of another side with these is accusing it
TIME_UNITS = {"minute", "hour", "day", "week", "month", "year"}  # "hours after" is the same story; "years after" is not


@dataclass
class Unit:
    """The clause one claim covers: its root token, its frame (None: the article's voice) and its triggers."""

    root: object
    frame: Frame | None
    triggers: list = field(default_factory=list)


def find_claims(doc, *, body, actors, places, dates=None) -> list[ClaimResult]:
    """Every claim in the article's headline and body, in text order."""
    ctx = Context.build(doc, body=body, actors=actors, places=places)
    resolve = claimant_resolver(ctx)
    claims: list[ClaimResult] = []
    voices: list[tuple[int, str]] = []  # (offset, claimant) of every reporting frame with a speaker
    attributions: dict[str, int] = {}  # claim id -> where its speaker starts, for the final span
    speaker: str | None = None
    quoted_block: bool | None = None  # whether the speaker's "X said:" block is in quotation marks
    for sent in doc.sents:
        if speaker is not None and starts_line(sent):
            opens_quote = sent.text.lstrip()[:1] in QUOTE_MARKS
            if quoted_block is None:
                quoted_block = opens_quote
            elif quoted_block and not opens_quote:  # the quoted paragraphs are over
                speaker, quoted_block = None, None
        frames = find_frames(sent, resolve=resolve, block_speaker=speaker,
                             same_region=lambda a, b: ctx.region_of(a) == ctx.region_of(b))
        tail = tail_attribution(sent, frames, resolve)
        if tail:  # "..., the health ministry said on Wednesday." parsed as a sentence of its own
            claims = attribute_previous(claims, sent, tail)
        for unit in _units(ctx, sent, frames):
            claim = _claim(ctx, unit, speaker, len(claims) + 1)
            if claim is not None:
                claims.append(claim)
                start = attribution_start(unit.frame, claim.span)
                if start is not None:
                    attributions[claim.id] = start
        opened = speaker_of_block(ctx, sent, resolve)
        if opened:
            speaker, quoted_block = opened, None
        voices += [(f.verb.idx, f.claimant) for f in frames if f.claimant]
        ctx.last_claimant = next((f.claimant for f in reversed(frames) if f.claimant), None) or issuer(
            sent, resolve) or ctx.last_claimant
    remember(doc, attributions)
    return headline_tag_speaker(share_quotation_speaker(claims, ctx.text, voices), ctx)


def _units(ctx: Context, sent, frames: list[Frame]) -> list[Unit]:
    units: dict[int, Unit] = {}
    for tok in sent:
        if ctx.segment_of(tok) is None or not _is_trigger(tok):
            continue
        frame = _innermost(frames, tok)
        root = _clause_root(tok, frames)
        if frame is None and _backgrounded(tok, root):
            continue
        unit = units.setdefault(root.i, Unit(root=root, frame=frame.owner() if frame else None))
        unit.triggers.append(tok)
    for frame in frames:  # "accused X of subversive acts": an accusation is a claim without violent words too
        if frame.kind == "accusation" and not frame.merged and ctx.segment_of(frame.verb) is not None:
            units.setdefault(frame.verb.i, Unit(root=frame.verb, frame=frame, triggers=[frame.verb]))
        if frame.responsibility:
            units.setdefault(frame.verb.i, Unit(root=frame.verb, frame=frame, triggers=[frame.verb]))
        if frame.kind == "denial" and ctx.segment_of(frame.verb) is not None and (
                frame.rejects or _rejects_a_claim(frame) or _denies_a_clause(frame)):
            units.setdefault(frame.verb.i, Unit(root=frame.verb, frame=frame, triggers=[frame.verb]))
    return [units[i] for i in sorted(units)]


def _denies_a_clause(frame: Frame) -> bool:
    """"Government officials denied they lost control of the base": a named side denying what a clause says is
    a claim of its own in a story about a fight, even with no violent word in it."""
    return frame.claimant is not None and frame.verb.pos_ == "VERB" and any(
        c.dep_ == "ccomp" for c in frame.verb.children)


def _rejects_a_claim(frame: Frame) -> bool:
    """"rejected the accusation", "denied the reports": a denial of what another side said is a claim itself."""
    nouns = wordlists.words("claim_words", "claim_nouns")
    if frame.verb.dep_ == "relcl" and frame.verb.head.lemma_.lower() in nouns:
        return True  # "..., an account the authorities rejected"
    nouns = nouns | wordlists.words("claim_words", "involvement_nouns")  # "denied Ukrainian involvement"
    return any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in frame.verb.children)


def _is_trigger(tok) -> bool:
    lex = wordlists.load("claim_words")
    lemma = tok.lemma_.lower()
    if casualty_field(tok) is not None:
        if tok.dep_ == "acl" and tok.head.pos_ != "NUM" and not any(
                c.dep_ in ("nummod", "dobj") for c in [*tok.head.children, *tok.children]):
            return False  # "those injured": a reference, not a report ("At least 100 killed" is one)
        return tok.pos_ != "NOUN" or asserted_noun(tok) or tok.dep_ in ("attr", "nsubj", "nsubjpass", "dobj")
    verb_like = tok.lower_ in lex["violent_verb_forms"] and any(c.dep_ in ("nsubj", "dobj") for c in tok.children)
    if tok.pos_ == "VERB" or verb_like:  # "The army retook Brill", with "retook" tagged as a noun
        lemma = lex["violent_verb_forms"].get(tok.lower_, lemma)
        if lemma in wordlists.words("claim_words", "violent_verbs") or _dislodges(tok, lemma):
            return tok.dep_ not in ("amod", "compound")
    if tok.pos_ in ("NOUN", "PROPN") and (lemma in lex["violent_nouns"] or tok.lower_ in lex["violent_nouns"]):
        return asserted_noun(tok)
    return _backs_armed_men(tok)


def _backs_armed_men(tok) -> bool:
    """"Chad is backing rebel groups", "arming the militias": taking a side in the fighting, an accusation."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in wordlists.words("claim_words", "complicity_verbs"):
        return False
    # irregulars only: "gunships backed the Pakistani forces" is fire support in a battle, not complicity
    forces = wordlists.words("casualty_groups", "irregular_force_nouns") | {"militia"}
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        lemma = obj.lemma_.lower()
        if lemma in forces or lemma.rstrip("s") in forces:
            return True
        if lemma in wordlists.words("claim_words", "armed_group_nouns") and any(
                c.lemma_.lower() in forces for c in obj.children if c.dep_ in ("amod", "compound")):
            return True
    return False


def _dislodges(verb, lemma: str) -> bool:
    """"drove the jihadists from the towns", "pushed back the rebels": taking ground by force; "its forces
    destroyed three launchers": destruction with a named doer."""
    if lemma in wordlists.words("claim_words", "agentive_violent_verbs"):
        # a force, an agent, a name, or a weapon: "an explosive device that destroyed a vehicle"
        doers = wordlists.words("claim_words", "force_nouns") | wordlists.words("claim_words", "agent_nouns") | (
            wordlists.words("claim_words", "weapon_nouns"))
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        subjects = [verb.head if s.lower_ in ("that", "which") and verb.dep_ == "relcl" else s for s in subjects]
        return any(s.pos_ == "PROPN" or s.lemma_.lower() in doers for s in subjects)
    particles = wordlists.load("claim_words")["dislodging_verbs"].get(lemma)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not particles or not objects:
        return False
    attached = [*verb.children, *(c for o in objects for c in o.children)]  # "the jihadists from the towns"
    return any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in particles for c in attached)


def _innermost(frames: list[Frame], tok) -> Frame | None:
    holding = [f for f in frames if tok.i in f.content_ids() or (f.includes_verb and f.verb.i == tok.i)]
    if not holding:  # "accused B of bombing C, killing 14", the toll parsed as hanging off "accused"
        clause = next((t for t in [tok, *tok.ancestors] if t.dep_ == "advcl" and t.tag_ == "VBG"), None)
        holding = [f for f in frames if clause is not None and f.kind == "accusation" and f.verb.i == clause.head.i]
    return min(holding, key=lambda f: len(f.content_ids()), default=None)


def _clause_root(tok, frames: list[Frame]):
    """Climb from a trigger to the head of its clause, stopping where a nested clause or a frame begins."""
    roots = {r.i: f for f in frames for r in f.content}
    verbs = {f.verb.i: f for f in frames}
    cur = tok
    while True:
        frame = roots.get(cur.i)
        if frame is not None and frame.includes_verb:
            return frame.verb
        if frame is not None and not frame.merged:
            return cur
        if cur.i in verbs and not verbs[cur.i].merged and cur.i != tok.i:
            return cur
        carried_on = frame is not None or (cur.i in verbs and verbs[cur.i].merged)
        if cur.head.i == cur.i or (not carried_on and _boundary(cur)):
            return cur
        cur = cur.head


def _boundary(tok) -> bool:
    """True when the edge from `tok` to its head starts a clause of its own."""
    dep, head = tok.dep_, tok.head
    if dep in ("ccomp", "parataxis", "csubj"):
        return not hedged_clause(tok)
    if dep == "conj" and tok.pos_ == "VERB" and tok.lemma_.lower() in wordlists.load("claim_words")["reporting_verbs"]:
        return True  # "seized the hills and accused the army of ...": the accusation is a claim of its own
    if dep == "relcl":
        # "attacks which killed five" tell one act; "the attack, in which a man was killed" and "two weeks,
        # during which time militants fired 230 rockets" give the clause a subject of its own: another claim
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "that", "who", "whom")
                          for c in tok.children)
        return own_subject or (not _is_trigger(head) and casualty_field(head) is None)
    if dep == "advcl":
        return any(c.dep_ == "mark" and c.lower_ not in ("to", "in") for c in tok.children) or _result_clause(tok)
    if dep == "pcomp" and head.lower_ == "with" and any(c.dep_.startswith("nsubj") for c in tok.children):
        return True  # "with at least ten people killed": an absolute clause is its own statement
    if dep == "conj" and tok.pos_ == "VERB" and any(c.dep_.startswith("nsubj") for c in tok.children):
        if any(c.dep_ == "mark" for c in tok.children):
            return True  # "... were killed, and that its troops had killed ...": a second reported clause
        return not (casualty_field(tok) and casualty_field(head))
    return False


def _backgrounded(tok, root) -> bool:
    """Triggers the article mentions in passing: "two years after they fought a war", "after seizing the area"."""
    cur = tok
    while cur.i != root.i and cur.head.i != cur.i:
        if _temporal_clause(cur):
            return True
        if cur.dep_ == "pcomp" and cur.head.lower_ in TEMPORAL_PREPS:
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ in TEMPORAL_PREPS and _time_word(cur.head.head):
            return True  # "since October 8, a day after Hamas's attack": the attack only dates the story
        cur = cur.head
    if _temporal_clause(root):
        return True
    return root.dep_ == "pcomp" and root.head.lower_ in TEMPORAL_PREPS


def _time_word(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in TIME_UNITS


def _temporal_clause(tok) -> bool:
    """A clause that only places the main one in time ("when they fought a war"); a finite "after" clause with
    a subject of its own right after the event ("..., after clashes broke out") still reports that event."""
    if tok.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    if not marks & (TEMPORAL_PREPS | {"when", "as", "while"}):
        return False
    return not (marks == {"after"} and _reports_event(tok))


def _reports_event(clause) -> bool:
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    marks = [c for c in clause.children if c.dep_ == "mark"]
    near = [*clause.children, *clause.head.children, *(c for m in marks for c in m.children)]
    distance = [c for c in near if c.dep_ == "npadvmod" and c.lemma_.lower() in TIME_DISTANCES]  # "two years after"
    return has_subject and not distance


def _claim(ctx: Context, unit: Unit, speaker: str | None, number: int) -> ClaimResult | None:
    span = ctx.unit_span(unit, _nested_roots(unit))
    if span is None:
        return None
    frame = unit.frame
    claimant = frame.claimant if frame is not None else speaker
    doers = [t for t in unit.triggers if frame is None or t.i != frame.verb.i]
    ctx.speaker = claimant
    perps, via_agent = perpetrators(ctx, doers, frame)
    figures = _figures(unit.triggers)
    restricts = restricted(unit) and casualty_field(_main_trigger(unit)) is None
    is_negated = negated(unit, frame) or restricts
    # "it only targets militants": a policy in the present tense, not a report of this incident
    general = restricts and all(t.tag_ in ("VBZ", "VBP") for t in unit.triggers if t.pos_ == "VERB") and any(
        t.pos_ == "VERB" for t in unit.triggers)
    kind = _kind(ctx, unit, frame, perps, via_agent, figures, is_negated, claimant)
    places = list(dict.fromkeys(ctx.places.places_in(*span)))
    return ClaimResult(
        id=f"c{number}", incident_id=None, claimant_id=claimant, span=span, text=ctx.text[span[0]:span[1]],
        kind=kind, perpetrator_ids=perps, target_ids=targets(ctx, doers, perps), location_ids=places,
        fatalities=figures.get("fatalities"), injured=figures.get("injured"),
        casualty_group=figures.get("group", "unknown"), negated=is_negated,
        hypothetical=general or hypothetical(unit.root, unit.triggers),
    )


def _nested_roots(unit: Unit) -> set[int]:
    """Children of the unit's tokens that start clauses of their own (cut out of its span)."""
    nested = set()
    trigger_ids = {t.i for t in unit.triggers}
    denied = unit.frame is not None and unit.frame.kind == "denial" and unit.root.i == unit.frame.verb.i
    for tok in unit.root.subtree:
        if tok.i == unit.root.i or (denied and tok.head.i == unit.root.i and tok.dep_ == "ccomp"):
            continue  # what a denial denies is part of it
        if _boundary(tok) and not any(t.i in trigger_ids for t in tok.subtree):
            if tok.dep_ == "relcl" and tok.head.dep_ == "dobj" and _backs_armed_men(tok.head.head):
                continue  # "backing rebel groups that oppose the government": which groups is the accusation
            nested.add(tok.i)
    return nested


def _figures(triggers) -> dict:
    found: dict = {}
    for tok in triggers:
        info = casualties_of(tok)
        if info is None or info.field in found:
            continue
        count = info.count
        if info.shared_victims and count is not None and count != Count(1, None):
            count = None  # "more than 60 killed and injured" gives neither figure on its own
        found[info.field] = count
        if count == Count(0, 0) and tok.lemma_.lower() == "casualty":
            found.setdefault("injured", count)  # "no casualties": nobody killed or hurt
        if info.group != "unknown":
            found.setdefault("group", info.group)
    return found


def _own_side(ctx: Context, claimant: str | None, perps: list[str]) -> bool:
    """Whether the speaker names its own party (itself, its parent, its country) as the doer."""
    def party(actor_id):
        actor = ctx.actors.by_id.get(actor_id) if hasattr(ctx.actors, "by_id") else None
        return {actor_id} | ({actor.parent_id} if getattr(actor, "parent_id", None) else set()) | (
            {actor.country_code} if getattr(actor, "country_code", None) else set())
    if claimant is None:
        return False
    own = party(claimant)
    return any(party(p) & own for p in perps)


def _kind(ctx: Context, unit: Unit, frame, perps, via_agent, figures, is_negated, claimant) -> str:
    if is_negated or (frame is not None and frame.kind == "denial"):
        return "denial"
    if frame is not None and frame.responsibility:
        return "statement"
    main = _main_trigger(unit)
    if _backs_armed_men(main) and claimant not in perps:
        return "accusation"
    if frame is not None and frame.kind == "accusation":
        if unit.root.i != frame.verb.i and casualty_field(main) is not None:
            return "casualties"  # "accused B of bombing C, killing 14": the toll clause is the accuser's toll
        return "accusation"
    if frame is not None and frame.verb.lemma_.lower() in ALLEGING_VERBS and perps and not _own_side(
            ctx, claimant, perps):
        return "accusation"  # "alleged that X troops attacked", "claiming that X was behind it"
    tolled = (casualty_field(main) is not None and main.pos_ == "VERB"
              and (figures.get("fatalities") or figures.get("injured")))
    if perps and via_agent and claimant not in perps and not tolled:
        return "accusation"  # ("the army's bombs had killed five civilians" is a toll, whoever it blames)
    if casualty_field(main) is not None or (not any(casualty_field(t) is None for t in unit.triggers)):
        return "casualties"
    if (figures.get("fatalities") or figures.get("injured")) and any(
            t.dep_ == "conj" and t.head.i == main.i and casualty_field(t) for t in unit.triggers):
        return "casualties"  # "repelled the attack and killed dozens": the toll is what the clause reports
    return "attack"


def _main_trigger(unit: Unit):
    """The trigger nearest the clause root; on a tie a casualty word (the headline's "leave ... dead")."""
    def depth(tok):
        d, cur = 0, tok
        while cur.i != unit.root.i and cur.head.i != cur.i:
            d, cur = d + 1, cur.head
        return d
    return min(unit.triggers, key=lambda t: (depth(t), casualty_field(t) is None, t.i))


def _result_clause(tok) -> bool:
    """"..., killing two men": a participle giving the toll is a claim of its own; "stormed the village,
    shelling homes" only says how the act was done."""
    # only a participle after its verb tells a result; "fighters, using grenades, ambushed" says how
    return tok.tag_ == "VBG" and tok.i > tok.head.i and (casualty_field(tok) is not None or not _is_trigger(tok))
