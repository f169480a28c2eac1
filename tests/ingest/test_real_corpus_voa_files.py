"""Data integrity of the Voice of America articles in tests/data/real (no pipeline run).

The scorer reads each gold file literally: an anchor is found with ``str.find`` (so it must
occur, and occur once, or the first occurrence is scored instead of the intended clause),
ranges are compared field by field, places by coordinates. These tests keep the VOA golds
consistent with their texts and with the public-domain terms they were collected under.
"""
import json
from datetime import date
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parent.parent / "data" / "real"
VOA_GOLDS = sorted(REAL.rglob("voa-*.gold.json"))
CLAIM_KINDS = {"attack", "casualties", "accusation", "denial", "statement"}
EVENT_TYPES = {
    "battles", "explosions_remote_violence", "violence_against_civilians",
    "protests", "riots", "strategic_developments",
}
ids = {"ids": lambda p: f"{p.parent.name}/{p.stem}"}


def _load(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["article"]["file"]).read_text(encoding="utf-8")
    return gold, text


def test_voa_articles_are_split_into_dev_and_test():
    splits = [p.parent.name for p in VOA_GOLDS]
    assert splits.count("dev") >= 11
    assert splits.count("test") >= 5


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_each_anchor_occurs_exactly_once_in_the_article(path):
    gold, text = _load(path)
    counts = {c["anchor"]: text.count(c["anchor"]) for c in gold["claims"]}
    assert {a: n for a, n in counts.items() if n != 1} == {}


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_optional_claims_boilerplate_and_title_occur_in_the_article(path):
    gold, text = _load(path)
    quoted = gold.get("optional_claims", []) + gold["article"].get("boilerplate", [])
    if gold["article"].get("title"):
        quoted.append(gold["article"]["title"])
    assert [s for s in quoted if s not in text] == []


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_every_actor_and_place_is_named_in_the_article(path):
    gold, text = _load(path)
    unnamed = [e["key"] for e in gold["actors"] + gold["locations"]
               if not any(name in text for name in e["names"])]
    assert unnamed == []


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_claims_refer_to_known_keys_with_valid_kinds_and_ranges(path):
    gold, _ = _load(path)
    actors = {a["key"] for a in gold["actors"]}
    places = {loc["key"] for loc in gold["locations"]}
    incidents = {i["key"] for i in gold["incidents"]}
    problems = []
    for claim in gold["claims"]:
        if claim["kind"] not in CLAIM_KINDS:
            problems.append((claim["key"], "kind"))
        if claim["claimant"] not in actors | {None}:
            problems.append((claim["key"], "claimant"))
        if claim["incident"] not in incidents:
            problems.append((claim["key"], "incident"))
        problems += [(claim["key"], k) for k in claim.get("perpetrators", []) if k not in actors]
        problems += [(claim["key"], k) for k in claim.get("locations", []) if k not in places]
        for field in ("fatalities", "injured"):
            rng = claim.get(field)
            if rng and rng["max"] is not None and rng["min"] is not None and rng["min"] > rng["max"]:
                problems.append((claim["key"], field))
    assert problems == []


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_links_join_two_different_existing_claims(path):
    gold, _ = _load(path)
    claims = {c["key"] for c in gold["claims"]}
    bad = [link for link in gold["links"]
           if link["a"] == link["b"] or {link["a"], link["b"]} - claims
           or link["relation"] not in {"contradicts", "corroborates"}]
    assert bad == []


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_incidents_are_dated_typed_and_not_after_publication(path):
    gold, _ = _load(path)
    published = date.fromisoformat(gold["article"]["published_at"])
    places = {loc["key"] for loc in gold["locations"]}
    bad = []
    for incident in gold["incidents"]:
        start, end = date.fromisoformat(incident["date_start"]), date.fromisoformat(incident["date_end"])
        if not start <= end <= published or not set(incident["event_types"]) <= EVENT_TYPES:
            bad.append(incident["key"])
        if set(incident["locations"]) - places:
            bad.append(incident["key"])
    assert bad == []


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_places_have_plausible_coordinates(path):
    gold, _ = _load(path)
    bad = [loc["key"] for loc in gold["locations"]
           if not (-90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180)]
    assert bad == []


@pytest.mark.parametrize("path", VOA_GOLDS, **ids)
def test_article_is_a_public_domain_voa_page_with_its_source(path):
    gold, _ = _load(path)
    article = gold["article"]
    assert article["publisher"] == "Voice of America"
    assert "public domain" in article["licence"]
    assert article["source"].startswith("http")
