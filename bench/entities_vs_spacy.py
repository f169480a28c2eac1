"""Named actors and places of the pipeline against bare spaCy NER, scored on the dstl/re3d subset.

    .venv/bin/python bench/entities_vs_spacy.py [--data tests/data/re3d] [--verbose]

Gold: tests/data/re3d/*.json (see its README): re3d's Person and Organisation annotations are actors,
Location annotations are places. Only *named* entities count, for the gold and for both systems
alike: a text counts when a word of it, after leading determiners, is capitalised (or an acronym) and
is not merely the capital of a sentence's first word that is a dictionary word ("Soldiers said"),
and no word of it is a pronoun alone. Scoring is per document over entity clusters: strings that
contain one another word for word ("Qanbar", "Abboud Qanbar") are one entity, and a predicted entity
matches a gold one when any of their strings are equal or contain one another word for word.

Systems: the pipeline (`extract_text`: actors = ActorResult name, aliases and mention texts; places =
LocationResult name and mention texts) and bare spaCy of the same model (PERSON, ORG as actors; GPE,
LOC, FAC as places). Prints precision / recall / F1 per source and over all documents.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from ingest.pipeline import DEFAULT_MODEL, extract_text, load_nlp  # noqa: E402
from ingest.pipeline.nlp import is_english_word, load_model_package  # noqa: E402

DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
               "these", "those", "all", "some", "both", "each", "every"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me"}
ACTOR_LABELS = {"PERSON", "ORG"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
SENTENCE_END = re.compile(r"(^|[.!?:\n\"“(\]])\s*$")


def words(value: str) -> list[str]:
    """Words without punctuation, citation marks ("[1]") or a bracket glued on ("Qanbar(Arabic")."""
    value = re.sub(r"\[\d*\]?|\(.*$", " ", value)
    return [w.strip(".,;:()[]\"“”'’") for w in value.split()]


def normalised(value: str) -> tuple[str, ...]:
    """Lower-case words without leading determiners or a possessive ending."""
    out = [re.sub(r"['’]s$", "", w.lower()) for w in words(value.replace("’", "'"))]
    out = [w for w in out if w]
    while out and out[0] in DETERMINERS:
        out = out[1:]
    return tuple(out)


def is_named(text: str, start: int, value: str) -> bool:
    ws = [w for w in words(value) if w]
    if not ws or (len(ws) == 1 and ws[0].lower() in PRONOUNS):
        return False
    at_sentence_start = bool(SENTENCE_END.search(text[:start]))
    for i, w in enumerate(ws):
        if i == 0 and w.lower() in DETERMINERS:
            continue
        if any(c.isdigit() for c in w) or not w[:1].isupper():
            continue
        if i == 0 and at_sentence_start and not w.isupper() and is_english_word(w):
            continue
        return True
    return False


def contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b or len(a) < len(b):
        return False
    return any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


def same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return a == b or contains(a, b) or contains(b, a)


def clusters(groups: list[set[tuple[str, ...]]]) -> list[set[tuple[str, ...]]]:
    """Merge groups of strings that share an equal or contained string."""
    merged: list[set[tuple[str, ...]]] = []
    for group in groups:
        if not group:
            continue
        hits = [c for c in merged if any(same(a, b) for a in group for b in c)]
        for c in hits:
            merged.remove(c)
            group = group | c
        merged.append(group)
    return merged


def score(pred: list[set], gold: list[set]) -> tuple[int, int, int]:
    """(matched predictions, predictions, matched gold) for one document."""
    def hit(c, others):
        return any(same(a, b) for a in c for o in others for b in o)
    return sum(hit(p, gold) for p in pred), len(pred), sum(hit(g, pred) for g in gold)


def locate(text: str, begin: int, value: str) -> int:
    """The value's offset: re3d's own where it still fits, else the nearest occurrence of the value."""
    if text[begin:begin + len(value)] == value:
        return begin
    found = [m.start() for m in re.finditer(re.escape(value), text)]
    return min(found, key=lambda s: abs(s - begin)) if found else begin


def gold_entities(doc: dict) -> tuple[list[set], list[set]]:
    text, actors, places = doc["text"], [], []
    for begin, _end, kind, value in doc["entities"]:
        value = " ".join(value.split())
        start = locate(text, begin, value)
        # "Palmyra, Syria" names two places; an actor's commas stay ("3rd Battalion, 6th Marines")
        parts = value.split(", ") if kind == "Location" else [value]
        for part in parts:
            at = start + value.find(part)
            if is_named(text, at, part):
                (places if kind == "Location" else actors).append({normalised(part)})
    return clusters(actors), clusters(places)


def named_strings(text: str, spans, extra=()) -> set:
    found = {normalised(text[s:e]) for s, e in spans if is_named(text, s, text[s:e])}
    return found | {normalised(v) for v in extra if v and any(w[:1].isupper() for w in words(v))}


def pipeline_entities(text: str, nlp) -> tuple[list[set], list[set]]:
    result = extract_text(text, nlp=nlp)
    actors = [named_strings(text, a.mentions, [a.name, *a.aliases]) for a in result.actors]
    places = [named_strings(text, p.mentions, [p.name]) for p in result.locations]
    return clusters(actors), clusters(places)


def spacy_entities(text: str, nlp) -> tuple[list[set], list[set]]:
    doc = nlp(text)
    def pick(labels):
        return clusters([named_strings(text, [(e.start_char, e.end_char)]) for e in doc.ents
                         if e.label_ in labels])
    return pick(ACTOR_LABELS), pick(PLACE_LABELS)


def prf(t: list[int]) -> str:
    p = t[0] / t[1] if t[1] else 1.0
    r = t[2] / t[3] if t[3] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.2f} R {r:.2f} F1 {f:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(PROJECT / "tests" / "data" / "re3d"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    model = os.environ.get("SPACY_MODEL", DEFAULT_MODEL)
    systems = {"pipeline": (pipeline_entities, load_nlp(model)),
               "spacy": (spacy_entities, load_model_package(model))}
    totals = defaultdict(lambda: [0, 0, 0, 0])
    for path in sorted(Path(args.data).glob("*.json")):
        data = json.loads(path.read_text())
        for doc in data["documents"]:
            source = doc.get("source", data["source"])
            gold = gold_entities(doc)
            for name, (run, nlp) in systems.items():
                pred = run(doc["text"], nlp)
                for role, p, g in (("actors", pred[0], gold[0]), ("places", pred[1], gold[1])):
                    mp, np_, mg = score(p, g)
                    for key in ((source, name, role), ("ALL", name, role)):
                        t = totals[key]
                        t[0] += mp
                        t[1] += np_
                        t[2] += mg
                        t[3] += len(g)
                    if args.verbose:
                        missed = [sorted(" ".join(w) for w in c)[0] for c in g if not any(
                            same(a, b) for a in c for o in p for b in o)]
                        spurious = [sorted(" ".join(w) for w in c)[0] for c in p if not any(
                            same(a, b) for a in c for o in g for b in o)]
                        print(f"{doc['title'][:40]:40} {name:8} {role:6} missed {missed} spurious {spurious}")
    print(f"model: {model}")
    sources = sorted({k[0] for k in totals if k[0] != "ALL"}) + ["ALL"]
    for source in sources:
        for role in ("actors", "places"):
            line = "   ".join(f"{name}: {prf(totals[(source, name, role)])}" for name in systems)
            print(f"{source:20} {role:6}  {line}")


if __name__ == "__main__":
    main()
