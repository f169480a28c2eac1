"""The editable word lists of the claim, count and incident stages, loaded once from `data/*.json`.

(The actor stage keeps its own lists in lexicon.py.)
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@functools.cache
def load(name: str) -> dict:
    """The JSON word list `data/<name>.json`, with its `_about` notes left out."""
    data = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return _strip_notes(data)


@functools.cache
def words(name: str, key: str) -> frozenset[str]:
    """One list (or the keys of one mapping) of `data/<name>.json` as a set of lower-case strings."""
    return frozenset(w.lower() for w in load(name)[key])


def _strip_notes(value):
    if isinstance(value, dict):
        return {k: _strip_notes(v) for k, v in value.items() if k != "_about"}
    if isinstance(value, list):
        return [_strip_notes(v) for v in value]
    return value
