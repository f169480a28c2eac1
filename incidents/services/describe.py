"""Machine-written titles and summaries of incidents, from their accounts; an analyst's own words are kept."""
from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from incidents.accounts import incident_accounts
from incidents.derived_selectors import incident_claims_load, incident_locations_load
from incidents.describe import incident_summary
from incidents.models import Claim, Incident
from incidents.naming import neutral_title
from incidents.services._common import _bulk_save

DESCRIBE_REASON = "Title and summary written from the claims"


@transaction.atomic(savepoint=False)  # inside the caller's transaction
def incidents_describe(*, incidents: Sequence[Incident], claims: dict[int, list[Claim]] | None = None) -> int:
    """Give each incident a neutral title and a summary written from its accounts, unless an analyst has edited
    it; returns how many changed. `claims` are the incidents' claims as `incident_claims_load` reads them
    (ingestion reads them once for this and the roll-up); without them they are read here. The incidents are
    updated in place, so they must be as stored (the caller's fresh read)."""
    ids = [incident.pk for incident in incidents]
    edited = set(Incident.history.filter(id__in=ids, history_user__isnull=False).values_list("id", flat=True))
    described = [incident for incident in incidents if incident.pk not in edited]
    if claims is None:
        claims = incident_claims_load(incident_ids=[incident.pk for incident in described])
    incident_locations_load(incidents=described)
    changed = []
    for incident in described:
        accounts = incident_accounts(claims.get(incident.pk, []))
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
