"""The article page: its text with every extracted mention highlighted, its metadata and ingest status."""
from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from incidents import selectors
from incidents.models import Article
from incidents.views.access import viewer_required
from incidents.views.article_text import Mark, highlight


@dataclass(frozen=True)
class DateMention:
    """One date expression from the extraction JSON, and what it was resolved to."""

    index: int
    start: int
    end: int
    text: str
    date_start: str
    date_end: str
    precision: str

    @property
    def popover_id(self) -> str:
        return f"date-info-{self.index}"

    @property
    def resolved(self) -> str:
        if not self.date_start:
            return "not resolved"
        span = self.date_start if self.date_end in ("", self.date_start) else f"{self.date_start} – {self.date_end}"
        return f"{span} ({self.precision or 'unknown precision'})"


def date_mentions(extraction: dict | None) -> list[DateMention]:
    """The `dates` of the extraction JSON; entries without a usable span are left out of the highlights."""
    mentions = []
    for index, item in enumerate((extraction or {}).get("dates") or []):
        span = item.get("span") or [None, None]
        if not (isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(x, int) for x in span)):
            continue
        mentions.append(DateMention(
            index=index, start=span[0], end=span[1], text=str(item.get("text") or ""),
            date_start=str(item.get("date_start") or ""), date_end=str(item.get("date_end") or ""),
            precision=str(item.get("precision") or ""),
        ))
    return mentions


def article_marks(article: Article, dates: list[DateMention]) -> list[Mark]:
    marks = [
        Mark(start=mention.start, end=mention.end, kind="actor", href=reverse("incidents:actor_detail",
             args=[mention.actor_id]), popover_id=f"actor-info-{mention.actor_id}",
             label=f"Actor: {mention.actor.name} ({mention.actor.get_kind_display()})")
        for mention in article.actor_mentions.all()
    ]
    marks += [
        Mark(start=mention.start, end=mention.end, kind="location", href=reverse("incidents:location_detail",
             args=[mention.location_id]), popover_id=f"location-info-{mention.location_id}",
             label=f"Place: {mention.location}")
        for mention in article.location_mentions.all()
    ]
    marks += [Mark(start=date.start, end=date.end, kind="date", popover_id=date.popover_id,
                   label=f"Date: {date.resolved}") for date in dates]
    marks += [
        Mark(start=claim.start, end=claim.end, kind="claim", claim_id=claim.pk, popover_id=f"claim-info-{claim.pk}",
             label=f"Claim ({claim.get_kind_display()}) by {claim.claimant.name if claim.claimant else 'the article'}")
        for claim in article.claims.all()
    ]
    return marks


def _unique_by(items, key):
    seen = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


@viewer_required
def article_detail(request, pk: int):
    try:
        article = selectors.article_get(pk=pk)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    dates = date_mentions(article.extraction)
    highlighted = highlight(article.text, article_marks(article, dates), article.body_spans or [])
    return render(request, "incidents/article_detail.html", {
        "nav": "incidents", "article": article, "text": highlighted.html, "skipped": highlighted.skipped,
        "claims": list(article.claims.all()), "dates": dates,
        "actors": _unique_by((mention.actor for mention in article.actor_mentions.all()), lambda actor: actor.pk),
        "places": _unique_by((m.location for m in article.location_mentions.all()), lambda place: place.pk),
        "incidents": _unique_by((claim.incident for claim in article.claims.all() if claim.incident_id),
                                lambda incident: incident.pk),
        "has_body_spans": bool(article.body_spans),
    })
