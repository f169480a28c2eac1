"""Neutral names: both names of a contested place (data/contested_places.json), and an incident's neutral title."""
from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

from incidents.choices import DatePrecision, EventType, LocationPrecision

DATA = Path(__file__).with_name("data") / "contested_places.json"
PRECISION_ORDER = {LocationPrecision.POINT: 0, LocationPrecision.TOWN: 1, LocationPrecision.REGION: 2,
                   LocationPrecision.COUNTRY: 3}


@functools.cache
def _contested() -> dict[str, str]:
    places = json.loads(DATA.read_text(encoding="utf-8"))["places"]
    return {name.casefold(): place["display"] for place in places for name in place["names"]}


def neutral_name(name: str, alternates=()) -> str:
    """"Laçın" → "Lachin/Berdzor": every side's name of a contested place; other names as they are."""
    table = _contested()
    for candidate in (name, *alternates):
        if candidate and candidate.casefold() in table:
            return table[candidate.casefold()]
    return name


def neutral_place_name(place) -> str:
    return neutral_name(place.name, place.alternate_names or ())


def places_by_precision(places) -> list:
    """Towns before regions before countries; then by name."""
    return sorted(places, key=lambda p: (PRECISION_ORDER.get(p.precision, 4), neutral_place_name(p)))


def neutral_title(incident, accounts) -> str:
    """What, where (the most precise place of each account, every contested place under all its names), when."""
    what = incident.sub_event_type or EventType(incident.event_type).label
    chosen = []
    for account in accounts:
        mentions = Counter(p for c in account.claims if not c.negated for p in c.locations.all())
        located = sorted(places_by_precision(mentions), key=lambda p: (PRECISION_ORDER.get(p.precision, 4),
                                                                       -mentions[p]))  # the place said most often
        best = next((p for p in located if p.pk not in {c.pk for c in chosen}), None)
        if best is not None and PRECISION_ORDER.get(best.precision, 4) <= 1:
            chosen.append(best)
    if not chosen:
        chosen = places_by_precision(incident.locations.all())[:1]
    names = list(dict.fromkeys(neutral_place_name(p) for p in chosen))[:3]
    town = chosen and PRECISION_ORDER.get(chosen[0].precision, 4) <= 1
    where = f" {'near' if town else 'in'} {' and '.join(names)}" if names else ""
    return f"{what}{where}{date_phrase(incident.date_start, incident.date_precision)}"


def date_phrase(day, precision: str) -> str:
    """When, to its precision, as a title ends: ', 13 Sep 2022', ', September 2022', ', week of 12 Sep 2022'."""
    if day is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f", {day.year}"
    if precision == DatePrecision.MONTH:
        return f", {day:%B %Y}"
    if precision == DatePrecision.WEEK:
        return f", week of {day.day} {day:%b %Y}"
    return f", {day.day} {day:%b %Y}"
