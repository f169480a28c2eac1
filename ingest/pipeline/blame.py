"""Perpetrators a toll or an act takes from its incident: "Thirteen soldiers were wounded" and "the air strike
targeted a house" name no doer, but the article has said who attacked. Run after incident grouping, since only
claims of one incident share an author.

A toll with no doer of its own takes the author its claimant's account of the incident names (else the
author every account agrees on). When the victims are that author's own people ("15 militants were killed"
after the militants' attack; "its forces were killed" in the speaker's own account), the doer is the one other
side the incident's accounts name, if there is one. Links are read before this, from what each claim itself
says: an author the article supplies does not make a toll a rival account.
"""
from __future__ import annotations

import re
from dataclasses import replace

OWN_LOSSES = re.compile(r"\b(its|their|our|we|us|lost|losses)\b", re.IGNORECASE)  # "its forces", "had lost"

AUTHOR_KINDS = ("attack", "accusation", "casualties", "statement")
INHERITING_KINDS = ("casualties", "attack")  # "Thirteen soldiers were wounded", "the air strike targeted a house"
DOMINANT_SHARE = 2  # a party blamed twice as often as every other together is the incident's author


def inherit_perpetrators(claims, *, actors) -> list:
    """The claims, with each doer-less toll or act given its incident's author where that is clear."""
    parents = {a.id: getattr(a, "parent_id", None) for a in actors.results}
    out = []
    for claim in claims:
        if claim.kind not in INHERITING_KINDS or claim.perpetrator_ids or claim.incident_id is None or claim.negated:
            out.append(claim)
            continue
        authored = [c for c in claims if c.incident_id == claim.incident_id and c.perpetrator_ids
                    and c.kind in AUTHOR_KINDS and not c.negated and not c.hypothetical]
        own = [c for c in authored if c.claimant_id == claim.claimant_id]
        author = _one_party(own, parents) or _one_party(authored, parents) or _dominant_party(authored, parents)
        own_losses = bool(OWN_LOSSES.search(claim.text)) and bool(
            author and claim.claimant_id and _party(author, parents) & _party([claim.claimant_id], parents))
        if author and (own_losses or _names_victims(claim, author, parents)):
            rivals = {p for c in authored for p in c.perpetrator_ids if not _party([p], parents) & set(author)}
            author = sorted(rivals) if len(_parties(rivals, parents)) == 1 else None
        out.append(replace(claim, perpetrator_ids=list(author)) if author else claim)
    return out


def _party(ids, parents) -> set:
    return set(ids) | {parents[i] for i in ids if parents.get(i)}


def _parties(ids, parents) -> list[set]:
    """The ids grouped into parties (an actor with its parent)."""
    groups: list[set] = []
    for i in ids:
        party = _party([i], parents)
        for g in groups:
            if g & party:
                g.update(party)
                break
        else:
            groups.append(party)
    return groups


def _one_party(claims, parents) -> list[str] | None:
    """The perpetrators of the claims when they all name one party, in order of first naming."""
    ids = list(dict.fromkeys(p for c in claims for p in c.perpetrator_ids))
    return ids if ids and len(_parties(ids, parents)) == 1 else None


def _dominant_party(claims, parents) -> list[str] | None:
    """The party most of the incident's claims blame, when it is named at least twice as often as all the others
    together: "al-Shabab attacked the base" three times against one "government forces responded"."""
    parties = _parties(list(dict.fromkeys(p for c in claims for p in c.perpetrator_ids)), parents)
    if len(parties) < 2:
        return None
    counts = sorted(((sum(1 for c in claims if set(c.perpetrator_ids) & party), sorted(party)) for party in parties),
                    reverse=True)
    (top, members), rest = counts[0], sum(n for n, _ in counts[1:])
    if top < DOMINANT_SHARE * rest:
        return None
    return [p for c in claims for p in c.perpetrator_ids if p in members][:1]


def _names_victims(claim, author, parents) -> bool:
    """Whether the toll counts the author's own people ("15 al-Shabab militants were killed"): the victims' actor
    the figure names. A name elsewhere in the toll is the killer's ("At least 100 killed in RSF attack")."""
    return bool(claim.casualty_actor_id) and bool(_party([claim.casualty_actor_id], parents) & _party(author, parents))
