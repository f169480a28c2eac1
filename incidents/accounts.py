"""Accounts: an incident's claims grouped by whose story they tell, and the links counted between accounts.

An account is one side's claimants (a state, its ministries, its army, its officials: every actor whose top
parent is that side) or the independent sources (outlets, the UN, the article in its own voice). A claim in
an article's own voice belongs to the side all of that article's attributed claims belong to (a government's
press release speaks for that government), else to the independent sources. Reads loaded objects only: the
caller brings claims with `selectors.claims_with_details` and their figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from incidents.casualties import ClaimedFigure, FatalityRange, roll_up_fatalities
from incidents.choices import (
    ActorKind,
    CasualtyGroup,
    CasualtyKind,
    ClaimKind,
    LinkRelation,
    LocationPrecision,
    ReviewStatus,
)
from incidents.naming import neutral_place_name, places_by_precision

INDEPENDENT = "independent"
ACROSS_ARTICLES = re.compile(r"^Across articles [\d, and]+:\s*")
DENIAL_LEAD = re.compile(r"^(?:\w+ )?(?:denied|denies|rejected|rejects)(?: that)? ", re.IGNORECASE)
TOWN_PRECISIONS = {LocationPrecision.POINT, LocationPrecision.TOWN}
SIDE_KINDS = {ActorKind.STATE, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY, ActorKind.ARMED_GROUP,
              ActorKind.POLITICAL_PARTY, ActorKind.PERSON}


def side_of(actor):
    """The side an actor stands for: its top parent (an army's or a ministry's state)."""
    seen = {actor.pk}
    while actor.parent_id and actor.parent_id not in seen:
        actor = actor.parent
        seen.add(actor.pk)
    return actor


def counted(claim) -> bool:
    """Whether the claim's figures count towards the incident's (domain.md: aggregates never do)."""
    return not (claim.negated or claim.hypothetical or claim.aggregate or claim.review_status == ReviewStatus.REJECTED)


def claimant_name(claim) -> str:
    if claim.claimant_id:
        return claim.claimant.name
    publisher = claim.article.publisher
    return publisher.name if publisher else "the article"


def claim_figures(claim) -> list[ClaimedFigure]:
    """The claim's fatality figures, one per group; a claim without figure rows but with a range is one figure
    of its casualty group (rows from before figures existed, or made by hand)."""
    rows = [(f.min, f.max, f.group, f.actor) for f in claim.figures.all() if f.kind == CasualtyKind.KILLED]
    if not rows and (claim.fatalities_min is not None or claim.fatalities_max is not None):
        rows = [(claim.fatalities_min, claim.fatalities_max, claim.casualty_group, claim.casualty_actor)]
    out = []
    for low, high, group, actor in rows:
        side = side_of(actor) if group == CasualtyGroup.FORCES and actor is not None else None
        out.append(ClaimedFigure(claim_id=claim.pk, min=low, max=high, group=group, side_id=side.pk if side else None,
                                 side_name=side.name if side else "", claimant=claimant_name(claim)))
    return out


@dataclass
class Account:
    """One side's (or the independent sources') claims, and what they say in one line."""

    key: str
    name: str
    side: object | None
    claims: list = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)

    @property
    def doers(self) -> list:
        return _unique(side_of(a) for c in self.claims if not c.negated for a in c.perpetrators.all())

    @property
    def victims(self) -> list[str]:
        """To whom: the claims' targets, the sides whose dead they count, civilians; else the account's own side
        when it blames another."""
        names = [side_of(a).name for c in self.claims for a in c.targets.all()]
        for group in self.fatalities.groups:
            names.append(group.label.removesuffix(" forces") if group.group == CasualtyGroup.FORCES and group.side_id
                         else group.label.lower() if group.group == CasualtyGroup.CIVILIANS else "")
        doers = {actor.name for actor in self.doers}
        names = [n for n in dict.fromkeys(names) if n and not n.startswith("Forces (") and n not in doers]
        if not names and self.side is not None and self.doers and self.side not in self.doers:
            names = [self.side.name]
        return names

    @property
    def places(self) -> list[str]:
        """Where, most precise first: the towns when it names any, else its regions and countries."""
        located = places_by_precision(_unique(p for c in self.claims if not c.negated for p in c.locations.all()))
        towns = [p for p in located if p.precision in TOWN_PRECISIONS]
        return [neutral_place_name(place) for place in (towns or located)]

    @property
    def places_are_towns(self) -> bool:
        return any(p.precision in TOWN_PRECISIONS for c in self.claims if not c.negated for p in c.locations.all())

    @property
    def fatalities(self) -> FatalityRange:
        return roll_up_fatalities([f for c in self.claims if counted(c) for f in claim_figures(c)])

    @property
    def denials(self) -> list:
        return [c for c in self.claims if c.kind == ClaimKind.DENIAL or c.negated]

    @property
    def denial_texts(self) -> list[str]:
        """What it denies, without the verb: "Azerbaijani forces had shelled Armenian positions near Goris"."""
        return [DENIAL_LEAD.sub("", " ".join(c.quote.split())) for c in self.denials]

    @property
    def anchor(self) -> str:
        return f"account-{self.key}"


@dataclass
class AccountLink:
    """The links of one relation between two accounts (or within one), shown once with all their reasons."""

    first: Account
    second: Account
    relation: str
    links: list = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        """The links' distinct reasons, the "Across articles 1 and 2:" provenance left to the claim cards."""
        return list(dict.fromkeys(ACROSS_ARTICLES.sub("", link.reason) for link in self.links if link.reason))

    @property
    def claim_ids(self) -> list[int]:
        return sorted({pk for link in self.links for pk in (link.claim_a_id, link.claim_b_id)})

    @property
    def contradicts(self) -> bool:
        return self.relation == LinkRelation.CONTRADICTS


def incident_accounts(claims: list) -> list[Account]:
    """The claims grouped into accounts: the sides by name, then the independent sources."""
    states = _states(claims)
    article_sides: dict[int, dict] = {}
    for claim in claims:
        if claim.claimant_id:
            side = _side(claim.claimant, states)
            article_sides.setdefault(claim.article_id, {})[side.pk if side else None] = side
    accounts: dict[str, Account] = {}
    for claim in claims:
        if claim.claimant_id:
            side = _side(claim.claimant, states)
        else:  # the article's own voice: a press release's headline speaks for its government
            sides = article_sides.get(claim.article_id, {})
            side = next(iter(sides.values())) if len(sides) == 1 else None
        key = f"side-{side.pk}" if side is not None else INDEPENDENT
        account = accounts.get(key) or accounts.setdefault(
            key, Account(key=key, name=side.name if side is not None else "Independent sources", side=side))
        account.claims.append(claim)
        name = claimant_name(claim)
        if name not in account.claimants:
            account.claimants.append(name)
    return sorted(accounts.values(), key=lambda a: (a.side is None, a.name.lower()))


def account_of(accounts: list[Account]) -> dict[int, Account]:
    return {claim.pk: account for account in accounts for claim in account.claims}


def account_links(accounts: list[Account], links) -> list[AccountLink]:
    """One row per pair of accounts and relation, contradictions first; links to claims of other incidents
    are left to the claim cards."""
    owner = account_of(accounts)
    order = {account.key: n for n, account in enumerate(accounts)}
    rows: dict[tuple, AccountLink] = {}
    for link in links:
        a, b = owner.get(link.claim_a_id), owner.get(link.claim_b_id)
        if a is None or b is None:
            continue
        first, second = sorted((a, b), key=lambda account: order[account.key])
        row = rows.setdefault((first.key, second.key, link.relation), AccountLink(first, second, link.relation))
        row.links.append(link)
    return sorted(rows.values(), key=lambda r: (not r.contradicts, order[r.first.key], order[r.second.key]))


def _states(claims) -> dict[str, object]:
    """The state actors the claims name, by country: a minister or a ministry without a parent stands with them."""
    actors = [a for c in claims for a in (c.claimant, *c.perpetrators.all(), *c.targets.all()) if a is not None]
    return {side_of(a).country_code: side_of(a) for a in actors
            if side_of(a).kind == ActorKind.STATE and side_of(a).country_code}


def _side(actor, states: dict[str, object]):
    """The claimant's side, or None for an independent source (an outlet, an international organisation)."""
    side = side_of(actor)
    if side.kind not in SIDE_KINDS:
        return None
    if side.kind not in (ActorKind.STATE, ActorKind.ARMED_GROUP) and side.country_code in states:
        return states[side.country_code]
    return side


def _unique(items) -> list:
    seen, out = set(), []
    for item in items:
        if item.pk not in seen:
            seen.add(item.pk)
            out.append(item)
    return out
