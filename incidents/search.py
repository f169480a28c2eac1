"""Full-text search over incidents: the stored search vector, ranked queries and the snippet that shows why a
result matched (PostgreSQL, English config).

The vector is stored on the incident (like djangoproject.com's docs search) and refreshed by
`incidents.services.incident_search_refresh` whenever what it is made of changes. One indexed query finds an
incident by any of these, weighted in this order:

    A  the title
    B  the summary, the sub-event type and the claims' quotes
    C  the names and aliases of its actors, claimants, perpetrators and targets, and of its places
    D  the text of the articles its claims come from

PostgreSQL's parser reads "Air/drone" as a file path and indexes neither word, so slashes and backslashes are
read as spaces before parsing ("drone" then finds "Air/drone strike"); hyphenated words are indexed whole and by
part by the parser itself.
"""
import functools
from collections.abc import Iterable

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import BigIntegerField, BooleanField, F, Func, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat, Left

SEARCH_CONFIG = "english"
# An article's text beyond this many characters adds little to ranking and risks tsvector's 1 MB limit.
ARTICLE_TEXT_LIMIT = 200_000
ARTICLES_TEXT_LIMIT = 400_000
RANK_SCALE = 1_000_000


class _SlashesAsSpaces(Func):
    """regexp_replace(text, '[/\\]', ' ', 'g'): path-like tokens become words the parser indexes."""

    function = "REGEXP_REPLACE"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(r"[/\\]"), Value(" "), Value("g"))


class _ArrayToString(Func):
    function = "ARRAY_TO_STRING"
    output_field = TextField()


def _joined(queryset: QuerySet, expression) -> Coalesce:
    """The `expression` of every row of `queryset`, joined by spaces, as one text value (empty when none)."""
    joined = queryset.order_by().annotate(
        _group=Value(1)).values("_group").annotate(joined=StringAgg(expression, delimiter=" ")).values("joined")
    return Coalesce(Subquery(joined), Value(""), output_field=TextField())


def _claim_quotes():
    from incidents.models import Claim

    return _joined(Claim.objects.filter(incident=OuterRef("pk")), "quote")


def _actor_names():
    from incidents.models import Actor, Claim, Incident

    incident = OuterRef(OuterRef("pk"))
    actors = Actor.objects.filter(
        Q(pk__in=Incident.actors.through.objects.filter(incident_id=incident).values("actor_id"))
        | Q(pk__in=Claim.objects.filter(incident_id=incident).values("claimant_id"))
        | Q(pk__in=Claim.perpetrators.through.objects.filter(claim__incident_id=incident).values("actor_id"))
        | Q(pk__in=Claim.targets.through.objects.filter(claim__incident_id=incident).values("actor_id"))
    )
    return _joined(actors, Concat("name", Value(" "), _ArrayToString(F("aliases"), Value(" ")),
                                  output_field=TextField()))


def _place_names():
    from incidents.models import Claim, Incident, Location

    incident = OuterRef(OuterRef("pk"))
    places = Location.objects.filter(
        Q(pk__in=Incident.locations.through.objects.filter(incident_id=incident).values("location_id"))
        | Q(pk__in=Claim.locations.through.objects.filter(claim__incident_id=incident).values("location_id"))
    )
    return _joined(places, Concat("name", Value(" "), _ArrayToString(F("alternate_names"), Value(" ")),
                                  Value(" "), "admin1", output_field=TextField()))


def _article_texts():
    from incidents.models import Article, Claim

    articles = Article.objects.filter(
        pk__in=Claim.objects.filter(incident_id=OuterRef(OuterRef("pk"))).values("article_id"))
    return Left(_joined(articles, Left("text", ARTICLE_TEXT_LIMIT)), ARTICLES_TEXT_LIMIT)


def _vector(expression, weight: str) -> SearchVector:
    return SearchVector(_SlashesAsSpaces(expression), weight=weight, config=SEARCH_CONFIG)


def incident_search_vector() -> SearchVector:
    """The weighted vector of one incident row, for use in an UPDATE or an annotation."""
    return (
        _vector("title", "A")
        + _vector(Concat("summary", Value(" "), "sub_event_type", Value(" "), _claim_quotes(),
                         output_field=TextField()), "B")
        + _vector(Concat(_actor_names(), Value(" "), _place_names(), output_field=TextField()), "C")
        + _vector(_article_texts(), "D")
    )


def incident_search_vectors_update(*, incident_ids: Iterable[int], using: str = "default") -> int:
    """Recompute the stored vector of the given incidents; returns how many rows were updated."""
    incident_ids = sorted(set(incident_ids))
    if not incident_ids:
        return 0
    sql, params = _vector_update_sql(using)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [incident_ids if param is _IDS else param for param in params])
        return cursor.rowcount


# Stands for the list of ids in the compiled UPDATE; replaced by the real list on every call.
_IDS = object()


@functools.cache
def _vector_update_sql(using: str) -> tuple[str, tuple]:
    """The UPDATE of the vector for `id = ANY(ids)`, compiled once: building and compiling the expression (four
    subqueries) cost three times as long as running it, on every article ingested."""
    from django.db.models.sql import UpdateQuery

    from incidents.models import Incident

    ids = RawSQL(f'"{Incident._meta.db_table}"."id" = ANY(%s)', (_IDS,), output_field=BooleanField())
    query = Incident.objects.filter(Q(ids)).query.chain(UpdateQuery)
    query.add_update_values({"search_vector": incident_search_vector()})
    return query.get_compiler(using).as_sql()


def incidents_mentioning_refresh(*, actor_ids: Iterable[int] = (), location_ids: Iterable[int] = ()) -> int:
    """Refresh the vectors of every incident that names these actors or places (after a rename or merge)."""
    from incidents.models import Claim, Incident

    actor_ids, location_ids = list(actor_ids), list(location_ids)
    incidents = Incident.objects.filter(
        Q(actors__in=actor_ids) | Q(locations__in=location_ids)
        | Q(pk__in=Claim.objects.filter(
            Q(claimant__in=actor_ids) | Q(perpetrators__in=actor_ids) | Q(targets__in=actor_ids)
            | Q(locations__in=location_ids)).values("incident_id"))
    ).values_list("pk", flat=True).distinct()
    return incident_search_vectors_update(incident_ids=incidents)


def search_query(text: str) -> SearchQuery:
    """A web-search style query: quoted phrases, `or`, and `-excluded` words, as people type them."""
    return SearchQuery(text.replace("/", " ").replace("\\", " "), search_type="websearch", config=SEARCH_CONFIG)


def search_incidents(queryset: QuerySet, text: str) -> QuerySet:
    """Incidents matching `text`, annotated with `search_rank` and best matches first."""
    text = (text or "").strip()
    if not text:
        return queryset
    query = search_query(text)
    return (
        queryset.filter(search_vector=query)
        # ts_rank is a float4 whose text form does not round-trip through a cursor; millionths as an integer do.
        .annotate(search_rank=Cast(SearchRank(F("search_vector"), query) * Value(RANK_SCALE), BigIntegerField()))
        .order_by("-search_rank", "-id")
    )


def search_snippet(text: str) -> SearchHeadline:
    """Why an incident matched `text`: its summary and claim quotes with the matching words marked.

    Annotate only the rows shown (a page), since ts_headline reparses the text of every row it is given.
    """
    document = Concat("title", Value(" — "), "summary", Value(" "), _claim_quotes(), output_field=TextField())
    return SearchHeadline(
        _SlashesAsSpaces(document), search_query(text), config=SEARCH_CONFIG,
        start_sel="\x02", stop_sel="\x03", max_words=30, min_words=12, max_fragments=2, fragment_delimiter=" … ",
    )
