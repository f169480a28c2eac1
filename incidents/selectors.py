"""Reads from the knowledge base: querysets for pages and the API, filtered by the shared FilterSets.

A selector never writes. Lists return lazily evaluated QuerySets with what their rows show
prefetched, so a page of 10 and a page of 100 cost the same number of queries.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.http import QueryDict

from incidents.chart_selectors import (  # noqa: F401  (read through selectors by the views)
    MAP_MAX_PLACES,
    MapPlace,
    TimelineBucket,
    incident_map_places,
    incident_timeline,
)
from incidents.filtersets import ActorFilterSet, ClaimFilterSet, IncidentFilterSet, LocationFilterSet
from incidents.list_selectors import incident_list_badges, incident_search_snippets  # noqa: F401  (read through selectors)
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


# Columns no list row shows: long texts and the search vector stay in the database.
INCIDENT_LIST_DEFERRED = ("summary", "search_vector", "fatalities_derivation", "grouping_reason")
# Article columns no claim row of a list shows (the text and the pipeline's output can be megabytes).
LOCATION_REF_COLUMNS = ("pk", "name", "country_code", "latitude", "longitude", "precision")
ARTICLE_HEAVY_COLUMNS = ("article__text", "article__extraction", "article__body_spans")


def claim_count_of_row() -> Coalesce:
    """How many claims the incident of the row has, as a correlated subquery.

    PostgreSQL evaluates it only for the rows a page returns (after ORDER BY ... LIMIT), through the index on
    claims' incident_id, where `Count("claims")` would join and group every claim for every query built on it.
    """
    counts = (Claim.objects.filter(incident=OuterRef("pk")).order_by().values("incident")
              .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def with_claim_counts(queryset: QuerySet) -> QuerySet:
    """The incidents with `claim_count` (see `claim_count_of_row`)."""
    return queryset.annotate(claim_count=claim_count_of_row())


def incident_list(*, filters: dict | None = None, user=None) -> QuerySet:
    """Incidents matching `filters` (IncidentFilterSet's parameters), with places and claim counts.

    Narrow: the columns a list row shows, its places; actors are asked for by whoever shows them.
    """
    if user is not None and not can_view(user):
        return Incident.objects.none()
    places = Prefetch("locations", queryset=Location.objects.only(*LOCATION_REF_COLUMNS))
    queryset = with_claim_counts(Incident.objects.defer(*INCIDENT_LIST_DEFERRED).prefetch_related(places))
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


def actor_choices(*, search: str = "") -> QuerySet:
    """Actors whose name or an alias contains `search`, for pickers: names first, with their parent state."""
    queryset = Actor.objects.select_related("parent").order_by("name", "pk")
    return _filtered(ActorFilterSet, {"name": search}, queryset) if search.strip() else queryset


def location_choices(*, search: str = "") -> QuerySet:
    """Places whose name or an alternate name contains `search`, for pickers."""
    queryset = Location.objects.order_by("name", "pk")
    return _filtered(LocationFilterSet, {"name": search}, queryset) if search.strip() else queryset


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
    """Incidents to export; `incidents.export_rows.incidents_exported` reads them in batches with what a row shows."""
    return Incident.objects.all()


def claim_rows(queryset: QuerySet | None = None) -> QuerySet:
    """`claims_with_details` for lists: without the articles' text and extraction, which no row shows."""
    return claims_with_details(queryset).defer(*ARTICLE_HEAVY_COLUMNS)


def claim_list(*, filters: dict | None = None, user=None) -> QuerySet:
    """Claims matching `filters` (ClaimFilterSet's parameters), with everything a row shows."""
    if user is not None and not can_view(user):
        return Claim.objects.none()
    return _filtered(ClaimFilterSet, filters, claim_rows())


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


# Reads for the analyst pages: history, and the pickers of the edit pages (the list's timeline and map are in
# incidents/chart_selectors.py).

def incident_history(*, incident: Incident, limit: int = 200) -> list:
    """History rows of the incident, of every claim that is or was in it, their figures and links, newest first."""
    claim_ids = list(Claim.history.filter(incident_id=incident.pk).values_list("id", flat=True).distinct())
    rows = [*incident.history.select_related("history_user")[:limit], *(
        row for records in (
            Claim.history.filter(id__in=claim_ids), CasualtyFigure.history.filter(claim_id__in=claim_ids),
            ClaimLink.history.filter(Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids)))
        for row in records.select_related("history_user").order_by("-history_date")[:limit])]
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
    """Claims the actor made, or in which it is named as perpetrator or target, newest article first.

    The three ways in are unioned as ids (each through its own index), never OR-ed over joins with DISTINCT.
    """
    named = (
        Claim.objects.filter(claimant=actor).order_by().values("pk")
        .union(Claim.perpetrators.through.objects.filter(actor=actor).values("claim_id"),
               Claim.targets.through.objects.filter(actor=actor).values("claim_id"))
    )
    return _record_claim_rows(Claim.objects.filter(pk__in=named))


def location_get(*, pk: int) -> Location:
    return Location.objects.get(pk=pk)


def location_claims(*, location: Location) -> QuerySet:
    return _record_claim_rows(location.claims.all())


def _record_claim_rows(queryset: QuerySet) -> QuerySet:
    """Claim rows of an actor's or a place's page: with their incident's title, newest article first."""
    incident_heavy = [f"incident__{name}" for name in INCIDENT_LIST_DEFERRED]
    return (claim_rows(queryset.select_related("incident")).defer(*incident_heavy)
            .order_by("-article__published_at", "start", "pk"))


def record_incidents(*, record) -> QuerySet:
    """The incidents of an actor or a location, newest first, with claim counts."""
    return with_claim_counts(record.incidents.defer(*INCIDENT_LIST_DEFERRED)).order_by("-date_start", "-pk")


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
    return with_claim_counts(queryset)[:limit]


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


def incidents_added_since_count(*, moment) -> int:
    """How many incidents were added at or after `moment` (the list's "new since your last visit")."""
    return Incident.objects.filter(created_at__gte=moment).count()
