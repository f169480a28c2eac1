"""History rows for the record pages (who changed what when, from django-simple-history's records), and where
a merged-away record's page now lives."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from incidents import selectors

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


def _describe(record) -> str:
    name = type(record.instance).__name__
    if name == "ClaimLink":
        return f"Link between claims {record.claim_a_id} and {record.claim_b_id} ({record.relation})"
    if name == "Claim":
        return f"Claim {record.id}"
    return f"{record._meta.verbose_name.replace('historical ', '').capitalize()} {record.id}"


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


def _changes(newer, older) -> list[Change]:
    if older is None:
        return []
    delta = newer.diff_against(older, excluded_fields=IGNORED_FIELDS & {f.name for f in newer._meta.fields})
    return [Change(field=_label(newer, change.field), old=_shown(change.old), new=_shown(change.new))
            for change in delta.changes]


def history_rows(records: list) -> list[HistoryRow]:
    """One row per history record with its changes against the previous record of the same object."""
    by_object: dict[tuple[str, int], list] = {}
    for record in sorted(records, key=lambda item: item.history_date):
        by_object.setdefault((type(record).__name__, record.id), []).append(record)
    previous = {}
    for versions in by_object.values():
        for older, newer in zip([None, *versions], versions, strict=False):
            previous[(type(newer).__name__, newer.history_id)] = older
    rows = []
    for record in records:
        older = previous.get((type(record).__name__, record.history_id))
        changes = _changes(record, older) if record.history_type == "~" else []
        if record.history_type == "~" and not changes and not record.history_change_reason:
            continue
        rows.append(HistoryRow(
            when=record.history_date, who=record.history_user.get_username() if record.history_user else "system",
            record=_describe(record), action=ACTIONS.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "", changes=changes,
        ))
    return rows


def merged_away_redirect(request, *, kind: str, noun: str, pk: int, url_name: str) -> HttpResponse:
    """Send a request for a missing record of `kind` to the page of the record it was merged into; 404 otherwise."""
    survivor = selectors.merge_survivor(kind=kind, pk=pk)
    if survivor is None:
        raise Http404(f"There is no {noun} {pk}; it may have been deleted.")
    messages.info(request, f"{noun.capitalize()} {pk} was merged into this one.")
    return redirect(url_name, pk=survivor)
