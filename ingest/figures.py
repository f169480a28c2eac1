"""Writing the pipeline's casualty figures (one row per group a claim counts) for newly extracted claims."""
from __future__ import annotations

from simple_history.utils import bulk_create_with_history

from incidents.choices import CasualtyGroup, CasualtyKind
from incidents.models import CasualtyFigure, Claim
from ingest.extraction import ClaimResult


def casualty_figures_write(*, new: list[tuple[ClaimResult, Claim]], actors: dict) -> int:
    """The figures of the new claims (saved, with their ids); a claim whose extraction carries no figures but
    a fatality or injury range gets one figure of its casualty group, so the roll-up reads figures only."""
    rows = []
    for result, claim in new:
        figures = [(f.kind, f.group, f.actor_id, f.count.min, f.count.max, f.span) for f in result.casualty_figures]
        if not figures:
            figures = [(kind, result.casualty_group, result.casualty_actor_id, count.min, count.max, None)
                       for kind, count in (("killed", result.fatalities), ("injured", result.injured)) if count]
        for kind, group, actor_id, low, high, span in figures:
            if kind not in CasualtyKind.values:
                continue
            rows.append(CasualtyFigure(
                claim=claim, kind=kind, group=group if group in CasualtyGroup.values else CasualtyGroup.UNKNOWN,
                actor=actors.get(actor_id) if actor_id and group == CasualtyGroup.FORCES else None,
                min=low, max=high if high is None or low is None or high >= low else low,
                start=span[0] if span else None, end=span[1] if span else None,
            ))
    bulk_create_with_history(rows, CasualtyFigure, default_change_reason="Extracted with its claim")
    return len(rows)
