"""Links between claims about one incident: `contradicts` when the sides blame each other, one denies what the
other asserts, or their figures cannot both hold; `corroborates` when independent claimants agree on the act
or its author (the article's own unattributed voice corroborates nothing). Claims by the same claimant are
never linked; every link carries a reason a reader can check.
"""
from __future__ import annotations

import re
from itertools import combinations

from ingest.extraction import LinkResult
from ingest.pipeline import wordlists
from ingest.pipeline.incidents import actor_sides

ACT_KINDS = {"attack", "accusation", "statement"}


def link_claims(claims, *, actors) -> list[LinkResult]:
    """Contradiction and corroboration links between claims of the same incident."""
    sides = actor_sides(actors)
    names = {a.id: a.name for a in actors.results}
    parents = {a.id: getattr(a, "parent_id", None) for a in actors.results}
    deniers = {(c.incident_id, c.claimant_id) for c in claims if c.negated and c.claimant_id}
    links = []
    for a, b in combinations(claims, 2):
        if a.incident_id is None or a.incident_id != b.incident_id or a.claimant_id == b.claimant_id:
            continue
        if a.hypothetical or b.hypothetical:
            continue
        # a speaker who denies part of the other side's account does not corroborate the rest of it
        disputed = (a.incident_id, a.claimant_id) in deniers or (b.incident_id, b.claimant_id) in deniers
        one_side = bool(_side(a.claimant_id, sides) & _side(b.claimant_id, sides))
        independent = not (disputed or one_side)  # a command and its own state are one witness, not two
        link = _contradiction(a, b, sides, names) or (_corroboration(a, b, names, parents) if independent else None)
        if link is not None:
            links.append(link)
    return links


def _side(actor_id, sides) -> set:
    return sides.get(actor_id, {actor_id}) if actor_id else set()


def _contradiction(a, b, sides, names) -> LinkResult | None:
    a_side, b_side = _side(a.claimant_id, sides), _side(b.claimant_id, sides)
    a_blames = set().union(*[_side(p, sides) for p in a.perpetrator_ids]) if a.perpetrator_ids else set()
    b_blames = set().union(*[_side(p, sides) for p in b.perpetrator_ids]) if b.perpetrator_ids else set()
    if a_side and b_side and a_blames & b_side and b_blames & a_side and not a_blames & b_blames:
        reason = (f"{_name(a.claimant_id, names)} blames {_names(a.perpetrator_ids, names)}, while "
                  f"{_name(b.claimant_id, names)} blames {_names(b.perpetrator_ids, names)}")
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=reason)
    if a.negated != b.negated and (a_blames & b_blames) and (a.claimant_id or b.claimant_id):
        denier, other = (a, b) if a.negated else (b, a)
        reason = f"{_name(denier.claimant_id, names)} denies what {_name(other.claimant_id, names)} asserts"
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=reason)
    if _bare_denial_of(a, b, a_side, b_side, b_blames) or _bare_denial_of(b, a, b_side, a_side, a_blames):
        denier, other = (a, b) if a.negated else (b, a)
        reason = f"{_name(denier.claimant_id, names)} denies what {_name(other.claimant_id, names)} reports"
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=reason)
    if _rival_outcomes(a, b, a_side, b_side, a_blames, b_blames):
        reason = (f"{_name(a.claimant_id, names)} and {_name(b.claimant_id, names)} each claim the upper hand:"
                  f" one says the other's assault was beaten back")
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=reason)
    clash = _figures_clash(a, b)
    # one side naming no author does not make the tolls incomparable: "eight killed" vs "at least 11 killed"
    # (two sides each counting their own losses name no author at all, and are not compared)
    authors_agree = (a.perpetrator_ids or b.perpetrator_ids) and (
        not a.perpetrator_ids or not b.perpetrator_ids or set(a.perpetrator_ids) == set(b.perpetrator_ids))
    if a.casualty_group == "forces" and set(a.perpetrator_ids) != set(b.perpetrator_ids):
        authors_agree = bool(_force_words(a.text) & _force_words(b.text))  # "rebels" and "soldiers" are two tolls
    # tolls for different places ("three killed in southern Lebanon", "one killed in Naqoura") count different things
    places_apart = bool(a.location_ids and b.location_ids) and not set(a.location_ids) & set(b.location_ids)
    comparable = a.casualty_group == b.casualty_group != "unknown" and authors_agree and not places_apart
    # a cumulative toll, or the dead of another side, is not a rival count of the same people
    comparable = comparable and not (a.aggregate or b.aggregate) and (
        not (a.casualty_actor_id and b.casualty_actor_id) or a.casualty_actor_id == b.casualty_actor_id)
    if clash and comparable and (a.claimant_id or b.claimant_id):
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=clash)
    return None


def _bare_denial_of(denial, other, denier_side, other_side, other_blames) -> bool:
    """"denied that civilians had been targeted": a denial naming no author disputes the other side's report of
    the act or its toll (an attack or accusation must name its author; a toll need not)."""
    if not denial.negated or denial.perpetrator_ids or not denial.claimant_id or other.negated:
        return False
    if other_side & denier_side or other.kind not in ("attack", "casualties", "accusation"):
        return False
    if other.claimant_id and other.claimant_id in other.perpetrator_ids:
        return False  # the other side's admission of its own act is not what the denier disputes
    return bool(other.perpetrator_ids) or other.kind == "casualties" or bool(other_blames & denier_side)


def _rival_outcomes(a, b, a_side, b_side, a_blames, b_blames) -> bool:
    """"had repelled an M23 assault" against the M23's "had seized several hills": each side reports its own
    success in one fight, and a repelled assault cannot also have taken the ground."""
    if a.negated or b.negated or not (a_side and b_side) or a_side & b_side:
        return False
    if not (a_blames & a_side and b_blames & b_side) or a_blames & b_blames:
        return False
    words = wordlists.words("claim_words", "repelling_words")
    return any(re.search(rf"\b{re.escape(w)}\b", c.text.lower()) for c in (a, b) for w in words)


def _force_words(text: str) -> set[str]:
    """The troop nouns a claim counts ("soldiers", "rebels"), singular."""
    words = {w[:-1] if w.endswith("s") else w for w in re.findall(r"[a-z]+", text.lower())}
    return words & wordlists.words("claim_words", "force_nouns")


def _figures_clash(a, b) -> str | None:
    for field in ("fatalities", "injured"):
        x, y = getattr(a, field), getattr(b, field)
        if x is None or y is None or x.min is None or y.min is None:
            continue
        if (x.max is not None and y.min > x.max) or (y.max is not None and x.min > y.max):
            return f"{field} given as {_range(x)} and {_range(y)}"
    return None


def _corroboration(a, b, names, parents) -> LinkResult | None:
    if a.kind not in ACT_KINDS or b.kind not in ACT_KINDS or a.negated or b.negated:
        return None
    if not (a.claimant_id and b.claimant_id) and "statement" not in (a.kind, b.kind):
        return None  # the article's own narration retells its sources; only an admission confirms it
    if not (a.perpetrator_ids or b.perpetrator_ids):
        return None
    if a.perpetrator_ids and b.perpetrator_ids and not _party(a.perpetrator_ids, parents) & _party(
            b.perpetrator_ids, parents):
        return None
    for one, other in ((a, b), (b, a)):  # blaming the other speaker agrees only with its own admission
        admits = other.kind == "statement" or other.claimant_id in other.perpetrator_ids
        if other.claimant_id in one.perpetrator_ids and not admits:
            return None
    authors = a.perpetrator_ids or b.perpetrator_ids
    reason = (f"{_name(a.claimant_id, names)} and {_name(b.claimant_id, names)} both report the act"
              f" and agree it was carried out by {_names(authors, names)}"
              if a.perpetrator_ids and b.perpetrator_ids else
              f"{_name(a.claimant_id, names)} and {_name(b.claimant_id, names)} report the same act;"
              f" one names {_names(authors, names)} as its author and the other does not dispute it")
    return LinkResult(a=a.id, b=b.id, relation="corroborates", reason=reason)


def _party(ids, parents) -> set:
    """The actors and their parents: a state's military and the state name the same author."""
    return set(ids) | {parents[i] for i in ids if parents.get(i)}


def _name(actor_id, names) -> str:
    return names.get(actor_id, actor_id) if actor_id else "the publisher"


def _names(ids, names) -> str:
    return " or ".join(_name(i, names) for i in ids)


def _range(count) -> str:
    return f"{count.min}..{count.max if count.max is not None else '?'}"
