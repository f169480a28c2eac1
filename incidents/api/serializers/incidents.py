"""Serializers of incidents (lean list, detail with its claims) and the bodies of edit, merge and split."""
from rest_framework import serializers

from incidents.api.serializers._common import (
    ID_HELP,
    VERSION_HELP,
    _edited_reference,
    _edited_version,
    _help,
    _reason,
)
from incidents.api.serializers.accounts import (
    AccountLinkSerializer,
    AccountSerializer,
    GroupRollupSerializer,
    accounts_data,
)
from incidents.api.serializers.claims import ClaimSerializer
from incidents.api.serializers.records import ActorRefSerializer, LocationRefSerializer
from incidents.choices import SUB_EVENT_TYPE_CHOICES, EventType
from incidents.models import (
    Actor,
    Claim,
    Incident,
    Location,
)

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
    fatalities_by_group = GroupRollupSerializer(
        many=True, read_only=True, help_text="Fatalities by side (a side's forces, civilians, unknown); groups add up")
    accounts = serializers.SerializerMethodField(help_text="Claims grouped into accounts: each side's, independent")
    account_links = serializers.SerializerMethodField(help_text="Links counted once per pair of accounts")

    class Meta:
        model = Incident
        fields = [
            "id", "url", "title", "summary", "event_type", "sub_event_type", "date_start", "date_end",
            "date_precision", "background", "review_status", "fatalities_low", "fatalities_best", "fatalities_high",
            "fatalities_overridden", "fatalities_derivation", "fatalities_by_group", "accounts", "account_links",
            "grouping_reason", "actors", "locations", "claims", "version", "created_at", "updated_at",
        ]
        extra_kwargs = {"url": {"view_name": "api:incident-detail", "help_text": "This incident in the API"},
                        **INCIDENT_FIELD_HELP}

    def _accounts(self, incident) -> tuple[list[dict], list[dict]]:
        cached = getattr(incident, "_accounts_data", None)
        if cached is None:
            cached = incident._accounts_data = accounts_data(incident)
        return cached

    def get_accounts(self, incident) -> AccountSerializer(many=True):
        return AccountSerializer(self._accounts(incident)[0], many=True).data

    def get_account_links(self, incident) -> AccountLinkSerializer(many=True):
        return AccountLinkSerializer(self._accounts(incident)[1], many=True).data



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
    reason = _reason("Why they are one event")



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
    reason = _reason("Why these claims are about another event")
