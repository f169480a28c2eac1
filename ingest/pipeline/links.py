"""Links between claims about one incident: `contradicts` when the sides blame each other, one denies what the
other asserts or says it achieved, one blames another for what an account lays on it, or their figures cannot
both hold; `corroborates` when independent claimants agree on the act
or its author (the article's own unattributed voice corroborates nothing). Claims by the same claimant are
never linked; every link carries a reason a reader can check.
"""
from __future__ import annotations

import re
from itertools import combinations

from ingest.extraction import LinkResult
from ingest.pipeline import wordlists
from ingest.pipeline.gazetteer import load_gazetteer
from ingest.pipeline.incidents import actor_sides

ACT_KINDS = {"attack", "accusation", "statement"}
# actors that report a fight without being a side in it: "local sources", "residents", a wire agency
NON_PARTY_KINDS = {"civilians", "other", "media", "international_org"}
# words that say nothing of what an act was about ("said", "their", "themselves")
COMMON_WORDS = frozenset({"said", "says", "that", "this", "their", "them", "themselves", "they", "with", "from",
                          "have", "been", "were", "also", "after", "which", "would", "could", "people", "accused",
                          "accuse", "accuses", "blamed", "blame", "blames", "spokesman", "officials", "official"})


def link_claims(claims, *, actors) -> list[LinkResult]:
    """Contradiction and corroboration links between claims of the same incident.

    Claims are read as accounts: everything one side says about one incident. Sides whose accounts blame each
    other anywhere in the article are adversaries, and an adversary's report confirms nothing of the other's
    account except the other's own admission.
    """
    sides = actor_sides(actors)
    names = {a.id: a.name for a in actors.results}
    non_parties = {a.id for a in actors.results if a.kind in NON_PARTY_KINDS}
    parents = {a.id: getattr(a, "parent_id", None) for a in actors.results}
    deniers = {(c.incident_id, c.claimant_id) for c in claims if c.negated and c.claimant_id and not c.hypothetical}
    blamed = _blamed_by_side(claims, parents)
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
        link = _contradiction(a, b, sides, names, non_parties)
        if link is None and independent and not _adversaries(a, b, parents, blamed):
            link = _corroboration(a, b, names, parents) or _toll_agreement(a, b, names)
        elif link is None and independent:
            link = _admission(a, b, sides, names, parents)
        if link is None and not one_side:
            link = _denied_boast(a, b, names, non_parties) or _shifted_blame(a, b, sides, names)
        if link is not None:
            links.append(link)
    return links


def _blamed_by_side(claims, parents) -> dict[str, set]:
    """For each claimant, the actors (and their parents) its not denied, not intended claims blame, its own
    party left out. Countries are not compared: a spokesman and a state of one country may be enemies."""
    blamed: dict[str, set] = {}
    for c in claims:
        if not c.claimant_id or c.negated or c.hypothetical:
            continue
        own = _party([c.claimant_id], parents)
        blamed.setdefault(c.claimant_id, set()).update(_party(c.perpetrator_ids, parents) - own)
    return blamed


def _adversaries(a, b, parents, blamed) -> bool:
    """Whether either claimant blames the other's party anywhere in the article."""
    a_party, b_party = _party([a.claimant_id], parents), _party([b.claimant_id], parents)
    a_blames = set().union(*[blamed.get(x, set()) for x in a_party])
    b_blames = set().union(*[blamed.get(x, set()) for x in b_party])
    return bool(a_blames & b_party or b_blames & a_party)


def _admission(a, b, sides, names, parents) -> LinkResult | None:
    """An adversary's own admission ("its aircraft struck the compound") confirms the other side's report of it."""
    for own, other in ((a, b), (b, a)):
        admits = own.kind == "statement" or (own.claimant_id in own.perpetrator_ids and own.kind == "attack")
        blames_admitter = bool(set().union(*[_side(p, sides) for p in other.perpetrator_ids] or [set()])
                               & _side(own.claimant_id, sides))
        if admits and blames_admitter and other.kind in ACT_KINDS and not other.negated:
            return _corroboration(a, b, names, parents)
    return None


def _side(actor_id, sides) -> set:
    return sides.get(actor_id, {actor_id}) if actor_id else set()


def _contradiction(a, b, sides, names, non_parties) -> LinkResult | None:
    a_side, b_side = _side(a.claimant_id, sides), _side(b.claimant_id, sides)
    a_blames = set().union(*[_side(p, sides) for p in a.perpetrator_ids]) if a.perpetrator_ids else set()
    b_blames = set().union(*[_side(p, sides) for p in b.perpetrator_ids]) if b.perpetrator_ids else set()
    if a_side and b_side and a_blames & b_side and b_blames & a_side and not a_blames & b_blames:
        reason = (f"{_name(a.claimant_id, names)} blames {_names(a.perpetrator_ids, names)}, while "
                  f"{_name(b.claimant_id, names)} blames {_names(b.perpetrator_ids, names)}")
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=reason)
    if a.negated != b.negated and (a_blames & b_blames) and (a.claimant_id or b.claimant_id) and not (
            a_side & b_side):
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
    elif a.casualty_group == "forces" and not (a.perpetrator_ids or b.perpetrator_ids):
        # no author on either side: two sides saying "N soldiers were killed" each count their own, but a
        # toll from a source that is no side ("local sources said five government soldiers") counts the
        # same troops as the army's "four soldiers", and so does one that says whose troops they are
        same_troops = bool(a.casualty_actor_id or b.casualty_actor_id) or bool(
            {a.claimant_id, b.claimant_id} & non_parties)
        authors_agree = same_troops and bool(_force_words(a.text) & _force_words(b.text))
    # tolls for different places ("three killed in southern Lebanon", "one killed in Naqoura") count different things
    places_apart = bool(a.location_ids and b.location_ids) and not set(a.location_ids) & set(b.location_ids)
    comparable = (a.casualty_group == b.casualty_group != "unknown" and authors_agree and not places_apart
                  and not _total_and_part(a, b) and not (_aggregate(a) or _aggregate(b)))
    # the dead of another side are not a rival count of the same people
    comparable = comparable and (
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
    if other_blames & denier_side:
        return True
    # a toll naming no author, from a named source, is what "denied civilians were killed" disputes; a headline
    # or the outlet's narration asserting nothing against the denier is not
    return other.kind == "casualties" and not other.perpetrator_ids and bool(other.claimant_id)


def _denied_boast(a, b, names, non_parties) -> LinkResult | None:
    """"Its fighters overran the base" (al-Shabab on its own act) against the government's "denied they lost
    control of the base": a party's bare denial disputes what the other side says it achieved."""
    for denial, boast in ((a, b), (b, a)):
        if not denial.negated or denial.perpetrator_ids or not denial.claimant_id \
                or denial.claimant_id in non_parties:
            continue
        if boast.negated or boast.kind not in ("attack", "statement") \
                or boast.claimant_id not in boast.perpetrator_ids:
            continue
        reason = f"{_name(denial.claimant_id, names)} denies what {_name(boast.claimant_id, names)} says it did"
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=reason)
    return None


def _shifted_blame(a, b, sides, names) -> LinkResult | None:
    """"A coalition spokesman accused the Houthis of attacking the market themselves" against the report that a
    coalition airstrike hit the market: a side blaming another for the act an account blames on it. Both must
    speak of the same thing (a word in common beyond names and violence: "market"), since in a fight each side
    does acts of its own."""
    for accusation, account in ((a, b), (b, a)):
        accuser = _side(accusation.claimant_id, sides)
        if accusation.kind != "accusation" or accusation.negated or account.negated or not accuser:
            continue
        blamed = set().union(*[_side(p, sides) for p in accusation.perpetrator_ids] or [set()])
        on_accuser = set().union(*[_side(p, sides) for p in account.perpetrator_ids] or [set()])
        if not blamed or blamed & accuser or not on_accuser & accuser or on_accuser & blamed \
                or _side(account.claimant_id, sides) & accuser or _repels(account):
            continue  # a clash of both sides, or the accuser's defence, is no act blamed on the accuser
        if account.kind not in ("attack", "casualties") or not _object_words(a, names) & _object_words(b, names):
            continue
        reason = (f"{_name(accusation.claimant_id, names)} blames {_names(accusation.perpetrator_ids, names)}, while "
                  f"{_name(account.claimant_id, names)} says {_names(account.perpetrator_ids, names)} did it")
        return LinkResult(a=a.id, b=b.id, relation="contradicts", reason=reason)
    return None


def _object_words(claim, names) -> set[str]:
    """The plain words a claim says the act was about ("market", "village"), without names or violent words."""
    named = {w for name in names.values() for w in re.findall(r"[a-z]+", name.lower())}
    lex = wordlists.load("claim_words")
    violent = set(lex["violent_nouns"]) | wordlists.words("claim_words", "violent_verbs") | wordlists.words(
        "claim_words", "force_nouns") | wordlists.words("claim_words", "group_epithets")  # "rebels": who, not what
    words = {w for w in re.findall(r"[a-z]+", claim.text.lower()) if len(w) >= 4}
    return {w for w in words - named - violent - COMMON_WORDS
            if w.removesuffix("s") not in violent and not load_gazetteer().demonym(w)}


def _repels(claim) -> bool:
    words = wordlists.words("claim_words", "repelling_words")
    return any(re.search(rf"\b{re.escape(w)}\b", claim.text.lower()) for w in words)


def _rival_outcomes(a, b, a_side, b_side, a_blames, b_blames) -> bool:
    """"had repelled an M23 assault" against the M23's "had seized several hills": each side reports its own
    success in one fight, and a repelled assault cannot also have taken the ground."""
    if a.negated or b.negated or not (a_side and b_side) or a_side & b_side:
        return False
    if not (a_blames & a_side and b_blames & b_side) or a_blames & b_blames:
        return False
    return _repels(a) or _repels(b)


def _aggregate(claim) -> bool:
    """A cumulative toll ("since the war began") counts a period, not this incident."""
    return bool(getattr(claim, "aggregate", False))


def _total_and_part(a, b) -> bool:
    """"18 killed in the province" and "nine killed in Goris": the smaller toll names places the larger one does
    not, so it is a part of that total, not a rival estimate of it."""
    for field in ("fatalities", "injured"):
        x, y = getattr(a, field), getattr(b, field)
        if x is None or y is None or x.min is None or y.min is None or x.min == y.min:
            continue
        small, large = (a, b) if x.min < y.min else (b, a)
        if small.location_ids and large.location_ids and not set(small.location_ids) <= set(large.location_ids):
            return True
    return False


def _toll_agreement(a, b, names) -> LinkResult | None:
    """Independent sources giving tolls that can both hold for the same people corroborate each other."""
    if a.kind != "casualties" or b.kind != "casualties" or a.negated or b.negated:
        return None
    if not (a.claimant_id and b.claimant_id) or _aggregate(a) or _aggregate(b):
        return None
    # a toll that does not say whose dead ("Rebels Killed 12") can agree with one that does ("12 people")
    groups = {a.casualty_group, b.casualty_group} - {"unknown", ""}
    if len(groups) > 1 or (a.location_ids and b.location_ids and not set(a.location_ids) & set(b.location_ids)):
        return None
    if a.perpetrator_ids and b.perpetrator_ids and not set(a.perpetrator_ids) & set(b.perpetrator_ids):
        return None
    agreed = []
    for field in ("fatalities", "injured"):
        x, y = getattr(a, field), getattr(b, field)
        if x is None or y is None or x.min is None or y.min is None:
            continue
        if _incompatible(x, y):
            return None
        if x.min > 1 and y.min > 1 and max(x.min, y.min) <= 1.5 * min(x.min, y.min):
            agreed.append(f"{field} {_range(x)} and {_range(y)}")
    if not agreed:
        return None
    reason = f"{_name(a.claimant_id, names)} and {_name(b.claimant_id, names)} give tolls that agree: " + ", ".join(
        agreed)
    return LinkResult(a=a.id, b=b.id, relation="corroborates", reason=reason)


def _force_words(text: str) -> set[str]:
    """The troop nouns a claim counts ("soldiers", "rebels"), singular."""
    words = {w[:-1] if w.endswith("s") else w for w in re.findall(r"[a-z]+", text.lower())}
    return words & wordlists.words("claim_words", "force_nouns")


def _figures_clash(a, b) -> str | None:
    """Where the two tolls cannot both hold; a claim counting several groups ("six soldiers and 19 militants")
    is compared group by group, not by its total."""
    figures_a, figures_b = getattr(a, "casualty_figures", None) or [], getattr(b, "casualty_figures", None) or []
    if len(figures_a) > 1 or len(figures_b) > 1:
        by_group = {(f.kind, f.group, f.actor_id): f.count for f in figures_a}
        for figure in figures_b:
            other = by_group.get((figure.kind, figure.group, figure.actor_id))
            if other is not None and _incompatible(other, figure.count):
                return f"{figure.kind} {figure.group} given as {_range(other)} and {_range(figure.count)}"
        return None
    for field in ("fatalities", "injured"):
        x, y = getattr(a, field), getattr(b, field)
        if _incompatible(x, y):
            return f"{field} given as {_range(x)} and {_range(y)}"
    return None


def _incompatible(x, y) -> bool:
    """Whether two counts cannot both be right: one's least is above the other's most."""
    if x is None or y is None or x.min is None or y.min is None:
        return False
    return (x.max is not None and y.min > x.max) or (y.max is not None and x.min > y.max)


def _corroboration(a, b, names, parents) -> LinkResult | None:
    admission = "statement" in (a.kind, b.kind)
    kinds = ACT_KINDS | {"casualties"} if admission else ACT_KINDS  # "claimed responsibility" for a toll too
    if a.kind not in kinds or b.kind not in kinds or a.negated or b.negated:
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
