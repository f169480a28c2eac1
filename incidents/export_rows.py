"""The incidents an export writes, read in batches as plain records with their relations loaded as lists.

An export row reads an incident's places, actors and claims, and each claim's perpetrators, targets,
places, links and publisher, through `.all()` as a related manager would answer it. Building model
instances for every row of every relation was most of an export's time (about 12 instances per incident,
each through `Model.__init__`), so each table is read once per batch with `values()` over the few columns a
row shows, and each row becomes a `Record`: its columns as attributes, its relations behind the same `.all()`.
So `incidents.exports.acled_row(incident)` keeps its interface (it also takes model instances) and its code
reads as it did. The queries per batch are constant: incidents come from one server-side cursor, then one
query per relation and one per table of related rows (plus one per level of actor parents).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from incidents.choices import EventType
from incidents.models import Actor, Claim, ClaimLink, Incident, Location

EXPORT_BATCH_SIZE = 1000
# What exports.py reads of each table (its module docstring documents the columns); nothing else is fetched.
INCIDENT_COLUMNS = (
    "pk", "title", "summary", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
    "fatalities_low", "fatalities_best", "fatalities_high", "fatalities_by_group", "review_status", "background",
    "updated_at",
)
ACTOR_COLUMNS = ("pk", "name", "kind", "parent_id")
LOCATION_COLUMNS = ("pk", "name", "alternate_names", "country_code", "admin1", "latitude", "longitude", "precision")
CLAIM_COLUMNS = ("pk", "incident_id", "negated", "claimant_id", "article__publisher_id", "article__publisher__name")
EVENT_TYPE_LABELS = {value: str(label) for value, label in EventType.choices}


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


class Record:
    """One row of `values()`, its columns as attributes. A batch reads each row once and shares that one
    object wherever the row appears (a busy actor in many claims), so records compare and hash by identity,
    as the model instances they stand for compare by primary key."""

    def __init__(self, values: dict) -> None:
        self.__dict__ = values

    def __str__(self) -> str:
        return str(self.__dict__.get("name", self.__dict__.get("pk")))


class IncidentRecord(Record):
    def get_event_type_display(self) -> str:
        # As Model.get_FOO_display answers: the choice's label, else the stored value.
        return EVENT_TYPE_LABELS.get(self.event_type, self.event_type)


def _one_of(ids) -> RawSQL:
    """`ids` as one array parameter for an `__in` lookup: thousands of ids cost one parameter, not thousands."""
    return RawSQL("SELECT unnest(%s::bigint[])", [sorted(ids)])


def _pairs(through, owner: str, member: str, owners) -> list[tuple[int, int]]:
    """(owner id, member id) of the owners `owners` (a `_one_of`) selects."""
    return list(through.objects.filter(**{f"{owner}_id__in": owners}).order_by()
                .values_list(f"{owner}_id", f"{member}_id"))


def _records(model, columns: tuple, ids) -> list[Record]:
    """The rows of `ids` in the model's Meta ordering (then id), the order a related manager lists them in."""
    if not ids:
        return []
    rows = model.objects.filter(pk__in=_one_of(ids)).order_by(*model._meta.ordering, "pk").values(*columns)
    return [Record(row) for row in rows]


def _grouped(pairs: list[tuple[int, int]], ranked: dict[int, tuple[int, Record]]) -> dict[int, list]:
    """Each owner's members, in the members' reading order."""
    grouped: dict[int, list] = defaultdict(list)
    for owner_id, member_id in sorted(pairs, key=lambda pair: ranked[pair[1]][0]):
        grouped[owner_id].append(ranked[member_id][1])
    return grouped


def _ranked(records: list[Record]) -> dict[int, tuple[int, Record]]:
    return {record.pk: (index, record) for index, record in enumerate(records)}


def _actors_read(ids: set[int]) -> dict[int, tuple[int, Record]]:
    """The actors of `ids`, each with its chain of parents attached as `parent` (the export names an actor's side,
    its top parent), parents read a level at a time; ranked in Actor's ordering."""
    records = _records(Actor, ACTOR_COLUMNS, ids)
    known = {record.pk: record for record in records}
    level = records
    while level:
        missing = {actor.parent_id for actor in level if actor.parent_id and actor.parent_id not in known}
        known.update({record.pk: record for record in _records(Actor, ACTOR_COLUMNS, missing)})
        for actor in level:
            actor.parent = known[actor.parent_id] if actor.parent_id else None
        level = [known[actor.parent_id] for actor in level
                 if actor.parent_id and "parent" not in known[actor.parent_id].__dict__]
    return _ranked(records)


def _claims_read(incident_ids: list[int]) -> tuple[list[Record], dict]:
    """The batch's claims (in Claim's ordering) with their links and publisher, and the pairs of their
    perpetrators, targets and places."""
    batch_claims = Claim.objects.filter(incident_id__in=_one_of(incident_ids))
    claims = [Record(row) for row in batch_claims.order_by(*Claim._meta.ordering, "pk").values(*CLAIM_COLUMNS)]
    # The claim ids go as one array (a subquery on the batch's incidents plans as a scan of the whole link
    # table for every batch: the export would grow with the square of the knowledge base).
    claim_ids = _one_of([claim.pk for claim in claims])
    publishers: dict[int, Record] = {}
    for claim in claims:
        values = claim.__dict__
        publisher_id, name = values.pop("article__publisher_id"), values.pop("article__publisher__name")
        if publisher_id is not None and publisher_id not in publishers:
            publishers[publisher_id] = Record({"pk": publisher_id, "name": name})
        claim.article = Record({"publisher": publishers.get(publisher_id)})
    links_a, links_b = defaultdict(list), defaultdict(list)
    if claims:
        # A UNION of the two sides, each through its own index: `claim_a IN ... OR claim_b IN ...` is planned
        # as a scan of every link, once per batch.
        columns = ("pk", "claim_a_id", "claim_b_id", "relation")
        links = (ClaimLink.objects.filter(claim_a_id__in=claim_ids).order_by().values(*columns)
                 .union(ClaimLink.objects.filter(claim_b_id__in=claim_ids).order_by().values(*columns))
                 .order_by("pk"))
        for link in links:
            record = Record(link)
            links_a[link["claim_a_id"]].append(record)
            links_b[link["claim_b_id"]].append(record)
    for claim in claims:
        claim.links_as_a, claim.links_as_b = Loaded(links_a[claim.pk]), Loaded(links_b[claim.pk])
    pairs = {
        name: _pairs(through, "claim", member, claim_ids) if claims else []
        for name, through, member in (("perpetrators", Claim.perpetrators.through, "actor"),
                                      ("targets", Claim.targets.through, "actor"),
                                      ("locations", Claim.locations.through, "location"))
    }
    return claims, pairs


def _batch_loaded(batch: list[dict], *, with_claims: bool) -> list[IncidentRecord]:
    incidents = [IncidentRecord(row) for row in batch]
    ids = [incident.pk for incident in incidents]
    place_pairs = _pairs(Incident.locations.through, "incident", "location", _one_of(ids))
    actor_pairs, claims, claim_pairs = [], [], {"perpetrators": [], "targets": [], "locations": []}
    if with_claims:
        actor_pairs = _pairs(Incident.actors.through, "incident", "actor", _one_of(ids))
        claims, claim_pairs = _claims_read(ids)
    places = _ranked(_records(Location, LOCATION_COLUMNS,
                              {pk for _, pk in place_pairs} | {pk for _, pk in claim_pairs["locations"]}))
    for incident, rows in zip(incidents, _lists(ids, _grouped(place_pairs, places)), strict=True):
        incident.locations = rows
    if not with_claims:
        return incidents
    actors = _actors_read({pk for _, pk in actor_pairs} | {claim.claimant_id for claim in claims if claim.claimant_id}
                          | {pk for name in ("perpetrators", "targets") for _, pk in claim_pairs[name]})
    claim_ids = [claim.pk for claim in claims]
    for name, ranked in (("perpetrators", actors), ("targets", actors), ("locations", places)):
        for claim, rows in zip(claims, _lists(claim_ids, _grouped(claim_pairs[name], ranked)), strict=True):
            claim.__dict__[name] = rows
    by_incident: dict[int, list] = defaultdict(list)
    for claim in claims:
        claim.claimant = actors[claim.claimant_id][1] if claim.claimant_id else None
        by_incident[claim.incident_id].append(claim)
    for incident, rows in zip(incidents, _lists(ids, _grouped(actor_pairs, actors)), strict=True):
        incident.actors = rows
        incident.claims = Loaded(by_incident[incident.pk])
    return incidents


def _lists(owner_ids: list[int], grouped: dict[int, list]) -> Iterator[Loaded]:
    return (Loaded(grouped.get(owner_id, [])) for owner_id in owner_ids)


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def incidents_exported(queryset: QuerySet, *, with_claims: bool = True,
                       batch_size: int | None = None) -> Iterator[IncidentRecord]:
    """The incidents of `queryset`, in its order, each with places, actors and claims (with their perpetrators,
    targets, places, links and publishers) loaded: a constant number of queries per `batch_size` incidents, and
    memory for one batch at a time (a server-side cursor streams the incidents); `batch_size` defaults to
    EXPORT_BATCH_SIZE."""
    batch_size = batch_size or EXPORT_BATCH_SIZE
    incidents = queryset.values(*INCIDENT_COLUMNS).iterator(chunk_size=batch_size)
    for batch in _batches(incidents, batch_size):
        yield from _batch_loaded(batch, with_claims=with_claims)
