"""Full-text search over incidents: the stored search vector and ranked queries (PostgreSQL, English config).

The vector is stored on the incident (like djangoproject.com's docs search) and refreshed by
`incidents.services.incident_search_refresh` whenever the title, summary or claims change:
title weighs A, summary B, the claims' quotes C.
"""
from collections.abc import Iterable

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce

SEARCH_CONFIG = "english"


def _claim_quotes():
    from incidents.models import Claim

    quotes = (
        Claim.objects.filter(incident=OuterRef("pk")).order_by().values("incident")
        .annotate(joined=StringAgg("quote", delimiter=" ")).values("joined")
    )
    return Coalesce(Subquery(quotes), Value(""), output_field=TextField())


def incident_search_vector() -> SearchVector:
    """The weighted vector of one incident row, for use in an UPDATE or an annotation."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector(_claim_quotes(), weight="C", config=SEARCH_CONFIG)
    )


def incident_search_vectors_update(*, incident_ids: Iterable[int]) -> int:
    """Recompute the stored vector of the given incidents; returns how many rows were updated."""
    from incidents.models import Incident

    return Incident.objects.filter(pk__in=list(incident_ids)).update(search_vector=incident_search_vector())


def search_query(text: str) -> SearchQuery:
    """A web-search style query: quoted phrases, `or`, and `-excluded` words, as people type them."""
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def search_incidents(queryset: QuerySet, text: str) -> QuerySet:
    """Incidents matching `text`, annotated with `search_rank` and best matches first."""
    text = (text or "").strip()
    if not text:
        return queryset
    query = search_query(text)
    return (
        queryset.filter(search_vector=query)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "-id")
    )
