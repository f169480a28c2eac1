"""Reads from the knowledge base: querysets for pages and the API, filtered by the shared FilterSets.

A selector never writes. Lists return lazily evaluated QuerySets with what their rows show
prefetched, so a page of 10 and a page of 100 cost the same number of queries.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, Max, Min, Prefetch, Q, QuerySet, When
from django.http import QueryDict

from incidents.filtersets import ActorFilterSet, ClaimFilterSet, IncidentFilterSet, LocationFilterSet
from incidents.models import (
    Actor,
    ActorMention,
    Article,
    CasualtyFigure,
    Claim,
    ClaimLink,
    Deletion,
    Incident,
    IncidentPairRejection,
    Location,
    LocationMention,
)
from incidents.roles import can_view

# Two incidents further apart than this in time are never suggested as one.
DUPLICATE_MAX_DAYS_APART = 3
DUPLICATE_MAX_KM_APART = 30.0
DUPLICATE_MIN_SCORE = 0.45
DUPLICATE_MAX_CANDIDATES = 2000
_WORD = re.compile(r"[a-z]{3,}")


def as_filter_data(data) -> QueryDict:
    """Filters as a QueryDict, so repeatable parameters accept one value or a list, as in a query string."""
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for name, value in (data or {}).items():
        query.setlist(name, [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)])
    return query


def _filtered(filterset_class, data, queryset: QuerySet) -> QuerySet:
    filterset = filterset_class(data=as_filter_data(data), queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def incident_list(*, filters: dict | None = None, user=None) -> QuerySet:
    """Incidents matching `filters` (IncidentFilterSet's parameters), with places, actors and claim counts."""
    if user is not None and not can_view(user):
        return Incident.objects.none()
    queryset = Incident.objects.annotate(claim_count=Count("claims", distinct=True)).prefetch_related(
        "locations", "actors",
    )
    return _filtered(IncidentFilterSet, filters, queryset)


def claims_with_details(queryset: QuerySet | None = None) -> QuerySet:
    """Claims with their article, publisher, claimant, actors, places and links loaded in bulk."""
    queryset = Claim.objects.all() if queryset is None else queryset
    links = ClaimLink.objects.order_by("pk")
    sided = Actor.objects.select_related("parent__parent")  # accounts group actors by their top parent
    return queryset.select_related("article__publisher", "claimant__parent__parent",
                                   "casualty_actor__parent__parent").prefetch_related(
        Prefetch("perpetrators", queryset=sided), Prefetch("targets", queryset=sided), "locations",
        Prefetch("figures", queryset=CasualtyFigure.objects.select_related("actor__parent__parent")),
        Prefetch("links_as_a", queryset=links), Prefetch("links_as_b", queryset=links),
    )


def incidents_with_claims() -> QuerySet:
    """Incidents with actors, places and claims (and everything the claims show) loaded in bulk."""
    claims = claims_with_details(Claim.objects.order_by("article__published_at", "article_id", "start"))
    return Incident.objects.prefetch_related("actors", "locations", Prefetch("claims", queryset=claims))


def incident_get(*, pk: int) -> Incident:
    """One incident with its claims (and everything they show); raises Incident.DoesNotExist."""
    return incidents_with_claims().get(pk=pk)


def merge_survivor(*, kind: str, pk: int) -> int | None:
    """The id a merged-away row of `kind` (incident, actor, location) now lives on as, following merges of merges;
    None when it was deleted outright or never existed."""
    seen: set[int] = set()
    current = pk
    while current not in seen:
        seen.add(current)
        target = (Deletion.objects.filter(kind=kind, object_id=current, merged_into_id__isnull=False)
                  .order_by("-deleted_at").values_list("merged_into_id", flat=True).first())
        if target is None:
            return current if current != pk else None
        current = target
    return None


def incidents_for_export() -> QuerySet:
    """Incidents with what an export row shows: places, actors, and the claims' actors and publishers."""
    sided = Actor.objects.select_related("parent__parent")  # sides are actors' top parents
    claims = Claim.objects.select_related("article__publisher", "claimant__parent__parent").prefetch_related(
        Prefetch("perpetrators", queryset=sided), Prefetch("targets", queryset=sided), "locations",
        "links_as_a", "links_as_b",
    )
    return Incident.objects.prefetch_related("locations", "actors", Prefetch("claims", queryset=claims))


def claim_list(*, filters: dict | None = None, user=None) -> QuerySet:
    """Claims matching `filters` (ClaimFilterSet's parameters), with everything a row shows."""
    if user is not None and not can_view(user):
        return Claim.objects.none()
    return _filtered(ClaimFilterSet, filters, claims_with_details())


@dataclass
class DuplicateSuggestion:
    """Two incidents that may be one event, how alike they look (0..1) and why."""

    a: Incident
    b: Incident
    score: float
    reasons: list[str] = field(default_factory=list)


def _km_between(first, second) -> float:
    """Great-circle distance between two places with coordinates (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (first.latitude, first.longitude, second.latitude, second.longitude))
    half = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(half))


def _words(incident: Incident) -> set[str]:
    text = " ".join([incident.title, *(claim.quote for claim in incident.claims.all())])
    return set(_WORD.findall(text.lower()))


def _jaccard(first: set, second: set) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0


def _compare(a: Incident, b: Incident) -> DuplicateSuggestion:
    """Score a pair on time (0.3), place (0.3), actors (0.2) and wording (0.2), with the reasons."""
    reasons, score = [], 0.0
    days_apart = max(0, (max(a.date_start, b.date_start) - min(a.end, b.end)).days)
    score += 0.3 * (1 - days_apart / (DUPLICATE_MAX_DAYS_APART + 1))
    reasons.append("overlapping dates" if days_apart == 0 else f"{days_apart} day(s) apart")

    places_a, places_b = list(a.locations.all()), list(b.locations.all())
    shared = {place.pk for place in places_a} & {place.pk for place in places_b}
    if shared:
        score += 0.3
        reasons.append("same place: " + ", ".join(sorted(p.name for p in places_a if p.pk in shared)))
    else:
        distances = [
            _km_between(first, second) for first in places_a for second in places_b
            if None not in (first.latitude, first.longitude, second.latitude, second.longitude)
        ]
        if distances and min(distances) <= DUPLICATE_MAX_KM_APART:
            score += 0.3 * (1 - min(distances) / (2 * DUPLICATE_MAX_KM_APART))
            reasons.append(f"places {min(distances):.0f} km apart")

    actors_a, actors_b = {actor.pk: actor for actor in a.actors.all()}, {actor.pk: actor for actor in b.actors.all()}
    shared_actors = actors_a.keys() & actors_b.keys()
    if shared_actors:
        score += 0.2 * _jaccard(set(actors_a), set(actors_b))
        reasons.append("shared actors: " + ", ".join(sorted(actors_a[pk].name for pk in shared_actors)))

    similarity = _jaccard(a.words, b.words)
    if similarity >= 0.2:
        score += 0.2 * min(1.0, similarity * 2)
        reasons.append(f"similar wording ({similarity:.0%} of words shared)")
    if a.event_type == b.event_type:
        reasons.append(f"same event type ({a.get_event_type_display()})")
    else:
        score -= 0.1
    return DuplicateSuggestion(a=a, b=b, score=round(max(score, 0.0), 3), reasons=reasons)


def _candidate_pairs() -> list[tuple[int, int]]:
    """Pairs of dated news incidents within a few days of each other that no analyst has kept apart."""
    incidents = list(
        Incident.objects.filter(background=False, date_start__isnull=False)
        .order_by("date_start").values_list("pk", "date_start", "date_end")
    )
    rejected = set(IncidentPairRejection.objects.values_list("incident_a_id", "incident_b_id"))
    window = timedelta(days=DUPLICATE_MAX_DAYS_APART)
    pairs = []
    for index, (pk, start, end) in enumerate(incidents):
        for other_pk, other_start, _ in incidents[index + 1:]:
            if other_start > (end or start) + window:
                break
            pair = tuple(sorted((pk, other_pk)))
            if pair not in rejected:
                pairs.append(pair)
            if len(pairs) >= DUPLICATE_MAX_CANDIDATES:
                return pairs
    return pairs


def duplicate_suggestions(*, limit: int = 50) -> list[DuplicateSuggestion]:
    """Pairs of incidents that may describe the same event, most alike first."""
    pairs = _candidate_pairs()
    ids = {pk for pair in pairs for pk in pair}
    incidents = Incident.objects.filter(pk__in=ids).prefetch_related(
        "locations", "actors", Prefetch("claims", queryset=Claim.objects.only("pk", "incident_id", "quote")),
    ).in_bulk()
    for incident in incidents.values():
        incident.end = incident.date_end or incident.date_start
        incident.words = _words(incident)
    suggestions = [_compare(incidents[first], incidents[second]) for first, second in pairs]
    suggestions = [suggestion for suggestion in suggestions if suggestion.score >= DUPLICATE_MIN_SCORE]
    suggestions.sort(key=lambda suggestion: (-suggestion.score, suggestion.a.pk, suggestion.b.pk))
    return suggestions[:limit]


# Reads for the analyst pages: the list's timeline and map, history, and the pickers of the edit pages.

TIMELINE_MAX_DAILY_SPAN = 62
# Beyond these spans the bars of the 420px chart would be thinner than a pixel, so buckets grow to months, then years.
TIMELINE_MAX_WEEKLY_SPAN = 2 * 366
TIMELINE_MAX_MONTHLY_SPAN = 10 * 366


@dataclass(frozen=True)
class TimelineBucket:
    """Incidents starting in [start, end] (a day, a Monday–Sunday week, a calendar month or a calendar year)."""

    start: date
    end: date
    count: int


def _timeline_unit(first: date, last: date) -> str:
    span = (last - first).days
    if span <= TIMELINE_MAX_DAILY_SPAN:
        return "day"
    if span <= TIMELINE_MAX_WEEKLY_SPAN:
        return "week"
    return "month" if span <= TIMELINE_MAX_MONTHLY_SPAN else "year"


def _bucket_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next_bucket_start(start: date, unit: str) -> date:
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if unit == "year":
        return date(start.year + 1, 1, 1)
    return start + timedelta(days=7 if unit == "week" else 1)


def incident_timeline(*, incidents: QuerySet) -> tuple[str, list[TimelineBucket]]:
    """Incidents per day (spans up to two months), week (up to two years), month (up to ten) or year, gaps filled
    with zero; (unit, buckets)."""
    dated = incidents.order_by().exclude(date_start__isnull=True)
    bounds = dated.aggregate(first=Min("date_start"), last=Max("date_start"))
    if bounds["first"] is None:
        return "day", []
    unit = _timeline_unit(bounds["first"], bounds["last"])
    counts: dict[date, int] = {}
    for row in dated.values("date_start").annotate(n=Count("pk", distinct=True)):
        start = _bucket_start(row["date_start"], unit)
        counts[start] = counts.get(start, 0) + row["n"]
    current = _bucket_start(bounds["first"], unit)
    buckets = []
    while current <= bounds["last"]:
        following = _next_bucket_start(current, unit)
        buckets.append(TimelineBucket(start=current, end=following - timedelta(days=1), count=counts.get(current, 0)))
        current = following
    return unit, buckets


def incident_map_places(*, incidents: QuerySet) -> QuerySet:
    """Places with coordinates of the given incidents, each with how many of them happened there."""
    ids = incidents.order_by().values("pk")
    return (
        Location.objects.filter(incidents__in=ids, latitude__isnull=False, longitude__isnull=False)
        .annotate(incident_count=Count("incidents", distinct=True)).order_by("name")
    )


def incident_history(*, incident: Incident, limit: int = 200) -> list:
    """History rows of the incident, of every claim that is or was in it and of their links, newest first."""
    claim_ids = list(Claim.history.filter(incident_id=incident.pk).values_list("id", flat=True).distinct())
    rows = [
        *incident.history.select_related("history_user")[:limit],
        *Claim.history.filter(id__in=claim_ids).select_related("history_user").order_by("-history_date")[:limit],
        *ClaimLink.history.filter(Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids))
        .select_related("history_user").order_by("-history_date")[:limit],
    ]
    return sorted(rows, key=lambda row: row.history_date, reverse=True)[:limit]


def record_history(*, record, limit: int = 100) -> list:
    """History rows of one actor or location, newest first."""
    return list(record.history.select_related("history_user")[:limit])


def article_get(*, pk: int) -> Article:
    """One article with its publisher, mentions (with what they resolve to) and claims."""
    claims = Claim.objects.select_related("claimant", "incident").order_by("start")
    return Article.objects.select_related("publisher", "uploaded_by").prefetch_related(
        Prefetch("actor_mentions", queryset=ActorMention.objects.select_related("actor")),
        Prefetch("location_mentions", queryset=LocationMention.objects.select_related("location")),
        Prefetch("claims", queryset=claims),
    ).get(pk=pk)


def actor_get(*, pk: int) -> Actor:
    return Actor.objects.select_related("parent").get(pk=pk)


def actor_claims(*, actor: Actor) -> QuerySet:
    """Claims the actor made, or in which it is named as perpetrator or target."""
    return claims_with_details(
        Claim.objects.filter(Q(claimant=actor) | Q(perpetrators=actor) | Q(targets=actor)).distinct()
        .select_related("incident").order_by("-article__published_at", "start")
    )


def location_get(*, pk: int) -> Location:
    return Location.objects.get(pk=pk)


def location_claims(*, location: Location) -> QuerySet:
    return claims_with_details(location.claims.select_related("incident").order_by("-article__published_at", "start"))


def record_incidents(*, record) -> QuerySet:
    """The incidents of an actor or a location, newest first."""
    return record.incidents.annotate(claim_count=Count("claims", distinct=True)).order_by("-date_start", "-pk")


def actor_merge_candidates(*, actor: Actor, search: str, limit: int = 20) -> QuerySet:
    """Other actors whose name or alias contains `search` (or shares the first word of this actor's name)."""
    text = search.strip() or actor.name.split()[0]
    return _filtered(ActorFilterSet, {"name": text}, Actor.objects.exclude(pk=actor.pk))[:limit]


def location_merge_candidates(*, location: Location, search: str, limit: int = 20) -> QuerySet:
    text = search.strip() or location.name
    return _filtered(LocationFilterSet, {"name": text}, Location.objects.exclude(pk=location.pk))[:limit]


NEARBY_DAYS = 14


def _nearby_incidents(incident: Incident | None) -> QuerySet:
    if incident is None or incident.date_start is None:
        return Incident.objects.all()
    window = timedelta(days=NEARBY_DAYS)
    return Incident.objects.filter(
        date_start__lte=(incident.date_end or incident.date_start) + window,
        date_start__gte=incident.date_start - window,
    )


def incident_candidates(*, incident: Incident, search: str, limit: int = 20) -> QuerySet:
    """Incidents to merge with or move a claim to: matching `search`, or else within two weeks of `incident`."""
    others = Incident.objects.exclude(pk=incident.pk)
    queryset = _filtered(IncidentFilterSet, {"search": search}, others) if search.strip() else (
        _nearby_incidents(incident).exclude(pk=incident.pk).order_by("-date_start", "-pk")
    )
    return queryset.annotate(claim_count=Count("claims", distinct=True))[:limit]


def claim_link_candidates(*, claim: Claim, search: str, limit: int = 20) -> QuerySet:
    """Claims to link `claim` with: of its incident or incidents within two weeks, matching `search`, not yet linked."""
    linked = ClaimLink.objects.filter(Q(claim_a=claim) | Q(claim_b=claim)).values_list("claim_a_id", "claim_b_id")
    excluded = {claim.pk} | {pk for pair in linked for pk in pair}
    nearby = _nearby_incidents(claim.incident).values("pk")
    queryset = Claim.objects.filter(Q(incident_id=claim.incident_id) | Q(incident__in=nearby)).exclude(pk__in=excluded)
    if search.strip():
        queryset = queryset.filter(
            Q(quote__icontains=search.strip()) | Q(claimant__name__icontains=search.strip())
            | Q(incident__title__icontains=search.strip())
        )
    same_incident_first = Case(When(incident_id=claim.incident_id, then=0), default=1)
    return claims_with_details(queryset.select_related("incident")).order_by(same_incident_first, "-pk")[:limit]
