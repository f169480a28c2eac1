"""Reads behind the incident list's pictures: incidents per day/week/month/year, and the map's busiest places.

Both are aggregated in SQL over the filtered incidents, so a page gets one row per bar or marker back, never
one per incident.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, DateField, Max, Min, QuerySet
from django.db.models.functions import Trunc

from incidents.models import Incident

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
    with zero; (unit, buckets). Counted in SQL: one row per bucket comes back, never one per incident."""
    dated = incidents.order_by().exclude(date_start__isnull=True)
    bounds = dated.aggregate(first=Min("date_start"), last=Max("date_start"))
    if bounds["first"] is None:
        return "day", []
    unit = _timeline_unit(bounds["first"], bounds["last"])
    # date_trunc('week') starts weeks on Monday, as _bucket_start does.
    rows = (dated.annotate(bucket=Trunc("date_start", unit, output_field=DateField())).values("bucket")
            .annotate(n=Count("*")).values_list("bucket", "n"))
    counts = {bucket: n for bucket, n in rows}
    current = _bucket_start(bounds["first"], unit)
    buckets = []
    while current <= bounds["last"]:
        following = _next_bucket_start(current, unit)
        buckets.append(TimelineBucket(start=current, end=following - timedelta(days=1), count=counts.get(current, 0)))
        current = following
    return unit, buckets


# The list's map shows at most this many places, the busiest first: more would not read as a map (and would
# make the page megabytes of JSON).
MAP_MAX_PLACES = 500


@dataclass(frozen=True)
class MapPlace:
    """A place with coordinates and how many of the listed incidents happened there."""

    pk: int
    name: str
    country_code: str
    latitude: float
    longitude: float
    incident_count: int

    def __str__(self) -> str:
        return f"{self.name} ({self.country_code})" if self.country_code else self.name


def incident_map_places(*, incidents: QuerySet, limit: int = MAP_MAX_PLACES) -> list[MapPlace]:
    """Places with coordinates of the given incidents, each with how many of them happened there: the busiest
    `limit`, by name. Aggregated in SQL over the incidents' place links."""
    ids = incidents.order_by().values("pk")
    through = Incident.locations.through
    rows = (
        through.objects.filter(incident_id__in=ids, location__latitude__isnull=False,
                               location__longitude__isnull=False)
        .values_list("location_id", "location__name", "location__country_code", "location__latitude",
                     "location__longitude")
        .annotate(n=Count("*")).order_by("-n", "location_id")[:limit]
    )
    return sorted((MapPlace(*row) for row in rows), key=lambda place: (place.name, place.pk))
