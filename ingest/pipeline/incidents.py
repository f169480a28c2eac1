"""Group claims into incidents: one event in the world with a date window, places, actors and an ACLED type.

A claim is dated by the date expressions in its own clause or sentence, else by the last one earlier in its
line ("On Dec. 7th, ... . Coalition aircraft conducted a strike"); see claim_windows.py. A denial goes with what
it denies, whatever days it names; "on the same day that ..." tells another event; a definite act ("the
Hezbollah attack") or a "This time" sentence after a recalled older incident returns to the lead one. Claims
whose windows overlap join one incident unless their places and actors are both disjoint (two attacks on the
same day in different towns).
Undated claims carry on the incident of the claim before them; the headline and lede, read before any dated
claim, join the first dated incident. A sentence opening with "Separately," starts another incident, and a
coarser date ("last week") reaching outside a story dated to the day tells of another event. Incidents more
than a quarter before publication are background, except the lead story (the headline's), which is news
unless it is older than about ten months.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ingest.extraction import ClaimResult, IncidentResult
from ingest.pipeline import wordlists
from ingest.pipeline.claim_windows import claim_window, contrasts_with_before, dates_a_reaction
from ingest.pipeline.dates import as_date
from ingest.pipeline.nlp import doc_text

BACKGROUND_AFTER_DAYS = 90  # about a quarter: older events an article recalls are history, not its news
CONCURRENT_CUE_CHARS = 24  # room for "on the same day that" before a claim's clause
DATED_OPENING_CHARS = 12  # "On Wednesday," / "Also Wednesday," / "Late Sunday": a date that opens the sentence
LEAD_BACKGROUND_AFTER_DAYS = 300  # the story the headline and lede tell is the news unless it is older than this


@dataclass
class Group:
    claims: list = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    precision: str = "unknown"
    places: set = field(default_factory=set)
    actors: set = field(default_factory=set)
    doers: set = field(default_factory=set)  # perpetrators of the claims read in order (not the headline's)
    # places and actors of the claims read in order: what a later claim must share (the headline's "Syria" in
    # "statement on Syria aid convoy attack" does not part the convoy strike from the "Russia" that did it)
    told_places: set = field(default_factory=set)
    told_actors: set = field(default_factory=set)

    def add(self, claim: ClaimResult, window, sides: dict, *, early: bool = False) -> None:
        self.claims.append(claim)
        self.places.update(claim.location_ids)
        self.actors.update(_actors_of(claim, sides))
        if not early:
            self.doers.update(claim.perpetrator_ids)
            self.told_places.update(claim.location_ids)
            self.told_actors.update(_actors_of(claim, sides))
        if window is not None:
            start, end, precision = window
            if self.start is None or _finer(precision, self.precision):
                self.precision = precision
            self.start = start if self.start is None else min(self.start, start)
            self.end = end if self.end is None else max(self.end, end)


def group_incidents(doc, *, claims, dates, actors, places, published_at, body):
    """Incidents for the claims, and the claims with their incident ids set."""
    published = as_date(published_at)
    lines = sorted([*body.body_spans, *([body.title_span] if body.title_span else [])])
    sides = actor_sides(actors)
    local = {p.id for p in places.results if p.precision not in ("country", "")}  # towns, districts, regions
    body_dates = [d for d in dates if any(a <= d.span[0] < b for a, b in lines)]
    groups: list[Group] = []
    pending: list[ClaimResult] = []
    owner: dict[str, Group] = {}
    last: Group | None = None
    seen_sentence = None
    aggregates: list[ClaimResult] = []
    for claim in sorted(claims, key=lambda c: c.span[0]):
        if claim.hypothetical:
            continue
        if claim.aggregate:  # a cumulative toll is kept, but never forms, dates or widens an incident
            aggregates.append(claim)
            continue
        if last is not None and _refers_back(claim):  # "More than 400 people have been killed since then"
            last.add(claim, None, sides)
            owner[claim.id] = last
            continue
        # a denial's days ("no planes had flown since Monday") say when nothing happened: it goes with what it denies
        window = None if claim.negated and last is not None else claim_window(doc, claim, dates, lines)
        if window is None and last is None:
            window = _last_date_before([d for d in body_dates if not dates_a_reaction(doc, d)], claim)
        sentence, opener = _sentence_opener(doc, claim)
        fresh, seen_sentence = opener and sentence != seen_sentence, sentence  # only its first claim starts anew
        fresh = fresh or _prior_event_elsewhere(claim, last) or _dated_opening_elsewhere(
            doc, claim, last, dates, local) or _concurrent_event(doc, claim, last)
        contrast = contrasts_with_before(doc, claim)
        if window is None and not fresh and _leaves_an_aside(claim, last, groups, lines, published, contrast):
            last = groups[0]  # the story returns to the lead incident after recalling an older one
        group = _place_claim(groups, claim, window, last, sides, published, fresh)
        if group is None:
            pending.append(claim)
            continue
        owner[claim.id] = last = group
        for early in pending:  # the headline and lede belong to the first dated incident
            group.add(early, None, sides, early=True)
            owner[early.id] = group
        pending = []
    _settle_pending(groups, pending, owner, published, sides)
    _attach_aggregates(groups, aggregates, owner)
    incidents, ids = _incidents(groups, published, body)
    claims = [replace(c, incident_id=ids.get(id(owner.get(c.id)))) for c in claims]
    return incidents, claims


def _attach_aggregates(groups: list[Group], aggregates: list[ClaimResult], owner: dict) -> None:
    """Each cumulative toll goes with the story told before it (else the first), adding nothing to it."""
    for claim in aggregates:
        before = [g for g in groups if min(c.span[0] for c in g.claims) < claim.span[0]]
        group = (before or groups or [None])[-1 if before else 0]
        if group is not None:
            owner[claim.id] = group


def _vaguer_and_wider(group: Group, window) -> bool:
    """"Last week, ..." after a story dated to the day: a coarser date reaching outside it tells of another event."""
    start, end, precision = window
    return _finer(group.precision, precision) and (start < group.start or end > group.end)


def _sentence_opener(doc, claim) -> tuple[int | None, bool]:
    """The start of the claim's sentence, and whether that sentence opens with a cue for another incident
    ("Separately, ...", "Elsewhere, ...")."""
    span = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    if span is None:
        return None, False
    opening = span.sent.text.lstrip().lower()
    openers = wordlists.words("event_cues", "new_incident_openers")
    return span.sent.start_char, any(opening.startswith(cue) for cue in openers)


def _prior_event_elsewhere(claim, last: Group | None) -> bool:
    """"The strike came hours after troops clashed in Khan Younis": an earlier event told in an "after" clause,
    in other places than the story so far, is an incident of its own."""
    if last is None or not claim.location_ids or not last.places or set(claim.location_ids) & last.places:
        return False
    words = claim.text.lower().split()[:3]
    return any(w in wordlists.words("event_cues", "prior_event_marks") for w in words)


def _dated_opening_elsewhere(doc, claim, last: Group | None, dates, local: set[str]) -> bool:
    """"On Wednesday, troops pounded hideouts in North Waziristan", after a clash in South Waziristan: a sentence
    that opens on a day of its own and names only other towns or regions tells another event. (Countries are
    not compared: "the town of Elbe" after "an attack in southwestern Somalia" is the same one.)"""
    here, before = set(claim.location_ids) & local, last.places & local if last is not None else set()
    if not here or not before or here & before:
        return False
    span = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    if span is None:
        return False
    start = span.sent.start_char
    return any(start <= d.span[0] <= start + DATED_OPENING_CHARS for d in dates)


def _concurrent_event(doc, claim, last: Group | None) -> bool:
    """"The deaths came on the same day that a car bomb killed five Americans": the clause after "the same day
    that" tells another event of that day."""
    if last is None:
        return False
    before = doc_text(doc)[max(0, claim.span[0] - CONCURRENT_CUE_CHARS):claim.span[0]].lower()
    before = re.sub(r"\s+", " ", before).strip()
    return any(before.endswith(mark) for mark in wordlists.words("event_cues", "concurrent_event_marks"))


def _leaves_an_aside(claim, last: Group | None, groups: list[Group], lines, published, contrast: bool) -> bool:
    """"The fighting is the first since June, when Hezbollah attacked ..." then, in a new paragraph, "Israeli
    authorities say the Hezbollah attack was unprovoked": an undated claim naming a definite act after a
    paragraph recalling history is about the lead incident again, not the history; so is one contrasting with
    the history ("Russia first fired this missile at Dnipro in 2024. This time it struck Lviv")."""
    if last is None or not groups or last is groups[0] or last.end is None or not _is_history(
            (last.start, last.end, last.precision), published):
        return False
    if groups[0].end is not None and _is_history((groups[0].start, groups[0].end, groups[0].precision), published):
        return False
    if contrast:
        return True
    if not _definite_act(claim.text):
        return False
    return _line_of(lines, claim.span[0]) != _line_of(lines, max(c.span[0] for c in last.claims))


def _definite_act(text: str) -> bool:
    """"the attack", "the Hezbollah attack", "this strike": a definite act, which the story's own act is."""
    nouns = wordlists.load("claim_words")["violent_nouns"]
    words = re.findall(r"[\w'-]+", text.lower())
    def violent(word: str) -> bool:
        return word in nouns or word.removesuffix("s") in nouns or word.removesuffix("es") in nouns
    return any(w in ("the", "this") and any(violent(n) for n in words[i + 1:i + 3]) for i, w in enumerate(words))


def _line_of(lines, offset: int) -> int | None:
    return next((i for i, (a, b) in enumerate(lines) if a <= offset < b), None)


def _refers_back(claim) -> bool:
    text = claim.text.lower()
    return any(mark in text for mark in wordlists.words("event_cues", "back_references"))


def _retaliates(claim, group: Group) -> bool:
    """"Hezbollah said it fired rockets in response": the other side's counter-attack is not the incident it answers."""
    if not claim.perpetrator_ids or not group.doers or set(claim.perpetrator_ids) & group.doers:
        return False
    text = claim.text.lower()
    return any(mark in text for mark in wordlists.words("event_cues", "retaliation_marks"))


def _is_history(window, published: date | None) -> bool:
    """True when a window ends long before publication: it cannot date an undated incident of the news."""
    return bool(published) and (published - window[1]).days > BACKGROUND_AFTER_DAYS


def _place_claim(groups: list[Group], claim, window, last: Group | None, sides, published=None,
                 fresh: bool = False) -> Group | None:
    if window is None and last is not None and fresh:
        return _new_group(groups, claim, None, sides)
    if window is None:
        if last is not None and _compatible(last, claim, sides) and not _retaliates(claim, last):
            last.add(claim, None, sides)
            return last
        if last is None:
            return None
        # the counter-attack told before
        answered = next((g for g in reversed(groups)
                         if _retaliates(claim, last) and set(claim.perpetrator_ids) & g.doers
                         and _compatible(g, claim, sides)), None)
        if answered is not None:
            answered.add(claim, None, sides)
            return answered
        return _new_group(groups, claim, None, sides)
    if fresh:
        return _new_group(groups, claim, window, sides)
    for group in reversed(groups):
        if _retaliates(claim, group):
            continue
        if group.start is not None and _overlaps(group, window) and _compatible(group, claim, sides) \
                and not _vaguer_and_wider(group, window):
            group.add(claim, window, sides)
            return group
        if (group.start is None and group is last and _compatible(group, claim, sides)
                and not _is_history(window, published)):
            group.add(claim, window, sides)
            return group
    return _new_group(groups, claim, window, sides)


def _new_group(groups: list[Group], claim, window, sides) -> Group:
    group = Group()
    group.add(claim, window, sides)
    groups.append(group)
    return group


def _last_date_before(dates, claim):
    """The last date the article gave before an undated claim opening its story ("... on 19 September")."""
    earlier = [d for d in dates if d.span[1] <= claim.span[0] and d.date_start is not None]
    return (earlier[-1].date_start, earlier[-1].date_end, earlier[-1].precision) if earlier else None


def _settle_pending(groups, pending, owner, published, sides) -> None:
    """Claims no date reaches make one incident on the publication day (news reports the latest events)."""
    if not pending:
        return
    window = (published, published, "day") if published else None
    group = Group()
    for claim in pending:
        group.add(claim, window, sides)
        owner[claim.id] = group
    groups.append(group)


def _overlaps(group: Group, window) -> bool:
    start, end, _ = window
    return start <= group.end + timedelta(days=0) and end >= group.start


def _compatible(group: Group, claim, sides) -> bool:
    """False when the claim names other places and other actors (or their sides) than the incident so far."""
    places, actors = set(claim.location_ids), _actors_of(claim, sides)
    places_apart = bool(places and group.told_places) and not places & group.told_places
    actors_apart = bool(actors and group.told_actors) and not actors & group.told_actors
    return not (places_apart and actors_apart)


def _actors_of(claim, sides: dict) -> set:
    """The actors a claim involves, with their sides (parent body, country)."""
    ids = set(claim.perpetrator_ids) | ({claim.claimant_id} if claim.claimant_id else set())
    return set().union(*[sides.get(i, {i}) for i in ids]) if ids else set()


def actor_sides(actors) -> dict[str, set]:
    """Each actor's side: itself, its parent and its country (a ministry stands with its state; a rebel group
    of the same country does not)."""
    table = {}
    for actor in actors.results:
        side = {actor.id}
        if getattr(actor, "parent_id", None):
            side.add(actor.parent_id)
        if actor.country_code and actor.kind != "armed_group":
            side.add(actor.country_code)
        table[actor.id] = side
    return table


def _finer(a: str, b: str) -> bool:
    order = ["day", "week", "month", "year", "unknown"]
    return order.index(a) < order.index(b)


def _incidents(groups: list[Group], published: date | None, body):
    incidents, ids = [], {}
    lead = min(groups, key=lambda g: min(c.span[0] for c in g.claims), default=None)
    for n, group in enumerate(groups, start=1):
        start, end = group.start or published, group.end or published
        texts = [c.text for c in group.claims]
        if n == 1 and body.title:
            texts.append(body.title)
        event_type, sub_type = event_type_of(texts, group.claims)
        background = _is_background(group, lead, published, end)
        incident = IncidentResult(
            id=f"i{n}", event_type=event_type, sub_event_type=sub_type, date_start=start, date_end=end,
            date_precision=group.precision if group.start else ("day" if published else "unknown"),
            location_ids=sorted(group.places), actor_ids=sorted(group.actors), background=background,
            summary=group.claims[0].text,
        )
        incidents.append(incident)
        ids[id(group)] = incident.id
    return incidents, ids


def _is_background(group: Group, lead: Group, published: date | None, end: date | None) -> bool:
    """History the article recalls rather than its news: old, or told as the start of a longer story
    ("began attacking shipping in November", "since January") and over before the lead story began."""
    limit = LEAD_BACKGROUND_AFTER_DAYS if group is lead else BACKGROUND_AFTER_DAYS
    if published and end and (published - end).days > limit:
        return True
    if group is lead or group.end is None or lead.start is None or group.end >= lead.start:
        return False
    cues = wordlists.words("event_cues", "history_cues")
    return any(re.search(rf"\b{re.escape(cue)}\b", c.text.lower()) for c in group.claims for cue in cues)


def event_type_of(texts: list[str], claims) -> tuple[str, str]:
    """ACLED event type and sub-event type from cue words (data/event_cues.json), earlier rules first."""
    cues = wordlists.load("event_cues")
    joined = " ".join(texts).lower()
    victims = {c.casualty_group for c in claims if c.fatalities or c.injured} - {"unknown"}
    deadly = any(c.fatalities and (c.fatalities.min or 0) > 0 for c in claims)
    for rule in cues["rules"]:
        if deadly and rule["event_type"] == "strategic_developments":
            continue  # "killing 44 operatives and detaining 166": a deadly operation is no mere arrest
        found = [cue for cue in rule["cues"] if re.search(rf"\b{re.escape(cue)}(?:s|es|ed|ing)?\b", joined)]
        if not found:
            continue
        one_sided = set(rule.get("one_sided_cues", []))
        if victims == {"civilians"} and one_sided and set(found) <= one_sided:
            break  # storming a village whose only victims are civilians is violence against them, not a battle
        return rule["event_type"], rule["sub_event_type"]
    if any(c.casualty_group == "civilians" for c in claims):
        fallback = cues["default_against_civilians"]
    else:
        fallback = cues["default"]
    return fallback["event_type"], fallback["sub_event_type"]
