"""Analysts' incident pages: edit (refusing stale saves), merge other incidents in, split claims off."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from incidents import selectors, services, workflow
from incidents.exceptions import StaleEditError
from incidents.forms import IncidentForm, IncidentMergeForm, IncidentSplitForm
from incidents.models import Incident
from incidents.views.access import analyst_required
from incidents.views.editing import add_service_errors, picker_search, safe_next, save_or_rebase

EDIT_TEMPLATE = "incidents/incident_edit.html"


@analyst_required
def incident_edit(request, pk: int):
    incident = get_object_or_404(Incident, pk=pk)
    context = {"nav": "incidents", "incident": incident}
    if request.method != "POST":
        return render(request, EDIT_TEMPLATE, {**context, "form": IncidentForm(instance=incident)})
    form = IncidentForm(request.POST, instance=Incident.objects.get(pk=pk))
    if form.is_valid():
        try:
            services.incident_update(
                incident=incident, version=form.cleaned_data["version"], data=form.service_data(), user=request.user,
            )
        except StaleEditError as error:
            return save_or_rebase(
                request, form=form, error=error, template=EDIT_TEMPLATE, context=context,
                save=lambda **edit: services.incident_update(incident=incident, user=request.user, **edit),
                success_url=reverse("incidents:incident_detail", args=[pk]), saved_message="Incident saved.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Incident saved.")
            return redirect("incidents:incident_detail", pk=pk)
    return render(request, EDIT_TEMPLATE, {**context, "form": form}, status=400)


@analyst_required
def incident_merge(request, pk: int):
    """Merge chosen incidents into this one: pick them (from a search or the two weeks around it), see what will
    move, give a reason, confirm."""
    target = get_object_or_404(Incident, pk=pk)
    form = IncidentMergeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.preview_ready():
        if form.is_confirmed and form.is_valid():
            try:
                services.incident_merge(target=target, sources=list(form.cleaned_data["sources"]),
                                        user=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                count = len(form.cleaned_data["sources"])
                messages.success(request, f"Merged {count} incident{'s' if count != 1 else ''} into this one. "
                                          "It can be undone from the incident's history.")
                return redirect(safe_next(request, reverse("incidents:incident_detail", args=[pk])))
        return render(request, "incidents/incident_merge_confirm.html", {
            "nav": "incidents", "incident": target, "form": form, "show_errors": form.is_confirmed,
            "preview": workflow.merge_preview(target=target, sources=form.cleaned_data["sources"]),
            "next": safe_next(request, ""),
        }, status=400 if form.is_confirmed else 200)
    search = picker_search(request)
    return render(request, "incidents/incident_merge.html", {
        "nav": "incidents", "incident": target, "form": form, "q": search,
        "candidates": selectors.incident_candidates(incident=target, search=search),
    }, status=400 if form.errors else 200)


@analyst_required
def incident_split(request, pk: int):
    """Move ticked claims out of this incident into a new one, after a preview and with a reason."""
    incident = get_object_or_404(Incident, pk=pk)
    form = IncidentSplitForm(request.POST if request.method == "POST" else None, incident=incident)
    if request.method == "POST" and form.preview_ready():
        if form.is_confirmed and form.is_valid():
            try:
                new = services.incident_split(
                    incident=incident, claims=list(form.cleaned_data["claims"]), user=request.user,
                    title=form.cleaned_data["title"] or None, event_type=form.cleaned_data["event_type"] or None,
                    sub_event_type=form.cleaned_data["sub_event_type"] or None, reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Split {len(form.cleaned_data['claims'])} claim(s) into this new incident.")
                return redirect("incidents:incident_detail", pk=new.pk)
        if not form.errors or set(form.errors) <= {"reason"}:
            return render(request, "incidents/incident_split_confirm.html", {
                "nav": "incidents", "incident": incident, "form": form, "show_errors": form.is_confirmed,
                "preview": workflow.split_preview(incident=incident, claims=form.cleaned_data["claims"],
                                                  title=form.cleaned_data["title"]),
            }, status=400 if form.is_confirmed else 200)
    return render(request, "incidents/incident_split.html", {"nav": "incidents", "incident": incident, "form": form},
                  status=400 if form.errors else 200)
