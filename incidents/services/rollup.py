"""Derived values kept on incidents: casualty roll-ups from claims and the stored search vector."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from incidents.accounts import claim_figures, counted
from incidents.casualties import ClaimedFigure, roll_up_fatalities
from incidents.derived_selectors import incident_claims_load
from incidents.models import Claim, Incident
from incidents.search import incident_search_vectors_update
from incidents.services._common import FATALITY_FIELDS, ROLLUP_REASON, _save


@transaction.atomic
def incident_rollup_casualties(*, incident: Incident) -> Incident:
    """Derive low/best/high fatalities, by group and in total, from the incident's counted claims, unless an
    analyst set them (domain.md, "Counting casualties")."""
    if incident.fatalities_overridden:
        return incident
    figures = claimed_figures(incident_ids=[incident.pk]).get(incident.pk, [])
    if _rolled_up(incident, figures):
        _save(incident, user=None, reason=ROLLUP_REASON)
    return incident


@transaction.atomic(savepoint=False)  # inside a caller's transaction, its rollback covers this
def incidents_rollup_casualties(*, incidents: Sequence[Incident],
                                claims: dict[int, list[Claim]] | None = None) -> list[Incident]:
    """`incident_rollup_casualties` for many incidents: one read of their figures, one bulk write with history.
    `claims` are their claims as `incident_claims_load` reads them, when the caller has them already."""
    derived = [incident for incident in incidents if not incident.fatalities_overridden]
    if claims is None:
        figures = claimed_figures(incident_ids=[incident.pk for incident in derived])
    else:
        figures = figures_of_claims(claims)
    changed = [incident for incident in derived if _rolled_up(incident, figures.get(incident.pk, []))]
    now = timezone.now()
    for incident in changed:
        incident.updated_at = now
        incident._history_user = None
    if changed:
        fields = [*FATALITY_FIELDS, "fatalities_derivation", "fatalities_by_group", "version", "updated_at"]
        bulk_update_with_history(changed, Incident, fields, default_change_reason=ROLLUP_REASON)
    return list(incidents)


def claimed_figures(*, incident_ids: Iterable[int]) -> dict[int, list[ClaimedFigure]]:
    """Each incident's fatality figures from its counted claims (aggregate tolls, denials, hypothetical and
    rejected claims left out), one per group a claim counts; a side's forces are keyed by its top actor."""
    return figures_of_claims(incident_claims_load(incident_ids=incident_ids, places=False))


def figures_of_claims(claims: dict[int, list[Claim]]) -> dict[int, list[ClaimedFigure]]:
    """`claimed_figures` of claims already loaded by `incident_claims_load`, in the order of their ids."""
    return {incident_id: [figure for claim in sorted(rows, key=lambda claim: claim.pk) if counted(claim)
                          for figure in claim_figures(claim)]
            for incident_id, rows in claims.items()}


def _rolled_up(incident: Incident, figures: list[ClaimedFigure]) -> bool:
    """Set the incident's derived figures from `figures`; False when they were already those."""
    rolled = roll_up_fatalities(figures)
    new_values = {
        "fatalities_low": rolled.low, "fatalities_best": rolled.best, "fatalities_high": rolled.high,
        "fatalities_derivation": rolled.derivation,
        "fatalities_by_group": [group.as_json() for group in rolled.groups],
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
