"""The one read behind an incident's derived values: its claims with what titles, summaries and roll-ups use.

Ingestion rewrites the title, summary and casualty roll-up of every incident an article touches. Both steps
read the same claims, so they share one load per batch of incidents (`incident_claims_load`), with the few
columns `incidents.accounts`, `incidents.naming` and `incidents.describe` read and each actor and place built
once, instead of a select_related chain per claim that carried the whole article (text, extraction) and
three levels of parents on every row. The claims come back as model instances whose relations answer
`.all()` and `.claimant` from memory, so the same functions read them as they read the incident page's.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, Model, OuterRef, QuerySet

from incidents.models import Actor, CasualtyFigure, Claim, Incident, Location

CLAIM_COLUMNS = ("id", "incident", "article", "claimant", "kind", "quote", "negated", "hypothetical", "aggregate",
                 "review_status", "fatalities_min", "fatalities_max", "casualty_group", "casualty_actor", "start")
FIGURE_COLUMNS = ("id", "claim", "kind", "group", "min", "max", "actor")
LOCATION_COLUMNS = ("id", "name", "alternate_names", "precision")
# An actor and every parent above it, in one query however deep the chain (`accounts.side_of` walks it to the
# top); UNION, not UNION ALL, so a cycle an analyst made ends. Ordered as Actor.Meta orders (by name), in SQL,
# so members sort as a prefetch would have sorted them, under the database's collation.
ACTOR_CHAIN_SQL = """
WITH RECURSIVE chain(id) AS (
    SELECT id FROM {table} WHERE id = ANY(%s)
    UNION
    SELECT actor.parent_id FROM {table} actor JOIN chain ON actor.id = chain.id WHERE actor.parent_id IS NOT NULL
)
SELECT id, name, kind, country_code, parent_id FROM {table} WHERE id IN (SELECT id FROM chain) ORDER BY name, id
"""
CLAIM_MEMBERS = {"perpetrators": "actor_id", "targets": "actor_id", "locations": "location_id"}


def incident_claims_load(*, incident_ids: Iterable[int], places: bool = True) -> dict[int, list[Claim]]:
    """Each incident's claims in reading order (article date, article, position), with claimant, publisher,
    casualty actor, figures (and their actors), perpetrators, targets and places loaded: a fixed number of
    queries for any number of incidents and claims. `places=False` leaves perpetrators, targets and places
    out, for a roll-up alone."""
    claims = list(_claims(list(incident_ids), places=places))
    figures = list(CasualtyFigure.objects.filter(claim_id__in=[claim.pk for claim in claims]).only(*FIGURE_COLUMNS))
    members = {name: {claim.pk: getattr(claim, f"{name}_ids") for claim in claims}
               for name in CLAIM_MEMBERS if places}
    actor_ids = ({claim.claimant_id for claim in claims} | {claim.casualty_actor_id for claim in claims}
                 | {figure.actor_id for figure in figures}
                 | {pk for name in ("perpetrators", "targets") for ids in members.get(name, {}).values() for pk in ids})
    actors = actors_with_parents(actor_ids)
    locations = locations_by_id({pk for ids in members.get("locations", {}).values() for pk in ids})

    figures_of: dict[int, list[CasualtyFigure]] = {claim.pk: [] for claim in claims}
    for figure in figures:
        figure.actor = actors.get(figure.actor_id)
        figures_of[figure.claim_id].append(figure)
    tables = {"perpetrators": actors, "targets": actors, "locations": locations} if places else {}
    # Members in their table's order (by name, in SQL), as the relations' default ordering gives them.
    ranks = {name: {pk: n for n, pk in enumerate(table)} for name, table in tables.items()}
    out: dict[int, list[Claim]] = {}
    for claim in claims:
        claim.claimant = actors.get(claim.claimant_id)
        claim.casualty_actor = actors.get(claim.casualty_actor_id)
        prefetched(claim, "figures", figures_of[claim.pk])
        for name, table in tables.items():
            ids = sorted(members[name][claim.pk], key=ranks[name].__getitem__)
            prefetched(claim, name, [table[pk] for pk in ids])
        out.setdefault(claim.incident_id, []).append(claim)
    return out


def incident_locations_load(*, incidents: Sequence[Incident]) -> None:
    """Load the incidents' own places (`incident.locations.all()`, by name), in one query for all."""
    rows = (Location.objects.filter(incidents__in=[incident.pk for incident in incidents])
            .annotate(incident_pk=F("incidents__id")).order_by("name", "pk").only(*LOCATION_COLUMNS))
    of: dict[int, list[Location]] = {incident.pk: [] for incident in incidents}
    for place in rows:
        of[place.incident_pk].append(place)
    for incident in incidents:
        prefetched(incident, "locations", of[incident.pk])


def actors_with_parents(actor_ids: Iterable[int | None]) -> dict[int, Actor]:
    """These actors and all their parents by id, ordered by name, each `.parent` set from the same dict."""
    ids = sorted({pk for pk in actor_ids if pk is not None})
    if not ids:
        return {}
    actors = {actor.pk: actor for actor in Actor.objects.raw(ACTOR_CHAIN_SQL.format(table=Actor._meta.db_table),
                                                             [ids])}
    for actor in actors.values():
        if actor.parent_id in actors:
            actor.parent = actors[actor.parent_id]
    return actors


def locations_by_id(location_ids: Iterable[int]) -> dict[int, Location]:
    """These places by id, ordered as Location.Meta orders them (by name), with the columns naming reads."""
    ids = sorted(set(location_ids))
    if not ids:
        return {}
    return {place.pk: place for place in Location.objects.filter(pk__in=ids).order_by("name", "pk")
            .only(*LOCATION_COLUMNS)}


def prefetched(instance: Model, name: str, objects: list) -> None:
    """Make `instance.<name>.all()` answer `objects` without a query, as `prefetch_related` leaves it (Django
    keeps a prefetched relation as a QuerySet with its result cache filled, under the relation's name)."""
    queryset = QuerySet(model=instance._meta.get_field(name).related_model)
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


def _claims(incident_ids: list[int], *, places: bool) -> QuerySet:
    """The claims, narrow, with their m2m members' ids as arrays (no row per member) and the publisher joined."""
    queryset = (Claim.objects.filter(incident_id__in=incident_ids).select_related("article__publisher")
                .only(*CLAIM_COLUMNS, "article__id", "article__publisher_id", "article__publisher__name")
                .order_by("article__published_at", "article_id", "start", "pk"))
    if not places:
        return queryset
    return queryset.annotate(**{
        f"{name}_ids": ArraySubquery(getattr(Claim, name).through.objects.filter(claim_id=OuterRef("pk"))
                                     .values(column))
        for name, column in CLAIM_MEMBERS.items()
    })

