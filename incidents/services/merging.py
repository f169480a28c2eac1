"""Merging and splitting incidents, rejecting duplicate suggestions, merging duplicate actors and places."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from incidents.choices import DatePrecision, EventType
from incidents.models import (
    Actor,
    ActorMention,
    Claim,
    Incident,
    IncidentPairRejection,
    Location,
    LocationMention,
)
from incidents.search import incidents_mentioning_refresh
from incidents.services._common import _delete, _save, _validate_sub_event_type
from incidents.services.editing import _claim_actor_ids
from incidents.services.rollup import incident_rollup_casualties, incident_search_refresh
from incidents.services.undo import change_record, merge_snapshot


@transaction.atomic
def incident_merge(*, target: Incident, sources: Sequence[Incident], user, reason: str = "") -> Incident:
    """Fold `sources` into `target`: claims, actors and places move, dates widen, sources are deleted.

    What moved is recorded (a `ReversibleChange`), so the merge can be undone from the incident's history.
    """
    source_ids = sorted({source.pk for source in sources})
    if not source_ids:
        raise ValidationError("Choose at least one incident to merge into this one.")
    if target.pk in source_ids:
        raise ValidationError("An incident cannot be merged into itself.")
    target = Incident.objects.select_for_update().get(pk=target.pk)
    sources = list(Incident.objects.select_for_update().filter(pk__in=source_ids))
    if len(sources) != len(source_ids):
        raise ValidationError("Some of the incidents to merge no longer exist.")
    snapshot = merge_snapshot(target=target, sources=sources)

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
    change_record(kind="merge", incident_id=target.pk, history_model="HistoricalIncident",
                  history_id=target.history.order_by("-history_id").values_list("history_id", flat=True).first(),
                  reason=reason, snapshot=snapshot, user=user)
    for source in sources:
        _delete(source, user=user, reason=f"Merged into incident {target.pk}", kind="incident",
                merged_into=target.pk)
    target = incident_rollup_casualties(incident=target)
    incident_search_refresh(incident_ids=[target.pk])
    return target


@transaction.atomic
def incident_split(
    *, incident: Incident, claims: Sequence[Claim], user, title: str | None = None, event_type: str | None = None,
    sub_event_type: str | None = None, reason: str = "",
) -> Incident:
    """Move `claims` out of `incident` into a new incident; the pair is never suggested as duplicates again.

    Both incidents are dated by their own dated claims (an incident none of whose claims is dated keeps the
    dates it had) and their figures rolled up again. Claims carry no event type: the new incident takes
    `event_type` (and `sub_event_type`) when the analyst gives one, else this incident's. The analyst's
    `reason` is kept in both incidents' history.
    """
    why = f": {reason}" if reason else ""
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
        grouping_reason=f"Split from incident {incident.pk} by an analyst{why or '.'}",
    )
    _date_from_claims(new, moving)
    if new.event_type not in EventType.values:
        raise ValidationError({"event_type": f"“{new.event_type}” is not an event type."})
    _validate_sub_event_type(new)
    _save(new, user=user, reason=f"Split from incident {incident.pk}{why}")
    for claim in moving:
        claim.incident = new
        claim.analyst_edited = True
        claim.grouping_reason = new.grouping_reason
        claim.version += 1
        _save(claim, user=user, reason=f"Split into incident {new.pk}{why}")
    new.actors.set(_claim_actor_ids(moving) or incident.actors.all())
    claim_places = set(Location.objects.filter(claims__in=moving).values_list("pk", flat=True))
    new.locations.set(claim_places or incident.locations.all())
    _date_from_claims(incident, list(incident.claims.all()))
    incident.version += 1
    _save(incident, user=user,
          reason=f"Claims {', '.join(map(str, claim_ids))} split into incident {new.pk}{why}")
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


def _claims_repoint_actor(*, source: Actor, target: Actor, user) -> None:
    """Claims made by or counting casualties of `source` now name `target`, with a history row and a new version."""
    claims = list(Claim.objects.select_for_update().filter(
        models.Q(claimant=source) | models.Q(casualty_actor=source),
    ))
    now = timezone.now()
    for claim in claims:
        if claim.claimant_id == source.pk:
            claim.claimant = target
        if claim.casualty_actor_id == source.pk:
            claim.casualty_actor = target
        claim.version += 1
        claim.updated_at = now
    if claims:
        bulk_update_with_history(
            claims, Claim, ["claimant", "casualty_actor", "version", "updated_at"],
            default_user=user if user is not None and user.is_authenticated else None,
            default_change_reason=f"Actor {source.pk} merged into actor {target.pk}",
        )


@transaction.atomic
def actor_merge(*, target: Actor, source: Actor, user) -> Actor:
    """Fold a duplicate actor into `target`: its claims, incidents, mentions and names move over."""
    target, source = _merge_pair(Actor, target=target, source=source, noun="An actor")
    _claims_repoint_actor(source=source, target=target, user=user)
    for relation, owner in ((Claim.perpetrators, "claim"), (Claim.targets, "claim"), (Incident.actors, "incident")):
        _repoint_many_to_many(relation, owner=owner, member="actor", source_id=source.pk, target_id=target.pk)
    _repoint_mentions(ActorMention, member="actor", source_id=source.pk, target_id=target.pk)
    Actor.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target)
    if target.parent_id == source.pk:
        target.parent_id = source.parent_id if source.parent_id != target.pk else None
    target.aliases = sorted({*target.aliases, *source.aliases, source.name} - {target.name})
    _save(target, user=user, reason=f"Merged actor {source.pk} ({source.name})")
    _delete(source, user=user, reason=f"Merged into actor {target.pk}", kind="actor", merged_into=target.pk)
    incidents_mentioning_refresh(actor_ids=[target.pk])
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
    incidents_mentioning_refresh(location_ids=[target.pk])
    return target
