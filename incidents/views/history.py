"""History rows for the record pages (who changed what when, from django-simple-history's records), and where
a merged-away record's page now lives."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from incidents import selectors
from incidents.templatetags.kb import figure_text

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping fields that change with every save and would drown the real changes.
IGNORED_FIELDS = {"version", "updated_at", "search_vector", "analyst_edited"}
VALUE_LIMIT = 160


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryRow:
    when: datetime
    who: str
    record: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    undo: object = None  # the ReversibleChange this row shows, when it can still be undone


def _describe(record) -> str:
    name = type(record.instance).__name__
    if name == "ClaimLink":
        return f"Link between claims {record.claim_a_id} and {record.claim_b_id} ({record.relation})"
    if name == "Claim":
        return f"Claim {record.id}"
    if name == "CasualtyFigure":
        return f"Figure of claim {record.claim_id} ({_figure_text(record)})"
    return f"{record._meta.verbose_name.replace('historical ', '').capitalize()} {record.id}"


def _figure_text(record) -> str:
    try:
        actor = record.actor if record.actor_id else None
    except ObjectDoesNotExist:  # the actor was merged away since
        actor = None
    return figure_text(kind=record.kind, group=record.group, actor=actor, low=record.min, high=record.max)


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= VALUE_LIMIT else text[:VALUE_LIMIT - 1] + "…"


def _label(record, name: str) -> str:
    try:
        return str(record.instance._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the history row was written
        return name


def _changes(newer, older, members: dict[tuple[str, int, str], list[str]]) -> list[Change]:
    if older is None:
        return []
    plain = [f.name for f in newer.instance._meta.concrete_fields if f.editable and f.name not in IGNORED_FIELDS]
    # Field names, not hasattr(): reading a foreign key of an old row fetches it, and it may be gone (merged away).
    known = {f.name for f in older._meta.fields}
    delta = newer.diff_against(older, included_fields=[name for name in plain if name in known])
    changes = [Change(field=_label(newer, change.field), old=_shown(change.old), new=_shown(change.new))
               for change in delta.changes]
    for relation in getattr(type(newer), "_history_m2m_fields", []):
        old = members.get((type(older).__name__, older.history_id, relation.name), [])
        new = members.get((type(newer).__name__, newer.history_id, relation.name), [])
        if old != new:
            changes.append(Change(field=_label(newer, relation.name), old=_shown(old), new=_shown(new)))
    return changes


def _members(records: list) -> dict[tuple[str, int, str], list[str]]:
    """The many-to-many members (by name) each history record saw, in one query per historical model and field."""
    ids_by_model: dict[type, list[int]] = {}
    for record in records:
        if getattr(type(record), "_history_m2m_fields", None):
            ids_by_model.setdefault(type(record), []).append(record.history_id)
    members: dict[tuple[str, int, str], list[str]] = {}
    for model, history_ids in ids_by_model.items():
        for relation in model._meta.related_objects:
            field = next(f for f in model._history_m2m_fields if relation.name.endswith(f"_{f.name}"))
            member = field.m2m_reverse_field_name()
            rows = relation.related_model.objects.filter(history_id__in=history_ids).order_by(
                f"{member}__name", f"{member}_id").values_list("history_id", f"{member}_id", f"{member}__name")
            for history_id, member_id, name in rows:
                members.setdefault((model.__name__, history_id, field.name), []).append(name or f"#{member_id}")
    return members


def history_rows(records: list, *, undoable: dict | None = None) -> list[HistoryRow]:
    """One row per history record with its changes against the previous record of the same object.

    `undoable` maps (historical model name, history id) to the merge or unlink that record shows, so the row
    offers to undo it.
    """
    undoable = undoable or {}
    by_object: dict[tuple[str, int], list] = {}
    for record in sorted(records, key=lambda item: item.history_date):
        by_object.setdefault((type(record).__name__, record.id), []).append(record)
    previous = {}
    for versions in by_object.values():
        for older, newer in zip([None, *versions], versions, strict=False):
            previous[(type(newer).__name__, newer.history_id)] = older
    members = _members(records + [older for older in previous.values() if older is not None])
    rows = []
    for record in records:
        older = previous.get((type(record).__name__, record.history_id))
        changes = _changes(record, older, members) if record.history_type == "~" else []
        if record.history_type == "~" and not changes and not record.history_change_reason:
            continue
        rows.append(HistoryRow(
            when=record.history_date, who=record.history_user.get_username() if record.history_user else "system",
            record=_describe(record), action=ACTIONS.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "", changes=changes,
            undo=undoable.get((type(record).__name__, record.history_id)),
        ))
    return rows


def merged_away_redirect(request, *, kind: str, noun: str, pk: int, url_name: str) -> HttpResponse:
    """Send a request for a missing record of `kind` to the page of the record it was merged into; 404 otherwise."""
    survivor = selectors.merge_survivor(kind=kind, pk=pk)
    if survivor is None:
        raise Http404(f"There is no {noun} {pk}; it may have been deleted.")
    messages.info(request, f"{noun.capitalize()} {pk} was merged into this one.")
    return redirect(url_name, pk=survivor)
