"""Analysts' edits of a claim's casualty figures by group, kept consistent with the claim's totals.

A claim's `fatalities_min/max` and `injured_min/max` are the sums of its figures of that kind (what the
extraction schema calls `fatalities`/`injured`); `casualty_group`/`casualty_actor` are its first figure's.
"""
from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from incidents.choices import CasualtyGroup, CasualtyKind
from incidents.models import Actor, CasualtyFigure, Claim

TOTAL_FIELDS = {"killed": ("fatalities_min", "fatalities_max"), "injured": ("injured_min", "injured_max")}
FOLLOWED_FIELDS = frozenset({"fatalities_min", "fatalities_max", "injured_min", "injured_max", "casualty_group",
                             "casualty_actor"})


def figures_cleaned(figures: list[dict[str, Any]]) -> list[CasualtyFigure]:
    """Unsaved figure rows from an edit's `figures` (kind, group, actor, min, max), or a ValidationError."""
    if not isinstance(figures, list):
        raise ValidationError({"figures": "Give the figures as a list."})
    rows = []
    for number, item in enumerate(figures, start=1):
        if not isinstance(item, dict):
            raise ValidationError({"figures": f"Figure {number} must be an object."})
        kind, group = item.get("kind", CasualtyKind.KILLED), item.get("group", CasualtyGroup.UNKNOWN)
        if kind not in CasualtyKind.values:
            raise ValidationError({"figures": f"Figure {number}: kind must be one of "
                                              f"{', '.join(CasualtyKind.values)}."})
        if group not in CasualtyGroup.values:
            raise ValidationError({"figures": f"Figure {number}: group must be one of "
                                              f"{', '.join(CasualtyGroup.values)}."})
        actor = item.get("actor")
        if actor is not None and not isinstance(actor, Actor):
            raise ValidationError({"figures": f"Figure {number}: no such actor."})
        if actor is not None and group != CasualtyGroup.FORCES:
            raise ValidationError({"figures": f"Figure {number}: only a side's forces name an actor."})
        low, high = item.get("min"), item.get("max")
        for value in (low, high):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise ValidationError({"figures": f"Figure {number}: counts are whole numbers, 0 or more."})
        if low is None and high is None:
            raise ValidationError({"figures": f"Figure {number}: give a minimum, a maximum or both."})
        if low is not None and high is not None and low > high:
            raise ValidationError({"figures": f"Figure {number}: the minimum is above the maximum."})
        rows.append(CasualtyFigure(kind=kind, group=group, actor=actor, min=low, max=high,
                                   start=item.get("start"), end=item.get("end")))
    return rows


def totals_set(claim: Claim, figures: list[CasualtyFigure]) -> None:
    """Set the claim's totals and group from its figures (unsaved)."""
    for kind, (low_field, high_field) in TOTAL_FIELDS.items():
        of_kind = [f for f in figures if f.kind == kind]
        setattr(claim, low_field, sum(f.min or 0 for f in of_kind) if of_kind else None)
        setattr(claim, high_field, None if not of_kind or any(f.max is None for f in of_kind)
                else sum(f.max for f in of_kind))
    first = figures[0] if figures else None
    claim.casualty_group = first.group if first else CasualtyGroup.UNKNOWN
    claim.casualty_actor = first.actor if first else None


def _same(a: CasualtyFigure, b: CasualtyFigure) -> bool:
    return (a.kind, a.group, a.actor_id, a.min, a.max) == (b.kind, b.group, b.actor_id, b.min, b.max)


def figures_replace(*, claim: Claim, figures: list[CasualtyFigure], user) -> None:
    """Make the claim's figures `figures`, touching only what differs (every change recorded in history).

    A stored figure given again unchanged is kept as it is (its span in the article with it); the other stored
    figures are changed in place into the other given ones, in order, so the history reads "changed min 2 -> 3"
    rather than a delete and a create; what is left over is deleted or created.
    """
    who = user if user is not None and user.is_authenticated else None
    stored = list(claim.figures.all())
    wanted = []
    for figure in figures:
        match = next((old for old in stored if _same(old, figure)), None)
        if match is not None:
            stored.remove(match)
        else:
            wanted.append(figure)
    for old, figure in zip(stored, wanted, strict=False):
        for name in ("kind", "group", "actor", "min", "max"):
            setattr(old, name, getattr(figure, name))
        if figure.start is not None:  # an analyst's figure has no span: the phrase it corrects keeps its own
            old.start, old.end = figure.start, figure.end
        old._history_user, old._change_reason = who, "Edited"
        old.save()
    for old in stored[len(wanted):]:
        old._history_user, old._change_reason = who, "Removed by an analyst's edit"
        old.delete()
    for figure in wanted[len(stored):]:
        figure.claim = claim
        figure._history_user, figure._change_reason = who, "Edited"
        figure.save()


def figures_follow_totals(*, claim: Claim, user) -> None:
    """An edit of the claim's own range or group: its one figure of that kind follows; several cannot."""
    current = list(claim.figures.all())
    wanted = []
    for kind, (low_field, high_field) in TOTAL_FIELDS.items():
        of_kind = [f for f in current if f.kind == kind]
        low, high = getattr(claim, low_field), getattr(claim, high_field)
        if len(of_kind) > 1:
            if (low, high) != (sum(f.min or 0 for f in of_kind), None if any(f.max is None for f in of_kind)
                               else sum(f.max for f in of_kind)):
                raise ValidationError({low_field: "This claim counts several groups: edit its figures by group."})
            wanted += of_kind
            continue
        if low is None and high is None:
            continue
        wanted.append(CasualtyFigure(kind=kind, group=claim.casualty_group,
                                     actor=claim.casualty_actor if claim.casualty_group == CasualtyGroup.FORCES
                                     else None, min=low, max=high,
                                     start=of_kind[0].start if of_kind else None,
                                     end=of_kind[0].end if of_kind else None))
    figures_replace(claim=claim, figures=[CasualtyFigure(kind=f.kind, group=f.group, actor=f.actor, min=f.min,
                                                         max=f.max, start=f.start, end=f.end) for f in wanted],
                    user=user)
