"""The incident page: the dispute between accounts first, fatalities by side, then facts, a map, claim cards by
account, sources and history."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import render

from incidents import selectors, workflow
from incidents.accounts import Account, account_links, account_of, incident_accounts
from incidents.choices import LinkRelation
from incidents.describe import account_sentence
from incidents.models import Claim, ClaimLink, Incident
from incidents.views.access import viewer_required
from incidents.views.article_text import QuoteInSentence, quote_in_sentence
from incidents.views.charts import map_markers
from incidents.views.history import history_rows, merged_away_redirect


@dataclass
class LinkView:
    link: ClaimLink
    other: Claim

    @property
    def contradicts(self) -> bool:
        return self.link.relation == LinkRelation.CONTRADICTS


@dataclass
class ClaimView:
    claim: Claim
    sentence: QuoteInSentence
    links: list[LinkView] = field(default_factory=list)

    @property
    def contradicted(self) -> bool:
        return any(link.contradicts for link in self.links)

    @property
    def links_by_relation(self) -> list[tuple[str, list[LinkView]]]:
        """The claim's links as one line per relation (the reasons are told once, per pair of accounts)."""
        grouped: dict[str, list[LinkView]] = {}
        for view in sorted(self.links, key=lambda v: (not v.contradicts, v.other.pk)):
            grouped.setdefault(view.link.relation, []).append(view)
        return list(grouped.items())


@dataclass
class AccountColumn:
    """One account's claim cards, side by side with the other accounts'."""

    account: Account
    claims: list[ClaimView] = field(default_factory=list)

    @property
    def contradicted(self) -> bool:
        return any(view.contradicted for view in self.claims)


def _links_by_claim(claims: list[Claim]) -> tuple[dict[int, list[LinkView]], list[ClaimLink]]:
    """Each claim's links (to claims here or elsewhere), and every link once, contradictions first."""
    by_claim: dict[int, list[LinkView]] = {claim.pk: [] for claim in claims}
    links: dict[int, ClaimLink] = {}
    for claim in claims:
        for link in [*claim.links_as_a.all(), *claim.links_as_b.all()]:
            links[link.pk] = link
    for link in links.values():
        if link.claim_a_id in by_claim:
            by_claim[link.claim_a_id].append(LinkView(link=link, other=link.claim_b))
        if link.claim_b_id in by_claim:
            by_claim[link.claim_b_id].append(LinkView(link=link, other=link.claim_a))
    ordered = sorted(links.values(), key=lambda link: (link.relation != LinkRelation.CONTRADICTS, link.pk))
    return by_claim, ordered


def account_columns(accounts: list[Account], by_claim: dict[int, list[LinkView]]) -> list[AccountColumn]:
    return [AccountColumn(account=account, claims=[
        ClaimView(claim=claim, sentence=quote_in_sentence(claim.article.text, claim.start, claim.end),
                  links=by_claim[claim.pk]) for claim in account.claims]) for account in accounts]


def _sources(claims: list[Claim]) -> list:
    articles = {claim.article_id: claim.article for claim in claims}
    return sorted(articles.values(), key=lambda article: (article.published_at is None, article.published_at))


@viewer_required
def incident_detail(request, pk: int):
    try:
        incident = selectors.incident_get(pk=pk)
    except Incident.DoesNotExist:
        return merged_away_redirect(request, kind="incident", noun="incident", pk=pk,
                                    url_name="incidents:incident_detail")
    claims = list(incident.claims.all())
    _with_link_claims(claims)
    by_claim, links = _links_by_claim(claims)
    accounts = incident_accounts(claims)
    pairs = account_links(accounts, links)
    return render(request, "incidents/incident_detail.html", {
        "nav": "incidents", "incident": incident, "claim_count": len(claims),
        "accounts": [(account, account_sentence(account, incident)) for account in accounts],
        "columns": account_columns(accounts, by_claim), "account_pairs": pairs,
        "contradiction_pairs": [pair for pair in pairs if pair.contradicts],
        "account_of": {pk: account.name for pk, account in account_of(accounts).items()},
        "sources": _sources(claims),
        "markers": map_markers([place for place in incident.locations.all() if place.latitude is not None
                                and place.longitude is not None]),
        "history": _history(incident),
    })


def _history(incident: Incident):
    records = selectors.incident_history(incident=incident)
    return history_rows(records, undoable=workflow.undoable_changes(records=records))


def _with_link_claims(claims: list[Claim]) -> None:
    """Give every link both of its claims as loaded objects, so pages never fetch them one by one."""
    wanted = set()
    for claim in claims:
        for link in [*claim.links_as_a.all(), *claim.links_as_b.all()]:
            wanted.update((link.claim_a_id, link.claim_b_id))
    loaded = {claim.pk: claim for claim in claims}
    missing = wanted - loaded.keys()
    if missing:
        loaded.update(selectors.claims_with_details(Claim.objects.filter(pk__in=missing)).select_related(
            "incident").in_bulk())
    for claim in claims:
        for link in [*claim.links_as_a.all(), *claim.links_as_b.all()]:
            link.claim_a, link.claim_b = loaded[link.claim_a_id], loaded[link.claim_b_id]
