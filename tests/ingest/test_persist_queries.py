"""Persisting an article's extraction takes a fixed number of queries, however many claims, mentions and links it has.

Each measurement runs in a transaction that is rolled back, so both start from the same knowledge base.
"""
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ingest.extraction import ActorResult, LocationResult
from ingest.persist import extraction_persist
from tests.factories import ArticleFactory, CasualtyFigureFactory, IncidentFactory
from tests.ingest.builders import GORIS, claim, extraction, incident

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 50  # 48 now: the titles, summaries and roll-up share one read of the touched incidents' claims,
# figures, actors and places (incidents/derived_selectors.py; 53 when each read its own); flat in size


def _every_span(text: str, phrase: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(phrase)
    while start != -1:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


def _sentence(number: int) -> str:
    return (f"Report {number}: the Armenian Defense Ministry said Azerbaijan shelled positions near Goris, "
            f"killing {number} soldiers.")


def _article_with_claims(count: int, first: int = 1):
    """A text of `count` sentences (numbered from `first`), each a claim naming the same actors and place (so
    mentions grow with it)."""
    numbers = range(first, first + count)
    text = " ".join(_sentence(number) for number in numbers)
    actors = [
        ActorResult(id="mod", name="Armenian Defense Ministry", kind="government_body", country_code="AM",
                    mentions=_every_span(text, "Armenian Defense Ministry"), parent_id="am"),
        ActorResult(id="am", name="Armenia", kind="state", country_code="AM", mentions=_every_span(text, "Armenian")),
        ActorResult(id="az", name="Azerbaijan", kind="state", country_code="AZ",
                    mentions=_every_span(text, "Azerbaijan")),
    ]
    goris = LocationResult(id="goris", name="Goris", country_code="AM", lat=GORIS["lat"], lon=GORIS["lon"],
                           precision="town", mentions=_every_span(text, "Goris"), gazetteer_id=GORIS["gazetteer_id"])
    claims = [
        claim(text, f"c{number}", _sentence(number), incident_id="i1", claimant_id="mod", perpetrators=["az"],
              targets=["am"], fatalities=(number, number))
        for number in numbers
    ]
    links = [(f"c{number}", f"c{number + 1}", "corroborates", "same shelling") for number in numbers[:-1]]
    built = extraction(
        actors=actors, locations=[goris], claims=claims, links=links,
        incidents=[incident("i1", day=date(2022, 9, 13), actor_ids=["am", "az"], location_ids=["goris"])],
    )
    return text, built


def _queries_to_persist(claim_count: int) -> int:
    text, built = _article_with_claims(claim_count)
    with transaction.atomic():
        article = ArticleFactory(text=text)
        with CaptureQueriesContext(connection) as queries:
            report = extraction_persist(article=article, extraction=built)
        assert report.claims_created == claim_count
        transaction.set_rollback(True)
    return len(queries)


def _queries_to_persist_into(*, articles: int, unrelated: int) -> int:
    """Queries to persist a two-claim article into a knowledge base of `articles` earlier articles of the same
    shelling (all in the incident it joins, whose claims its title, summary, roll-up and links read) and
    `unrelated` incidents of other days, each with claims of its own."""
    with transaction.atomic():
        for number in range(articles):
            text, built = _article_with_claims(3, first=100 + 10 * number)
            extraction_persist(article=ArticleFactory(text=text), extraction=built)
        for incident in IncidentFactory.create_batch(unrelated, date_start=date(2021, 1, 1), date_end=date(2021, 1, 1)):
            CasualtyFigureFactory.create_batch(2, claim__incident=incident, min=1, max=1)
        text, built = _article_with_claims(2)
        article = ArticleFactory(text=text)
        with CaptureQueriesContext(connection) as queries:
            report = extraction_persist(article=article, extraction=built)
        assert len(report.incidents_joined) == (1 if articles else 0)
        transaction.set_rollback(True)
    return len(queries)


def test_an_article_joining_a_busy_incident_of_a_bigger_knowledge_base_takes_as_many_queries():
    assert _queries_to_persist_into(articles=8, unrelated=30) == _queries_to_persist_into(articles=1, unrelated=1)


def test_ten_claims_with_their_mentions_and_links_take_as_many_queries_as_two():
    assert _queries_to_persist(10) == _queries_to_persist(2)


def test_persisting_an_article_stays_within_the_query_budget():
    assert _queries_to_persist(10) <= QUERY_BUDGET
