"""Machine-written titles and summaries of incidents, from their accounts; an analyst's own words are kept."""
from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from incidents.accounts import incident_accounts
from incidents.describe import incident_summary
from incidents.models import CasualtyFigure, Claim, Incident
from incidents.naming import neutral_title
from incidents.services._common import _bulk_save

DESCRIBE_REASON = "Title and summary written from the claims"


@transaction.atomic(savepoint=False)  # inside the caller's transaction
def incidents_describe(*, incidents: Sequence[Incident]) -> int:
    """Give each incident a neutral title and a summary written from its accounts, unless an analyst has edited
    it; returns how many changed."""
    ids = [incident.pk for incident in incidents]
    edited = set(Incident.history.filter(id__in=ids, history_user__isnull=False).values_list("id", flat=True))
    figures = CasualtyFigure.objects.select_related("actor__parent__parent")
    claims = (Claim.objects.select_related("claimant__parent__parent", "article__publisher",
                                           "casualty_actor__parent__parent")
              .prefetch_related("perpetrators__parent__parent", "targets__parent__parent", "locations",
                                Prefetch("figures", queryset=figures))
              .order_by("article__published_at", "article_id", "start"))
    changed = []
    for incident in Incident.objects.filter(pk__in=set(ids) - edited).prefetch_related(
            "locations", Prefetch("claims", queryset=claims)):
        accounts = incident_accounts(list(incident.claims.all()))
        if not accounts:
            continue
        title, summary = neutral_title(incident, accounts)[:500], incident_summary(accounts, incident)
        if (title, summary) != (incident.title, incident.summary):
            incident.title, incident.summary = title, summary
            incident.version += 1
            changed.append(incident)
    # One bulk write for all (with the history rows and member snapshots `_save` writes), not a save each.
    now = timezone.now()
    for incident in changed:
        incident.updated_at = now
    _bulk_save(changed, fields=["title", "summary", "version", "updated_at"], user=None, reason=DESCRIBE_REASON)
    return len(changed)
