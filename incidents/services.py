"""Writes to the knowledge base: every change an analyst or the ingest pipeline makes goes through here.

Each service is a keyword-only, typed function under one transaction. Edits of incidents and
claims are optimistic: the caller says which `version` it saw, a stale version raises
`StaleEditError`, a successful edit bumps it. django-simple-history records every save (with the
user and a reason); deleted or merged-away rows leave a `Deletion` tombstone for API mirrors.
Bad input raises Django's `ValidationError` with a message a person can read.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from incidents.casualties import ClaimedFigure, roll_up_fatalities
from incidents.choices import SUB_EVENT_TYPES, DatePrecision, EventType, LinkRelation, Origin, ReviewStatus
from incidents.exceptions import StaleEditError
from incidents.models import (
    Actor, ActorMention, Claim, ClaimLink, Deletion, Incident, IncidentPairRejection, Location, LocationMention,
)
from incidents.search import incident_search_vectors_update

INCIDENT_EDITABLE_FIELDS = frozenset({
    "title", "summary", "event_type", "sub_event_type", "date_start", "date_end", "date_precision", "background",
    "review_status", "fatalities_low", "fatalities_best", "fatalities_high", "fatalities_overridden",
    "grouping_reason",
})
INCIDENT_EDITABLE_RELATIONS = frozenset({"actors", "locations"})
FATALITY_FIELDS = ("fatalities_low", "fatalities_best", "fatalities_high")
ROLLUP_REASON = "Fatalities rolled up from claims"

CLAIM_EDITABLE_FIELDS = frozenset({
    "kind", "claimant", "start", "end", "fatalities_min", "fatalities_max", "injured_min", "injured_max",
    "claimed_date_start", "claimed_date_end", "claimed_date_precision", "casualty_group", "casualty_actor",
    "negated", "hypothetical", "credibility", "review_status", "analyst_note",
})
CLAIM_EDITABLE_RELATIONS = frozenset({"perpetrators", "targets", "locations"})
# Claims that do not count towards an incident's figures.
NOT_COUNTED = Q(negated=True) | Q(hypothetical=True) | Q(review_status=ReviewStatus.REJECTED)


def _save(instance: models.Model, *, user, reason: str) -> None:
    """Save with the history row attributed to `user` and explained by `reason`."""
    instance._history_user = user if user is not None and user.is_authenticated else None
    instance._change_reason = reason
    instance.save()


def _delete(instance: models.Model, *, user, reason: str, kind: str, merged_into: int | None = None) -> None:
    Deletion.objects.create(kind=kind, object_id=instance.pk, merged_into_id=merged_into)
    instance._history_user = user if user is not None and user.is_authenticated else None
    instance._change_reason = reason
    instance.delete()


def _locked(instance: models.Model, version: int) -> models.Model:
    """The stored row, locked for this transaction, or StaleEditError when `version` is not its version."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if current.version != version:
        raise StaleEditError(current=current)
    return current


def _refuse_unknown_fields(data: dict[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError(f"These {what} fields cannot be edited: {', '.join(unknown)}.")


def _edited(instance: models.Model, *, version: int, data: dict[str, Any], fields: frozenset[str],
            relations: frozenset[str], what: str) -> tuple[Any, dict[str, Any]]:
    """The stored row, locked, with the edit's plain `fields` set on it (unsaved), and those fields' new values.

    Refuses fields that are neither `fields` nor `relations`, and a stale `version`.
    """
    _refuse_unknown_fields(data, fields | relations, what)
    current = _locked(instance, version)
    changed = {name: value for name, value in data.items() if name in fields}
    for name, value in changed.items():
        setattr(current, name, value)
    return current, changed


def _set_relations(instance: models.Model, *, data: dict[str, Any], relations: frozenset[str]) -> None:
    for name in sorted(relations & set(data)):
        getattr(instance, name).set(data[name])


def _validate_sub_event_type(incident: Incident) -> None:
    if incident.sub_event_type and incident.sub_event_type not in SUB_EVENT_TYPES.get(incident.event_type, []):
        raise ValidationError({
            "sub_event_type": f"“{incident.sub_event_type}” is not a sub-event type of {incident.event_type}.",
        })


@transaction.atomic
def incident_update(*, incident: Incident, version: int, data: dict[str, Any], user) -> Incident:
    """Apply an analyst's edit; giving any fatality figure marks the figures as set by hand."""
    current, fields = _edited(incident, version=version, data=data, fields=INCIDENT_EDITABLE_FIELDS,
                              relations=INCIDENT_EDITABLE_RELATIONS, what="incident")
    if any(name in fields for name in FATALITY_FIELDS):
        current.fatalities_overridden = True
        current.fatalities_derivation = "Set by an analyst."
    current.full_clean(exclude=["search_vector"])
    _validate_sub_event_type(current)
    current.version += 1
    _save(current, user=user, reason="Edited")
    _set_relations(current, data=data, relations=INCIDENT_EDITABLE_RELATIONS)
    if fields.get("fatalities_overridden") is False:
        current = incident_rollup_casualties(incident=current)
    if {"title", "summary"} & set(fields):
        incident_search_refresh(incident_ids=[current.pk])
    return current


@transaction.atomic
def claim_update(*, claim: Claim, version: int, data: dict[str, Any], user) -> Claim:
    """Apply an analyst's edit to a claim; it is marked analyst-edited (so re-extraction keeps it)."""
    current, fields = _edited(claim, version=version, data=data, fields=CLAIM_EDITABLE_FIELDS,
                              relations=CLAIM_EDITABLE_RELATIONS, what="claim")
    if "start" in fields or "end" in fields:
        text = current.article.text
        if not 0 <= current.start < current.end <= len(text):
            raise ValidationError({"end": f"The span must lie within the article's text (0..{len(text)})."})
        current.quote = text[current.start:current.end]
    current.full_clean()
    current.analyst_edited = True
    current.version += 1
    _save(current, user=user, reason="Edited")
    _set_relations(current, data=data, relations=CLAIM_EDITABLE_RELATIONS)
    if current.incident_id:
        incident_rollup_casualties(incident=current.incident)
        if {"start", "end"} & set(fields):
            incident_search_refresh(incident_ids=[current.incident_id])
    return current


@transaction.atomic
def claim_link_create(
    *, claim_a: Claim, claim_b: Claim, relation: str, reason: str = "", user=None, origin: str = Origin.ANALYST,
) -> ClaimLink:
    """Link two claims as contradicting or corroborating; the pair is stored in id order, once."""
    if claim_a.pk == claim_b.pk:
        raise ValidationError("A claim cannot be linked with itself.")
    if relation not in LinkRelation.values:
        raise ValidationError({"relation": f"Relation must be one of: {', '.join(LinkRelation.values)}."})
    first, second = sorted((claim_a, claim_b), key=lambda claim: claim.pk)
    existing = ClaimLink.objects.filter(claim_a=first, claim_b=second).first()
    if existing:
        raise ValidationError(
            f"Claims {first.pk} and {second.pk} are already linked ({existing.relation}); "
            "delete that link first to change it."
        )
    link = ClaimLink(
        claim_a=first, claim_b=second, relation=relation, reason=reason, origin=origin,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _save(link, user=user, reason="Linked")
    return link


@transaction.atomic(savepoint=False)  # inside a caller's transaction, its rollback covers this
def claim_links_create_missing(
    *, links: Iterable[tuple[Claim, Claim, str, str]], origin: str = Origin.EXTRACTED, user=None,
) -> list[ClaimLink]:
    """Link many (claim_a, claim_b, relation, reason) pairs at once; a pair already linked keeps its link.

    What `claim_link_create` does for one pair, in three queries for all: one read of the existing links,
    one insert of the new ones, one of their history rows. Returns the links created.
    """
    created: dict[tuple[int, int], ClaimLink] = {}
    for claim_a, claim_b, relation, reason in links:
        if claim_a.pk == claim_b.pk:
            raise ValidationError("A claim cannot be linked with itself.")
        if relation not in LinkRelation.values:
            raise ValidationError({"relation": f"Relation must be one of: {', '.join(LinkRelation.values)}."})
        first, second = sorted((claim_a, claim_b), key=lambda claim: claim.pk)
        if (first.pk, second.pk) not in created:
            created[first.pk, second.pk] = ClaimLink(
                claim_a=first, claim_b=second, relation=relation, reason=reason, origin=origin,
                created_by=user if user is not None and user.is_authenticated else None,
            )
    if not created:
        return []
    existing = set(ClaimLink.objects.filter(
        claim_a_id__in={first for first, _ in created}, claim_b_id__in={second for _, second in created},
    ).values_list("claim_a_id", "claim_b_id"))
    new = [link for pair, link in created.items() if pair not in existing]
    for link in new:
        link._history_user = user if user is not None and user.is_authenticated else None
    return bulk_create_with_history(new, ClaimLink, default_change_reason="Linked")


@transaction.atomic
def claim_link_delete(*, link: ClaimLink, user) -> None:
    _delete(link, user=user, reason="Unlinked", kind="claim-link")


@transaction.atomic
def claim_move(*, claim: Claim, incident: Incident, user) -> Claim:
    """Move a claim to another incident; both incidents' figures and search text follow."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    previous_id = claim.incident_id
    if previous_id == incident.pk:
        return claim
    claim.incident = incident
    claim.analyst_edited = True
    claim.grouping_reason = (
        f"Moved from incident {previous_id} by an analyst." if previous_id else "Placed by an analyst."
    )
    claim.version += 1
    _save(claim, user=user, reason=f"Moved to incident {incident.pk}")
    incident.actors.add(*_claim_actor_ids([claim]))
    incident.locations.add(*claim.locations.values_list("pk", flat=True))
    touched = [incident.pk] + ([previous_id] if previous_id else [])
    for touched_incident in Incident.objects.filter(pk__in=touched):
        incident_rollup_casualties(incident=touched_incident)
    incident_search_refresh(incident_ids=touched)
    return claim


def _claim_actor_ids(claims: Sequence[Claim]) -> set[int]:
    claim_ids = [claim.pk for claim in claims]
    ids = set(Actor.objects.filter(
        Q(claims_as_perpetrator__in=claim_ids) | Q(claims_as_target__in=claim_ids)
    ).values_list("pk", flat=True))
    ids |= {claim.claimant_id for claim in claims if claim.claimant_id}
    return ids


@transaction.atomic
def incident_merge(*, target: Incident, sources: Sequence[Incident], user, reason: str = "") -> Incident:
    """Fold `sources` into `target`: claims, actors and places move, dates widen, sources are deleted."""
    source_ids = sorted({source.pk for source in sources})
    if not source_ids:
        raise ValidationError("Choose at least one incident to merge into this one.")
    if target.pk in source_ids:
        raise ValidationError("An incident cannot be merged into itself.")
    target = Incident.objects.select_for_update().get(pk=target.pk)
    sources = list(Incident.objects.select_for_update().filter(pk__in=source_ids))
    if len(sources) != len(source_ids):
        raise ValidationError("Some of the incidents to merge no longer exist.")

    for claim in Claim.objects.filter(incident__in=sources).select_for_update():
        claim.grouping_reason = f"Incident {claim.incident_id} merged into {target.pk}. {reason}".strip()
        claim.incident = target
        claim.version += 1
        _save(claim, user=user, reason=f"Merged into incident {target.pk}")
    target.actors.add(*Actor.objects.filter(incidents__in=sources).distinct())
    target.locations.add(*Location.objects.filter(incidents__in=sources).distinct())
    starts = [day for day in [target.date_start, *(source.date_start for source in sources)] if day]
    ends = [day for day in [target.date_end, *(source.date_end for source in sources)] if day]
    target.date_start = min(starts, default=None)
    target.date_end = max(ends, default=None)
    merged_note = f"Merged incidents {', '.join(map(str, source_ids))}" + (f": {reason}" if reason else ".")
    target.grouping_reason = "\n".join(part for part in (target.grouping_reason, merged_note) if part)
    target.version += 1
    _save(target, user=user, reason=merged_note)
    for source in sources:
        _delete(source, user=user, reason=f"Merged into incident {target.pk}", kind="incident",
                merged_into=target.pk)
    target = incident_rollup_casualties(incident=target)
    incident_search_refresh(incident_ids=[target.pk])
    return target


@transaction.atomic
def incident_split(
    *, incident: Incident, claims: Sequence[Claim], user, title: str | None = None, event_type: str | None = None,
    sub_event_type: str | None = None,
) -> Incident:
    """Move `claims` out of `incident` into a new incident; the pair is never suggested as duplicates again.

    Both incidents are dated by their own dated claims (an incident none of whose claims is dated keeps the
    dates it had) and their figures rolled up again. Claims carry no event type: the new incident takes
    `event_type` (and `sub_event_type`) when the analyst gives one, else this incident's.
    """
    claim_ids = sorted({claim.pk for claim in claims})
    if not claim_ids:
        raise ValidationError("Choose at least one claim to split off.")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    moving = list(Claim.objects.select_for_update().filter(pk__in=claim_ids, incident=incident))
    if len(moving) != len(claim_ids):
        raise ValidationError(f"Only claims of incident {incident.pk} can be split off from it.")
    if not incident.claims.exclude(pk__in=claim_ids).exists():
        raise ValidationError("Leave at least one claim in the incident; splitting off all of them changes nothing.")

    new = Incident(
        title=title or f"{incident.title} (split)", event_type=event_type or incident.event_type,
        sub_event_type=(sub_event_type or "") if event_type else incident.sub_event_type,
        background=incident.background,
        date_start=incident.date_start, date_end=incident.date_end, date_precision=incident.date_precision,
        grouping_reason=f"Split from incident {incident.pk} by an analyst.",
    )
    _date_from_claims(new, moving)
    if new.event_type not in EventType.values:
        raise ValidationError({"event_type": f"“{new.event_type}” is not an event type."})
    _validate_sub_event_type(new)
    _save(new, user=user, reason=f"Split from incident {incident.pk}")
    for claim in moving:
        claim.incident = new
        claim.analyst_edited = True
        claim.grouping_reason = new.grouping_reason
        claim.version += 1
        _save(claim, user=user, reason=f"Split into incident {new.pk}")
    new.actors.set(_claim_actor_ids(moving) or incident.actors.all())
    claim_places = set(Location.objects.filter(claims__in=moving).values_list("pk", flat=True))
    new.locations.set(claim_places or incident.locations.all())
    _date_from_claims(incident, list(incident.claims.all()))
    incident.version += 1
    _save(incident, user=user, reason=f"Claims {', '.join(map(str, claim_ids))} split into incident {new.pk}")
    incident_pair_reject(incident_a=incident, incident_b=new, user=user)
    incident_rollup_casualties(incident=incident)
    new = incident_rollup_casualties(incident=new)
    incident_search_refresh(incident_ids=[incident.pk, new.pk])
    return new


def _date_from_claims(incident: Incident, claims: Sequence[Claim]) -> None:
    """Span `incident` over its dated claims at the coarsest precision among them; no dated claim keeps its dates."""
    dated = [claim for claim in claims if claim.claimed_date_start]
    if not dated:
        return
    incident.date_start = min(claim.claimed_date_start for claim in dated)
    incident.date_end = max(claim.claimed_date_end or claim.claimed_date_start for claim in dated)
    incident.date_precision = max(
        (claim.claimed_date_precision for claim in dated), key=list(DatePrecision.values).index,
    )


@transaction.atomic
def incident_rollup_casualties(*, incident: Incident) -> Incident:
    """Derive low/best/high fatalities from the incident's counted claims, unless an analyst set them."""
    if incident.fatalities_overridden:
        return incident
    figures = [
        ClaimedFigure(claim_id=pk, min=low, max=high)
        for pk, low, high in incident.claims.exclude(NOT_COUNTED).order_by("pk")
        .values_list("pk", "fatalities_min", "fatalities_max")
    ]
    if _rolled_up(incident, figures):
        _save(incident, user=None, reason=ROLLUP_REASON)
    return incident


@transaction.atomic(savepoint=False)  # inside a caller's transaction, its rollback covers this
def incidents_rollup_casualties(*, incidents: Sequence[Incident]) -> list[Incident]:
    """`incident_rollup_casualties` for many incidents: one read of their claims, one bulk write with history."""
    derived = [incident for incident in incidents if not incident.fatalities_overridden]
    figures: dict[int, list[ClaimedFigure]] = {incident.pk: [] for incident in derived}
    for incident_id, pk, low, high in (
        Claim.objects.filter(incident__in=[incident.pk for incident in derived]).exclude(NOT_COUNTED)
        .order_by("incident_id", "pk").values_list("incident_id", "pk", "fatalities_min", "fatalities_max")
    ):
        figures[incident_id].append(ClaimedFigure(claim_id=pk, min=low, max=high))
    changed = [incident for incident in derived if _rolled_up(incident, figures[incident.pk])]
    now = timezone.now()
    for incident in changed:
        incident.updated_at = now
        incident._history_user = None
    if changed:
        fields = [*FATALITY_FIELDS, "fatalities_derivation", "version", "updated_at"]
        bulk_update_with_history(changed, Incident, fields, default_change_reason=ROLLUP_REASON)
    return list(incidents)


def _rolled_up(incident: Incident, figures: list[ClaimedFigure]) -> bool:
    """Set the incident's derived figures from `figures`; False when they were already those."""
    rolled = roll_up_fatalities(figures)
    new_values = {
        "fatalities_low": rolled.low, "fatalities_best": rolled.best, "fatalities_high": rolled.high,
        "fatalities_derivation": rolled.derivation,
    }
    if all(getattr(incident, name) == value for name, value in new_values.items()):
        return False
    for name, value in new_values.items():
        setattr(incident, name, value)
    # Derived figures change what readers see, so caches and open edit forms must notice.
    incident.version += 1
    return True


def incident_search_refresh(*, incident_ids: Iterable[int]) -> int:
    """Recompute the stored full-text vector (title A, summary B, claim quotes C) of these incidents."""
    return incident_search_vectors_update(incident_ids=incident_ids)


@transaction.atomic
def incident_pair_reject(*, incident_a: Incident, incident_b: Incident, user) -> IncidentPairRejection:
    """Record that two incidents are distinct events, so they are not suggested as duplicates again."""
    if incident_a.pk == incident_b.pk:
        raise ValidationError("An incident cannot be compared with itself.")
    first, second = sorted((incident_a.pk, incident_b.pk))
    rejection, _ = IncidentPairRejection.objects.get_or_create(
        incident_a_id=first, incident_b_id=second,
        defaults={"rejected_by": user if user is not None and user.is_authenticated else None},
    )
    return rejection


def _repoint_many_to_many(relation, *, owner: str, member: str, source_id: int, target_id: int) -> None:
    """Make every row pointing at `source_id` point at `target_id`, without duplicating existing pairs."""
    through = relation.through
    already = through.objects.filter(**{f"{member}_id": target_id}).values(f"{owner}_id")
    through.objects.filter(**{f"{member}_id": source_id}).exclude(**{f"{owner}_id__in": already}).update(
        **{f"{member}_id": target_id},
    )
    through.objects.filter(**{f"{member}_id": source_id}).delete()


def _repoint_mentions(model, *, member: str, source_id: int, target_id: int) -> None:
    """Move mentions to the target, dropping those the target already has at the same span."""
    duplicate = model.objects.filter(
        **{member: target_id}, article=models.OuterRef("article"), start=models.OuterRef("start"),
        end=models.OuterRef("end"),
    )
    model.objects.filter(**{member: source_id}).filter(models.Exists(duplicate)).delete()
    model.objects.filter(**{member: source_id}).update(**{member: target_id})


def _merge_pair(model: type[models.Model], *, target, source, noun: str) -> tuple[Any, Any]:
    """Both rows of a merge, locked for this transaction; refuses merging a row into itself."""
    if target.pk == source.pk:
        raise ValidationError(f"{noun} cannot be merged into itself.")
    locked = model.objects.select_for_update()
    return locked.get(pk=target.pk), locked.get(pk=source.pk)


@transaction.atomic
def actor_merge(*, target: Actor, source: Actor, user) -> Actor:
    """Fold a duplicate actor into `target`: its claims, incidents, mentions and names move over."""
    target, source = _merge_pair(Actor, target=target, source=source, noun="An actor")
    Claim.objects.filter(claimant=source).update(claimant=target)
    Claim.objects.filter(casualty_actor=source).update(casualty_actor=target)
    for relation, owner in ((Claim.perpetrators, "claim"), (Claim.targets, "claim"), (Incident.actors, "incident")):
        _repoint_many_to_many(relation, owner=owner, member="actor", source_id=source.pk, target_id=target.pk)
    _repoint_mentions(ActorMention, member="actor", source_id=source.pk, target_id=target.pk)
    Actor.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target)
    if target.parent_id == source.pk:
        target.parent_id = source.parent_id if source.parent_id != target.pk else None
    target.aliases = sorted({*target.aliases, *source.aliases, source.name} - {target.name})
    _save(target, user=user, reason=f"Merged actor {source.pk} ({source.name})")
    _delete(source, user=user, reason=f"Merged into actor {target.pk}", kind="actor", merged_into=target.pk)
    return target


@transaction.atomic
def location_merge(*, target: Location, source: Location, user) -> Location:
    """Fold a duplicate place into `target`: claims, incidents, mentions and names move over."""
    target, source = _merge_pair(Location, target=target, source=source, noun="A location")
    for relation, owner in ((Claim.locations, "claim"), (Incident.locations, "incident")):
        _repoint_many_to_many(relation, owner=owner, member="location", source_id=source.pk, target_id=target.pk)
    _repoint_mentions(LocationMention, member="location", source_id=source.pk, target_id=target.pk)
    target.alternate_names = sorted({*target.alternate_names, *source.alternate_names, source.name} - {target.name})
    for name in ("country_code", "admin1", "latitude", "longitude"):
        if getattr(target, name) in (None, "") and getattr(source, name) not in (None, ""):
            setattr(target, name, getattr(source, name))
    source_id, source_name, gazetteer_id = source.pk, source.name, source.gazetteer_id
    # The gazetteer id is unique, so the source must be gone before the target can take it over.
    _delete(source, user=user, reason=f"Merged into location {target.pk}", kind="location", merged_into=target.pk)
    if not target.gazetteer_id and gazetteer_id:
        target.gazetteer_id = gazetteer_id
    _save(target, user=user, reason=f"Merged location {source_id} ({source_name})")
    return target
