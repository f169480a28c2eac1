"""Undoing a merge of incidents or the removal of a claim link, from what `ReversibleChange` recorded.

A merge records each merged-away incident (its fields, actors, places, duplicate verdicts) and which claims
moved; undoing it recreates those incidents with their old ids (so links and API mirrors still point at them),
moves the claims back, takes back from the survivor what only the merge gave it, and removes the merged-away
tombstones (the recreated rows carry a new `updated_at`, so `updated_since` mirrors fetch them again).
An undo is refused, with the reason, when later edits make it unsafe: a moved claim since moved on, the
survivor merged away itself, an id taken again.
"""
from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from incidents.models import Claim, ClaimLink, Deletion, Incident, IncidentPairRejection, ReversibleChange
from incidents.services._common import _save
from incidents.services.rollup import incident_rollup_casualties, incident_search_refresh

# Incident fields a merge snapshot keeps and an undo restores (the rest is bookkeeping recomputed on restore).
SNAPSHOT_SKIPPED = {"id", "search_vector", "updated_at"}
TARGET_FIELDS = ("date_start", "date_end", "grouping_reason")


def _user(user):
    return user if user is not None and user.is_authenticated else None


def _incident_fields(incident: Incident) -> dict:
    return {field.attname: field.value_from_object(incident) for field in Incident._meta.concrete_fields
            if field.name not in SNAPSHOT_SKIPPED}


def merge_snapshot(*, target: Incident, sources: Sequence[Incident]) -> dict:
    """What `incident_merge` is about to change, read before it changes anything."""
    source_ids = [source.pk for source in sources]
    target_actors = set(target.actors.values_list("pk", flat=True))
    target_places = set(target.locations.values_list("pk", flat=True))
    rejections = IncidentPairRejection.objects.filter(incident_a__in=source_ids) | IncidentPairRejection.objects.filter(
        incident_b__in=source_ids)
    snapshot_sources = []
    for source in sources:
        snapshot_sources.append({
            "id": source.pk, "fields": _incident_fields(source),
            "actors": sorted(source.actors.values_list("pk", flat=True)),
            "locations": sorted(source.locations.values_list("pk", flat=True)),
            "claims": [{"id": pk, "grouping_reason": reason} for pk, reason in
                       source.claims.order_by("pk").values_list("pk", "grouping_reason")],
        })
    added_actors = {pk for entry in snapshot_sources for pk in entry["actors"]} - target_actors
    added_places = {pk for entry in snapshot_sources for pk in entry["locations"]} - target_places
    return {
        "target": {"id": target.pk, **{name: getattr(target, name) for name in TARGET_FIELDS},
                   "added_actors": sorted(added_actors), "added_locations": sorted(added_places)},
        "sources": snapshot_sources,
        "rejections": [[row.incident_a_id, row.incident_b_id, row.rejected_by_id] for row in rejections.distinct()],
    }


def change_record(*, kind: str, incident_id: int | None, history_model: str, history_id: int | None, reason: str,
                  snapshot: dict, user) -> ReversibleChange:
    return ReversibleChange.objects.create(
        kind=kind, incident_id=incident_id, history_model=history_model, history_id=history_id, reason=reason,
        snapshot=snapshot, created_by=_user(user),
    )


def _refuse_unless_merge_undoable(change: ReversibleChange) -> tuple[Incident, list[int]]:
    snapshot = change.snapshot
    target = Incident.objects.select_for_update().filter(pk=snapshot["target"]["id"]).first()
    if target is None:
        raise ValidationError(f"Incident {snapshot['target']['id']} no longer exists (it was deleted or merged "
                              "into another incident since), so this merge cannot be undone.")
    source_ids = [entry["id"] for entry in snapshot["sources"]]
    taken = sorted(Incident.objects.filter(pk__in=source_ids).values_list("pk", flat=True))
    if taken:
        raise ValidationError(f"Incident {', '.join(map(str, taken))} exists again; nothing to undo.")
    claim_ids = [claim["id"] for entry in snapshot["sources"] for claim in entry["claims"]]
    still_here = set(Claim.objects.select_for_update().filter(pk__in=claim_ids, incident=target)
                     .values_list("pk", flat=True))
    gone = sorted(set(claim_ids) - still_here)
    if gone:
        raise ValidationError(f"Claims {', '.join(map(str, gone))} have been moved or deleted since the merge; "
                              "move them back first, or leave the merge as it is.")
    return target, claim_ids


def _restore_incident(entry: dict, *, user, reason: str) -> Incident:
    fields = {}
    for name, value in entry["fields"].items():
        field = Incident._meta.get_field(name)
        fields[name] = field.to_python(value) if value is not None else None
    created_at = fields.pop("created_at", None)
    incident = Incident(pk=entry["id"], **fields)
    incident.version += 1
    _save(incident, user=user, reason=reason)
    incident.skip_history_when_saving = True
    try:
        incident.actors.set(entry["actors"])
        incident.locations.set(entry["locations"])
    finally:
        del incident.skip_history_when_saving
    _save(incident, user=user, reason=reason)  # one history row that shows the restored actors and places
    if created_at:
        Incident.objects.filter(pk=incident.pk).update(created_at=created_at)
    return incident


def _take_back_from_target(target: Incident, snapshot: dict, *, user, reason: str) -> None:
    """Give the survivor back its own dates and note, and drop the actors and places only the merge brought."""
    before = snapshot["target"]
    restored = {name: Incident._meta.get_field(name).to_python(before[name]) if before[name] is not None else None
                for name in TARGET_FIELDS}
    for name, value in restored.items():
        setattr(target, name, value)
    target.skip_history_when_saving = True
    try:
        target.actors.remove(*before["added_actors"])
        target.locations.remove(*before["added_locations"])
    finally:
        del target.skip_history_when_saving
    target.version += 1
    _save(target, user=user, reason=reason)


def _merge_undo(change: ReversibleChange, *, user, reason: str) -> Incident:
    target, _ = _refuse_unless_merge_undoable(change)
    snapshot = change.snapshot
    source_ids = [entry["id"] for entry in snapshot["sources"]]
    note = f"Merge into incident {target.pk} undone" + (f": {reason}" if reason else "")
    for entry in snapshot["sources"]:
        restored = _restore_incident(entry, user=user, reason=note)
        for moved in entry["claims"]:
            claim = Claim.objects.get(pk=moved["id"])
            claim.incident = restored
            claim.grouping_reason = moved["grouping_reason"]
            claim.version += 1
            _save(claim, user=user, reason=note)
    _take_back_from_target(target, snapshot, user=user,
                           reason=f"Merge of incidents {', '.join(map(str, source_ids))} undone"
                           + (f": {reason}" if reason else ""))
    IncidentPairRejection.objects.bulk_create(
        [IncidentPairRejection(incident_a_id=a, incident_b_id=b, rejected_by_id=who)
         for a, b, who in snapshot["rejections"]], ignore_conflicts=True,
    )
    Deletion.objects.filter(kind="incident", object_id__in=source_ids, merged_into_id=target.pk).delete()
    for incident in Incident.objects.filter(pk__in=[target.pk, *source_ids]):
        incident_rollup_casualties(incident=incident)
    incident_search_refresh(incident_ids=[target.pk, *source_ids])
    return target


def _unlink_undo(change: ReversibleChange, *, user, reason: str) -> ClaimLink:
    link = change.snapshot
    claims = Claim.objects.filter(pk__in=[link["claim_a"], link["claim_b"]])
    if claims.count() != 2:
        raise ValidationError("One of the two claims no longer exists, so the link cannot be restored.")
    existing = ClaimLink.objects.filter(claim_a_id=link["claim_a"], claim_b_id=link["claim_b"]).first()
    if existing:
        raise ValidationError(f"Claims {link['claim_a']} and {link['claim_b']} are linked again already "
                              f"({existing.relation}).")
    pk = link["id"] if not ClaimLink.objects.filter(pk=link["id"]).exists() else None
    restored = ClaimLink(pk=pk, claim_a_id=link["claim_a"], claim_b_id=link["claim_b"], relation=link["relation"],
                         reason=link["reason"], origin=link["origin"], created_by_id=link["created_by"])
    _save(restored, user=user, reason="Link restored (unlink undone)" + (f": {reason}" if reason else ""))
    Deletion.objects.filter(kind="claim-link", object_id=link["id"]).delete()
    return restored


@transaction.atomic
def change_undo(*, change: ReversibleChange, user, reason: str = ""):
    """Undo a recorded merge or unlink; returns the survivor incident or the restored link."""
    change = ReversibleChange.objects.select_for_update().get(pk=change.pk)
    if change.undone_at:
        who = change.undone_by.get_username() if change.undone_by else "someone"
        raise ValidationError(f"This was already undone by {who} on {change.undone_at:%d %b %Y %H:%M}.")
    undo = _merge_undo if change.kind == ReversibleChange.Kind.MERGE else _unlink_undo
    result = undo(change, user=user, reason=reason)
    change.undone_at, change.undone_by = timezone.now(), _user(user)
    change.save(update_fields=["undone_at", "undone_by"])
    return result
