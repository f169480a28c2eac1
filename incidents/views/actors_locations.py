"""Actor and location pages (their incidents, claims, names, history) and merging a duplicate into another."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from incidents import selectors, services
from incidents.forms import ActorMergeForm, LocationMergeForm
from incidents.models import Actor, Location
from incidents.views.access import analyst_required, viewer_required
from incidents.views.charts import map_markers
from incidents.views.editing import add_service_errors
from incidents.views.history import history_rows


@viewer_required
def actor_detail(request, pk: int):
    try:
        actor = selectors.actor_get(pk=pk)
    except Actor.DoesNotExist:
        survivor = selectors.merge_survivor(kind="actor", pk=pk)
        if survivor is None:
            raise Http404(f"There is no actor {pk}; it may have been deleted.") from None
        messages.info(request, f"Actor {pk} was merged into this one.")
        return redirect("incidents:actor_detail", pk=survivor)
    return render(request, "incidents/actor_detail.html", {
        "nav": "incidents", "actor": actor, "incidents": selectors.record_incidents(record=actor),
        "claims": selectors.actor_claims(actor=actor),
        "history": history_rows(selectors.record_history(record=actor)),
    })


@viewer_required
def location_detail(request, pk: int):
    try:
        location = selectors.location_get(pk=pk)
    except Location.DoesNotExist:
        survivor = selectors.merge_survivor(kind="location", pk=pk)
        if survivor is None:
            raise Http404(f"There is no place {pk}; it may have been deleted.") from None
        messages.info(request, f"Place {pk} was merged into this one.")
        return redirect("incidents:location_detail", pk=survivor)
    has_point = location.latitude is not None and location.longitude is not None
    return render(request, "incidents/location_detail.html", {
        "nav": "incidents", "location": location, "incidents": selectors.record_incidents(record=location),
        "claims": selectors.location_claims(location=location),
        "markers": map_markers([location]) if has_point else [],
        "history": history_rows(selectors.record_history(record=location)),
    })


@analyst_required
def actor_merge(request, pk: int):
    """Merge this (duplicate) actor into the actor the analyst picks; this one disappears."""
    actor = get_object_or_404(Actor, pk=pk)
    form = ActorMergeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            services.actor_merge(target=target, source=actor, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{actor.name}” was merged into “{target.name}”.")
            return redirect("incidents:actor_detail", pk=target.pk)
    search = request.GET.get("q", "")
    return render(request, "incidents/record_merge.html", {
        "nav": "incidents", "record": actor, "kind": "actor", "form": form, "q": search,
        "candidates": selectors.actor_merge_candidates(actor=actor, search=search),
        "back_url_name": "incidents:actor_detail",
    }, status=400 if form.errors else 200)


@analyst_required
def location_merge(request, pk: int):
    """Merge this (duplicate) place into the place the analyst picks; this one disappears."""
    location = get_object_or_404(Location, pk=pk)
    form = LocationMergeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            services.location_merge(target=target, source=location, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{location.name}” was merged into “{target.name}”.")
            return redirect("incidents:location_detail", pk=target.pk)
    search = request.GET.get("q", "")
    return render(request, "incidents/record_merge.html", {
        "nav": "incidents", "record": location, "kind": "place", "form": form, "q": search,
        "candidates": selectors.location_merge_candidates(location=location, search=search),
        "back_url_name": "incidents:location_detail",
    }, status=400 if form.errors else 200)
