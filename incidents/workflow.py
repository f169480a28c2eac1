"""Reads of the analysts' workflow: what a merge or split will do (for its confirmation page), which merges and
unlinks the history can still undo, and a user's saved searches. (Kept apart from selectors.py, which holds the
reads of the pages' main content.)"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from incidents.models import Actor, Claim, Incident, Location, ReversibleChange, SavedSearch


@dataclass
class MergePreview:
    target: Incident
    sources: list[Incident]
    moving_claims: list[Claim]
    new_actors: list[Actor] = field(default_factory=list)
    new_places: list[Location] = field(default_factory=list)
    date_start: date | None = None
    date_end: date | None = None


@dataclass
class SplitPreview:
    incident: Incident
    moving_claims: list[Claim]
    staying_claims: list[Claim]
    title: str


def _claims(queryset) -> list[Claim]:
    return list(queryset.select_related("claimant", "article__publisher").order_by("pk"))


def merge_preview(*, target: Incident, sources: Sequence[Incident]) -> MergePreview:
    """Which claims move into `target`, which actors and places it gains, and its date window after the merge."""
    source_ids = [source.pk for source in sources]
    sources = list(Incident.objects.filter(pk__in=source_ids).order_by("pk"))
    starts = [day for day in [target.date_start, *(source.date_start for source in sources)] if day]
    ends = [day for day in [target.date_end, *(source.date_end for source in sources)] if day]
    return MergePreview(
        target=target, sources=sources,
        moving_claims=_claims(Claim.objects.filter(incident__in=source_ids)),
        new_actors=list(Actor.objects.filter(incidents__in=source_ids).exclude(incidents=target).distinct()
                        .order_by("name")),
        new_places=list(Location.objects.filter(incidents__in=source_ids).exclude(incidents=target).distinct()
                        .order_by("name")),
        date_start=min(starts, default=None), date_end=max(ends, default=None),
    )


def split_preview(*, incident: Incident, claims: Sequence[Claim], title: str) -> SplitPreview:
    """Which claims leave `incident` for the new incident, and which stay."""
    ids = [claim.pk for claim in claims]
    return SplitPreview(
        incident=incident, title=title or f"{incident.title} (split)",
        moving_claims=_claims(incident.claims.filter(pk__in=ids)),
        staying_claims=_claims(incident.claims.exclude(pk__in=ids)),
    )


def undoable_changes(*, records: list) -> dict:
    """The merges and unlinks not yet undone that these history records show, by (model name, history id)."""
    keys = {(type(record).__name__, record.history_id) for record in records}
    changes = ReversibleChange.objects.filter(
        history_model__in={model for model, _ in keys}, history_id__in=[history_id for _, history_id in keys],
        undone_at__isnull=True,
    )
    return {(change.history_model, change.history_id): change for change in changes
            if (change.history_model, change.history_id) in keys}


def saved_searches(*, user) -> QuerySet:
    """The user's saved searches, by name; none for an anonymous reader."""
    if user is None or not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user).order_by("name", "pk")
