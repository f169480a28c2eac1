"""Recording an analyst's visits to the incident list, for "new since my last visit"."""
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from incidents.models import ListVisit

# Page loads closer together than this are one visit: paging and filtering must not reset "new".
VISIT_GAP = timedelta(minutes=30)


@transaction.atomic
def list_visit_record(*, user, now: datetime | None = None) -> datetime | None:
    """Note that `user` is looking at the incident list; returns when their previous visit began (None: first)."""
    if not user or not user.is_authenticated:
        return None
    now = now or timezone.now()
    visit = ListVisit.objects.select_for_update().filter(user=user).first()
    if visit is None:
        ListVisit.objects.create(user=user, last_seen_at=now)
        return None
    if now - visit.last_seen_at > VISIT_GAP:
        visit.previous_visit_at = visit.last_seen_at
    visit.last_seen_at = now
    visit.save(update_fields=["previous_visit_at", "last_seen_at"])
    return visit.previous_visit_at
