"""Hand-built `ArticleExtraction`s for persistence tests: spans are found by the phrases they cover."""
from __future__ import annotations

from datetime import date

from ingest.extraction import (
    ActorResult,
    ArticleExtraction,
    ArticleInfo,
    ClaimResult,
    Count,
    IncidentResult,
    LinkResult,
    LocationResult,
)

GORIS = {"name": "Goris", "country_code": "AM", "lat": 39.51111, "lon": 46.34168, "gazetteer_id": "geonames:616752"}
LACHIN = {"name": "Lachin", "country_code": "AZ", "lat": 39.6394, "lon": 46.5468, "gazetteer_id": "geonames:147622"}
JABLA = {"name": "Jableh", "country_code": "SY", "lat": 35.3609, "lon": 35.9256, "gazetteer_id": "geonames:169897"}


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def actor(text: str, id: str, name: str, *phrases: str, kind: str = "state", country_code: str | None = None,
          aliases: list[str] | None = None, parent_id: str | None = None) -> ActorResult:
    return ActorResult(id=id, name=name, kind=kind, country_code=country_code,
                       mentions=[span(text, phrase) for phrase in phrases or (name,)],
                       aliases=aliases or [], parent_id=parent_id)


def place(text: str, id: str, phrase: str, *, precision: str = "town", admin1: str | None = None,
          **gazetteer) -> LocationResult:
    return LocationResult(id=id, name=gazetteer.get("name", phrase), country_code=gazetteer.get("country_code"),
                          lat=gazetteer.get("lat"), lon=gazetteer.get("lon"), precision=precision,
                          mentions=[span(text, phrase)], admin1=admin1, gazetteer_id=gazetteer.get("gazetteer_id"))


def incident(id: str, *, day: date, actor_ids: list[str], location_ids: list[str],
             event_type: str = "explosions_remote_violence", precision: str = "day") -> IncidentResult:
    return IncidentResult(id=id, event_type=event_type, date_start=day, date_end=day, date_precision=precision,
                          location_ids=location_ids, actor_ids=actor_ids, background=False,
                          sub_event_type="Shelling/artillery/missile attack")


def claim(text: str, id: str, phrase: str, *, incident_id: str | None, claimant_id: str | None,
          kind: str = "attack", perpetrators: list[str] = (), targets: list[str] = (),
          fatalities: tuple[int | None, int | None] | None = None, negated: bool = False) -> ClaimResult:
    return ClaimResult(id=id, incident_id=incident_id, claimant_id=claimant_id, span=span(text, phrase),
                       text=phrase, kind=kind, perpetrator_ids=list(perpetrators), target_ids=list(targets),
                       fatalities=Count(*fatalities) if fatalities else None, negated=negated)


def extraction(*, actors=(), locations=(), incidents=(), claims=(), links=(), title: str | None = None,
               published: str = "2022-09-13") -> ArticleExtraction:
    return ArticleExtraction(
        article=ArticleInfo(title=title, published_at=published, publisher=None, body_spans=[]),
        actors=list(actors), locations=list(locations), incidents=list(incidents), claims=list(claims),
        claim_links=[LinkResult(*link) for link in links], pipeline_version="test",
    )
