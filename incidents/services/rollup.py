"""Derived values kept on incidents: casualty roll-ups from claims and the stored search vector."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from incidents.casualties import ClaimedFigure, roll_up_fatalities
from incidents.models import (
    Claim,
    Incident,
)
from incidents.search import incident_search_vectors_update
from incidents.services._common import FATALITY_FIELDS, NOT_COUNTED, ROLLUP_REASON, _save


@transaction.atomic
def incident_rollup_casualties(*, incident: Incident) -> Incident:
    """Derive low/best/high fatalities from the incident's counted claims, unless an analyst set them."""
    if incident.fatalities_overridden:
        return incident
    figures = [
        ClaimedFigure(claim_id=pk, min=low, max=high)
        for pk, low, high in incident.claims.exclude(NOT_COUNTED).order_by("pk")
        .values_list("pk", "fatalities_min", "fatalities_max")
    ]
    if _rolled_up(incident, figures):
        _save(incident, user=None, reason=ROLLUP_REASON)
    return incident


@transaction.atomic(savepoint=False)  # inside a caller's transaction, its rollback covers this
def incidents_rollup_casualties(*, incidents: Sequence[Incident]) -> list[Incident]:
    """`incident_rollup_casualties` for many incidents: one read of their claims, one bulk write with history."""
    derived = [incident for incident in incidents if not incident.fatalities_overridden]
    figures: dict[int, list[ClaimedFigure]] = {incident.pk: [] for incident in derived}
    for incident_id, pk, low, high in (
        Claim.objects.filter(incident__in=[incident.pk for incident in derived]).exclude(NOT_COUNTED)
        .order_by("incident_id", "pk").values_list("incident_id", "pk", "fatalities_min", "fatalities_max")
    ):
        figures[incident_id].append(ClaimedFigure(claim_id=pk, min=low, max=high))
    changed = [incident for incident in derived if _rolled_up(incident, figures[incident.pk])]
    now = timezone.now()
    for incident in changed:
        incident.updated_at = now
        incident._history_user = None
    if changed:
        fields = [*FATALITY_FIELDS, "fatalities_derivation", "version", "updated_at"]
        bulk_update_with_history(changed, Incident, fields, default_change_reason=ROLLUP_REASON)
    return list(incidents)


def _rolled_up(incident: Incident, figures: list[ClaimedFigure]) -> bool:
    """Set the incident's derived figures from `figures`; False when they were already those."""
    rolled = roll_up_fatalities(figures)
    new_values = {
        "fatalities_low": rolled.low, "fatalities_best": rolled.best, "fatalities_high": rolled.high,
        "fatalities_derivation": rolled.derivation,
    }
    if all(getattr(incident, name) == value for name, value in new_values.items()):
        return False
    for name, value in new_values.items():
        setattr(incident, name, value)
    # Derived figures change what readers see, so caches and open edit forms must notice.
    incident.version += 1
    return True


def incident_search_refresh(*, incident_ids: Iterable[int]) -> int:
    """Recompute the stored full-text vector (title A, summary B, claim quotes C) of these incidents."""
    return incident_search_vectors_update(incident_ids=incident_ids)
