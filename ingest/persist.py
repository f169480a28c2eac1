"""Writing one article's extraction into the knowledge base, in one transaction.

Actors and places are resolved to the rows the knowledge base already has (`ingest.resolve`), each
incident joins a matching incident of another article or becomes a new one (`ingest.grouping`),
claims and links are written, claims of other articles in a joined incident are linked
(`ingest.crosslinks`), figures are rolled up and search vectors refreshed. Each step reads and writes all of
the article's rows of a kind at once (bulk inserts, with history rows through simple_history's bulk helpers),
so the number of queries does not grow with the number of claims, mentions or links.

Re-extraction replaces only what the pipeline wrote and nobody touched: claims an analyst created,
edited or linked stay (a new claim at the same span is not added beside them), as do incidents an
analyst edited, reviewed, merged or set figures on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from incidents.choices import (
    SUB_EVENT_TYPES,
    CasualtyGroup,
    ClaimKind,
    DatePrecision,
    EventType,
    IngestStatus,
    LocationPrecision,
    Origin,
    ReviewStatus,
)
from incidents.derived_selectors import incident_claims_load
from incidents.models import (
    Actor,
    ActorMention,
    Article,
    Claim,
    ClaimLink,
    Deletion,
    Incident,
    Location,
    LocationMention,
)
from incidents.naming import date_phrase
from incidents.services import (
    claim_links_create_missing,
    incident_search_refresh,
    incidents_describe,
    incidents_rollup_casualties,
)
from ingest.crosslinks import cross_article_links_create
from ingest.extraction import ArticleExtraction, ClaimResult, Count, IncidentResult
from ingest.figures import casualty_figures_write
from ingest.grouping import candidate_of, incident_candidates, incident_match_reason, within_dates_of
from ingest.resolve import actors_resolve, locations_resolve

# Every persisting transaction takes this lock first: entity resolution and incident matching read
# what other articles wrote, so two workers must not both create "the" incident for one event.
_PERSIST_LOCK_KEY = 0x6B62_696E  # "kbin"


class ExtractionError(ValueError):
    """The extraction can't be written as it is (a span outside the text, an unknown event type…)."""


@dataclass
class PersistReport:
    """What one article's extraction did to the knowledge base."""

    incidents_created: list[int] = field(default_factory=list)
    incidents_joined: dict[int, str] = field(default_factory=dict)
    claims_created: int = 0
    claims_kept: int = 0
    links_created: int = 0
    cross_links_created: int = 0


@transaction.atomic
def extraction_persist(*, article: Article, extraction: ArticleExtraction) -> PersistReport:
    """Replace the article's untouched extracted rows with `extraction`; mark the article done."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PERSIST_LOCK_KEY])
    article = Article.objects.select_for_update().get(pk=article.pk)
    _validate(extraction, article.text)
    report = PersistReport()
    kept_claims, previous_incident_ids = _previous_rows_clear(article)
    report.claims_kept = len(kept_claims)

    actors = actors_resolve(results=extraction.actors, text=article.text)
    locations = locations_resolve(results=extraction.locations)
    _mentions_write(article, extraction, actors, locations)
    incidents = _incidents_write(article, extraction, actors, locations, report)
    claims = _claims_write(article, extraction, actors, locations, incidents, kept_claims, report)
    report.links_created = _links_write(extraction, claims)
    report.cross_links_created = cross_article_links_create(incident_ids=report.incidents_joined, article=article)

    _orphan_incidents_delete(previous_incident_ids)
    # The ids first, then the incidents by primary key: one `pk IN ... OR claims__article = ...` query with
    # DISTINCT joined every claim to every incident (30 ms an article at 10,000 incidents, growing with them).
    touched_ids = ({incident.pk for incident in incidents.values()} | previous_incident_ids
                   | set(Claim.objects.filter(article=article, incident__isnull=False)
                         .values_list("incident_id", flat=True)))
    touched = list(Incident.objects.filter(pk__in=touched_ids))
    # One read of their claims for both steps; the roll-up changes no claim, so the titles read the same ones.
    claims = incident_claims_load(incident_ids=[incident.pk for incident in touched])
    incidents_rollup_casualties(incidents=touched, claims=claims)
    incidents_describe(incidents=touched, claims=claims)
    incident_search_refresh(incident_ids=[incident.pk for incident in touched])

    article.status = IngestStatus.DONE
    article.error = ""
    article.extraction = extraction.to_json()
    article.pipeline_version = extraction.pipeline_version
    article.body_spans = [list(span) for span in extraction.article.body_spans]
    article.extracted_at = timezone.now()
    if not article.title and extraction.article.title:
        article.title = extraction.article.title[: Article._meta.get_field("title").max_length]
    # Everything but the (long, unchanged) text and original file.
    article.save(update_fields=["status", "error", "extraction", "pipeline_version", "body_spans", "extracted_at",
                                "title", "updated_at"])
    return report


def _validate(extraction: ArticleExtraction, text: str) -> None:
    """Refuse an extraction that would write spans outside the text or values the schema doesn't know."""
    spans = [
        *(span for actor in extraction.actors for span in actor.mentions),
        *(span for location in extraction.locations for span in location.mentions),
        *(claim.span for claim in extraction.claims),
    ]
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ExtractionError(f"span [{start}, {end}) lies outside the article's {len(text)} characters")
    for incident in extraction.incidents:
        if incident.event_type not in EventType.values:
            raise ExtractionError(f"incident {incident.id} has unknown event type '{incident.event_type}'")
    for claim in extraction.claims:
        if claim.kind not in ClaimKind.values:
            raise ExtractionError(f"claim {claim.id} has unknown kind '{claim.kind}'")
        for count in (claim.fatalities, claim.injured):
            if count and count.min is not None and count.max is not None and count.min > count.max:
                raise ExtractionError(f"claim {claim.id} counts {count.min}..{count.max}, minimum above maximum")


def _previous_rows_clear(article: Article) -> tuple[dict[tuple[int, int], Claim], set[int]]:
    """Delete the article's untouched extracted claims and all its mentions.

    Returns the claims that stay, by span, and the incidents the deleted claims belonged to.
    """
    claims = list(article.claims.all())
    protected = set()
    if claims:
        analyst_linked = ClaimLink.objects.filter(origin=Origin.ANALYST).filter(
            Q(claim_a__article=article) | Q(claim_b__article=article)
        ).values_list("claim_a_id", "claim_b_id")
        protected = {claim_id for pair in analyst_linked for claim_id in pair}
    replaced = [claim for claim in claims
                if claim.origin == Origin.EXTRACTED and not claim.analyst_edited and claim.pk not in protected]
    previous_incidents = {claim.incident_id for claim in replaced if claim.incident_id}
    if replaced:
        claim_ids = [claim.pk for claim in replaced]
        links = ClaimLink.objects.filter(Q(claim_a__in=claim_ids) | Q(claim_b__in=claim_ids))
        Deletion.objects.bulk_create(
            [Deletion(kind="claim-link", object_id=pk) for pk in links.values_list("pk", flat=True)]
            + [Deletion(kind="claim", object_id=pk) for pk in claim_ids]
        )
        links.delete()
        Claim.objects.filter(pk__in=claim_ids).delete()
    ActorMention.objects.filter(article=article).delete()
    LocationMention.objects.filter(article=article).delete()
    replaced_ids = {claim.pk for claim in replaced}
    kept = {(claim.start, claim.end): claim for claim in claims if claim.pk not in replaced_ids}
    return kept, previous_incidents


def _mentions_write(article, extraction, actors: dict[str, Actor], locations: dict[str, Location]) -> None:
    text = article.text
    ActorMention.objects.bulk_create(
        [ActorMention(article=article, actor=actors[result.id], start=start, end=end, text=text[start:end][:500])
         for result in extraction.actors for start, end in result.mentions],
        ignore_conflicts=True,
    )
    LocationMention.objects.bulk_create(
        [LocationMention(article=article, location=locations[result.id], start=start, end=end,
                         text=text[start:end][:500])
         for result in extraction.locations for start, end in result.mentions],
        ignore_conflicts=True,
    )


def _incidents_write(article, extraction, actors, locations, report: PersistReport) -> dict[str, Incident]:
    """Each extracted incident joins a matching incident of other articles, else becomes a new one.

    The stored incidents all of them could join are read at once; new incidents are never candidates
    (the pipeline already kept this article's incidents apart), so they are written in bulk afterwards.
    """
    members = {}
    for result in extraction.incidents:
        incident_actors = [actors[pk] for pk in result.actor_ids if pk in actors]
        incident_locations = [locations[pk] for pk in result.location_ids if pk in locations]
        members[result.id] = (incident_actors, incident_locations, candidate_of(
            date_start=result.date_start, date_end=result.date_end, date_precision=result.date_precision,
            locations=incident_locations, actors=incident_actors))
    stored = incident_candidates(new=[new for _, _, new in members.values()])
    incidents: dict[str, Incident] = {}
    created, joined = [], []
    for result in extraction.incidents:
        incident_actors, incident_locations, new = members[result.id]
        # Never fold two of this article's incidents into one stored incident.
        taken = {incident.pk for incident in incidents.values()}
        match = next(
            ((incident, reason) for incident, existing in stored
             if incident.pk not in taken and within_dates_of(new, incident)
             and (reason := incident_match_reason(new, existing))),
            None,
        )
        if match:
            incident, reason = match
            if _incident_note_join(incident, article=article, reason=reason):
                joined.append(incident)
            report.incidents_joined[incident.pk] = reason
        else:
            incident = _incident_new(result, article=article, locations=incident_locations)
            created.append(incident)
        incidents[result.id] = incident
    if created:
        bulk_create_with_history(created, Incident, default_change_reason=f"Extracted from article {article.pk}")
        report.incidents_created.extend(incident.pk for incident in created)
    if joined:
        bulk_update_with_history(joined, Incident, ["grouping_reason", "version", "updated_at"],
                                 default_change_reason=f"Article {article.pk} joined")
    _incident_members_add(incidents, members)
    return incidents


def _incident_members_add(incidents: dict[str, Incident], members: dict) -> None:
    """The incidents' actors and places, as `.add()` would write them (pairs already there are left alone)."""
    relations = ((Incident.actors.through, "actor", 0), (Incident.locations.through, "location", 1))
    for through, member, position in relations:
        pairs = {(incident.pk, row.pk) for result_id, incident in incidents.items()
                 for row in members[result_id][position]}
        through.objects.bulk_create(
            [through(incident_id=incident_id, **{f"{member}_id": row_id}) for incident_id, row_id in sorted(pairs)],
            ignore_conflicts=True,
        )


def _incident_new(result: IncidentResult, *, article: Article, locations: list[Location]) -> Incident:
    sub_event_type = result.sub_event_type if result.sub_event_type in SUB_EVENT_TYPES[result.event_type] else ""
    date_end = result.date_end or result.date_start
    return Incident(
        title=(result.title or _incident_title(result, locations))[: Incident._meta.get_field("title").max_length],
        summary=result.summary or "",
        event_type=result.event_type,
        sub_event_type=sub_event_type,
        date_start=result.date_start,
        date_end=date_end,
        date_precision=result.date_precision if result.date_precision in DatePrecision.values else "unknown",
        background=result.background,
        grouping_reason=f"New incident from article {article.pk}: no incident of another article matched "
                        "its dates, places and actors.",
    )


def _incident_note_join(incident: Incident, *, article: Article, reason: str) -> bool:
    """Write down why the article joined the incident; False when that was already written."""
    line = f"Article {article.pk} joined: {reason}."
    if line in incident.grouping_reason.splitlines():
        return False
    incident.grouping_reason = "\n".join(part for part in (incident.grouping_reason, line) if part)
    incident.version += 1
    incident.updated_at = timezone.now()
    return True


def _incident_title(result: IncidentResult, locations: list[Location]) -> str:
    """A readable title: what, where (a town is "near", a region or country "in") and when, to its precision."""
    what = result.sub_event_type or EventType(result.event_type).label
    return f"{what}{_title_place(locations)}{date_phrase(result.date_start, result.date_precision)}"


def _title_place(locations: list[Location]) -> str:
    if not locations:
        return ""
    # The most precise place names the incident best; towns before regions before countries.
    order = {LocationPrecision.POINT: 0, LocationPrecision.TOWN: 1, LocationPrecision.REGION: 2}
    place = min(locations, key=lambda location: order.get(location.precision, 3))
    preposition = "near" if place.precision in (LocationPrecision.POINT, LocationPrecision.TOWN) else "in"
    return f" {preposition} {place.name}"



def _claims_write(article, extraction, actors, locations, incidents, kept: dict, report) -> dict[str, Claim]:
    """New claims and their perpetrators, targets and places, written in bulk (with their history rows)."""
    claims: dict[str, Claim] = {}
    new: list[tuple[ClaimResult, Claim]] = []
    for result in extraction.claims:
        span = tuple(result.span)
        if span in kept:
            claims[result.id] = kept[span]
            continue
        incident = incidents.get(result.incident_id) if result.incident_id else None
        claim = Claim(
            article=article,
            incident=incident,
            claimant=actors.get(result.claimant_id) if result.claimant_id else None,
            kind=result.kind,
            start=span[0],
            end=span[1],
            quote=article.text[span[0]:span[1]],
            **_range_fields("fatalities", result.fatalities),
            **_range_fields("injured", result.injured),
            **_date_fields(result),
            casualty_group=result.casualty_group if result.casualty_group in CasualtyGroup.values else "unknown",
            casualty_actor=actors.get(result.casualty_actor_id) if result.casualty_actor_id else None,
            negated=result.negated,
            hypothetical=result.hypothetical,
            aggregate=result.aggregate,
            origin=Origin.EXTRACTED,
            pipeline_version=extraction.pipeline_version,
            grouping_reason=_claim_grouping_reason(incident, report),
            review_status=ReviewStatus.UNREVIEWED,
        )
        claims[result.id] = claim
        new.append((result, claim))
    bulk_create_with_history([claim for _, claim in new], Claim,
                             default_change_reason=f"Extracted from article {article.pk}")
    casualty_figures_write(new=new, actors=actors)
    relations = (
        (Claim.perpetrators.through, "actor", "perpetrator_ids", actors),
        (Claim.targets.through, "actor", "target_ids", actors),
        (Claim.locations.through, "location", "location_ids", locations),
    )
    for through, member, attribute, rows in relations:
        pairs = {(claim.pk, rows[pk].pk) for result, claim in new for pk in getattr(result, attribute) if pk in rows}
        through.objects.bulk_create(
            [through(claim_id=claim_id, **{f"{member}_id": row_id}) for claim_id, row_id in sorted(pairs)])
    report.claims_created += len(new)
    return claims


def _range_fields(prefix: str, count: Count | None) -> dict[str, int | None]:
    return {f"{prefix}_min": count.min if count else None, f"{prefix}_max": count.max if count else None}


def _date_fields(result: ClaimResult) -> dict[str, date | str | None]:
    start, end = result.date_start, result.date_end or result.date_start
    if start and end and end < start:
        start, end = end, start
    precision = result.date_precision if result.date_precision in DatePrecision.values else DatePrecision.UNKNOWN
    return {"claimed_date_start": start, "claimed_date_end": end, "claimed_date_precision": precision}


def _claim_grouping_reason(incident: Incident | None, report: PersistReport) -> str:
    if incident is None:
        return "The pipeline tied this claim to no incident."
    if incident.pk in report.incidents_joined:
        return (f"The pipeline grouped it with this article's account of the event, which joined incident "
                f"{incident.pk}: {report.incidents_joined[incident.pk]}.")
    return f"The pipeline grouped it with this article's account of incident {incident.pk}."


def _links_write(extraction: ArticleExtraction, claims: dict[str, Claim]) -> int:
    """The article's own links; a pair already linked (by an analyst, or kept from before) keeps its link."""
    links = [
        (claims[result.a], claims[result.b], result.relation, result.reason or "")
        for result in extraction.claim_links
        if result.a in claims and result.b in claims and claims[result.a].pk != claims[result.b].pk
    ]
    return len(claim_links_create_missing(links=links, origin=Origin.EXTRACTED))


def _orphan_incidents_delete(incident_ids: set[int]) -> None:
    """Incidents left without claims by re-extraction go, unless an analyst has worked on them."""
    for incident in Incident.objects.filter(pk__in=incident_ids, claims__isnull=True):
        if not _incident_touched_by_analyst(incident):
            Deletion.objects.create(kind="incident", object_id=incident.pk)
            incident._change_reason = "No claims left after re-extraction"
            incident.delete()


def _incident_touched_by_analyst(incident: Incident) -> bool:
    return (
        incident.review_status != ReviewStatus.UNREVIEWED
        or incident.fatalities_overridden
        or incident.history.filter(history_user__isnull=False).exists()
        or Deletion.objects.filter(kind="incident", merged_into_id=incident.pk).exists()
    )
