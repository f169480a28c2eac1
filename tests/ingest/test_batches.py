"""Extracting articles in batches: one article that can't be written fails alone, and the cost of an article is
the same in a batch of two or of six, and after two or after ten earlier articles in the knowledge base.

The pipeline is replaced by hand-built extractions (no spaCy model), one incident a month apart per article
so that no article joins another's incident.
"""
from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import ingest.pipeline
from incidents.choices import IngestStatus
from incidents.models import Claim, Incident
from ingest.batches import articles_extract
from ingest.extraction import ActorResult, LinkResult, LocationResult
from tests.factories import ArticleFactory
from tests.ingest.builders import GORIS, claim, extraction, incident, span

pytestmark = pytest.mark.django_db

TEXT = "The Armenian Defense Ministry said Azerbaijan shelled positions near Goris, killing {n} soldiers."


def _extraction_of(text: str, number: int):
    """One shelling claim of the ministry's, dated `number` months after September 2022."""
    actors = [
        ActorResult(id="mod", name="Armenian Defense Ministry", kind="government_body", country_code="AM",
                    mentions=[span(text, "Armenian Defense Ministry")], parent_id="am"),
        ActorResult(id="am", name="Armenia", kind="state", country_code="AM", mentions=[span(text, "Armenian")]),
        ActorResult(id="az", name="Azerbaijan", kind="state", country_code="AZ", mentions=[span(text, "Azerbaijan")]),
    ]
    goris = LocationResult(id="goris", name="Goris", country_code="AM", lat=GORIS["lat"], lon=GORIS["lon"],
                           precision="town", mentions=[span(text, "Goris")], gazetteer_id=GORIS["gazetteer_id"])
    day = date(2022 + (8 + number) // 12, (8 + number) % 12 + 1, 13)
    return extraction(
        actors=actors, locations=[goris],
        claims=[claim(text, "c1", text.split(" said ")[1].rstrip("."), incident_id="i1", claimant_id="mod",
                      perpetrators=["az"], targets=["am"], fatalities=(number, number))],
        incidents=[incident("i1", day=day, actor_ids=["am", "az"], location_ids=["goris"])],
    )


@pytest.fixture
def pipeline(monkeypatch):
    """The pipeline's batch entry point, answering with the hand-built extraction of each text."""
    broken: set[str] = set()

    def extract_texts(items, *, nlp, batch_size):
        for text, _ in items:
            built = _extraction_of(text, int(text.split("killing ")[1].split()[0]))
            if text in broken:  # a link of no known relation, refused once the claims are written
                second = claim(text, "c2", "killing", incident_id="i1", claimant_id="mod")
                built = replace(built, claims=[*built.claims, second],
                                claim_links=[LinkResult("c1", "c2", "rhymes with", None)])
            yield built

    monkeypatch.setattr(ingest.pipeline, "extract_texts", extract_texts)
    return broken


def _articles(first: int, count: int):
    return [ArticleFactory(text=TEXT.format(n=number)) for number in range(first, first + count)]


def _queries_to_extract(articles) -> int:
    with CaptureQueriesContext(connection) as queries:
        reported = list(articles_extract(articles=articles, nlp=object(), batch_size=16))
    assert {article.status for article in reported} == {IngestStatus.DONE}
    return len(queries)


def test_an_article_whose_rows_cannot_be_written_fails_alone_and_the_rest_of_its_batch_is_stored(pipeline):
    articles = _articles(1, 3)
    pipeline.add(articles[1].text)

    reported = {article.pk: article for article in articles_extract(articles=articles, nlp=object())}

    assert [reported[article.pk].status for article in articles] == [
        IngestStatus.DONE, IngestStatus.FAILED, IngestStatus.DONE]
    assert "Relation must be one of" in reported[articles[1].pk].error
    assert sorted(Claim.objects.values_list("article_id", flat=True)) == [articles[0].pk, articles[2].pk]
    assert Incident.objects.count() == 2


def test_each_article_of_a_batch_of_six_takes_as_many_queries_as_one_of_a_batch_of_two(pipeline):
    _queries_to_extract(_articles(20, 1))  # the actors and the place are created here, once
    two = _queries_to_extract(_articles(1, 2))
    four = _queries_to_extract(_articles(3, 4))
    six = _queries_to_extract(_articles(7, 6))

    assert six - four == four - two  # the same cost for every further article
    assert six / 6 < two / 2  # and what the batch pays once is shared


def test_an_article_takes_as_many_queries_after_earlier_articles_as_after_the_first(pipeline):
    _queries_to_extract(_articles(20, 1))  # the actors and the place are created here, once
    first = _queries_to_extract(_articles(1, 2))
    _queries_to_extract(_articles(3, 8))

    assert _queries_to_extract(_articles(11, 2)) == first
