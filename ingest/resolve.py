"""Entity resolution across articles: an extracted actor or place becomes the one row the knowledge base has for it.

Actors match by canonical name or any alias, case-insensitively, within a compatible country; every new
name the text used for them is kept as an alias. Places match by gazetteer id, else by name and country.
Called only inside the persisting transaction of `ingest.persist`.
"""
from __future__ import annotations

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from incidents.choices import ActorKind, LocationPrecision
from incidents.models import Actor, Location
from ingest.extraction import ActorResult, LocationResult

# Words a mention may consist of that name nobody in particular; they never become aliases.
_NOT_AN_ALIAS = {"it", "its", "they", "them", "their", "he", "she", "his", "her", "we", "our", "the ministry"}
_ALIAS_MAX_LENGTH = Actor._meta.get_field("aliases").base_field.max_length


def actor_resolve(*, result: ActorResult, text: str) -> Actor:
    """The actor row for one extracted actor: an existing one matched by name or alias, else a new one."""
    names = _actor_names(result, text)
    actor = _actor_find(names=names, kind=result.kind, country_code=result.country_code or "")
    if actor is None:
        kind = result.kind if result.kind in ActorKind.values else ActorKind.OTHER
        actor, _ = Actor.objects.get_or_create(
            name=result.name[: Actor._meta.get_field("name").max_length],
            kind=kind,
            country_code=result.country_code or "",
        )
    _actor_add_aliases(actor=actor, names=names)
    return actor


def actor_set_parent(*, actor: Actor, parent: Actor) -> None:
    """Record `parent` (e.g. the state a ministry belongs to) unless the actor already has one."""
    if actor.parent_id is None and parent.pk != actor.pk and not _is_ancestor(candidate=actor, of=parent):
        actor.parent = parent
        actor.save(update_fields=["parent", "updated_at"])


def location_resolve(*, result: LocationResult) -> Location:
    """The location row for one extracted place: by gazetteer id, else by name and country, else a new one."""
    if result.gazetteer_id:
        location = Location.objects.filter(gazetteer_id=result.gazetteer_id).first()
    else:
        location = (
            Location.objects.filter(gazetteer_id__isnull=True, country_code=result.country_code or "")
            .filter(Q(name__iexact=result.name) | _alias_contains("alternate_names", [result.name.lower()]))
            .order_by("id")
            .first()
        )
    if location is None:
        precision = result.precision if result.precision in LocationPrecision.values else LocationPrecision.UNKNOWN
        location = Location.objects.create(
            name=result.name,
            alternate_names=_unique_names(result.alternate_names),
            country_code=result.country_code or "",
            admin1=result.admin1 or "",
            latitude=result.lat,
            longitude=result.lon,
            precision=precision,
            gazetteer_id=result.gazetteer_id or None,
        )
    elif location.latitude is None and result.lat is not None:
        # A gazetteer hit fills in a place first seen without coordinates; an analyst's coordinates stay.
        location.latitude, location.longitude = result.lat, result.lon
        location.save(update_fields=["latitude", "longitude", "updated_at"])
    return location


def _actor_names(result: ActorResult, text: str) -> list[str]:
    mention_texts = [text[start:end] for start, end in result.mentions]
    # Only proper names become aliases: "the ministry" or "its forces" would match every ministry or army.
    proper = [name for name in (*result.aliases, *mention_texts)
              if name.strip()[:1].isupper() and name.strip().lower() not in _NOT_AN_ALIAS]
    return _unique_names([result.name, *proper])


def _actor_find(*, names: list[str], kind: str, country_code: str) -> Actor | None:
    lowered = [name.lower() for name in names]
    candidates = list(
        Actor.objects.annotate(lower_name=Lower("name"))
        .filter(Q(lower_name__in=lowered) | _alias_contains("aliases", lowered))
        .order_by("id")
    )
    compatible = [
        actor for actor in candidates
        if not (actor.country_code and country_code and actor.country_code != country_code)
    ]

    def preference(actor: Actor) -> tuple[int, int, int, int]:
        return (
            actor.name.lower() != lowered[0],  # the canonical name itself beats an alias
            actor.kind != kind,
            actor.country_code != country_code,
            actor.pk,
        )

    return min(compatible, key=preference, default=None)


def _actor_add_aliases(*, actor: Actor, names: list[str]) -> None:
    known = {actor.name.lower(), *(alias.lower() for alias in actor.aliases)}
    new = [name for name in names if name.lower() not in known and len(name) <= _ALIAS_MAX_LENGTH]
    if new:
        actor.aliases = [*actor.aliases, *new]
        actor.save(update_fields=["aliases", "updated_at"])


def _alias_contains(field: str, lowered_names: list[str]) -> Q:
    """Q for rows whose array `field` holds any of `lowered_names`, ignoring case."""
    column = {"aliases": "incidents_actor.aliases", "alternate_names": "incidents_location.alternate_names"}[field]
    return Q(RawSQL(
        f"EXISTS (SELECT 1 FROM unnest({column}) AS name WHERE lower(name) = ANY(%s))",
        (lowered_names,),
        output_field=BooleanField(),
    ))


def _is_ancestor(*, candidate: Actor, of: Actor) -> bool:
    seen: set[int] = set()
    node = of
    while node.parent_id is not None and node.parent_id not in seen:
        if node.parent_id == candidate.pk:
            return True
        seen.add(node.parent_id)
        node = node.parent
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
