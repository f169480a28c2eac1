"""Server-side pictures of the incident list: the timeline as inline SVG bars and the map's marker data."""
from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

CHART_WIDTH, CHART_HEIGHT, AXIS_HEIGHT = 420, 150, 22
# A lone bar as wide as the chart reads as a block, not a bar.
MAX_BAR_WIDTH = 36
# The band above the tallest bar that holds the "max N" label, so no bar covers it.
PEAK_LABEL_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    href: str


@dataclass(frozen=True)
class Timeline:
    unit: str
    bars: list[Bar]
    total: int
    peak: int
    first_label: str
    last_label: str
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    axis_y: int = CHART_HEIGHT + AXIS_HEIGHT - 4
    view_height: int = CHART_HEIGHT + AXIS_HEIGHT
    peak_label_y: int = PEAK_LABEL_HEIGHT - 5


def _with_dates(query: QueryDict, start, end) -> str:
    narrowed = query.copy()
    narrowed["date_from"], narrowed["date_to"] = start.isoformat(), end.isoformat()
    narrowed.pop("page", None)
    return f"{reverse('incidents:incident_list')}?{narrowed.urlencode()}"


def _bucket_label(unit: str, start) -> str:
    if unit == "week":
        return f"week of {start.isoformat()}"
    if unit == "month":
        return start.strftime("%Y-%m")
    if unit == "year":
        return str(start.year)
    return start.isoformat()


def timeline(unit: str, buckets: list, query: QueryDict) -> Timeline | None:
    """Bars scaled to the busiest bucket; each links to the list narrowed to its day, week, month or year."""
    if not buckets:
        return None
    peak = max(bucket.count for bucket in buckets) or 1
    slot = min(CHART_WIDTH / len(buckets), MAX_BAR_WIDTH + 4)
    # Never wider than half a slot, so a bar keeps a positive width however many buckets there are.
    gap = min(max(1.0, min(4.0, slot * 0.2)), slot / 2)
    bars = []
    for index, bucket in enumerate(buckets):
        height = (CHART_HEIGHT - PEAK_LABEL_HEIGHT) * bucket.count / peak
        when = _bucket_label(unit, bucket.start)
        noun = "incident" if bucket.count == 1 else "incidents"
        bars.append(Bar(
            x=round(index * slot + gap / 2, 2), y=round(CHART_HEIGHT - height, 2), width=round(slot - gap, 2),
            height=round(height, 2), label=f"{when}: {bucket.count} {noun}",
            href=_with_dates(query, bucket.start, bucket.end),
        ))
    return Timeline(
        unit=unit, bars=bars, total=sum(bucket.count for bucket in buckets), peak=peak,
        first_label=buckets[0].start.isoformat(), last_label=buckets[-1].end.isoformat(),
    )


def map_markers(places, query: QueryDict | None = None) -> list[dict]:
    """JSON-ready markers: one per place, linking to the list narrowed to that place (or to the place's page)."""
    if query is None:
        return [{"name": str(place), "lat": place.latitude, "lon": place.longitude, **_count_of(place),
                 "url": reverse("incidents:location_detail", args=[place.pk])} for place in places]
    # One reverse() and one copy of the query for the whole map: only the place's id differs between markers.
    narrowed = query.copy()
    narrowed.pop("page", None)
    narrowed.pop("location", None)
    prefix = f"{reverse('incidents:incident_list')}?{narrowed.urlencode()}{'&' if narrowed else ''}location="
    return [{"name": str(place), "lat": place.latitude, "lon": place.longitude, **_count_of(place),
             "url": f"{prefix}{place.pk}"} for place in places]


def _count_of(place) -> dict:
    count = getattr(place, "incident_count", None)
    return {} if count is None else {"count": count}
