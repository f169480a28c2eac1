"""Serializers of claims and claim links, and the bodies of their edits."""
from rest_framework import serializers

from incidents.accounts import side_of
from incidents.api.serializers._common import (
    ID_HELP,
    VERSION_HELP,
    _edited_reference,
    _edited_version,
    _help,
    _reason,
)
from incidents.api.serializers.records import ActorRefSerializer, LocationRefSerializer, PublisherRefSerializer
from incidents.choices import CasualtyGroup, CasualtyKind, LinkRelation
from incidents.models import (
    Actor,
    CasualtyFigure,
    Claim,
    ClaimLink,
    Incident,
    Location,
)

CLAIM_FIELD_HELP = _help(
    id=ID_HELP, kind="What the claim asserts", start="Start of the quote in the article's text (characters)",
    end="End (exclusive) of the quote in the article's text", quote="The claim's text exactly as printed",
    fatalities_min="Fewest deaths the claim gives", fatalities_max="Most deaths the claim gives; empty: no bound",
    injured_min="Fewest injured", injured_max="Most injured; empty: no upper bound",
    claimed_date_start="First day the claim says it happened", claimed_date_end="Last day it says it happened",
    claimed_date_precision="How exactly the claim dates it",
    casualty_group="Whose people its (first) figure counts", aggregate="A cumulative toll over a period: never counted",
    negated="The claim denies it (e.g. 'denied shelling')", hypothetical="Future or hypothetical",
    credibility="Admiralty information credibility (1–6), set by analysts",
    review_status="Where the analysts' review stands", analyst_note="Analysts' remarks",
    origin="Extracted by the pipeline or added by an analyst",
    analyst_edited="An analyst changed it, so re-extraction keeps it",
    grouping_reason="Why the claim was put in its incident", version=VERSION_HELP,
    created_at="When the row was created", updated_at="When the row last changed",
)


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


class ClaimLinkDeleteSerializer(serializers.Serializer):
    """The body of removing a link (or its `reason` query parameter, for clients that send no DELETE body)."""

    reason = _reason("Why the two claims are not linked after all")


class EmbeddedLinkSerializer(serializers.Serializer):
    """One link of a claim, seen from that claim: the other claim and how they relate."""

    id = serializers.IntegerField(help_text=ID_HELP)
    relation = serializers.CharField(help_text="contradicts or corroborates")
    other_claim = serializers.IntegerField(help_text="Id of the claim at the other end")
    reason = serializers.CharField(help_text="Why the claims are linked")
    origin = serializers.CharField(help_text="extracted or analyst")



class CasualtyFigureSerializer(serializers.ModelSerializer):
    """One casualty count of a claim for one group of people."""

    actor = ActorRefSerializer(read_only=True, allow_null=True,
                               help_text="Whose forces, for group `forces` (as the text names them)")
    side = serializers.SerializerMethodField(help_text="The side those forces fight for (the actor's top parent)")

    class Meta:
        model = CasualtyFigure
        fields = ["id", "kind", "group", "actor", "side", "min", "max", "start", "end"]
        extra_kwargs = {
            "id": {"help_text": ID_HELP}, "kind": {"help_text": "killed or injured"},
            "group": {"help_text": "forces (of `actor`), civilians, or unknown (the text does not place them)"},
            "min": {"help_text": "Fewest people the claim counts"},
            "max": {"help_text": "Most people it counts; empty: no upper bound"},
            "start": {"help_text": "Start of the count phrase in the article's text"},
            "end": {"help_text": "End (exclusive) of the count phrase"},
        }

    def get_side(self, figure) -> ActorRefSerializer(allow_null=True):
        return ActorRefSerializer(side_of(figure.actor)).data if figure.actor_id else None


class CasualtyFigureEditSerializer(serializers.Serializer):
    """One figure of an edit's `figures`, which replace all of the claim's figures."""

    kind = serializers.ChoiceField(choices=CasualtyKind.choices, default=CasualtyKind.KILLED,
                                   help_text="killed or injured")
    group = serializers.ChoiceField(choices=CasualtyGroup.choices, help_text="forces, civilians or unknown")
    actor = serializers.PrimaryKeyRelatedField(queryset=Actor.objects.all(), allow_null=True, required=False,
                                               default=None, help_text="Id of the actor whose forces (group forces)")
    min = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None,
                                   help_text="Fewest people counted")
    max = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None,
                                   help_text="Most people counted; empty: no upper bound")


class ClaimSerializer(serializers.HyperlinkedModelSerializer):
    """A claim with who made it, where it is printed, its figures by group and links."""

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
    figures = CasualtyFigureSerializer(many=True, read_only=True,
                                       help_text="Its casualty figures, one per group; fatalities/injured are sums")

    class Meta:
        model = Claim
        fields = [
            "id", "url", "incident", "article", "publisher", "claimant", "kind", "start", "end", "quote",
            "perpetrators", "targets", "locations", "fatalities_min", "fatalities_max", "injured_min", "injured_max",
            "claimed_date_start", "claimed_date_end", "claimed_date_precision", "casualty_group", "casualty_actor",
            "figures", "aggregate", "negated", "hypothetical", "credibility", "review_status", "analyst_note",
            "origin", "analyst_edited", "grouping_reason", "links", "version", "created_at", "updated_at",
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



class ClaimUpdateSerializer(serializers.ModelSerializer):
    """The fields of a claim an analyst may change; `incident` moves the claim to another incident."""

    incident = _edited_reference(Incident, "Move the claim to this incident (id)")
    claimant = _edited_reference(Actor, "Id of the claimant actor", allow_null=True)
    casualty_actor = _edited_reference(Actor, "Id of the actor whose forces died", allow_null=True)
    perpetrators = _edited_reference(Actor, "Ids of the perpetrators", many=True)
    targets = _edited_reference(Actor, "Ids of the targets", many=True)
    locations = _edited_reference(Location, "Ids of the places", many=True)
    figures = CasualtyFigureEditSerializer(many=True, required=False,
                                           help_text="Replace the claim's figures by group; its totals follow")
    version = _edited_version()

    class Meta:
        model = Claim
        fields = [
            "incident", "claimant", "kind", "start", "end", "perpetrators", "targets", "locations",
            "fatalities_min", "fatalities_max", "injured_min", "injured_max", "claimed_date_start",
            "claimed_date_end", "claimed_date_precision", "casualty_group", "casualty_actor", "figures", "aggregate",
            "negated", "hypothetical", "credibility", "review_status", "analyst_note", "version",
        ]
        extra_kwargs = CLAIM_FIELD_HELP
