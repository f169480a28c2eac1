"""Rolling claimed fatality figures up into low/best/high by group and in total (plain Python, no Django).

The rules are domain.md's "Counting casualties" (UCDP's low/best/high, https://ucdp.uu.se/downloads/ged/ged231.pdf):

* Within one group (one side's forces, civilians, people the text does not place), figures from different
  claims are rival estimates of one number: low..high spans them, and a vague figure ("a number of",
  "losses among", 1..?) neither pulls the low under another claim's count nor opens its high; best is the
  most specific figure (the narrowest range; among equally narrow ones, the median).
* Across groups the figures add up: the incident's low, best and high are the sums of the groups'.
* Aggregate tolls never get here: the caller leaves them out, with negated, hypothetical and rejected claims.
"""
from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN_GROUP_ORDER = {"forces": 0, "civilians": 1, "unknown": 2}


@dataclass(frozen=True)
class ClaimedFigure:
    """One claim's fatality count for one group: min..max, max None when the claim gives no upper bound."""

    claim_id: int
    min: int | None
    max: int | None
    group: str = "unknown"
    side_id: int | None = None  # the actor whose forces, for group "forces"
    side_name: str = ""
    claimant: str = ""

    @property
    def vague(self) -> bool:
        """"a number of", "losses among", "several": some died, the text does not say how many."""
        return (self.min or 0) <= 1 and self.max is None


@dataclass(frozen=True)
class GroupRange:
    """One group's rolled-up range, with the figures it came from."""

    group: str
    side_id: int | None
    label: str
    low: int | None
    best: int | None
    high: int | None
    figures: list[ClaimedFigure] = field(default_factory=list)
    best_claim: int | None = None
    note: str = ""

    def as_json(self) -> dict:
        return {
            "group": self.group, "actor_id": self.side_id, "label": self.label,
            "low": self.low, "best": self.best, "high": self.high, "best_claim": self.best_claim,
            "note": self.note,
            "figures": [{"claim": f.claim_id, "claimant": f.claimant, "min": f.min, "max": f.max}
                        for f in self.figures],
        }


@dataclass(frozen=True)
class FatalityRange:
    low: int | None
    best: int | None
    high: int | None
    derivation: str
    groups: list[GroupRange] = field(default_factory=list)


def group_label(group: str, side_name: str) -> str:
    if group == "forces":
        return f"{side_name} forces" if side_name else "Forces (side not named)"
    return "Civilians" if group == "civilians" else "Unknown (not placed by the text)"


def roll_up_group(figures: list[ClaimedFigure]) -> GroupRange:
    """Rival estimates of one group's dead: low..high spans the specific figures, best the most specific."""
    first = figures[0]
    label = group_label(first.group, first.side_name)
    specific = [f for f in figures if not f.vague] or figures
    low = min(f.min or 0 for f in specific)
    open_ended = [f for f in specific if f.max is None]
    high = None if open_ended else max(f.max for f in specific)
    bounded = [f for f in specific if f.max is not None]
    best, best_claim = None, None
    if bounded:
        narrowest = min(f.max - (f.min or 0) for f in bounded)
        candidates = sorted((f for f in bounded if f.max - (f.min or 0) == narrowest),
                            key=lambda f: (f.max, f.claim_id))
        chosen = candidates[(len(candidates) - 1) // 2]  # the median (low) of equally specific figures
        best, best_claim = max(low, chosen.max if chosen.min == chosen.max else (chosen.min or 0)), chosen.claim_id
    parts = [f"{_figure_text(f)} (claim #{f.claim_id}, {f.claimant})" for f in figures]
    left_out = len(figures) - len(specific)
    note = "; ".join(parts)
    if left_out:
        note += f"; {left_out} vague figure(s) give no number and do not lower the range"
    return GroupRange(first.group, first.side_id, label, low, best, high, list(figures), best_claim, note)


def roll_up_fatalities(figures: list[ClaimedFigure]) -> FatalityRange:
    """Group the figures, roll each group up, and add the groups up; say in words how each bound was reached."""
    figures = [f for f in figures if f.min is not None or f.max is not None]
    if not figures:
        return FatalityRange(None, None, None, "No claim gives a fatality figure.")
    by_group: dict[tuple, list[ClaimedFigure]] = {}
    for figure in figures:
        key = (figure.group, figure.side_id if figure.group == "forces" else None)
        by_group.setdefault(key, []).append(figure)
    groups = sorted((roll_up_group(members) for members in by_group.values()),
                    key=lambda g: (UNKNOWN_GROUP_ORDER.get(g.group, 3), g.label))
    low = sum(g.low or 0 for g in groups)
    high = None if any(g.high is None for g in groups) else sum(g.high for g in groups)
    best = None if all(g.best is None for g in groups) else sum(g.best if g.best is not None else g.low or 0
                                                                   for g in groups)
    lines = [f"{g.label}: low {g.low}, best {_unknown(g.best)}, high {_unknown(g.high)} from {g.note}" for g in groups]
    if len(groups) > 1:
        lines.append(f"Total: the sum over {len(groups)} groups, low {low}, best {_unknown(best)}, "
                     f"high {_unknown(high)} (different people add up; rival figures for one group do not)")
    return FatalityRange(low, best, high, ".\n".join(lines) + ".", groups)


def _figure_text(figure: ClaimedFigure) -> str:
    if figure.max is None:
        return f"{figure.min or 0} or more"
    if figure.min == figure.max:
        return str(figure.max)
    return f"{figure.min or 0}–{figure.max}"


def _unknown(value: int | None) -> str:
    return "unknown" if value is None else str(value)
