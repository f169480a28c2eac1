"""Data integrity of the real-article corpus in tests/data/real (no pipeline run).

Every gold file must describe its own article: each claim anchor, optional-claim text,
boilerplate string and title occurs verbatim in the text beside it, every key a claim,
incident or link names exists, and each article records where it came from and under
which licence, so a scorer never crashes on a gold mistake and the corpus stays legal
to keep.
"""
import json
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parent.parent / "data" / "real"
GOLDS = sorted(REAL.rglob("*.gold.json"))


def _load(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["article"]["file"]).read_text(encoding="utf-8")
    return gold, text


def test_real_corpus_has_dev_and_test_splits():
    splits = {p.parent.name for p in GOLDS}
    assert {"dev", "test"} <= splits


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_quoted_string_occurs_in_the_article(path):
    gold, text = _load(path)
    quoted = [c["anchor"] for c in gold["claims"]]
    quoted += gold.get("optional_claims", [])
    quoted += gold["article"].get("boilerplate", [])
    if gold["article"].get("title"):
        quoted.append(gold["article"]["title"])
    missing = [s for s in quoted if s not in text]
    assert missing == []


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_referenced_key_exists(path):
    gold, _ = _load(path)
    actors = {a["key"] for a in gold["actors"]}
    places = {loc["key"] for loc in gold["locations"]}
    incidents = {i["key"] for i in gold["incidents"]}
    claims = {c["key"] for c in gold["claims"]}
    dangling = []
    if gold["article"].get("publisher_actor") not in actors | {None}:
        dangling.append(gold["article"]["publisher_actor"])
    for incident in gold["incidents"]:
        dangling += [k for k in incident.get("locations", []) if k not in places]
    for claim in gold["claims"]:
        if claim["claimant"] not in actors | {None}:
            dangling.append(claim["claimant"])
        if claim["incident"] not in incidents:
            dangling.append(claim["incident"])
        dangling += [k for k in claim.get("perpetrators", []) if k not in actors]
        dangling += [k for k in claim.get("locations", []) if k not in places]
    for link in gold.get("links", []):
        dangling += [k for k in (link["a"], link["b"]) if k not in claims]
    assert dangling == []


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_article_records_source_and_licence(path):
    gold, _ = _load(path)
    assert gold["article"].get("source") and gold["article"].get("licence")
