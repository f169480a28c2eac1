"""Shared steps of the write services: attributed saves, tombstoned deletes, optimistic locking."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector

from incidents.choices import SUB_EVENT_TYPES
from incidents.exceptions import StaleEditError
from incidents.models import (
    Deletion,
    Incident,
)

INCIDENT_EDITABLE_FIELDS = frozenset({
    "title", "summary", "event_type", "sub_event_type", "date_start", "date_end", "date_precision", "background",
    "review_status", "fatalities_low", "fatalities_best", "fatalities_high", "fatalities_overridden",
    "grouping_reason",
})
INCIDENT_EDITABLE_RELATIONS = frozenset({"actors", "locations"})
FATALITY_FIELDS = ("fatalities_low", "fatalities_best", "fatalities_high")
ROLLUP_REASON = "Fatalities rolled up from claims"

CLAIM_EDITABLE_FIELDS = frozenset({
    "kind", "claimant", "start", "end", "fatalities_min", "fatalities_max", "injured_min", "injured_max",
    "claimed_date_start", "claimed_date_end", "claimed_date_precision", "casualty_group", "casualty_actor",
    "aggregate", "negated", "hypothetical", "credibility", "review_status", "analyst_note",
})
CLAIM_EDITABLE_RELATIONS = frozenset({"perpetrators", "targets", "locations"})


def _save(instance: models.Model, *, user, reason: str) -> None:
    """Save with the history row attributed to `user` and explained by `reason`."""
    instance._history_user = user if user is not None and user.is_authenticated else None
    instance._change_reason = reason
    instance.save()


def _bulk_save(instances: list[models.Model], *, fields: list[str], user, reason: str) -> None:
    """Save `fields` of many rows of one model in a few queries, each with a history row as `_save` writes it.

    simple-history's bulk helpers write no many-to-many snapshot, so the history page would read a bulk row as
    "every perpetrator removed"; the members each row has now are copied to its history row, one query per field.
    """
    if not instances:
        return
    model = type(instances[0])
    model.objects.bulk_update(instances, fields)
    records = model.history.bulk_history_create(
        instances, update=True, default_user=user if user is not None and user.is_authenticated else None,
        default_change_reason=reason,
    )
    history_model = model.history.model
    record_of = {record.id: record for record in records}
    for field in getattr(history_model, "_history_m2m_fields", []):
        m2m_history = apps.get_model(model._meta.app_label, f"{history_model.__name__}_{field.name}")
        through = field.remote_field.through
        owner, member = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = through.objects.filter(**{f"{owner}_id__in": list(record_of)}).values_list(
            "id", f"{owner}_id", f"{member}_id")
        m2m_history.objects.bulk_create([
            m2m_history(id=row_id, history=record_of[owner_id], **{f"{owner}_id": owner_id, f"{member}_id": member_id})
            for row_id, owner_id, member_id in rows
        ])


def _delete(instance: models.Model, *, user, reason: str, kind: str, merged_into: int | None = None) -> None:
    Deletion.objects.create(kind=kind, object_id=instance.pk, merged_into_id=merged_into)
    instance._history_user = user if user is not None and user.is_authenticated else None
    instance._change_reason = reason
    instance.delete()


TOMBSTONED_KINDS = {"Incident": "incident", "Claim": "claim", "ClaimLink": "claim-link", "Actor": "actor",
                    "Location": "location"}


@transaction.atomic(savepoint=False)  # the caller deletes in the same transaction
def deletion_tombstones_record(*, records: Iterable[models.Model]) -> int:
    """Tombstone the rows that deleting `records` removes (cascades included) and that API mirrors know.

    For deletes outside the services (the admin); returns how many tombstones were written.
    """
    records = list(records)
    if not records:
        return 0
    collector = Collector(using=router.db_for_write(type(records[0])))
    collector.collect(records)
    removed = [(model, instance.pk) for model, instances in collector.data.items() for instance in instances]
    removed += [(queryset.model, pk) for queryset in collector.fast_deletes
                for pk in queryset.values_list("pk", flat=True)]
    tombstones = [Deletion(kind=TOMBSTONED_KINDS[model.__name__], object_id=pk) for model, pk in removed
                  if model._meta.app_label == "incidents" and model.__name__ in TOMBSTONED_KINDS]
    Deletion.objects.bulk_create(tombstones)
    return len(tombstones)


def _locked(instance: models.Model, version: int) -> models.Model:
    """The stored row, locked for this transaction, or StaleEditError when `version` is not its version."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if current.version != version:
        raise StaleEditError(current=current)
    return current


def _refuse_unknown_fields(data: dict[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError(f"These {what} fields cannot be edited: {', '.join(unknown)}.")


def _edited(instance: models.Model, *, version: int, data: dict[str, Any], fields: frozenset[str],
            relations: frozenset[str], what: str) -> tuple[Any, dict[str, Any]]:
    """The stored row, locked, with the edit's plain `fields` set on it (unsaved), and the fields it changes.

    Refuses fields that are neither `fields` nor `relations`, and a stale `version`. A field given with the
    value it already has is not a change, so a form saved untouched changes nothing.
    """
    _refuse_unknown_fields(data, fields | relations, what)
    current = _locked(instance, version)
    changed = {name: value for name, value in data.items() if name in fields and getattr(current, name) != value}
    for name, value in changed.items():
        setattr(current, name, value)
    return current, changed


def _changed_relations(instance: models.Model, *, data: dict[str, Any], relations: frozenset[str]) -> dict[str, set]:
    """The many-to-many fields of the edit whose members differ from the stored ones, with their new member ids."""
    changed = {}
    for name in sorted(relations & set(data)):
        wanted = {getattr(member, "pk", member) for member in data[name]}
        if wanted != set(getattr(instance, name).values_list("pk", flat=True)):
            changed[name] = wanted
    return changed


def _set_relations(instance: models.Model, *, relations: dict[str, set]) -> None:
    """Set these many-to-many fields without a history row each: the save that follows records them all at once."""
    instance.skip_history_when_saving = True
    try:
        for name, members in relations.items():
            getattr(instance, name).set(members)
    finally:
        del instance.skip_history_when_saving


def _validate_sub_event_type(incident: Incident) -> None:
    if incident.sub_event_type and incident.sub_event_type not in SUB_EVENT_TYPES.get(incident.event_type, []):
        raise ValidationError({
            "sub_event_type": f"“{incident.sub_event_type}” is not a sub-event type of {incident.event_type}.",
        })
