"""Serializers of articles and of an article submission with its outcome."""
from rest_framework import serializers

from incidents.api.serializers._common import ID_HELP
from incidents.api.serializers.claims import ClaimSerializer
from incidents.api.serializers.records import PublisherRefSerializer
from incidents.models import (
    Article,
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


class ArchiveDocumentSerializer(serializers.Serializer):
    """What happened to one document of a zip archive submitted through the API."""

    name = serializers.CharField(help_text="archive name/member path")
    outcome = serializers.ChoiceField(choices=["ingested", "duplicate", "failed", "queued"],
                                      help_text="What happened to this document")
    message = serializers.CharField(help_text="The outcome in words")
    id = serializers.IntegerField(allow_null=True, help_text="The article holding the document; null for a "
                                  "document refused before it was stored (over the size limit)")
    url = serializers.CharField(allow_null=True, help_text="The article's API URL, where its status can be "
                                "followed; null when it was not stored")


class ArchiveSubmittedSerializer(serializers.Serializer):
    """The 202 answer to a zip archive: one entry per document in it, as the admin upload reads them."""

    detail = serializers.CharField(help_text="How many documents the archive held, by outcome")
    articles = ArchiveDocumentSerializer(many=True, help_text="One entry per document, in archive order")
