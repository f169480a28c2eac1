"""Small actor and place tables for testing the claim stages on invented sentences, independent of the actor finder."""
from __future__ import annotations

import re

from ingest.extraction import ActorResult
from ingest.pipeline.body import find_body


class NameTable:
    """Finds the given names in a text; `.actor_at`, `.actors_in` and `.places_in` as the real tables."""

    def __init__(self, text: str, names: dict[str, tuple[str, str | None]]):
        self.hits: list[tuple[int, int, str]] = []
        for key, (name, _) in sorted(names.items(), key=lambda kv: -len(kv[1][0])):
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                if not any(s < m.end() and m.start() < e for s, e, _ in self.hits):
                    self.hits.append((m.start(), m.end(), key))
        self.hits.sort()
        self.results = [
            ActorResult(id=key, name=name, kind="state", country_code=country,
                        mentions=[(s, e) for s, e, k in self.hits if k == key])
            for key, (name, country) in names.items()
        ]

    def actor_at(self, start: int, end: int) -> str | None:
        return next((k for s, e, k in self.hits if s <= start and end <= e), None)

    def actors_in(self, start: int, end: int) -> list[str]:
        return [k for s, e, k in self.hits if start <= s and e <= end]

    places_in = actors_in


def parsed(nlp, text: str, actors: dict, places: dict | None = None):
    """The doc, body, actor table and place table for an invented article."""
    return nlp(text), find_body(text), NameTable(text, actors), NameTable(text, places or {})
