"""Undoing a merge or an unlink from the incident's history."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from incidents import services
from incidents.forms import UndoForm
from incidents.models import ReversibleChange
from incidents.views.access import analyst_post_required
from incidents.views.editing import safe_next


@analyst_post_required
def change_undo(request, pk: int):
    change = get_object_or_404(ReversibleChange, pk=pk)
    form = UndoForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    back = safe_next(request, f"/incidents/{change.incident_id}/" if change.incident_id else "/")
    try:
        services.change_undo(change=change, user=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, "Not undone: " + " ".join(error.messages))
    else:
        done = ("the merged incidents are back with their claims" if change.kind == ReversibleChange.Kind.MERGE
                else "the link is back")
        messages.success(request, f"Undone: {done}.")
    return redirect(back)
