"""Quick review decisions: an incident's review status and a claim's credibility from their pages; for the incidents
ticked in the list, one review status, or one credibility for all their claims."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from incidents import services
from incidents.exceptions import StaleEditError
from incidents.forms import BulkCredibilityForm, BulkReviewForm, ClaimReviewForm, IncidentReviewForm
from incidents.models import Claim, Incident
from incidents.views.access import analyst_post_required
from incidents.views.editing import safe_next

STALE = "Someone else changed it meanwhile; nothing was saved. Check what they did and set it again."


def _errors(form) -> str:
    return " ".join(message for messages_ in form.errors.values() for message in messages_)


@analyst_post_required
def incident_review_set(request, pk: int):
    incident = get_object_or_404(Incident, pk=pk)
    form = IncidentReviewForm(request.POST, instance=incident)
    back = reverse("incidents:incident_detail", args=[pk])
    if not form.is_valid():
        messages.error(request, f"Not saved: {_errors(form)}")
        return redirect(back)
    try:
        services.incident_update(incident=incident, version=form.cleaned_data["version"],
                                 data={"review_status": form.cleaned_data["review_status"]}, user=request.user)
    except StaleEditError:
        messages.error(request, STALE)
    except ValidationError as error:
        messages.error(request, "Not saved: " + " ".join(error.messages))
    else:
        messages.success(request, f"Review status: {incident.get_review_status_display()}.")
    return redirect(back)


@analyst_post_required
def claim_review_set(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    form = ClaimReviewForm(request.POST, instance=claim)
    back = safe_next(request, reverse("incidents:article_detail", args=[claim.article_id]))
    if not form.is_valid():
        messages.error(request, f"Not saved: {_errors(form)}")
        return redirect(back)
    try:
        services.claim_update(claim=claim, version=form.cleaned_data["version"], user=request.user, data={
            "credibility": form.cleaned_data["credibility"], "review_status": form.cleaned_data["review_status"]})
    except StaleEditError:
        messages.error(request, STALE)
    except ValidationError as error:
        messages.error(request, "Not saved: " + " ".join(error.messages))
    else:
        messages.success(request, f"Claim {claim.pk}: credibility {claim.credibility}, "
                                  f"{claim.get_review_status_display().lower()}.")
    return redirect(f"{back}#incident-claim-{claim.pk}" if "#" not in back else back)


def _on_ticked(request, form_class, act):
    """A list bulk action: the ticked incidents' form checked, `act(form)` run (it says what changed), back to
    the list as it was filtered."""
    form = form_class(request.POST)
    if form.is_valid():
        act(form)
    else:
        messages.error(request, f"Nothing changed: {_errors(form)}")
    return redirect(safe_next(request, reverse("incidents:incident_list")))


def _choice_label(form, name: str) -> str:
    return dict(form.fields[name].choices)[form.cleaned_data[name]]


@analyst_post_required
def incidents_review_set(request):
    """The list's bulk action: set the review status of every ticked incident in one service call."""
    def act(form):
        ticked = form.cleaned_data["incidents"]
        changed = services.incidents_review_set(incident_ids=[incident.pk for incident in ticked],
                                                review_status=form.cleaned_data["review_status"], user=request.user)
        messages.success(request, f"{changed} incident{'s' if changed != 1 else ''} set to "
                                  f"“{_choice_label(form, 'review_status')}”"
                                  + (f" ({len(ticked) - changed} already were)." if changed != len(ticked) else "."))
    return _on_ticked(request, BulkReviewForm, act)


@analyst_post_required
def incidents_credibility_set(request):
    """The list's bulk action: one credibility for every claim of the ticked incidents, in one service call."""
    def act(form):
        ticked = form.cleaned_data["incidents"]
        changed = services.incidents_claims_credibility_set(
            incident_ids=[incident.pk for incident in ticked], credibility=form.cleaned_data["credibility"],
            user=request.user)
        label = _choice_label(form, "credibility")
        incidents = f"{len(ticked)} ticked incident{'s' if len(ticked) != 1 else ''}"
        if changed:
            messages.success(request, f"Credibility “{label}” set on {changed} claim{'s' if changed != 1 else ''} "
                                      f"of the {incidents}.")
        else:
            messages.info(request, f"No claim changed: every claim of the {incidents} already had credibility "
                                   f"“{label}”.")
    return _on_ticked(request, BulkCredibilityForm, act)
