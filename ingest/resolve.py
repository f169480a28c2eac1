"""Entity resolution across articles: an extracted actor or place becomes the one row the knowledge base has for it.

Actors match by canonical name or any alias, case-insensitively, within a compatible country; every new
name the text used for them is kept as an alias. Places match by gazetteer id, else by name and country.
All of an article's actors (or places) are resolved together: one query reads every row any of their
names could match, matching runs in memory in the extraction's order (so a row created or renamed for
one actor is seen by the next, as if they were written one by one), and new and changed rows are
written in bulk with their history rows. Called only inside the persisting transaction of `ingest.persist`.
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from incidents.choices import ActorKind, LocationPrecision
from incidents.models import Actor, Location
from ingest.extraction import ActorResult, LocationResult

# Words a mention may consist of that name nobody in particular; they never become aliases.
_NOT_AN_ALIAS = {"it", "its", "they", "them", "their", "he", "she", "his", "her", "we", "our", "the ministry"}
_ALIAS_MAX_LENGTH = Actor._meta.get_field("aliases").base_field.max_length
_NAME_MAX_LENGTH = Actor._meta.get_field("name").max_length


def actors_resolve(*, results: Sequence[ActorResult], text: str) -> dict[str, Actor]:
    """The actor row of each extracted actor, by result id: matched by name or alias, else new.

    New names become aliases, and a result's `parent_id` becomes the row's parent unless it has one.
    """
    names = {result.id: _actor_names(result, text) for result in results}
    pool = _actor_pool(results, names)
    order = itertools.count()
    # Rows are preferred oldest first; rows new in this article come after every stored one, in creation order.
    rank = {id(actor): next(order) for actor in sorted(pool, key=lambda actor: actor.pk)}
    resolved: dict[str, Actor] = {}
    new: list[Actor] = []
    changed: dict[int, Actor] = {}
    for result in results:
        actor = _actor_find(pool, rank, names=names[result.id], kind=result.kind,
                            country_code=result.country_code or "")
        if actor is None:
            actor = _actor_existing_or_new(pool, result)
        if actor.pk is None and actor not in new:
            new.append(actor)
            pool.append(actor)
            rank[id(actor)] = next(order)
        if _actor_add_aliases(actor=actor, names=names[result.id]) and actor.pk is not None:
            changed[actor.pk] = actor
        resolved[result.id] = actor
    if new:
        bulk_create_with_history(new, Actor)
    known = {actor.pk: actor for actor in pool}
    for result in results:
        actor = resolved[result.id]
        if result.parent_id in resolved and _actor_set_parent(actor, resolved[result.parent_id], known):
            changed[actor.pk] = actor
    _actors_update(changed.values())
    return resolved


def locations_resolve(*, results: Sequence[LocationResult]) -> dict[str, Location]:
    """The location row of each extracted place, by result id: by gazetteer id, else by name and country, else new.

    A gazetteer hit fills in the coordinates of a place first seen without them; an analyst's coordinates stay.
    """
    pool = _location_pool(results)
    resolved: dict[str, Location] = {}
    new: list[Location] = []
    filled: dict[int, Location] = {}
    for result in results:
        location = _location_find(pool, result)
        if location is None:
            location = _location_new(result)
            new.append(location)
            pool.append(location)
        elif location.latitude is None and result.lat is not None:
            location.latitude, location.longitude = result.lat, result.lon
            if location.pk is not None:
                filled[location.pk] = location
        resolved[result.id] = location
    if new:
        bulk_create_with_history(new, Location)
    if filled:
        now = timezone.now()
        for location in filled.values():
            location.updated_at = now
        bulk_update_with_history(list(filled.values()), Location, ["latitude", "longitude", "updated_at"])
    return resolved


def _actor_pool(results: Sequence[ActorResult], names: dict[str, list[str]]) -> list[Actor]:
    """Every stored actor any result could match or be: by name or alias (any case), or by its exact name."""
    lowered = sorted({name.lower() for result_names in names.values() for name in result_names})
    exact = sorted({result.name[:_NAME_MAX_LENGTH] for result in results})
    if not lowered and not exact:
        return []
    return list(
        Actor.objects.annotate(lower_name=Lower("name"))
        .filter(Q(lower_name__in=lowered) | _alias_contains("aliases", lowered) | Q(name__in=exact))
        .select_related("parent")
    )


def _actor_find(pool: list[Actor], rank: dict, *, names: list[str], kind: str, country_code: str) -> Actor | None:
    lowered = [name.lower() for name in names]
    wanted = set(lowered)
    compatible = [
        actor for actor in pool
        if (actor.name.lower() in wanted or any(alias.lower() in wanted for alias in actor.aliases))
        and not (actor.country_code and country_code and actor.country_code != country_code)
    ]

    def preference(actor: Actor) -> tuple[int, int, int, int]:
        return (
            actor.name.lower() != lowered[0],  # the canonical name itself beats an alias
            actor.kind != kind,
            actor.country_code != country_code,
            rank[id(actor)],
        )

    return min(compatible, key=preference, default=None)


def _actor_existing_or_new(pool: list[Actor], result: ActorResult) -> Actor:
    """The row with exactly this name, kind and country (the unique key), else a new, unsaved one."""
    key = (result.name[:_NAME_MAX_LENGTH], result.kind if result.kind in ActorKind.values else ActorKind.OTHER,
           result.country_code or "")
    existing = next((actor for actor in pool if (actor.name, actor.kind, actor.country_code) == key), None)
    return existing or Actor(name=key[0], kind=key[1], country_code=key[2])


def _actor_add_aliases(*, actor: Actor, names: list[str]) -> bool:
    known = {actor.name.lower(), *(alias.lower() for alias in actor.aliases)}
    new = [name for name in names if name.lower() not in known and len(name) <= _ALIAS_MAX_LENGTH]
    if new:
        actor.aliases = [*actor.aliases, *new]
    return bool(new)


def _actor_set_parent(actor: Actor, parent: Actor, known: dict[int, Actor]) -> bool:
    """Record `parent` (e.g. the state a ministry belongs to) unless the actor already has one or it makes a cycle."""
    if actor.parent_id is not None or parent.pk == actor.pk or _is_ancestor(candidate=actor, of=parent, known=known):
        return False
    actor.parent = parent
    return True


def _actors_update(actors) -> None:
    actors = list(actors)
    if actors:
        now = timezone.now()
        for actor in actors:
            actor.updated_at = now
        bulk_update_with_history(actors, Actor, ["aliases", "parent", "updated_at"])


def _location_pool(results: Sequence[LocationResult]) -> list[Location]:
    """Every stored place any result could match: by gazetteer id, or (without one) by name or alternate name."""
    gazetteer_ids = sorted({result.gazetteer_id for result in results if result.gazetteer_id})
    named = sorted({result.name for result in results if not result.gazetteer_id})
    if not gazetteer_ids and not named:
        return []
    matching = Q(gazetteer_id__in=gazetteer_ids)
    if named:
        by_name = _alias_contains("alternate_names", sorted({name.lower() for name in named}))
        for name in named:
            by_name |= Q(name__iexact=name)
        matching |= Q(gazetteer_id__isnull=True) & by_name
    return list(Location.objects.filter(matching).order_by("id"))


def _location_find(pool: list[Location], result: LocationResult) -> Location | None:
    """The first match in `pool` (oldest stored row first, then rows new in this article)."""
    if result.gazetteer_id:
        return next((location for location in pool if location.gazetteer_id == result.gazetteer_id), None)
    country_code, upper, lower = result.country_code or "", result.name.upper(), result.name.lower()
    return next(
        (location for location in pool
         if location.gazetteer_id is None and location.country_code == country_code
         and (location.name.upper() == upper or any(name.lower() == lower for name in location.alternate_names))),
        None,
    )


def _location_new(result: LocationResult) -> Location:
    precision = result.precision if result.precision in LocationPrecision.values else LocationPrecision.UNKNOWN
    return Location(
        name=result.name,
        alternate_names=_unique_names(result.alternate_names),
        country_code=result.country_code or "",
        admin1=result.admin1 or "",
        latitude=result.lat,
        longitude=result.lon,
        precision=precision,
        gazetteer_id=result.gazetteer_id or None,
    )


def _actor_names(result: ActorResult, text: str) -> list[str]:
    mention_texts = [text[start:end] for start, end in result.mentions]
    # Only proper names become aliases: "the ministry" or "its forces" would match every ministry or army.
    proper = [name for name in (*result.aliases, *mention_texts)
              if name.strip()[:1].isupper() and name.strip().lower() not in _NOT_AN_ALIAS]
    return _unique_names([result.name, *proper])


def _alias_contains(field: str, lowered_names: list[str]) -> Q:
    """Q for rows whose array `field` holds any of `lowered_names`, ignoring case."""
    column = {"aliases": "incidents_actor.aliases", "alternate_names": "incidents_location.alternate_names"}[field]
    return Q(RawSQL(
        f"EXISTS (SELECT 1 FROM unnest({column}) AS name WHERE lower(name) = ANY(%s))",
        (lowered_names,),
        output_field=BooleanField(),
    ))


def _is_ancestor(*, candidate: Actor, of: Actor, known: dict[int, Actor]) -> bool:
    """Whether `candidate` is above `of`; walks the parents as set in memory (rows not in `known` load as needed)."""
    seen: set[int] = set()
    node = of
    while node.parent_id is not None and node.parent_id not in seen:
        if node.parent_id == candidate.pk:
            return True
        seen.add(node.parent_id)
        node = known.get(node.parent_id) or node.parent
    return False


def _unique_names(names) -> list[str]:
    seen: set[str] = set()
    unique = []
    for name in names:
        name = " ".join(name.split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return unique
