"""Linking claims across articles: when an article's incident joins one other articles reported, its claims are
compared with theirs and contradictions and corroborations are linked, with the reason.

The stored claims are turned back into the pipeline's `ClaimResult` dataclasses (ids `c<pk>`, actor ids
`a<pk>`) and judged by the pipeline's own pure rules (`ingest.pipeline.links.link_claims`), exactly as
the claims of one article are. Only pairs
from different articles and different claimants are linked here; a pair already linked (by an analyst or
the pipeline) keeps its link. All joined incidents of an article are handled together: one read of their
claims, one of the links they already have, one bulk write of the new links with their history rows.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from incidents.choices import Origin
from incidents.models import Actor, Article, Claim
from incidents.services import claim_links_create_missing
from ingest.extraction import ActorResult, ClaimResult, Count
from ingest.pipeline.links import link_claims


def cross_article_links_create(*, incident_ids: Iterable[int], article: Article) -> int:
    """Link the article's claims in these incidents with other articles' claims there; returns how many links."""
    incident_ids = list(incident_ids)
    if not incident_ids:
        return 0
    by_incident: dict[int, list[Claim]] = defaultdict(list)
    for claim in (Claim.objects.filter(incident_id__in=incident_ids).select_related("claimant")
                  .prefetch_related("perpetrators", "targets", "locations").order_by("pk")):
        by_incident[claim.incident_id].append(claim)
    shared = [by_incident[pk] for pk in incident_ids
              if {claim.article_id == article.pk for claim in by_incident[pk]} == {True, False}]
    if not shared:
        return 0
    actors = _ActorResults(_actor_results([claim for claims in shared for claim in claims]))
    found = []
    for claims in shared:
        by_result_id = {f"c{claim.pk}": claim for claim in claims}
        for link in link_claims([claim_as_result(claim) for claim in claims], actors=actors):
            claim_a, claim_b = by_result_id[link.a], by_result_id[link.b]
            if _crosses_articles(claim_a, claim_b, article):
                reason = (f"Across articles {claim_a.article_id} and {claim_b.article_id}: "
                          f"{link.reason or link.relation}")
                found.append((claim_a, claim_b, link.relation, reason))
    return len(claim_links_create_missing(links=found, origin=Origin.EXTRACTED))


@dataclass(frozen=True)
class _ActorResults:
    """What `link_claims` reads of the pipeline's actor table: the actors as dataclasses."""

    results: list[ActorResult]


def claim_as_result(claim: Claim) -> ClaimResult:
    """A stored claim as the pipeline's dataclass, so the pipeline's pure link rules apply to it."""
    def ids(actors) -> list[str]:
        return [f"a{actor.pk}" for actor in actors]

    return ClaimResult(
        id=f"c{claim.pk}",
        incident_id=f"i{claim.incident_id}" if claim.incident_id else None,
        claimant_id=f"a{claim.claimant_id}" if claim.claimant_id else None,
        span=(claim.start, claim.end),
        text=claim.quote,
        kind=claim.kind,
        perpetrator_ids=ids(claim.perpetrators.all()),
        target_ids=ids(claim.targets.all()),
        location_ids=[f"l{location.pk}" for location in claim.locations.all()],
        fatalities=_count(claim.fatalities_min, claim.fatalities_max),
        injured=_count(claim.injured_min, claim.injured_max),
        date_start=claim.claimed_date_start,
        date_end=claim.claimed_date_end,
        date_precision=claim.claimed_date_precision,
        casualty_group=claim.casualty_group,
        casualty_actor_id=f"a{claim.casualty_actor_id}" if claim.casualty_actor_id else None,
        negated=claim.negated,
        hypothetical=claim.hypothetical,
        aggregate=claim.aggregate,
    )


def _actor_results(claims: list[Claim]) -> list[ActorResult]:
    ids = set()
    for claim in claims:
        ids.update(actor.pk for actor in (*claim.perpetrators.all(), *claim.targets.all()))
        ids.update(pk for pk in (claim.claimant_id, claim.casualty_actor_id) if pk)
    actors = {actor.pk: actor for actor in Actor.objects.filter(pk__in=ids).select_related("parent")}
    # Parents come along so a ministry and its state count as one side.
    actors.update({actor.parent.pk: actor.parent for actor in list(actors.values()) if actor.parent_id})
    return [
        ActorResult(id=f"a{actor.pk}", name=actor.name, kind=actor.kind, country_code=actor.country_code or None,
                    mentions=[], aliases=list(actor.aliases),
                    parent_id=f"a{actor.parent_id}" if actor.parent_id else None)
        for actor in actors.values()
    ]


def _crosses_articles(claim_a: Claim, claim_b: Claim, article: Article) -> bool:
    """One claim from this article, the other from another, made by different claimants."""
    if claim_a.article_id == claim_b.article_id or article.pk not in (claim_a.article_id, claim_b.article_id):
        return False
    return claim_a.claimant_id is None or claim_b.claimant_id is None or claim_a.claimant_id != claim_b.claimant_id


def _count(low: int | None, high: int | None) -> Count | None:
    return None if low is None and high is None else Count(low, high)
