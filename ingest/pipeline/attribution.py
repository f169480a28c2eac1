"""A claim's span read with who says it: "A local official, Lawan Kole, said 185 people died".

The stages read a claim by its content only (its dates, places and words must not be the speaker's: "officials
in Khartoum said Sunday"), so the span is widened to the speaker and the reporting verb before it only at the
end, for the reader: a highlight of "185 people died" alone does not say whose figure it is.
"""
from __future__ import annotations

from dataclasses import replace

MAX_ATTRIBUTION_CHARS = 100  # a speaker with a title and an apposition; longer subjects carry clauses of their own
USER_DATA_KEY = "kb_attribution_starts"


def attribution_start(frame, span: tuple[int, int]) -> int | None:
    """Where the speaker before a claim's content starts, when speaker and reporting verb come first."""
    if frame is None or frame.subject is None or frame.claimant is None:
        return None
    subject, verb = frame.subject, frame.verb
    start = subject.left_edge.idx
    if subject.sent.start != verb.sent.start or not start < span[0] or verb.idx >= span[1]:
        return None
    return start if span[0] - start <= MAX_ATTRIBUTION_CHARS else None


def remember(doc, starts: dict[str, int]) -> None:
    doc.user_data[USER_DATA_KEY] = starts


def with_attributions(doc, text: str, claims) -> list:
    """The claims with each span widened back to its speaker, unless another claim lies in between."""
    starts = doc.user_data.get(USER_DATA_KEY, {})
    out = []
    for claim in claims:
        start = starts.get(claim.id)
        between = start is not None and any(
            other is not claim and other.span[0] < claim.span[0] and other.span[1] > start for other in claims)
        if start is None or between:
            out.append(claim)
            continue
        out.append(replace(claim, span=(start, claim.span[1]), text=text[start:claim.span[1]]))
    return out
