"""Actor and location pages (their incidents, claims, names, history) and merging a duplicate into another."""
from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from incidents import selectors, services
from incidents.forms import ActorMergeForm, LocationMergeForm
from incidents.models import Actor, Location
from incidents.views.access import analyst_required, viewer_required
from incidents.views.charts import map_markers
from incidents.views.editing import add_service_errors, picker_search
from incidents.views.history import history_rows, merged_away_redirect
from incidents.views.paging import section_page


@viewer_required
def actor_detail(request, pk: int):
    try:
        actor = selectors.actor_get(pk=pk)
    except Actor.DoesNotExist:
        return merged_away_redirect(request, kind="actor", noun="actor", pk=pk, url_name="incidents:actor_detail")
    return render(request, "incidents/actor_detail.html", {
        "nav": "incidents", "actor": actor,
        "incidents": section_page(selectors.record_incidents(record=actor), request.GET, param="incidents_page"),
        "claims": section_page(selectors.actor_claims(actor=actor), request.GET, param="claims_page"),
        "history": history_rows(selectors.record_history(record=actor)),
    })


@viewer_required
def location_detail(request, pk: int):
    try:
        location = selectors.location_get(pk=pk)
    except Location.DoesNotExist:
        return merged_away_redirect(request, kind="location", noun="place", pk=pk,
                                    url_name="incidents:location_detail")
    has_point = location.latitude is not None and location.longitude is not None
    return render(request, "incidents/location_detail.html", {
        "nav": "incidents", "location": location,
        "incidents": section_page(selectors.record_incidents(record=location), request.GET, param="incidents_page"),
        "claims": section_page(selectors.location_claims(location=location), request.GET, param="claims_page"),
        "markers": map_markers([location]) if has_point else [],
        "history": history_rows(selectors.record_history(record=location)),
    })


@analyst_required
def actor_merge(request, pk: int):
    """Merge this (duplicate) actor into the actor the analyst picks; this one disappears."""
    actor = get_object_or_404(Actor, pk=pk)
    return _record_merge(
        request, record=actor, kind="actor", form_class=ActorMergeForm, merge=services.actor_merge,
        candidates=lambda search: selectors.actor_merge_candidates(actor=actor, search=search),
        detail_url_name="incidents:actor_detail",
    )


@analyst_required
def location_merge(request, pk: int):
    """Merge this (duplicate) place into the place the analyst picks; this one disappears."""
    location = get_object_or_404(Location, pk=pk)
    return _record_merge(
        request, record=location, kind="place", form_class=LocationMergeForm, merge=services.location_merge,
        candidates=lambda search: selectors.location_merge_candidates(location=location, search=search),
        detail_url_name="incidents:location_detail",
    )


def _record_merge(request, *, record: Actor | Location, kind: str, form_class: type[forms.Form],
                  merge: Callable[..., object], candidates: Callable[[str], Iterable],
                  detail_url_name: str) -> HttpResponse:
    """The merge page of an actor or a place: pick the record to keep, merge `record` into it, go to the kept one."""
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            merge(target=target, source=record, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{record.name}” was merged into “{target.name}”.")
            return redirect(detail_url_name, pk=target.pk)
    search = picker_search(request)
    return render(request, "incidents/record_merge.html", {
        "nav": "incidents", "record": record, "kind": kind, "form": form, "q": search,
        "candidates": candidates(search), "back_url_name": detail_url_name,
    }, status=400 if form.errors else 200)
