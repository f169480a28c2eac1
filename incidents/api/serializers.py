"""How the API shows each model, and the bodies of its writes (which go through `incidents.services`).

Lists are lean (a row and the names it needs); details embed what a reader wants on one page
(an incident embeds its claims with claimant, span, quote, figures and links). Every field says
what it is (help_text) so the OpenAPI schema documents it.
"""
from rest_framework import serializers

from incidents.choices import SUB_EVENT_TYPE_CHOICES, EventType, LinkRelation
from incidents.models import (
    Actor, Article, Claim, ClaimLink, Deletion, Incident, Location, Publisher,
)

ID_HELP = "Unique id"
VERSION_HELP = "Bumped on every edit; send it back (If-Match header or this field) to edit safely"


def _help(**texts) -> dict:
    """extra_kwargs giving each named field its help text."""
    return {name: {"help_text": text} for name, text in texts.items()}


class PublisherSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "url", "name", "domain", "country_code", "ownership", "alignment", "reliability",
                  "created_at", "updated_at"]
        extra_kwargs = {
            "url": {"view_name": "api:publisher-detail", "help_text": "This publisher in the API"},
            "id": {"help_text": ID_HELP},
            "name": {"help_text": "The outlet's or office's name"},
            "ownership": {"help_text": "Who owns or runs the outlet"},
            "reliability": {"help_text": "Admiralty source reliability grade (A–F)"},
            "created_at": {"help_text": "When the row was created"},
            "updated_at": {"help_text": "When the row last changed"},
        }


class PublisherRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "reliability"]
        extra_kwargs = {"id": {"help_text": ID_HELP}, "name": {"help_text": "The outlet's name"},
                        "reliability": {"help_text": "Admiralty source reliability grade (A–F)"}}


class ActorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "name", "kind", "country_code"]
        extra_kwargs = {
            "id": {"help_text": ID_HELP}, "name": {"help_text": "Canonical name"},
            "kind": {"help_text": "What kind of actor"}, "country_code": {"help_text": "ISO 3166-1 alpha-2"},
        }


class ActorSerializer(serializers.HyperlinkedModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="Id of the actor this one belongs to (e.g. a ministry's state)",
    )

    class Meta:
        model = Actor
        fields = ["id", "url", "name", "kind", "country_code", "aliases", "parent", "created_at", "updated_at"]
        extra_kwargs = {
            "url": {"view_name": "api:actor-detail", "help_text": "This actor in the API"},
            "id": {"help_text": ID_HELP}, "name": {"help_text": "Canonical name"},
            "kind": {"help_text": "What kind of actor"}, "aliases": {"help_text": "Other names articles use"},
            "created_at": {"help_text": "When the row was created"},
            "updated_at": {"help_text": "When the row last changed"},
        }


class LocationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "name", "country_code", "latitude", "longitude", "precision"]
        extra_kwargs = {
            "id": {"help_text": ID_HELP}, "name": {"help_text": "The place's name"},
            "country_code": {"help_text": "ISO 3166-1 alpha-2"}, "latitude": {"help_text": "WGS84 degrees"},
            "longitude": {"help_text": "WGS84 degrees"}, "precision": {"help_text": "How exactly the place is known"},
        }


class LocationSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "url", "name", "alternate_names", "country_code", "admin1", "latitude", "longitude",
                  "precision", "gazetteer_id", "created_at", "updated_at"]
        extra_kwargs = {
            "url": {"view_name": "api:location-detail", "help_text": "This place in the API"},
            "id": {"help_text": ID_HELP}, "name": {"help_text": "The place's name"},
            "alternate_names": {"help_text": "Other spellings and languages"},
            "admin1": {"help_text": "First-level administrative region"},
            "country_code": {"help_text": "ISO 3166-1 alpha-2"},
            "latitude": {"help_text": "WGS84 degrees"}, "longitude": {"help_text": "WGS84 degrees"},
            "precision": {"help_text": "How exactly the place is known"},
            "created_at": {"help_text": "When the row was created"},
            "updated_at": {"help_text": "When the row last changed"},
        }


class ClaimLinkSerializer(serializers.HyperlinkedModelSerializer):
    claim_a = serializers.PrimaryKeyRelatedField(read_only=True, help_text="Id of the claim with the lower id")
    claim_b = serializers.PrimaryKeyRelatedField(read_only=True, help_text="Id of the claim with the higher id")
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True,
        help_text="The analyst who made the link; empty when extracted",
    )

    class Meta:
        model = ClaimLink
        fields = ["id", "url", "claim_a", "claim_b", "relation", "reason", "origin", "created_by", "created_at",
                  "updated_at"]
        extra_kwargs = {
            "url": {"view_name": "api:claim-link-detail", "help_text": "This link in the API"},
            "id": {"help_text": ID_HELP}, "relation": {"help_text": "contradicts or corroborates"},
            "reason": {"help_text": "Why the claims are linked"},
            "origin": {"help_text": "Found by the pipeline or made by an analyst"},
            "created_at": {"help_text": "When the link was made"},
            "updated_at": {"help_text": "When the link last changed"},
        }


class ClaimLinkCreateSerializer(serializers.Serializer):
    claim_a = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all(), help_text="Id of one claim")
    claim_b = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all(), help_text="Id of the other claim")
    relation = serializers.ChoiceField(choices=LinkRelation.choices, help_text="contradicts or corroborates")
    reason = serializers.CharField(required=False, allow_blank=True, default="", help_text="Why they are linked")


class EmbeddedLinkSerializer(serializers.Serializer):
    """One link of a claim, seen from that claim: the other claim and how they relate."""

    id = serializers.IntegerField(help_text=ID_HELP)
    relation = serializers.CharField(help_text="contradicts or corroborates")
    other_claim = serializers.IntegerField(help_text="Id of the claim at the other end")
    reason = serializers.CharField(help_text="Why the claims are linked")
    origin = serializers.CharField(help_text="extracted or analyst")


CLAIM_FIELD_HELP = _help(
    id=ID_HELP, kind="What the claim asserts", start="Start of the quote in the article's text (characters)",
    end="End (exclusive) of the quote in the article's text", quote="The claim's text exactly as printed",
    fatalities_min="Fewest deaths the claim gives", fatalities_max="Most deaths the claim gives; empty: no bound",
    injured_min="Fewest injured", injured_max="Most injured; empty: no upper bound",
    claimed_date_start="First day the claim says it happened", claimed_date_end="Last day it says it happened",
    claimed_date_precision="How exactly the claim dates it", casualty_group="Who the casualties were",
    negated="The claim denies it (e.g. 'denied shelling')", hypothetical="Future or hypothetical",
    credibility="Admiralty information credibility (1–6), set by analysts",
    review_status="Where the analysts' review stands", analyst_note="Analysts' remarks",
    origin="Extracted by the pipeline or added by an analyst",
    analyst_edited="An analyst changed it, so re-extraction keeps it",
    grouping_reason="Why the claim was put in its incident", version=VERSION_HELP,
    created_at="When the row was created", updated_at="When the row last changed",
)


class ClaimSerializer(serializers.HyperlinkedModelSerializer):
    """A claim with who made it, where it is printed, its figures and links."""

    incident = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True,
                                                  help_text="Id of the incident it is about")
    article = serializers.PrimaryKeyRelatedField(read_only=True, help_text="Id of the article it is printed in")
    publisher = serializers.SerializerMethodField(help_text="The publisher of that article")
    claimant = ActorRefSerializer(read_only=True, allow_null=True,
                                  help_text="Who makes the claim; empty: the article's own voice")
    casualty_actor = ActorRefSerializer(read_only=True, allow_null=True,
                                        help_text="Whose forces the casualties were, when named")
    perpetrators = ActorRefSerializer(many=True, read_only=True, help_text="Who the claim says did it")
    targets = ActorRefSerializer(many=True, read_only=True, help_text="Who the claim says was hit")
    locations = LocationRefSerializer(many=True, read_only=True, help_text="Where the claim says it happened")
    links = serializers.SerializerMethodField(help_text="Claims this one contradicts or corroborates")

    class Meta:
        model = Claim
        fields = [
            "id", "url", "incident", "article", "publisher", "claimant", "kind", "start", "end", "quote",
            "perpetrators", "targets", "locations", "fatalities_min", "fatalities_max", "injured_min", "injured_max",
            "claimed_date_start", "claimed_date_end", "claimed_date_precision", "casualty_group", "casualty_actor",
            "negated", "hypothetical", "credibility", "review_status", "analyst_note", "origin", "analyst_edited",
            "grouping_reason", "links", "version", "created_at", "updated_at",
        ]
        extra_kwargs = {"url": {"view_name": "api:claim-detail", "help_text": "This claim in the API"},
                        **CLAIM_FIELD_HELP}

    def get_publisher(self, claim) -> PublisherRefSerializer(allow_null=True):
        publisher = claim.article.publisher
        return PublisherRefSerializer(publisher).data if publisher else None

    def get_links(self, claim) -> EmbeddedLinkSerializer(many=True):
        links = [(link, link.claim_b_id) for link in claim.links_as_a.all()]
        links += [(link, link.claim_a_id) for link in claim.links_as_b.all()]
        return [
            {"id": link.pk, "relation": link.relation, "other_claim": other, "reason": link.reason,
             "origin": link.origin}
            for link, other in sorted(links, key=lambda pair: pair[0].pk)
        ]


def _edited_reference(model, help_text: str, *, many: bool = False,
                      allow_null: bool = False) -> serializers.PrimaryKeyRelatedField:
    """An optional field of a PATCH that points at rows of `model` by id (ids when `many`)."""
    options = {"many": True} if many else {"allow_null": allow_null}
    return serializers.PrimaryKeyRelatedField(
        queryset=model.objects.all(), required=False, help_text=help_text, **options,
    )


def _edited_version() -> serializers.IntegerField:
    """The `version` a PATCH says it edits (instead of an If-Match header)."""
    return serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)


class ClaimUpdateSerializer(serializers.ModelSerializer):
    """The fields of a claim an analyst may change; `incident` moves the claim to another incident."""

    incident = _edited_reference(Incident, "Move the claim to this incident (id)")
    claimant = _edited_reference(Actor, "Id of the claimant actor", allow_null=True)
    casualty_actor = _edited_reference(Actor, "Id of the actor whose forces died", allow_null=True)
    perpetrators = _edited_reference(Actor, "Ids of the perpetrators", many=True)
    targets = _edited_reference(Actor, "Ids of the targets", many=True)
    locations = _edited_reference(Location, "Ids of the places", many=True)
    version = _edited_version()

    class Meta:
        model = Claim
        fields = [
            "incident", "claimant", "kind", "start", "end", "perpetrators", "targets", "locations",
            "fatalities_min", "fatalities_max", "injured_min", "injured_max", "claimed_date_start",
            "claimed_date_end", "claimed_date_precision", "casualty_group", "casualty_actor", "negated",
            "hypothetical", "credibility", "review_status", "analyst_note", "version",
        ]
        extra_kwargs = CLAIM_FIELD_HELP


INCIDENT_FIELD_HELP = _help(
    id=ID_HELP, title="A short name for the event", summary="What happened, in a few sentences",
    event_type="ACLED event type", sub_event_type="ACLED sub-event type (must belong to the event type)",
    date_start="First day of the event's time window", date_end="Last day of the event's time window",
    date_precision="How exactly the date is known", background="History an article recalls, not news it reports",
    review_status="Where the analysts' review stands", fatalities_low="Low estimate of deaths",
    fatalities_best="Best estimate of deaths", fatalities_high="High estimate of deaths; empty: no upper bound",
    fatalities_overridden="An analyst set the figures; roll-ups from claims leave them alone",
    fatalities_derivation="How the figures were derived from the claims",
    grouping_reason="Why articles' claims were joined into this incident", version=VERSION_HELP,
    created_at="When the row was created", updated_at="When the row last changed",
)
INCIDENT_LIST_FIELDS = [
    "id", "url", "title", "event_type", "sub_event_type", "date_start", "date_end", "date_precision", "background",
    "review_status", "fatalities_low", "fatalities_best", "fatalities_high", "locations", "claim_count", "version",
    "updated_at",
]


class IncidentListSerializer(serializers.HyperlinkedModelSerializer):
    """An incident as a row of a list: its window, type, figures and places."""

    locations = LocationRefSerializer(many=True, read_only=True, help_text="Where it happened")
    claim_count = serializers.IntegerField(read_only=True, help_text="How many claims speak about it")

    class Meta:
        model = Incident
        fields = INCIDENT_LIST_FIELDS
        extra_kwargs = {"url": {"view_name": "api:incident-detail", "help_text": "This incident in the API"},
                        **INCIDENT_FIELD_HELP}


class IncidentDetailSerializer(serializers.HyperlinkedModelSerializer):
    """An incident with its actors, places and every claim about it."""

    locations = LocationRefSerializer(many=True, read_only=True, help_text="Where it happened")
    actors = ActorRefSerializer(many=True, read_only=True, help_text="Who was involved")
    claims = ClaimSerializer(many=True, read_only=True, help_text="Every claim about the incident")

    class Meta:
        model = Incident
        fields = [
            "id", "url", "title", "summary", "event_type", "sub_event_type", "date_start", "date_end",
            "date_precision", "background", "review_status", "fatalities_low", "fatalities_best", "fatalities_high",
            "fatalities_overridden", "fatalities_derivation", "grouping_reason", "actors", "locations", "claims",
            "version", "created_at", "updated_at",
        ]
        extra_kwargs = {"url": {"view_name": "api:incident-detail", "help_text": "This incident in the API"},
                        **INCIDENT_FIELD_HELP}


class IncidentUpdateSerializer(serializers.ModelSerializer):
    """The fields of an incident an analyst may change; setting a fatality figure marks the figures as set by hand."""

    actors = _edited_reference(Actor, "Ids of the actors involved", many=True)
    locations = _edited_reference(Location, "Ids of the places", many=True)
    version = _edited_version()

    class Meta:
        model = Incident
        fields = [
            "title", "summary", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
            "background", "review_status", "fatalities_low", "fatalities_best", "fatalities_high",
            "fatalities_overridden", "grouping_reason", "actors", "locations", "version",
        ]
        extra_kwargs = INCIDENT_FIELD_HELP


class IncidentMergeSerializer(serializers.Serializer):
    sources = serializers.PrimaryKeyRelatedField(
        queryset=Incident.objects.all(), many=True, allow_empty=False,
        help_text="Ids of the incidents to fold into this one (they are deleted)",
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", help_text="Why they are one event")


class IncidentSplitSerializer(serializers.Serializer):
    claims = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), many=True, allow_empty=False,
        help_text="Ids of this incident's claims that describe another event",
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500,
                                  help_text="Title of the new incident (default: this one's title + ' (split)')")
    event_type = serializers.ChoiceField(
        choices=EventType.choices, required=False,
        help_text="ACLED event type of the new incident (default: this one's; claims carry none)",
    )
    sub_event_type = serializers.ChoiceField(
        choices=SUB_EVENT_TYPE_CHOICES, required=False, allow_blank=True,
        help_text="ACLED sub-event type of the new incident, with `event_type`; must belong to it",
    )


class ArticleListSerializer(serializers.HyperlinkedModelSerializer):
    """An article as a row of a list: where it is from and how its ingest went."""

    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail", help_text="This article in the API")
    source_url = serializers.CharField(source="url", read_only=True, help_text="Where the article was published")
    publisher = PublisherRefSerializer(read_only=True, allow_null=True, help_text="Who published it")

    class Meta:
        model = Article
        fields = ["id", "url", "title", "source_url", "publisher", "published_at", "language", "status", "error",
                  "original_filename", "created_at", "updated_at"]
        extra_kwargs = {
            "id": {"help_text": ID_HELP}, "title": {"help_text": "The article's headline"},
            "published_at": {"help_text": "When it was published"}, "language": {"help_text": "Language code"},
            "status": {"help_text": "Ingest status: queued, processing, done or failed"},
            "error": {"help_text": "Why ingestion failed, readable by a person"},
            "original_filename": {"help_text": "The uploaded file's name"},
            "created_at": {"help_text": "When it was uploaded"}, "updated_at": {"help_text": "When it last changed"},
        }


class ArticleDetailSerializer(ArticleListSerializer):
    """An article with its text and, once extracted, the incidents and claims read from it."""

    incidents = serializers.SerializerMethodField(help_text="Ids of the incidents its claims are about")
    claims = serializers.SerializerMethodField(help_text="The claims read from it (with spans into `text`)")

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "sha256", "content_type", "pipeline_version", "extracted_at",
                  "text", "incidents", "claims"]
        extra_kwargs = {
            **ArticleListSerializer.Meta.extra_kwargs,
            "sha256": {"help_text": "SHA-256 of the content as received"},
            "content_type": {"help_text": "MIME type of the original"},
            "pipeline_version": {"help_text": "Version of the pipeline that read it"},
            "extracted_at": {"help_text": "When it was read"},
            "text": {"help_text": "The decoded text; every span refers to it"},
        }

    def get_incidents(self, article) -> list[int]:
        return sorted({claim.incident_id for claim in article.claims.all() if claim.incident_id})

    def get_claims(self, article) -> ClaimSerializer(many=True):
        return ClaimSerializer(article.claims.all(), many=True, context=self.context).data


class ArticleSubmitSerializer(serializers.Serializer):
    """An article to ingest: a file (multipart) or its text (JSON), with what is known about it."""

    file = serializers.FileField(required=False, help_text="The article as a file: txt, html, pdf or zip")
    text = serializers.CharField(required=False, trim_whitespace=False, help_text="The article's text, if no file")
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, help_text="Its headline")
    url = serializers.URLField(required=False, allow_blank=True, max_length=1000, help_text="Where it was published")
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                      help_text="The publisher's name (created if new)")
    published_at = serializers.DateTimeField(
        required=False, allow_null=True, input_formats=["iso-8601", "%Y-%m-%d"],
        help_text="When it was published (ISO 8601; a date alone, e.g. 2022-09-13, is accepted)",
    )

    def validate(self, attrs):
        if "file" in attrs and attrs.get("text") is not None:
            raise serializers.ValidationError("Give either a file or a text, not both.")
        if "file" not in attrs and not (attrs.get("text") or "").strip():
            raise serializers.ValidationError("Give a file (multipart field 'file') or a non-empty 'text'.")
        return attrs


class ArticleSubmittedSerializer(ArticleDetailSerializer):
    """An article just submitted, with what happened to it."""

    message = serializers.SerializerMethodField(help_text="What happened to the submission")

    class Meta(ArticleDetailSerializer.Meta):
        fields = [*ArticleDetailSerializer.Meta.fields, "message"]

    def get_message(self, article) -> str:
        return self.context.get("message", "")


class ArticleConflictSerializer(ArticleSubmittedSerializer):
    """The 409 answer to content already stored as an article whose ingestion failed."""

    detail = serializers.CharField(help_text="Which article holds the content, why it failed, how to re-run it")

    class Meta(ArticleSubmittedSerializer.Meta):
        fields = ["detail", *ArticleSubmittedSerializer.Meta.fields]


class DeletionSerializer(serializers.ModelSerializer):
    merged_into = serializers.IntegerField(
        source="merged_into_id", read_only=True, allow_null=True,
        help_text="Id of the row it was merged into; empty when simply deleted",
    )
    when = serializers.DateTimeField(source="deleted_at", read_only=True, help_text="When it was deleted or merged")

    class Meta:
        model = Deletion
        fields = ["id", "kind", "object_id", "merged_into", "when"]
        extra_kwargs = {"id": {"help_text": ID_HELP},
                        "kind": {"help_text": "incident, claim, claim-link, actor or location"},
                        "object_id": {"help_text": "Id the deleted row had"}}
