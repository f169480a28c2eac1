"""Rolling the fatality figures of many claims up into one low/best/high range (plain Python, no Django).

The range follows UCDP's low/best/high idea (https://ucdp.uu.se/downloads/ged/ged231.pdf):
low is the largest minimum any claim gives, high the largest maximum (unknown as soon as one
claim leaves its upper bound open), best the median of the exact figures, kept inside the range.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median_low


@dataclass(frozen=True)
class ClaimedFigure:
    """One claim's fatality count: min..max, max None when the claim gives no upper bound."""

    claim_id: int
    min: int | None
    max: int | None


@dataclass(frozen=True)
class FatalityRange:
    low: int | None
    best: int | None
    high: int | None
    derivation: str


def roll_up_fatalities(figures: list[ClaimedFigure]) -> FatalityRange:
    """Combine claimed figures into one range and say, in words, how each bound was reached."""
    figures = [figure for figure in figures if figure.min is not None or figure.max is not None]
    if not figures:
        return FatalityRange(None, None, None, "No claim gives a fatality figure.")
    lows = [(figure.min or 0, figure.claim_id) for figure in figures]
    low, low_claim = max(lows)
    notes = [f"low {low}: largest minimum among {len(figures)} claim(s) (claim {low_claim})"]

    open_ended = [figure.claim_id for figure in figures if figure.max is None]
    if open_ended:
        high = None
        notes.append(f"high unknown: claim(s) {', '.join(map(str, open_ended))} give no upper bound")
    else:
        high, high_claim = max((figure.max, figure.claim_id) for figure in figures)
        notes.append(f"high {high}: largest maximum (claim {high_claim})")

    exact = sorted(figure.min for figure in figures if figure.min is not None and figure.min == figure.max)
    if not exact:
        best = None
        notes.append("best unknown: no claim gives an exact figure")
    else:
        best = median_low(exact)
        notes.append(f"best {best}: median of exact figures {exact}")
        if best < low:
            best = low
            notes.append(f"best raised to low ({low})")
    return FatalityRange(low, best, high, "; ".join(notes) + ".")
