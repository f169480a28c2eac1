"""The home page: incidents filtered by the shared IncidentFilterSet, sorted, paginated, on a map and a timeline."""
from django.db.models import F
from django.shortcuts import render

from incidents import selectors
from incidents.choices import EventType, ReviewStatus
from incidents.filtersets import IncidentFilterSet
from incidents.models import Incident
from incidents.services.visits import list_visit_record
from incidents.views.access import viewer_required
from incidents.views.charts import map_markers, timeline
from incidents.views.paging import IdsFirstPaginator

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


# What the filter form calls each parameter, for error messages a person can read.
FILTER_LABELS = {
    "search": "Search", "date_from": "From", "date_to": "To", "event_type": "Event type", "country": "Country",
    "location": "Place", "actor": "Actor", "claimant": "Claimant", "review_status": "Review status",
    "bbox": "Map area", "has_contradictions": "Contradictions", "updated_since": "Changed since",
}


def _filter_errors(request, filterset) -> list[tuple[str, str, str]]:
    """(label, the value typed, message) for each filter that could not be read."""
    return [(FILTER_LABELS.get(name, name.replace("_", " ").capitalize()), request.GET.get(name, ""), error)
            for name, errors in filterset.form.errors.items() for error in errors]


def _export_query(request) -> str:
    """The list's filters as the export endpoints take them (they share the FilterSet); paging and sort dropped."""
    query = request.GET.copy()
    for name in ("page", "sort"):
        query.pop(name, None)
    return query.urlencode()


def _sort_key(request) -> str:
    requested = request.GET.get("sort", "")
    searching = bool(request.GET.get("search", "").strip())
    if requested in SORTS and (requested != "relevance" or searching):
        return requested
    return "relevance" if searching else "-date"


def _checkboxes(request, name: str, choices) -> list[tuple[str, str, bool]]:
    chosen = set(request.GET.getlist(name))
    return [(value, label, value in chosen) for value, label in choices]


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
        context.update(page=None, count=0, timeline=None, markers=[], filter_errors=_filter_errors(request, filterset))
        return render(request, "incidents/incident_list.html", context, status=400)

    incidents = selectors.incident_list(filters=request.GET, user=request.user)
    ordering = SORTS[sort][1]
    ordered = incidents.order_by(*ordering) if ordering else incidents
    page = IdsFirstPaginator(selectors.incident_list_badges(ordered), PAGE_SIZE).get_page(request.GET.get("page"))
    search = request.GET.get("search", "")
    snippets = selectors.incident_search_snippets(incident_ids=[row.pk for row in page.object_list], text=search)
    for row in page.object_list:
        row.search_snippet = snippets.get(row.pk, "")
    unit, buckets = selectors.incident_timeline(incidents=incidents)
    context.update(
        page=page, count=page.paginator.count,
        timeline=timeline(unit, buckets, request.GET),
        markers=map_markers(selectors.incident_map_places(incidents=incidents), request.GET),
        filtered=any(value for key, value in request.GET.items() if key not in {"sort", "page"}),
        export_query=_export_query(request),
    )
    last_visit = list_visit_record(user=request.user)
    if last_visit:
        context.update(last_visit=last_visit, new_since_count=selectors.incidents_added_since_count(moment=last_visit))
    return render(request, "incidents/incident_list.html", context)
