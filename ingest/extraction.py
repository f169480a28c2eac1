"""What the pipeline extracted from one article, as frozen dataclasses, and its JSON form (schema v1).

No Django here: the pipeline builds these, `manage.py extract` prints them, and the
ingest service turns them into rows. The JSON follows ../shared/eval/extraction.schema.json;
extra keys (aliases, parents, dates, quotes) are allowed by the schema and used by the service.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

SCHEMA_VERSION = 1

Span = tuple[int, int]


@dataclass(frozen=True)
class Count:
    """A casualty figure as a range; max None means no known upper bound ("a number of" is 1..None)."""

    min: int | None
    max: int | None


@dataclass(frozen=True)
class ArticleInfo:
    title: str | None
    published_at: str | None
    publisher: str | None
    language: str | None = "en"
    title_span: Span | None = None
    body_spans: list[Span] = field(default_factory=list)
    caption_spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class ActorResult:
    id: str
    name: str
    kind: str
    country_code: str | None
    mentions: list[Span]
    aliases: list[str] = field(default_factory=list)
    parent_id: str | None = None


@dataclass(frozen=True)
class LocationResult:
    id: str
    name: str
    country_code: str | None
    lat: float | None
    lon: float | None
    precision: str
    mentions: list[Span]
    admin1: str | None = None
    gazetteer_id: str | None = None
    alternate_names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DateResult:
    """One date expression in the text, resolved against the publication date."""

    span: Span
    text: str
    date_start: date | None
    date_end: date | None
    precision: str


@dataclass(frozen=True)
class IncidentResult:
    id: str
    event_type: str
    date_start: date | None
    date_end: date | None
    date_precision: str
    location_ids: list[str]
    actor_ids: list[str]
    background: bool
    sub_event_type: str | None = None
    title: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class FigureResult:
    """One casualty count of a claim for one group of people: "49 Armenian servicemen" is killed, forces of the
    Armenian state's actor, 49..49. `span` is the count phrase's; `actor_id` is set for a side's forces only."""

    kind: str  # "killed" or "injured"
    group: str  # "forces", "civilians" or "unknown"
    count: Count
    span: Span
    actor_id: str | None = None


@dataclass(frozen=True)
class ClaimResult:
    id: str
    incident_id: str | None
    claimant_id: str | None
    span: Span
    text: str
    kind: str
    perpetrator_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    location_ids: list[str] = field(default_factory=list)
    fatalities: Count | None = None
    injured: Count | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = "unknown"
    casualty_group: str = "unknown"
    casualty_actor_id: str | None = None
    negated: bool = False
    hypothetical: bool = False
    # Additive to schema v1: the figures by group (fatalities/injured stay each kind's total) and whether the
    # toll is cumulative over a period ("since the war began"), which never counts towards an incident.
    casualty_figures: list[FigureResult] = field(default_factory=list)
    aggregate: bool = False


@dataclass(frozen=True)
class LinkResult:
    a: str
    b: str
    relation: str
    reason: str | None = None


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything the pipeline read from one article; ids are local to it."""

    article: ArticleInfo
    actors: list[ActorResult] = field(default_factory=list)
    locations: list[LocationResult] = field(default_factory=list)
    dates: list[DateResult] = field(default_factory=list)
    incidents: list[IncidentResult] = field(default_factory=list)
    claims: list[ClaimResult] = field(default_factory=list)
    claim_links: list[LinkResult] = field(default_factory=list)
    pipeline_version: str = ""

    def to_json(self) -> dict:
        """The schema-v1 object `manage.py extract --format json` prints."""
        data = _jsonable(asdict(self))
        return {"schema_version": SCHEMA_VERSION, **data}


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
