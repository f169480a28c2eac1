"""Cross-article incident matching: does a newly extracted incident describe one the knowledge base already has?

Two incidents are one event when all three rules hold, and the reason names what matched:
  * time: their date ranges overlap, or lie at most the slack of the vaguer one apart (a "day" may be the
    day before in local time, so one day of slack; week and month ranges already span their period);
  * place: two of their points/towns lie within MAX_DISTANCE_KM, or — when one side only knows a region
    or country — they share a first-level region (admin1), else a country;
  * actors: they share an actor, counting a ministry's parent state as the state.
Matching is pure (the `Candidate` snapshots); `incident_candidates` is the one query, for all of an article's
incidents at once, and `within_dates_of` picks each new incident's share of it.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q

from incidents.choices import DatePrecision, LocationPrecision
from incidents.models import Actor, Incident, Location

MAX_DISTANCE_KM = 50.0
_DATE_SLACK = {
    DatePrecision.DAY: timedelta(days=1), DatePrecision.WEEK: timedelta(0), DatePrecision.MONTH: timedelta(0),
}
_POINT_PRECISIONS = {LocationPrecision.POINT, LocationPrecision.TOWN}


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str
    admin1: str
    lat: float | None
    lon: float | None
    precision: str

    @classmethod
    def of(cls, location: Location) -> Place:
        return cls(location.name, location.country_code, location.admin1, location.latitude, location.longitude,
                   location.precision)

    @property
    def is_point(self) -> bool:
        return self.precision in _POINT_PRECISIONS and self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know of one incident, new or stored."""

    date_start: date | None
    date_end: date | None
    date_precision: str
    places: tuple[Place, ...]
    actor_ids: frozenset[int]
    actor_names: dict[int, str]


def incident_match_reason(new: Candidate, existing: Candidate) -> str | None:
    """Why `new` is the same event as `existing`, or None when any rule fails."""
    time = _time_rule(new, existing)
    place = _place_rule(new.places, existing.places) if time else None
    actors = _actor_rule(new, existing) if place else None
    if not actors:
        return None
    return f"same time ({time}), same place ({place}), same actors ({actors})"


def candidate_of(*, date_start, date_end, date_precision, locations, actors) -> Candidate:
    """The snapshot of an incident's dates, places and actors (with the actors' parents) for matching."""
    actor_ids, names = set(), {}
    for actor in actors:
        for member in (actor, actor.parent) if actor.parent_id else (actor,):
            actor_ids.add(member.pk)
            names[member.pk] = member.name
    return Candidate(date_start, date_end or date_start, date_precision,
                     tuple(Place.of(location) for location in locations), frozenset(actor_ids), names)


def incident_candidates(*, new: Sequence[Candidate]) -> list[tuple[Incident, Candidate]]:
    """Stored incidents whose dates overlap the widened dates of any of `new` and that share an actor with any
    of them, as snapshots, oldest first.

    The actor rule is asked of the database too: an incident none of whose actors (or their parents) is among
    `new`'s actors (with their parents) fails `_actor_rule` for every one of them, and a month's or a year's
    window otherwise reads every incident of that month or year, with their places and actors.
    """
    windows = [window for window in map(_search_window, new) if window]
    actor_ids = sorted(set().union(*(candidate.actor_ids for candidate in new)))
    if not windows or not actor_ids:
        return []
    overlapping = Q()
    for start, end in windows:
        overlapping |= Q(date_start__lte=end, date_end__gte=start)
    sharing = Incident.actors.through.objects.filter(Q(actor_id__in=actor_ids) | Q(actor__parent_id__in=actor_ids))
    incidents = (
        Incident.objects.filter(date_start__isnull=False).filter(overlapping)
        .filter(pk__in=sharing.values("incident_id"))
        .prefetch_related("locations", _actors_with_parents())
        .order_by("id")
    )
    return [
        (incident, candidate_of(date_start=incident.date_start, date_end=incident.date_end,
                                date_precision=incident.date_precision, locations=incident.locations.all(),
                                actors=incident.actors.all()))
        for incident in incidents
    ]


def within_dates_of(new: Candidate, incident: Incident) -> bool:
    """Whether a stored incident is among those `incident_candidates` reads for `new` alone."""
    window = _search_window(new)
    return (window is not None and incident.date_start is not None and incident.date_end is not None
            and incident.date_start <= window[1] and incident.date_end >= window[0])


def _search_window(candidate: Candidate) -> tuple[date, date] | None:
    """The dates a stored incident must overlap to be worth comparing: the widened dates, plus the widest slack."""
    if candidate.date_start is None or candidate.date_precision not in _DATE_SLACK:
        return None
    start, end = _widened(candidate)
    widest_slack = max(_DATE_SLACK.values())
    return start - widest_slack, end + widest_slack


def _actors_with_parents() -> Prefetch:
    return Prefetch("actors", queryset=Actor.objects.select_related("parent"))


def _widened(candidate: Candidate) -> tuple[date, date]:
    slack = _DATE_SLACK[candidate.date_precision]
    return candidate.date_start - slack, (candidate.date_end or candidate.date_start) + slack


def _time_rule(new: Candidate, existing: Candidate) -> str | None:
    if new.date_precision not in _DATE_SLACK or existing.date_precision not in _DATE_SLACK:
        return None
    if new.date_start is None or existing.date_start is None:
        return None
    gap = (max(new.date_start, existing.date_start)
           - min(new.date_end or new.date_start, existing.date_end or existing.date_start))
    if gap > max(_DATE_SLACK[new.date_precision], _DATE_SLACK[existing.date_precision]):
        return None
    return (f"{_range(new)} ({new.date_precision}) overlaps {_range(existing)} "
            f"({existing.date_precision})")


def _place_rule(new: tuple[Place, ...], existing: tuple[Place, ...]) -> str | None:
    new_points = [place for place in new if place.is_point]
    existing_points = [place for place in existing if place.is_point]
    if new_points and existing_points:
        a, b, km = min(((a, b, _distance_km(a, b)) for a in new_points for b in existing_points),
                       key=lambda pair: pair[2])
        return f"{a.name} is {km:.0f} km from {b.name}" if km <= MAX_DISTANCE_KM else None
    # One side knows only a region or country: the same first-level region, else the same country, will do.
    for a in new:
        for b in existing:
            if a.admin1 and a.admin1 == b.admin1 and a.country_code == b.country_code:
                return f"both in {a.admin1}, only a region known"
    for a in new:
        for b in existing:
            if a.country_code and a.country_code == b.country_code:
                return f"both in {a.country_code} ({a.name}, {b.name}), only a region known"
    return None


def _actor_rule(new: Candidate, existing: Candidate) -> str | None:
    shared = new.actor_ids & existing.actor_ids
    if not shared:
        return None
    return "shared: " + ", ".join(sorted(new.actor_names.get(pk) or existing.actor_names[pk] for pk in shared))


def _distance_km(a: Place, b: Place) -> float:
    """Great-circle (haversine) distance."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _range(candidate: Candidate) -> str:
    end = candidate.date_end or candidate.date_start
    return candidate.date_start.isoformat() if end == candidate.date_start else f"{candidate.date_start}..{end}"
