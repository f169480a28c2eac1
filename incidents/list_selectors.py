"""Reads for the rows of one page of the incident list: the badges beside each title and the search snippet of
why it matched. Both are asked for the page's rows only, never for the whole filtered list."""
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from incidents.choices import LinkRelation
from incidents.models import Article, ClaimLink, Incident
from incidents.search import search_snippet


def incident_list_badges(incidents: QuerySet) -> QuerySet:
    """What a list row shows beside its title: a contradiction badge and the best source grade (A best).

    Annotated on the rows of one page only (the list's paginator reads its ids first), so these subqueries run
    25 times, never over the whole filtered list."""
    contradicted = ClaimLink.objects.filter(relation=LinkRelation.CONTRADICTS).filter(
        Q(claim_a__incident=OuterRef("pk")) | Q(claim_b__incident=OuterRef("pk")))
    grades = (Article.objects.filter(claims__incident=OuterRef("pk"), publisher__isnull=False)
              .order_by("publisher__reliability").values("publisher__reliability")[:1])
    return incidents.annotate(contradicted=Exists(contradicted), best_grade=Subquery(grades))


def incident_search_snippets(*, incident_ids: list[int], text: str) -> dict[int, str]:
    """Why each of these incidents matched the search `text`: a snippet with the matched words marked."""
    if not text.strip() or not incident_ids:
        return {}
    rows = Incident.objects.filter(pk__in=incident_ids).annotate(snippet=search_snippet(text))
    return dict(rows.values_list("pk", "snippet"))
