"""A synthetic knowledge base of N incidents with the shapes of a real team's, for bench/scale.py.

Shapes (per 100,000 incidents, from issue 12): 500,000 claims (3–35 per incident, most near 3–5),
50,000 claim links (half of them contradictions), 5,000 actors and 20,000 places picked with a Zipf
skew (a few very busy ones), 50,000 articles (an incident is told by 1–12 of them), 50 publishers.

Rows are written through the project's models with the bulk paths the ingest persistence uses
(`bulk_create_with_history` for incidents and claims), and the derived columns are filled by the
project's own services (`incidents_rollup_casualties`, `incident_search_refresh`), so they hold exactly
what the app would store. Claim quotes are real substrings of their article's text at [start, end).
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from incidents.choices import (
    SUB_EVENT_TYPES,
    ActorKind,
    ClaimKind,
    DatePrecision,
    EventType,
    IngestStatus,
    LinkRelation,
    LocationPrecision,
    ReviewStatus,
)
from incidents.models import Actor, Article, Claim, ClaimLink, Incident, Location, Publisher
from incidents.services import incident_search_refresh, incidents_rollup_casualties

BATCH = 2000
WORDS = (
    "army forces shelled positions near village border town ministry said statement denied report civilians "
    "wounded soldiers drone strike artillery clashes overnight residents fled officials claimed attack convoy "
    "checkpoint militants police arrested protesters gathered square capital rockets fired district hospital "
    "sources confirmed spokesman accused enemy ceasefire violation troops advanced withdrew bridge highway"
).split()
RARE_WORDS = ["Aachen", "Zwolle", "Tiraspol", "Qusair", "Marib"]
COUNTRIES = ["AM", "AZ", "UA", "RU", "SY", "IQ", "YE", "SD", "ML", "CD", "MM", "AF", "SO", "LY", "IL", "LB"]
START = date(2019, 1, 1)
DAYS = 6 * 365


def _zipf_picker(rng: random.Random, size: int, skew: float = 1.1):
    """A function returning an index in [0, size), index 0 most often (weights 1/(i+1)^skew)."""
    weights = [1 / (index + 1) ** skew for index in range(size)]
    population = range(size)

    def pick(count: int = 1) -> list[int]:
        return rng.choices(population, weights=weights, k=count)
    return pick


def _claims_per_incident(rng: random.Random) -> int:
    # Mean about 5 between 3 and 35: most incidents are told in a handful of claims, a few in dozens.
    return min(35, 3 + int(rng.expovariate(1 / 2.5)))


def _sentence(rng: random.Random, *, killed: bool) -> str:
    words = rng.sample(WORDS, 9)
    if killed:
        words.insert(rng.randrange(len(words)), "killed")
    if rng.random() < 0.002:
        words.insert(rng.randrange(len(words)), rng.choice(RARE_WORDS))
    return " ".join(words).capitalize() + "."


def _records(rng: random.Random, incidents: int) -> tuple[list[Publisher], list[Actor], list[Location]]:
    publishers = [Publisher(name=f"Bench Publisher {index}", domain=f"bench{index}.example.org") for index in range(50)]
    Publisher.objects.bulk_create(publishers)
    kinds = [ActorKind.STATE, ActorKind.MILITARY, ActorKind.ARMED_GROUP, ActorKind.CIVILIANS, ActorKind.PERSON]
    actors = [
        Actor(name=f"{rng.choice(['Northern', 'Eastern', 'Free', 'United'])} Brigade {index}", kind=rng.choice(kinds),
              country_code=rng.choice(COUNTRIES), aliases=[f"B{index}"])
        for index in range(max(20, incidents // 20))
    ]
    bulk_create_with_history(actors, Actor, batch_size=BATCH)
    locations = [
        Location(name=f"Place {index}", country_code=rng.choice(COUNTRIES), admin1=f"Province {index % 40}",
                 latitude=round(rng.uniform(-35, 60), 4), longitude=round(rng.uniform(-20, 100), 4),
                 precision=LocationPrecision.TOWN, gazetteer_id=f"bench:{index}")
        for index in range(max(20, incidents // 5))
    ]
    bulk_create_with_history(locations, Location, batch_size=BATCH)
    return publishers, actors, locations


def _incident(rng: random.Random, number: int) -> Incident:
    event_type = rng.choice(EventType.values)
    start = START + timedelta(days=rng.randrange(DAYS))
    end = start + timedelta(days=rng.choice([0, 0, 0, 1, 2])) if rng.random() < 0.5 else None
    return Incident(
        title=f"Incident {number}: {' '.join(rng.sample(WORDS, 5))}", summary=_sentence(rng, killed=False),
        event_type=event_type, sub_event_type=rng.choice(SUB_EVENT_TYPES[event_type]), date_start=start,
        date_end=end, date_precision=rng.choice([DatePrecision.DAY, DatePrecision.DAY, DatePrecision.WEEK]),
        background=rng.random() < 0.05,
        review_status=rng.choice([ReviewStatus.UNREVIEWED] * 6 + [ReviewStatus.REVIEWED, ReviewStatus.VERIFIED]),
        grouping_reason="Bench data",
    )


def _batch_write(rng, first: int, count: int, context: dict) -> None:
    """`count` incidents with their articles, claims, members and links, then their derived columns."""
    publishers, actors, locations = context["publishers"], context["actors"], context["locations"]
    pick_actor, pick_place = context["pick_actor"], context["pick_place"]
    incidents = [_incident(rng, first + index) for index in range(count)]
    bulk_create_with_history(incidents, Incident, batch_size=BATCH, default_change_reason="Bench data")

    # Articles: about one per two incidents; an incident's claims come from 1–12 of them, near its date.
    articles, quotes_of = [], []
    incident_articles = []
    for _ in incidents:
        told_by = min(12, 1 + int(rng.expovariate(1 / 1.5)))
        own = []
        for _ in range(told_by):
            if articles and rng.random() < 0.75:
                own.append(rng.randrange(max(0, len(articles) - 20), len(articles)))
            else:
                articles.append(None)
                quotes_of.append([])
                own.append(len(articles) - 1)
        incident_articles.append(own)
    # Each claim is a sentence of one of its incident's articles.
    planned = []  # (incident, article index, sentence)
    for incident, own in zip(incidents, incident_articles, strict=True):
        for _ in range(_claims_per_incident(rng)):
            index = rng.choice(own)
            sentence = _sentence(rng, killed=rng.random() < 0.68)
            quotes_of[index].append(sentence)
            planned.append((incident, index, sentence))
    spans = {}
    for index, quotes in enumerate(quotes_of):
        filler = " ".join(_sentence(rng, killed=False) for _ in range(20))
        parts, offset = [filler], len(filler) + 1
        for position, quote in enumerate(quotes):
            spans[(index, position)] = (offset, offset + len(quote))
            parts.append(quote)
            offset += len(quote) + 1
        text = " ".join(parts)
        number = context["articles_written"] + index
        articles[index] = Article(
            publisher=rng.choice(publishers), title=f"Bench article {number}", url=f"https://bench.example.org/{number}",
            published_at=timezone.now() - timedelta(days=rng.randrange(DAYS)), language="en", text=text,
            sha256=f"bench{number:059d}", body_spans=[[0, len(text)]], status=IngestStatus.DONE,
            extraction={"schema_version": 1, "sentences": [_sentence(rng, killed=False) for _ in range(12)]},
            pipeline_version="bench",
        )
    Article.objects.bulk_create(articles, batch_size=BATCH)
    context["articles_written"] += len(articles)

    claims = []
    seen_position = {}
    for incident, index, _ in planned:
        position = seen_position.get(index, 0)
        seen_position[index] = position + 1
        start, end = spans[(index, position)]
        figures = rng.random() < 0.4
        low = rng.randrange(0, 30) if figures else None
        claims.append(Claim(
            article=articles[index], incident=incident, kind=rng.choice(ClaimKind.values), start=start, end=end,
            quote=articles[index].text[start:end], claimant=actors[pick_actor()[0]] if rng.random() < 0.8 else None,
            fatalities_min=low, fatalities_max=(low + rng.randrange(0, 5)) if figures else None,
            negated=rng.random() < 0.05, pipeline_version="bench", grouping_reason="Bench data",
        ))
    bulk_create_with_history(claims, Claim, batch_size=BATCH, default_change_reason="Bench data")

    by_incident: dict[int, list[Claim]] = {}
    for claim in claims:
        by_incident.setdefault(claim.incident_id, []).append(claim)
    incident_actors, incident_places, perpetrators, targets, claim_places, links = [], [], [], [], [], []
    for incident in incidents:
        own_actors = {actors[index].pk for index in pick_actor(rng.randint(2, 4))}
        own_places = {locations[index].pk for index in pick_place(rng.randint(1, 3))}
        incident_actors += [Incident.actors.through(incident_id=incident.pk, actor_id=pk) for pk in own_actors]
        incident_places += [Incident.locations.through(incident_id=incident.pk, location_id=pk) for pk in own_places]
        own_claims = by_incident[incident.pk]
        for claim in own_claims:
            perpetrators.append(Claim.perpetrators.through(claim_id=claim.pk, actor_id=rng.choice(sorted(own_actors))))
            targets.append(Claim.targets.through(claim_id=claim.pk, actor_id=rng.choice(sorted(own_actors))))
            claim_places.append(Claim.locations.through(claim_id=claim.pk, location_id=rng.choice(sorted(own_places))))
        if rng.random() < 0.5:
            first_claim, second_claim = sorted(rng.sample(own_claims, 2), key=lambda claim: claim.pk)
            links.append(ClaimLink(claim_a=first_claim, claim_b=second_claim,
                                   relation=rng.choice(LinkRelation.values), reason="Bench data"))
    for rows in (incident_actors, incident_places, perpetrators, targets, claim_places):
        type(rows[0]).objects.bulk_create(rows, batch_size=BATCH * 5, ignore_conflicts=True)
    bulk_create_with_history(links, ClaimLink, batch_size=BATCH)

    # Derived columns, by the services the app itself uses after writing claims.
    incidents_rollup_casualties(incidents=incidents)
    incident_search_refresh(incident_ids=[incident.pk for incident in incidents])



def knowledge_base_generate(*, incidents: int, seed: int = 12, progress=print) -> dict[str, int]:
    """Write a knowledge base of `incidents` incidents (into an empty database); returns the row counts."""
    rng = random.Random(seed)
    with transaction.atomic():
        publishers, actors, locations = _records(rng, incidents)
    context = {
        "publishers": publishers, "actors": actors, "locations": locations, "articles_written": 0,
        "pick_actor": _zipf_picker(rng, len(actors)), "pick_place": _zipf_picker(rng, len(locations), skew=0.9),
    }
    for first in range(0, incidents, BATCH):
        with transaction.atomic():
            _batch_write(rng, first, min(BATCH, incidents - first), context)
        progress(f"  generated {min(first + BATCH, incidents):,} / {incidents:,} incidents")
    return knowledge_base_size()


def knowledge_base_size() -> dict[str, int]:
    return {
        "incidents": Incident.objects.count(), "claims": Claim.objects.count(), "links": ClaimLink.objects.count(),
        "actors": Actor.objects.count(), "places": Location.objects.count(), "articles": Article.objects.count(),
    }
