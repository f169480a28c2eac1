"""One django-filter FilterSet per model, shared by the analyst pages and the REST API.

Parameter names are the API's query parameters. Every list can be narrowed to rows changed
since a moment (`updated_since`), so clients can mirror the knowledge base incrementally;
`Deletion` rows tell them what disappeared.
"""
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import IContains
from django_filters import rest_framework as filters

from incidents.choices import (
    ActorKind,
    ClaimKind,
    EventType,
    IngestStatus,
    LinkRelation,
    LocationPrecision,
    Origin,
    Ownership,
    Reliability,
    ReviewStatus,
)
from incidents.filter_fields import BoundingBoxFilter, CountryFilter, IdFilter, MomentFilter, StrictBooleanFilter
from incidents.models import Actor, Article, Claim, ClaimLink, Deletion, Incident, Location, Publisher
from incidents.search import search_incidents


def _location_in_box(box, prefix: str = "") -> Q:
    min_lon, min_lat, max_lon, max_lat = box
    return Q(**{
        f"{prefix}longitude__gte": min_lon, f"{prefix}longitude__lte": max_lon,
        f"{prefix}latitude__gte": min_lat, f"{prefix}latitude__lte": max_lat,
    })


def _any_name_contains(name_field: str, array_field: str, value: str) -> Q:
    """The name or one of the names in an array field contains `value`, ignoring case."""
    joined = Func(F(array_field), Value("\n"), function="array_to_string", output_field=TextField())
    return Q(**{f"{name_field}__icontains": value}) | Q(IContains(joined, value))


def _is_id(value: str) -> bool:
    # str.isdigit() also accepts digits int() refuses, such as "²".
    return value.isascii() and value.isdigit()


def _actor_matches(value: str) -> Q:
    """An actor by id (all digits) or by a fragment of its name or one of its aliases."""
    value = value.strip()
    if _is_id(value):
        return Q(pk=int(value))
    return _any_name_contains("name", "aliases", value)


def _location_matches(value: str) -> Q:
    value = value.strip()
    if _is_id(value):
        return Q(pk=int(value))
    return _any_name_contains("name", "alternate_names", value)


UPDATED_SINCE_HELP = "Only rows changed at or after this moment (ISO 8601), for incremental sync."


class IncidentFilterSet(filters.FilterSet):
    date_from = filters.DateFilter(
        method="filter_date_from", help_text="Incidents whose time window ends on or after this date",
    )
    date_to = filters.DateFilter(
        method="filter_date_to", help_text="Incidents whose time window starts on or before this date",
    )
    # distinct=False: one row per incident already; django-filter's default DISTINCT sorts every column.
    event_type = filters.MultipleChoiceFilter(
        choices=EventType.choices, distinct=False, help_text="ACLED event type (repeatable)",
    )
    sub_event_type = filters.CharFilter(help_text="ACLED sub-event type, exactly as ACLED spells it")
    country = CountryFilter(
        method="filter_country", help_text="A country the incident took place in: its name or ISO 3166-1 alpha-2 code",
    )
    location = filters.CharFilter(
        method="filter_location", help_text="A place of the incident: its id, or part of its name",
    )
    bbox = BoundingBoxFilter(
        method="filter_bbox", help_text="Incidents with a place inside minlon,minlat,maxlon,maxlat (degrees)",
    )
    actor = filters.CharFilter(
        method="filter_actor", help_text="An actor involved: its id, or part of its name or an alias",
    )
    claimant = filters.CharFilter(
        method="filter_claimant", help_text="An actor who made a claim about the incident: id or part of its name",
    )
    review_status = filters.MultipleChoiceFilter(
        choices=ReviewStatus.choices, distinct=False, help_text="Review status (repeatable)",
    )
    has_contradictions = StrictBooleanFilter(
        method="filter_has_contradictions",
        help_text="Only incidents with (true) or without (false) contradicting claims",
    )
    background = StrictBooleanFilter(help_text="History an article recalls (true) or news it reports (false)")
    search = filters.CharFilter(
        method="filter_search",
        help_text='Full-text search (web-search syntax: "exact phrase", or, -word), best matches first',
    )
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)
    created_since = MomentFilter(
        field_name="created_at", lookup_expr="gte", help_text="Only incidents added at or after this moment",
    )
    feed = IdFilter(
        method="filter_feed", help_text="Incidents with a claim from an article this feed brought in (feed id)",
    )

    class Meta:
        model = Incident
        fields = []

    def filter_date_from(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.alias(window_end=Coalesce("date_end", "date_start")).filter(window_end__gte=value)

    def filter_date_to(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.alias(window_start=Coalesce("date_start", "date_end")).filter(window_start__lte=value)

    def _with_location(self, queryset: QuerySet, condition: Q) -> QuerySet:
        places = Location.objects.filter(condition, incidents=OuterRef("pk"))
        return queryset.filter(Exists(places))

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # iexact compares UPPER(country_code), which the location_country_upper index holds.
        return self._with_location(queryset, Q(country_code__iexact=value))

    def filter_location(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return self._with_location(queryset, _location_matches(value))

    def filter_bbox(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return self._with_location(queryset, _location_in_box(value))

    def filter_actor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(Actor.objects.filter(_actor_matches(value), incidents=OuterRef("pk"))))

    def filter_claimant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        claimants = Actor.objects.filter(_actor_matches(value), claims_made__incident=OuterRef("pk"))
        return queryset.filter(Exists(claimants))

    def filter_has_contradictions(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        # One EXISTS per side of the link, OR-ed: PostgreSQL answers each through the indexes on the claims'
        # incident and the links' claim (or as one hashed id set when it checks every incident, as a count does).
        # One EXISTS with the OR inside it matches no index and filters every link for every incident.
        contradictions = ClaimLink.objects.filter(relation=LinkRelation.CONTRADICTS).order_by()
        either_side = (Exists(contradictions.filter(claim_a__incident=OuterRef("pk")))
                       | Exists(contradictions.filter(claim_b__incident=OuterRef("pk"))))
        return queryset.filter(either_side if value else ~either_side)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_incidents(queryset, value)

    def filter_feed(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # Through the feeds app's reverse relation by name: the domain does not import the intake app.
        claims = Claim.objects.filter(incident=OuterRef("pk"), article__feed_entries__feed_id=value)
        return queryset.filter(Exists(claims))


class ClaimFilterSet(filters.FilterSet):
    incident = IdFilter(field_name="incident_id", help_text="Claims about this incident (id)")
    article = IdFilter(field_name="article_id", help_text="Claims printed in this article (id)")
    claimant = filters.CharFilter(method="filter_claimant", help_text="The claimant: id, or part of its name or alias")
    kind = filters.MultipleChoiceFilter(choices=ClaimKind.choices, distinct=False,
                                        help_text="Kind of claim (repeatable)")
    review_status = filters.MultipleChoiceFilter(choices=ReviewStatus.choices, distinct=False,
                                                 help_text="Review status (repeatable)")
    origin = filters.ChoiceFilter(choices=Origin.choices, help_text="Extracted by the pipeline or added by an analyst")
    analyst_edited = StrictBooleanFilter(help_text="Only claims an analyst changed (true) or did not (false)")
    has_fatalities = StrictBooleanFilter(
        method="filter_has_fatalities",
        help_text="Only claims that give (true) or do not give (false) a fatality count",
    )
    quote = filters.CharFilter(lookup_expr="icontains", help_text="Part of the quoted text")
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = Claim
        fields = []

    def filter_claimant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(Actor.objects.filter(_actor_matches(value), pk=OuterRef("claimant_id"))))

    def filter_has_fatalities(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        given = Q(fatalities_min__isnull=False) | Q(fatalities_max__isnull=False)
        return queryset.filter(given if value else ~given)


class ClaimLinkFilterSet(filters.FilterSet):
    relation = filters.ChoiceFilter(choices=LinkRelation.choices, help_text="contradicts or corroborates")
    claim = IdFilter(method="filter_claim", help_text="Links touching this claim (id), on either side")
    incident = IdFilter(
        method="filter_incident", help_text="Links touching a claim of this incident (id)",
    )
    origin = filters.ChoiceFilter(choices=Origin.choices, help_text="Found by the pipeline or made by an analyst")
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = ClaimLink
        fields = []

    def filter_claim(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(Q(claim_a_id=value) | Q(claim_b_id=value))

    def filter_incident(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(Q(claim_a__incident_id=value) | Q(claim_b__incident_id=value))


class ActorFilterSet(filters.FilterSet):
    name = filters.CharFilter(method="filter_name", help_text="Part of the actor's name or one of its aliases")
    # Clients send `search` to every list, as the incident list takes it; here it means the same as `name`.
    search = filters.CharFilter(method="filter_name", help_text="Same as name")
    kind = filters.MultipleChoiceFilter(choices=ActorKind.choices, distinct=False,
                                        help_text="Kind of actor (repeatable)")
    country = CountryFilter(field_name="country_code", help_text="Country name or ISO 3166-1 alpha-2 code")
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = Actor
        fields = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_any_name_contains("name", "aliases", value))


class LocationFilterSet(filters.FilterSet):
    name = filters.CharFilter(method="filter_name", help_text="Part of the place's name or an alternate name")
    search = filters.CharFilter(method="filter_name", help_text="Same as name")
    country = CountryFilter(field_name="country_code", help_text="Country name or ISO 3166-1 alpha-2 code")
    precision = filters.MultipleChoiceFilter(choices=LocationPrecision.choices, distinct=False,
                                             help_text="Precision (repeatable)")
    bbox = BoundingBoxFilter(method="filter_bbox", help_text="Places inside minlon,minlat,maxlon,maxlat (degrees)")
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = Location
        fields = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_any_name_contains("name", "alternate_names", value))

    def filter_bbox(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(_location_in_box(value))


class ArticleFilterSet(filters.FilterSet):
    publisher = IdFilter(field_name="publisher_id", help_text="Articles of this publisher (id)")
    status = filters.MultipleChoiceFilter(choices=IngestStatus.choices, distinct=False,
                                          help_text="Ingest status (repeatable)")
    published_from = MomentFilter(
        field_name="published_at", lookup_expr="gte", help_text="Published at or after this moment",
    )
    published_to = MomentFilter(
        field_name="published_at", lookup_expr="lte", help_text="Published at or before this moment",
    )
    title = filters.CharFilter(lookup_expr="icontains", help_text="Part of the title")
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = Article
        fields = []


class PublisherFilterSet(filters.FilterSet):
    name = filters.CharFilter(lookup_expr="icontains", help_text="Part of the publisher's name")
    country = CountryFilter(field_name="country_code", help_text="Country name or ISO 3166-1 alpha-2 code")
    ownership = filters.MultipleChoiceFilter(choices=Ownership.choices, distinct=False,
                                             help_text="Ownership (repeatable)")
    reliability = filters.MultipleChoiceFilter(choices=Reliability.choices, distinct=False,
                                               help_text="Admiralty grade (repeatable)")
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = Publisher
        fields = []


class DeletionFilterSet(filters.FilterSet):
    since = MomentFilter(
        field_name="deleted_at", lookup_expr="gte",
        help_text="Only rows deleted or merged away at or after this moment",
    )
    kind = filters.CharFilter(help_text="incident, claim, claim-link, actor or location")

    class Meta:
        model = Deletion
        fields = []
