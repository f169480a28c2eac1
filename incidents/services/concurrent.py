"""Concurrent edits: an edit based on an older version is replayed on the current one when the two touched
different fields; only fields both changed, to different values, need the analyst's decision.

The version an analyst started from is found in the record's history (every save stores its `version`), so the
analyst's own changes are what they submitted that differs from that version, and the other changes are what the
stored record now holds that differs from it.

A claim's `figures` (its casualty figures by group, rows of their own) count as one field: the figures a version
had are the ones stored just before the claim's next version was saved.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models

from incidents.models import CasualtyFigure

# Fields every save changes: not an analyst's change.
BOOKKEEPING_FIELDS = frozenset({"version", "updated_at", "search_vector", "analyst_edited"})


@dataclass(frozen=True)
class Rebased:
    """What an edit based on an old version means on the current one."""

    data: dict[str, Any]  # the analyst's own changes, to apply on the current version
    conflicts: list[str]  # fields the analyst and someone else both changed, to different values
    others: dict[str, str] = field(default_factory=dict)  # field -> who else changed it meanwhile


def _comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return frozenset(getattr(item, "pk", item) for item in value)
    return value


def _stored(record, name: str, *, many: bool):
    """A field's value on a live row or a history record, comparable with `_comparable` of a submitted value."""
    if not many:
        return getattr(record, record._meta.get_field(name).attname)
    if hasattr(record, "history_id"):  # a history record: the many-to-many rows it saw
        column = record.instance_type._meta.get_field(name).m2m_reverse_field_name()
        return frozenset(getattr(record, name).values_list(f"{column}_id", flat=True))
    return frozenset(getattr(record, name).values_list("pk", flat=True))


def figures_key(figures) -> tuple:
    """Casualty figures (rows, or an edit's dicts) comparable regardless of order: (kind, group, actor, min, max)."""
    def key(figure):
        if isinstance(figure, dict):
            actor = figure.get("actor")
            return (figure.get("kind"), figure.get("group"), getattr(actor, "pk", actor), figure.get("min"),
                    figure.get("max"))
        return figure.kind, figure.group, figure.actor_id, figure.min, figure.max
    return tuple(sorted((key(figure) for figure in figures), key=repr))


def _figure_records(current, base_version: int):
    """The history rows of the claim's figures written after version `base_version` was saved."""
    saved = current.history.filter(version__gt=base_version).order_by("history_date").first()
    if saved is None:
        return CasualtyFigure.history.none()
    return CasualtyFigure.history.filter(claim_id=current.pk, history_date__gte=saved.history_date)


def _figures_at(current, base_version: int) -> tuple:
    """The claim's figures as version `base_version` had them: what was stored before the next version's save."""
    later = current.history.filter(version__gt=base_version).order_by("history_date").first()
    if later is None:
        return figures_key(current.figures.all())
    records = (CasualtyFigure.history.filter(claim_id=current.pk, history_date__lt=later.history_date)
               .latest_of_each())
    return figures_key(record for record in records if record.history_type != "-")


def _who_changed(current, base_version: int) -> dict[str, str]:
    """For each field changed since `base_version`, who changed it (user names, or "system")."""
    records = list(current.history.filter(version__gte=base_version).order_by("history_date")
                   .select_related("history_user"))
    who: dict[str, list[str]] = {}
    for older, newer in zip(records, records[1:], strict=False):
        names = [f.name for f in current._meta.concrete_fields
                 if f.editable and f.name not in BOOKKEEPING_FIELDS and hasattr(older, f.name)]
        author = newer.history_user.get_username() if newer.history_user else "system"
        changed = [change.field for change in newer.diff_against(older, included_fields=names).changes]
        changed += [relation.name for relation in getattr(type(newer), "_history_m2m_fields", [])
                    if _stored(older, relation.name, many=True) != _stored(newer, relation.name, many=True)]
        for name in changed:
            if author not in who.setdefault(name, []):
                who[name].append(author)
    if hasattr(current, "figures"):
        for record in _figure_records(current, base_version).select_related("history_user"):
            author = record.history_user.get_username() if record.history_user else "system"
            if author not in who.setdefault("figures", []):
                who["figures"].append(author)
    return {name: ", ".join(authors) for name, authors in who.items()}


def edit_rebase(*, current: models.Model, base_version: int, data: dict[str, Any]) -> Rebased:
    """Replay `data`, an edit made on version `base_version`, on the `current` row."""
    base = current.history.filter(version=base_version).order_by("-history_date").first()
    many = {f.name for f in current._meta.many_to_many}
    own, conflicts = {}, []
    for name, value in data.items():
        if name == "figures":
            submitted, now = figures_key(value), figures_key(current.figures.all())
            was = _figures_at(current, base_version) if base is not None else None
        else:
            submitted = _comparable(value)
            now = _comparable(_stored(current, name, many=name in many))
        if submitted == now:
            continue
        if base is None:  # the starting version is not in history: every difference needs a decision
            conflicts.append(name)
            continue
        if name != "figures":
            was = _comparable(_stored(base, name, many=name in many))
        if submitted == was:
            continue  # the analyst left it alone; someone else's change stands
        if now != was:
            conflicts.append(name)
        else:
            own[name] = value
    return Rebased(data=own, conflicts=conflicts, others=_who_changed(current, base_version))
