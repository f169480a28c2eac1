"""Review decisions made in bulk: one review status for many incidents at once, from the list's selection."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from incidents.choices import ReviewStatus
from incidents.models import Incident


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
    if incidents:
        bulk_update_with_history(
            incidents, Incident, ["review_status", "version", "updated_at"],
            default_user=user if user is not None and user.is_authenticated else None,
            default_change_reason=f"Review status set to {ReviewStatus(review_status).label} from the list",
        )
    return len(incidents)
