"""Analysts' claim pages: edit a claim (refusing stale saves), link it to another claim, unlink, move it."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from incidents import selectors, services
from incidents.exceptions import StaleEditError
from incidents.forms import ClaimForm, ClaimLinkForm, ClaimMoveForm, ClaimUnlinkForm
from incidents.models import Claim, ClaimLink
from incidents.views.access import analyst_required
from incidents.views.article_text import quote_in_sentence
from incidents.views.editing import add_service_errors, picker_search, safe_next, save_or_rebase

EDIT_TEMPLATE = "incidents/claim_edit.html"


def _claim(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article__publisher", "claimant", "incident"), pk=pk)


def _back_to(claim: Claim) -> str:
    if claim.incident_id:
        return reverse("incidents:incident_detail", args=[claim.incident_id]) + f"#incident-claim-{claim.pk}"
    return reverse("incidents:article_detail", args=[claim.article_id]) + f"#claim-{claim.pk}"


def _claim_context(claim: Claim) -> dict:
    return {"nav": "incidents", "claim": claim, "incident": claim.incident,
            "sentence": quote_in_sentence(claim.article.text, claim.start, claim.end)}


@analyst_required
def claim_edit(request, pk: int):
    claim = _claim(pk)
    context = _claim_context(claim)
    if request.method != "POST":
        return render(request, EDIT_TEMPLATE, {**context, "form": ClaimForm(instance=claim)})
    form = ClaimForm(request.POST, instance=_claim(pk))
    if form.is_valid():
        try:
            services.claim_update(claim=claim, version=form.cleaned_data["version"], data=form.service_data(),
                                  user=request.user)
        except StaleEditError as error:
            return save_or_rebase(
                request, form=form, error=error, template=EDIT_TEMPLATE, context=context,
                save=lambda **edit: services.claim_update(claim=claim, user=request.user, **edit),
                success_url=_back_to(claim), saved_message="Claim saved.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Claim saved.")
            return redirect(_back_to(claim))
    return render(request, EDIT_TEMPLATE, {**context, "form": form}, status=400)


@analyst_required
def claim_link_create(request, pk: int):
    """Search claims of the same or nearby incidents and link one as contradicting or corroborating."""
    claim = _claim(pk)
    form = ClaimLinkForm(request.POST if request.method == "POST" else None, initial={"relation": "contradicts"})
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_link_create(
                claim_a=claim, claim_b=form.cleaned_data["other_claim"], relation=form.cleaned_data["relation"],
                reason=form.cleaned_data["reason"], user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            other = form.cleaned_data["other_claim"]
            relation = form.cleaned_data["relation"]
            messages.success(request, f"Linked claim {claim.pk} with claim {other.pk} ({relation}).")
            return redirect(_back_to(claim))
    search = picker_search(request)
    chosen = request.POST.get("other_claim", "")
    return render(request, "incidents/claim_link.html", {
        **_claim_context(claim), "form": form, "q": search, "chosen": chosen,
        "candidates": selectors.claim_link_candidates(claim=claim, search=search),
    }, status=400 if form.errors else 200)


@analyst_required
def claim_link_delete(request, pk: int):
    """Show the link that would go and ask why; remove it when the analyst confirms with a reason."""
    link = get_object_or_404(ClaimLink.objects.select_related(
        "claim_a__claimant", "claim_a__article__publisher", "claim_a__incident",
        "claim_b__claimant", "claim_b__article__publisher", "claim_b__incident"), pk=pk)
    back = safe_next(request, _back_to(link.claim_a))
    form = ClaimUnlinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.claim_link_delete(link=link, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Removed the link between claims {link.claim_a_id} and {link.claim_b_id}. "
                                  "It can be restored from the incident's history.")
        return redirect(back)
    return render(request, "incidents/claim_unlink.html", {
        "nav": "incidents", "link": link, "form": form, "next": back, "incident": link.claim_a.incident,
        "show_errors": form.is_bound,
    }, status=400 if form.is_bound else 200)


@analyst_required
def claim_move(request, pk: int):
    """Move the claim to another incident picked from a search or the incidents around its own."""
    claim = _claim(pk)
    form = ClaimMoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["incident"]
        try:
            services.claim_move(claim=claim, incident=target, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Claim moved to “{target.title}”.")
            return redirect("incidents:incident_detail", pk=target.pk)
    search = picker_search(request)
    candidates = selectors.incident_candidates(incident=claim.incident, search=search) if claim.incident else (
        selectors.incident_list(filters={"search": search} if search else {}, user=request.user)[:20]
    )
    return render(request, "incidents/claim_move.html", {
        **_claim_context(claim), "form": form, "q": search, "candidates": candidates,
    }, status=400 if form.errors else 200)
