"""Analysts' edits of incidents and claims, claim links, and moving a claim to another incident."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from incidents.choices import LinkRelation, Origin
from incidents.models import (
    Actor,
    Claim,
    ClaimLink,
    Incident,
)
from incidents.services._common import (
    CLAIM_EDITABLE_FIELDS,
    CLAIM_EDITABLE_RELATIONS,
    FATALITY_FIELDS,
    INCIDENT_EDITABLE_FIELDS,
    INCIDENT_EDITABLE_RELATIONS,
    _changed_relations,
    _delete,
    _edited,
    _save,
    _set_relations,
    _validate_sub_event_type,
)
from incidents.services.figures import (
    FOLLOWED_FIELDS,
    figures_cleaned,
    figures_follow_totals,
    figures_replace,
    totals_set,
)
from incidents.services.rollup import incident_rollup_casualties, incident_search_refresh
from incidents.services.undo import change_record


@transaction.atomic
def incident_update(*, incident: Incident, version: int, data: dict[str, Any], user) -> Incident:
    """Apply an analyst's edit; giving any fatality figure marks the figures as set by hand."""
    current, fields = _edited(incident, version=version, data=data, fields=INCIDENT_EDITABLE_FIELDS,
                              relations=INCIDENT_EDITABLE_RELATIONS, what="incident")
    relations = _changed_relations(current, data=data, relations=INCIDENT_EDITABLE_RELATIONS)
    if not fields and not relations:
        return current
    if any(name in fields for name in FATALITY_FIELDS):
        current.fatalities_overridden = True
        current.fatalities_derivation = "Set by an analyst."
    current.full_clean(exclude=["search_vector"])
    _validate_sub_event_type(current)
    current.version += 1
    _set_relations(current, relations=relations)
    _save(current, user=user, reason="Edited")
    if fields.get("fatalities_overridden") is False:
        current = incident_rollup_casualties(incident=current)
    if {"title", "summary"} & set(fields):
        incident_search_refresh(incident_ids=[current.pk])
    return current


@transaction.atomic
def claim_update(*, claim: Claim, version: int, data: dict[str, Any], user) -> Claim:
    """Apply an analyst's edit to a claim; it is marked analyst-edited (so re-extraction keeps it).

    `figures` (a list of kind/group/actor/min/max) replaces its casualty figures and sets its totals from them;
    an edit of the totals alone moves its one figure of that kind along."""
    data = dict(data)
    figures = figures_cleaned(data.pop("figures")) if "figures" in data else None
    current, fields = _edited(claim, version=version, data=data, fields=CLAIM_EDITABLE_FIELDS,
                              relations=CLAIM_EDITABLE_RELATIONS, what="claim")
    relations = _changed_relations(current, data=data, relations=CLAIM_EDITABLE_RELATIONS)
    if not fields and not relations and figures is None:
        return current
    if figures is not None:
        totals_set(current, figures)
    if "start" in fields or "end" in fields:
        text = current.article.text
        if not 0 <= current.start < current.end <= len(text):
            raise ValidationError({"end": f"The span must lie within the article's text (0..{len(text)})."})
        current.quote = text[current.start:current.end]
    current.full_clean()
    current.analyst_edited = True
    current.version += 1
    _set_relations(current, relations=relations)
    _save(current, user=user, reason="Edited")
    if figures is not None:
        figures_replace(claim=current, figures=figures, user=user)
    elif FOLLOWED_FIELDS & set(fields):
        figures_follow_totals(claim=current, user=user)
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
    try:
        with transaction.atomic():
            _save(link, user=user, reason="Linked")
    except IntegrityError:
        # Someone linked the pair between the check above and this insert.
        raise ValidationError(f"Claims {first.pk} and {second.pk} were just linked by someone else.") from None
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
def claim_link_delete(*, link: ClaimLink, user, reason: str = "") -> None:
    """Remove a link, recording it (a `ReversibleChange`) so that it can be restored from the incident's history."""
    link = ClaimLink.objects.select_related("claim_a").get(pk=link.pk)
    snapshot = {"id": link.pk, "claim_a": link.claim_a_id, "claim_b": link.claim_b_id, "relation": link.relation,
                "reason": link.reason, "origin": link.origin, "created_by": link.created_by_id}
    pk = link.pk
    _delete(link, user=user, reason="Unlinked" + (f": {reason}" if reason else ""), kind="claim-link")
    history_id = (ClaimLink.history.filter(id=pk, history_type="-").order_by("-history_id")
                  .values_list("history_id", flat=True).first())
    change_record(kind="unlink", incident_id=link.claim_a.incident_id, history_model="HistoricalClaimLink",
                  history_id=history_id, reason=reason, snapshot=snapshot, user=user)


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
