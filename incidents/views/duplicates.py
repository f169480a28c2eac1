"""The queue of suggested duplicate incidents: an analyst merges a pair (through the merge page's preview and
confirmation) or rejects it for good."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from incidents import selectors, services
from incidents.forms import IncidentPairForm
from incidents.views.access import analyst_post_required, analyst_required

QUEUE_LENGTH = 30


@analyst_required
def duplicate_queue(request):
    return render(request, "incidents/duplicate_queue.html", {
        "nav": "duplicates", "suggestions": selectors.duplicate_suggestions(limit=QUEUE_LENGTH),
    })


@analyst_post_required
def duplicate_reject(request):
    form = IncidentPairForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That pair no longer exists; the queue has been refreshed.")
        return redirect("incidents:duplicate_queue")
    try:
        services.incident_pair_reject(incident_a=form.cleaned_data["incident_a"],
                                      incident_b=form.cleaned_data["incident_b"], user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Kept apart: this pair will not be suggested again.")
    return redirect("incidents:duplicate_queue")

