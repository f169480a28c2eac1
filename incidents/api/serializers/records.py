"""Serializers of publishers, actors, locations and deletion tombstones."""
from rest_framework import serializers

from incidents.api.serializers._common import ID_HELP
from incidents.models import (
    Actor,
    Deletion,
    Location,
    Publisher,
)


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
