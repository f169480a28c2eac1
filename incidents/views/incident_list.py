"""The home page: incidents filtered by the shared IncidentFilterSet, sorted, paginated, on a map and a timeline."""
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Subquery
from django.shortcuts import render

from incidents import selectors
from incidents.choices import EventType, LinkRelation, ReviewStatus
from incidents.filtersets import IncidentFilterSet
from incidents.models import Article, ClaimLink, Incident
from incidents.views.access import viewer_required
from incidents.views.charts import map_markers, timeline

PAGE_SIZE = 25
SORTS = {
    "relevance": ("Best match", None),
    "-date": ("Newest first", (F("date_start").desc(nulls_last=True), "-pk")),
    "date": ("Oldest first", (F("date_start").asc(nulls_last=True), "pk")),
    # the conservative figure (the low total, as ACLED codes one), unknowns last
    "-fatalities": ("Most fatalities", (F("fatalities_low").desc(nulls_last=True), F("fatalities_best").desc(
        nulls_last=True), "-pk")),
    "-claims": ("Most claims", ("-claim_count", "-pk")),
    "-updated": ("Recently changed", ("-updated_at", "-pk")),
    "title": ("Title A–Z", ("title", "pk")),
}


def _sort_key(request) -> str:
    requested = request.GET.get("sort", "")
    searching = bool(request.GET.get("search", "").strip())
    if requested in SORTS and (requested != "relevance" or searching):
        return requested
    return "relevance" if searching else "-date"


def _checkboxes(request, name: str, choices) -> list[tuple[str, str, bool]]:
    chosen = set(request.GET.getlist(name))
    return [(value, label, value in chosen) for value, label in choices]


def selectors_badges(incidents):
    """What a list row shows beside the title: a contradiction badge and the best source grade (A best)."""
    contradicted = ClaimLink.objects.filter(claim_a__incident=OuterRef("pk"), relation=LinkRelation.CONTRADICTS)
    grades = (Article.objects.filter(claims__incident=OuterRef("pk"), publisher__isnull=False)
              .order_by("publisher__reliability").values("publisher__reliability")[:1])
    return incidents.annotate(contradicted=Exists(contradicted), best_grade=Subquery(grades))


@viewer_required
def incident_list(request):
    filterset = IncidentFilterSet(data=request.GET, queryset=Incident.objects.none())
    sort = _sort_key(request)
    context = {"nav": "incidents", "filterset": filterset, "form": filterset.form, "sort": sort,
               "sorts": [(key, label) for key, (label, _) in SORTS.items()
                         if key != "relevance" or request.GET.get("search", "").strip()],
               "event_types": _checkboxes(request, "event_type", EventType.choices),
               "review_statuses": _checkboxes(request, "review_status", ReviewStatus.choices)}
    if not filterset.is_valid():
        context.update(page=None, count=0, timeline=None, markers=[])
        return render(request, "incidents/incident_list.html", context, status=400)

    incidents = selectors.incident_list(filters=request.GET, user=request.user)
    ordering = SORTS[sort][1]
    ordered = incidents.order_by(*ordering) if ordering else incidents
    ordered = selectors_badges(ordered)
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    unit, buckets = selectors.incident_timeline(incidents=incidents)
    context.update(
        page=page, count=page.paginator.count,
        timeline=timeline(unit, buckets, request.GET),
        markers=map_markers(selectors.incident_map_places(incidents=incidents), request.GET),
        filtered=any(value for key, value in request.GET.items() if key not in {"sort", "page"}),
    )
    return render(request, "incidents/incident_list.html", context)
