"""Saved searches: keep the list's current filters under a name, open them from the list, delete them."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from incidents import services
from incidents.forms import SavedSearchForm
from incidents.models import SavedSearch
from incidents.views.access import viewer_required


def _list_with(query: str) -> str:
    return reverse("incidents:incident_list") + (f"?{query}" if query else "")


@viewer_required
def saved_search_save(request):
    if request.method != "POST" or not request.user.is_authenticated:
        return redirect("incidents:incident_list")
    form = SavedSearchForm(request.POST)
    query = request.POST.get("query", "")
    if not form.is_valid():
        messages.error(request, "Not saved: give the search a name.")
        return redirect(_list_with(query))
    try:
        search = services.saved_search_save(user=request.user, name=form.cleaned_data["name"], query=query)
    except ValidationError as error:
        messages.error(request, "Not saved: " + " ".join(error.messages))
        return redirect(_list_with(query))
    messages.success(request, f"Saved the search “{search.name}”.")
    return redirect(_list_with(search.query))


@viewer_required
def saved_search_delete(request, pk: int):
    if request.method != "POST":
        return redirect("incidents:incident_list")
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    services.saved_search_delete(search=search, user=request.user)
    messages.success(request, f"Deleted the saved search “{search.name}”.")
    return redirect(_list_with(request.POST.get("query", "")))
