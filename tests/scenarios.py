"""Whole scenes built from the factories, for page and browser tests.

`presstv_seed()` mirrors the seed article tests/data/presstv-armenia-azerbaijan-border-clashes.txt
as an analyst would want it read: one incident, the Armenian and Azerbaijani defence ministries'
claims at their real spans (found in the text, not typed in), the two contradicting accusations
linked, every actor, place and date mention highlighted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from incidents.choices import (
    ActorKind,
    CasualtyGroup,
    ClaimKind,
    DatePrecision,
    EventType,
    IngestStatus,
    LinkRelation,
    LocationPrecision,
    Ownership,
    Reliability,
)
from incidents.models import Actor, Article, Claim, ClaimLink, Incident, Location
from incidents.services import incident_rollup_casualties, incident_search_refresh
from tests.factories import (
    ActorFactory,
    ActorMentionFactory,
    ArticleFactory,
    CasualtyFigureFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IncidentFactory,
    LocationFactory,
    LocationMentionFactory,
    PublisherFactory,
)

SEED_PATH = Path(__file__).parent / "data" / "presstv-armenia-azerbaijan-border-clashes.txt"
SEED_TITLE = "New clashes between Armenia, Azerbaijan leave a number of Azeri servicemen dead"
CONTRADICTION_REASON = "Each ministry says the other side opened fire first."

# key: (name, kind, country, [names as printed, longest first])
ACTORS = {
    "az_mod": ("Azerbaijani Defense Ministry", ActorKind.GOVERNMENT_BODY, "AZ", ["Azerbaijan's Defense Ministry"]),
    "am_mod": ("Armenian Defense Ministry", ActorKind.GOVERNMENT_BODY, "AM", ["Armenian Defense Ministry"]),
    "az": ("Azerbaijan", ActorKind.STATE, "AZ", ["Azerbaijan"]),
    "am": ("Armenia", ActorKind.STATE, "AM", ["Armenia"]),
    "karabakh": ("Karabakh army", ActorKind.ARMED_GROUP, "", ["Karabakh army"]),
}
PLACES = {
    "goris": ("Goris", "AM", 39.51111, 46.34168),
    "sotk": ("Sotk", "AM", 40.20007, 45.86951),
    "jermuk": ("Jermuk", "AM", 39.83948, 45.67112),
    "dashkesan": ("Dashkesan", "AZ", 40.52393, 46.08186),
    "kelbajar": ("Kelbajar", "AZ", 40.10984, 46.04446),
    "lachin": ("Lachin", "AZ", 39.63742, 46.54977),
    "stepanakert": ("Stepanakert", "AZ", 39.8177, 46.7528),
}
DATES = [("on Tuesday", "2022-09-13", "2022-09-13", DatePrecision.DAY),
         ("last week", "2022-09-05", "2022-09-11", DatePrecision.WEEK),
         ("in August", "2022-08-01", "2022-08-31", DatePrecision.MONTH)]


@dataclass
class Seed:
    article: Article
    incident: Incident
    actors: dict[str, Actor]
    places: dict[str, Location]
    am_shelling: Claim
    az_subversion: Claim
    az_losses: Claim
    az_losses_lede: Claim
    headline: Claim
    contradiction: ClaimLink


def _span(text: str, anchor: str) -> tuple[int, int]:
    start = text.index(anchor)
    return start, start + len(anchor)


def _free_occurrences(text: str, name: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(rf"\b{re.escape(name)}\b", text):
        span = match.span()
        if not any(start < span[1] and span[0] < end for start, end in taken):
            spans.append(span)
            taken.append(span)
    return spans


def _mentions(article: Article, actors: dict[str, Actor], places: dict[str, Location]) -> None:
    taken: list[tuple[int, int]] = []
    for key, (_, _, _, names) in sorted(ACTORS.items(), key=lambda item: -len(item[1][3][0])):
        for name in names:
            for start, end in _free_occurrences(article.text, name, taken):
                ActorMentionFactory(article=article, actor=actors[key], start=start, end=end, text=name)
    for key, (name, *_rest) in PLACES.items():
        for start, end in _free_occurrences(article.text, name, taken):
            LocationMentionFactory(article=article, location=places[key], start=start, end=end, text=name)


def _claim(article, incident, claimant, anchor: str, kind: str, **fields) -> Claim:
    start, end = _span(article.text, anchor)
    relations = {name: fields.pop(name, []) for name in ("perpetrators", "locations")}
    claim = ClaimFactory(article=article, incident=incident, claimant=claimant, kind=kind, start=start, end=end,
                         quote=article.text[start:end], **fields)
    for name, values in relations.items():
        getattr(claim, name).set(values)
    return claim


def presstv_seed() -> Seed:
    text = SEED_PATH.read_text(encoding="utf-8")
    publisher = PublisherFactory(name="Press TV", domain="presstv.ir", country_code="IR",
                                 ownership=Ownership.STATE_RUN, alignment="Iranian state media",
                                 reliability=Reliability.D)
    body_start = text.index(SEED_TITLE)
    body_end = text.index("Press TV’s website can also be accessed")
    dates = [{"span": list(_span(text, phrase)), "text": phrase, "date_start": first, "date_end": last,
              "precision": precision} for phrase, first, last, precision in DATES]
    article = ArticleFactory(
        publisher=publisher, title=SEED_TITLE, text=text, url="https://www.presstv.ir/Detail/2022/09/13/689033/",
        published_at=datetime(2022, 9, 13, 6, 0, tzinfo=UTC), status=IngestStatus.DONE,
        original_filename=SEED_PATH.name, body_spans=[[body_start, body_end]],
        extraction={"schema_version": 1, "dates": dates},
    )
    actors = {key: ActorFactory(name=name, kind=kind, country_code=country)
              for key, (name, kind, country, _) in ACTORS.items()}
    places = {key: LocationFactory(name=name, country_code=country, latitude=lat, longitude=lon,
                                   precision=LocationPrecision.TOWN)
              for key, (name, country, lat, lon) in PLACES.items()}
    _mentions(article, actors, places)
    incident = IncidentFactory(
        title="Armenia–Azerbaijan border clashes", event_type=EventType.BATTLES, sub_event_type="Armed clash",
        date_start=date(2022, 9, 12), date_end=date(2022, 9, 13), date_precision=DatePrecision.DAY,
        summary="Heavy shelling along the Armenia–Azerbaijan border; each side blames the other.",
    )
    incident.actors.set([actors[key] for key in ("am_mod", "az_mod", "am", "az")])
    incident.locations.set([places[key] for key in ("goris", "sotk", "jermuk", "dashkesan", "kelbajar", "lachin")])
    am_shelling = _claim(article, incident, actors["am_mod"], "Azerbaijan launched intensive shelling",
                         ClaimKind.ATTACK, perpetrators=[actors["az"]],
                         locations=[places["goris"], places["sotk"], places["jermuk"]])
    az_subversion = _claim(article, incident, actors["az_mod"], "large-scale subversive acts", ClaimKind.ACCUSATION,
                           perpetrators=[actors["am"]],
                           locations=[places["dashkesan"], places["kelbajar"], places["lachin"]])
    azerbaijani_forces = {"fatalities_min": 1, "casualty_group": CasualtyGroup.FORCES, "casualty_actor": actors["az"]}
    az_losses = _claim(article, incident, actors["az_mod"], "There are losses among", ClaimKind.CASUALTIES,
                       **azerbaijani_forces)
    az_losses_lede = _claim(article, incident, actors["az_mod"], "a number of its forces have been killed",
                            ClaimKind.CASUALTIES, **azerbaijani_forces)
    headline = _claim(article, incident, None, "leave a number of Azeri servicemen dead", ClaimKind.CASUALTIES,
                      **azerbaijani_forces)
    for claim in (az_losses, az_losses_lede, headline):  # "a number of" Azerbaijan's servicemen: 1..?
        CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, actor=actors["az"], min=1, max=None)
    contradiction = ClaimLinkFactory(claim_a=am_shelling, claim_b=az_subversion, relation=LinkRelation.CONTRADICTS,
                                     reason=CONTRADICTION_REASON)
    incident = incident_rollup_casualties(incident=incident)
    incident_search_refresh(incident_ids=[incident.pk])
    incident.refresh_from_db()
    return Seed(article=article, incident=incident, actors=actors, places=places, am_shelling=am_shelling,
                az_subversion=az_subversion, az_losses=az_losses, az_losses_lede=az_losses_lede, headline=headline,
                contradiction=contradiction)
