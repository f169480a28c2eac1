"""The actor word lists from data/ (organisations, government bodies, titles, forces, violence words), loaded once."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country_code: str | None
    parent: str | None
    national_military: bool = False


@dataclass(frozen=True)
class ActorWords:
    organisations: dict[str, Organisation]      # any alias or name -> organisation
    government_bodies: dict[str, str]           # written form -> canonical body name
    ministry_heads: frozenset[str]
    regime_words: frozenset[str]
    forces_words: frozenset[str]
    person_titles: frozenset[str]
    org_heads: dict[str, str]                   # last word(s) of a name -> kind
    seats: dict[str, tuple[str, str]]           # "Kremlin" -> (ISO, canonical body)
    military_bodies: dict[str, str]             # "air force" -> "Air Force"; "army", "military" -> "army"
    national_militaries: dict[str, Organisation]  # ISO -> the country's regular forces ("IL" -> IDF)
    violent_nouns: frozenset[str]
    unnamed_armed_groups: frozenset[str]
    violent_verbs: frozenset[str]
    peoples: frozenset[str]                     # ethnic and religious groups: never a place or a person


@functools.cache
def actor_words() -> ActorWords:
    orgs = json.loads((DATA_DIR / "organisations.json").read_text(encoding="utf-8"))["organisations"]
    words = json.loads((DATA_DIR / "actor_words.json").read_text(encoding="utf-8"))
    by_alias = {}
    for entry in orgs:
        org = Organisation(entry["name"], tuple(entry["aliases"]), entry["kind"], entry["country_code"],
                           entry.get("parent"), entry.get("national_military", False))
        for alias in (org.name, *org.aliases):
            by_alias[alias] = org
    bodies = {form: canonical for canonical, forms in words["government_bodies"].items() for form in forms}
    heads = {head: kind for kind, names in words["org_heads"].items() for head in names}
    seats = json.loads((DATA_DIR / "government_seats.json").read_text(encoding="utf-8"))["seats"]
    return ActorWords(
        organisations=by_alias,
        government_bodies=bodies,
        ministry_heads=frozenset(words["ministry_heads"]),
        regime_words=frozenset(words["regime_words"]),
        forces_words=frozenset(words["forces_words"]),
        person_titles=frozenset(words["person_titles"]),
        org_heads=heads,
        seats={name: (seat["country"], seat["body"]) for name, seat in seats.items()},
        military_bodies=dict(words["military_body_words"]),
        national_militaries={org.country_code: org for org in by_alias.values() if org.national_military},
        violent_nouns=frozenset(words["violent_nouns"]),
        unnamed_armed_groups=frozenset(words["unnamed_armed_groups"]),
        violent_verbs=frozenset(words["violent_verbs"]),
        peoples=frozenset(words["peoples"]),
    )
