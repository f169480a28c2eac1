"""The incidents an export writes, read in batches with their relations loaded as plain lists.

An export row reads an incident's places, actors and claims, and each claim's perpetrators, targets,
links and publisher, through `.all()` as a related manager would answer it. Prefetched managers clone a
QuerySet on every `.all()` (tens of clones per row); here each relation is read once per batch, in the
order its model's Meta gives, and handed to the row builder as a list behind the same `.all()`.
So `incidents.exports.acled_row(incident)` keeps its interface and its code reads as it did.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from incidents.models import Actor, Article, Claim, ClaimLink, Incident

EXPORT_BATCH_SIZE = 1000
# Columns no export writes: the search vector and the derivation notes (exports.py documents the columns).
EXPORT_DEFERRED = ("search_vector", "fatalities_derivation", "grouping_reason")
ARTICLE_HEAVY = ("text", "extraction", "body_spans", "created_at", "updated_at", "extracted_at")
CLAIM_UNUSED = ("created_at", "updated_at", "analyst_note")


class Loaded:
    """A relation read in bulk, answering `.all()` (and iteration) like a related manager, without a query."""

    __slots__ = ("_rows",)

    def __init__(self, rows: list) -> None:
        self._rows = rows

    def all(self) -> list:
        return self._rows

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def count(self) -> int:
        return len(self._rows)

    def exists(self) -> bool:
        return bool(self._rows)


class LoadedRow:
    """A model instance seen with some of its relations as `Loaded` lists; every other attribute is the instance's."""

    def __init__(self, instance, **relations: list) -> None:
        self.__dict__["_instance"] = instance
        self.__dict__.update({name: Loaded(rows) for name, rows in relations.items()})

    def __getattr__(self, name: str):
        return getattr(self.__dict__["_instance"], name)

    def __eq__(self, other) -> bool:
        other = other.__dict__["_instance"] if isinstance(other, LoadedRow) else other
        return self.__dict__["_instance"] == other

    def __hash__(self) -> int:
        return hash(self.__dict__["_instance"])

    def __str__(self) -> str:
        return str(self.__dict__["_instance"])


def _one_of(ids) -> RawSQL:
    """`ids` as one array parameter for an `__in` lookup: thousands of ids cost one parameter, not thousands."""
    return RawSQL("SELECT unnest(%s::bigint[])", [sorted(ids)])


def _members(through, owner: str, member: str, owner_ids: list[int]) -> dict[int, list]:
    """Each owner's related rows, in the related model's Meta ordering (then id), read through the link table.

    A busy actor or place is in most batches' rows: it is read once per batch, not once per link.
    """
    model = through._meta.get_field(member).related_model
    pairs = list(through.objects.filter(**{f"{owner}_id__in": _one_of(owner_ids)})
                 .values_list(f"{owner}_id", f"{member}_id"))
    rows = list(model.objects.filter(pk__in=_one_of({member_id for _, member_id in pairs}))
                .order_by(*model._meta.ordering, "pk"))
    rank = {row.pk: index for index, row in enumerate(rows)}
    by_pk = {row.pk: row for row in rows}
    grouped: dict[int, list] = defaultdict(list)
    for owner_id, member_id in sorted(pairs, key=lambda pair: rank[pair[1]]):
        grouped[owner_id].append(by_pk[member_id])
    return grouped


def _parents_attach(actors: list[Actor]) -> None:
    """Each actor's chain of parents (a ministry's state), read a level at a time for the whole batch: the export
    names an actor's side, its top parent."""
    known = {actor.pk: actor for actor in actors}
    level = [actor for actor in actors]
    while level:
        missing = {actor.parent_id for actor in level if actor.parent_id and actor.parent_id not in known}
        known.update({actor.pk: actor for actor in Actor.objects.filter(pk__in=_one_of(missing))} if missing else {})
        for actor in level:
            if actor.parent_id:
                actor.parent = known[actor.parent_id]
        level = [known[actor.parent_id] for actor in level
                 if actor.parent_id and known[actor.parent_id].parent_id
                 and not Actor.parent.is_cached(known[actor.parent_id])]


def _claims_loaded(incident_ids: list[int]) -> dict[int, list[LoadedRow]]:
    claims = list(Claim.objects.filter(incident_id__in=_one_of(incident_ids)).defer(*CLAIM_UNUSED)
                  .order_by(*Claim._meta.ordering, "pk"))
    _articles_attach(claims)
    named = {pk for claim in claims for pk in (claim.claimant_id, claim.casualty_actor_id) if pk is not None}
    actors = {actor.pk: actor for actor in Actor.objects.filter(pk__in=_one_of(named))}
    for claim in claims:
        claim.claimant = actors.get(claim.claimant_id)
        claim.casualty_actor = actors.get(claim.casualty_actor_id)
    claim_ids = [claim.pk for claim in claims]
    perpetrators = _members(Claim.perpetrators.through, "claim", "actor", claim_ids)
    targets = _members(Claim.targets.through, "claim", "actor", claim_ids)
    places = _members(Claim.locations.through, "claim", "location", claim_ids)
    _parents_attach([*actors.values(), *(a for rows in (*perpetrators.values(), *targets.values()) for a in rows)])
    links_a, links_b = defaultdict(list), defaultdict(list)
    for link in (ClaimLink.objects.filter(Q(claim_a_id__in=_one_of(claim_ids)) | Q(claim_b_id__in=_one_of(claim_ids)))
                 .order_by("pk")):
        links_a[link.claim_a_id].append(link)
        links_b[link.claim_b_id].append(link)
    grouped: dict[int, list[LoadedRow]] = defaultdict(list)
    for claim in claims:
        grouped[claim.incident_id].append(LoadedRow(
            claim, perpetrators=perpetrators[claim.pk], targets=targets[claim.pk], locations=places[claim.pk],
            links_as_a=links_a[claim.pk], links_as_b=links_b[claim.pk],
        ))
    return grouped


def _articles_attach(claims: list[Claim]) -> None:
    """Each claim's article (without its text and extraction) and publisher, each read once."""
    articles = {article.pk: article for article in Article.objects.select_related("publisher")
                .defer(*ARTICLE_HEAVY).filter(pk__in=_one_of({claim.article_id for claim in claims}))}
    for claim in claims:
        claim.article = articles[claim.article_id]


def _batch_loaded(batch: list[Incident], *, with_claims: bool) -> list[LoadedRow]:
    ids = [incident.pk for incident in batch]
    locations = _members(Incident.locations.through, "incident", "location", ids)
    if not with_claims:
        return [LoadedRow(incident, locations=locations[incident.pk]) for incident in batch]
    actors = _members(Incident.actors.through, "incident", "actor", ids)
    _parents_attach([actor for rows in actors.values() for actor in rows])
    claims = _claims_loaded(ids)
    return [LoadedRow(incident, locations=locations[incident.pk], actors=actors[incident.pk],
                      claims=claims[incident.pk]) for incident in batch]


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def incidents_exported(queryset: QuerySet, *, with_claims: bool = True,
                       batch_size: int | None = None) -> Iterator[LoadedRow]:
    """The incidents of `queryset`, in its order, each with places, actors and claims (with their perpetrators,
    targets, links and publishers) loaded: a constant number of queries per `batch_size` incidents, and
    memory for one batch at a time (a server-side cursor streams the incidents); `batch_size` defaults to
    EXPORT_BATCH_SIZE."""
    batch_size = batch_size or EXPORT_BATCH_SIZE
    incidents = queryset.defer(*EXPORT_DEFERRED).iterator(chunk_size=batch_size)
    for batch in _batches(incidents, batch_size):
        yield from _batch_loaded(batch, with_claims=with_claims)
