"""Review decisions made in bulk, from the list's selection: one review status for many incidents at once, and one
credibility for every claim of many incidents."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from incidents.choices import Credibility, ReviewStatus
from incidents.models import Claim, Incident
from incidents.services._common import _bulk_save


@transaction.atomic
def incidents_review_set(*, incident_ids: Iterable[int], review_status: str, user) -> int:
    """Give the chosen incidents `review_status`: one history row each (with the user), a new version each.

    Incidents that already have that status are left alone; returns how many changed.
    """
    if review_status not in ReviewStatus.values:
        raise ValidationError({"review_status": f"“{review_status}” is not a review status."})
    ids = sorted(set(incident_ids))
    if not ids:
        raise ValidationError("Tick at least one incident in the list first.")
    incidents = list(Incident.objects.select_for_update().filter(pk__in=ids).exclude(review_status=review_status))
    now = timezone.now()
    for incident in incidents:
        incident.review_status = review_status
        incident.version += 1
        incident.updated_at = now
    _bulk_save(incidents, fields=["review_status", "version", "updated_at"], user=user,
               reason=f"Review status set to {ReviewStatus(review_status).label} from the list")
    return len(incidents)


@transaction.atomic
def incidents_claims_credibility_set(*, incident_ids: Iterable[int], credibility: int, user) -> int:
    """Give every claim of the chosen incidents `credibility` (Admiralty 1–6), as an analyst's edit of each.

    Each claim that changes gets one history row (with the user), a new version and the analyst-edited mark (so
    re-extraction keeps the grade); claims already so graded are left alone, nothing written for them. Returns
    how many claims changed.
    """
    if credibility not in Credibility.values:
        raise ValidationError({"credibility": f"“{credibility}” is not an Admiralty credibility (1–6)."})
    ids = sorted(set(incident_ids))
    if not ids:
        raise ValidationError("Tick at least one incident in the list first.")
    # Locked in id order, as claim_update locks one claim, so two bulk actions cannot deadlock each other.
    claims = list(Claim.objects.select_for_update().filter(incident_id__in=ids).exclude(credibility=credibility)
                  .order_by("pk"))
    now = timezone.now()
    for claim in claims:
        claim.credibility = credibility
        claim.analyst_edited = True
        claim.version += 1
        claim.updated_at = now
    _bulk_save(claims, fields=["credibility", "analyst_edited", "version", "updated_at"], user=user,
               reason=f"Credibility set to {Credibility(credibility).label} from the list")
    return len(claims)
