"""The API's articles endpoint: list and read articles, and submit new ones for ingestion (staff).

Routed by config/urls.py into the same /api/ namespace as the incidents app's endpoints
(`API_ROUTES`), so the incidents app never imports ingest.
"""
from collections import Counter
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.response import Response

from incidents.api import serializers as api
from incidents.choices import IngestStatus
from incidents.filtersets import ArticleFilterSet
from incidents.models import Article, Claim
from incidents.roles import can_upload
from incidents.selectors import claims_with_details
from ingest.limits import size_check, size_refusal
from ingest.services import DUPLICATE, FAILED, article_submit, upload_submit


@extend_schema_view(
    list=extend_schema(summary="List articles"),
    retrieve=extend_schema(
        summary="One article: its ingest status and, once done, its incidents and claims",
        responses=api.ArticleDetailSerializer,
    ),
    create=extend_schema(
        summary="Submit an article for ingestion (staff)",
        description="A file (multipart field `file`: txt, html, pdf or zip) or JSON with `text`. Answers 202 "
                    "with the article's URL (Location header and `url`), where its status can be followed "
                    "(a zip answers 202 with one entry per document in it, each with its article's URL); "
                    "the same content again answers 200 with the stored article, or 409 when that stored "
                    "article failed (`detail` and `error` say why; retry it rather than uploading again).",
        request={"multipart/form-data": api.ArticleSubmitSerializer, "application/json": api.ArticleSubmitSerializer},
        responses={
            202: PolymorphicProxySerializer(
                component_name="ArticleSubmission", resource_type_field_name=None,
                serializers=[api.ArticleSubmittedSerializer, api.ArchiveSubmittedSerializer],
            ),
            200: OpenApiResponse(api.ArticleSubmittedSerializer, description="Already stored: the same content"),
            409: OpenApiResponse(
                api.ArticleConflictSerializer,
                description="Already stored, and that article failed: its URL, status and error; retry it",
            ),
        },
    ),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     viewsets.GenericViewSet):
    filterset_class = ArticleFilterSet
    serializer_class = api.ArticleListSerializer
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
    write_permission = staticmethod(can_upload)

    def get_queryset(self):
        articles = Article.objects.select_related("publisher")
        if self.action == "list":
            return articles
        claims = claims_with_details(Claim.objects.order_by("start"))
        return articles.prefetch_related(Prefetch("claims", queryset=claims))

    def get_serializer_class(self):
        if self.action == "create":
            return api.ArticleSubmitSerializer
        return api.ArticleDetailSerializer if self.action == "retrieve" else api.ArticleListSerializer

    def create(self, request, *args, **kwargs):
        # Before the body is parsed: a request far over the article limit is refused from its Content-Length.
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.KB_MAX_UPLOAD_BYTES + _FORM_OVERHEAD_BYTES:
            raise ValidationError(size_refusal("The request", length))
        submitted = api.ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        fields = dict(submitted.validated_data)
        upload = fields.pop("file", None)
        if upload is not None:
            size_check(upload.name, upload.size)
            if PurePosixPath(upload.name).suffix.lower() == ".zip":
                return self._archive(request, upload, fields)
        outcome = article_submit(
            content=upload.read() if upload is not None else None,
            filename=upload.name if upload is not None else None,
            uploaded_by=request.user, **fields,
        )
        article = self.get_queryset().get(pk=outcome.article.pk)
        if outcome.status == FAILED:
            raise ValidationError(f"{outcome.message or article.error} (kept as article {article.pk}).")
        context = {**self.get_serializer_context(), "message": outcome.message}
        data = api.ArticleSubmittedSerializer(article, context=context).data
        if outcome.status != DUPLICATE:
            code = status.HTTP_202_ACCEPTED
        elif article.status == IngestStatus.FAILED:
            # The stored copy failed: the client must retry that article, not take it as a success.
            code, data = status.HTTP_409_CONFLICT, {"detail": outcome.message, **data}
        else:
            code = status.HTTP_200_OK
        return Response(data, status=code, headers={"Location": str(data["url"])})

    def _archive(self, request, upload, fields: dict) -> Response:
        """A zip: each document in it stored and queued as the admin upload does; one entry per document."""
        outcomes = upload_submit(content=upload.read(), filename=upload.name, publisher=fields.get("publisher"),
                                 published_at=fields.get("published_at"), uploaded_by=request.user)
        if len(outcomes) == 1 and outcomes[0].name == upload.name and outcomes[0].status == FAILED:
            article = outcomes[0].article
            raise ValidationError(f"{outcomes[0].message or article.error} (kept as article {article.pk}).")
        documents = [{"name": outcome.name, "outcome": outcome.status, "message": outcome.message,
                      "id": outcome.article.pk if outcome.article else None,
                      "url": self._article_url(request, outcome.article)}
                     for outcome in outcomes]
        counts = Counter(outcome.status for outcome in outcomes)
        detail = f"{len(outcomes)} document(s) in {upload.name}: " + ", ".join(
            f"{number} {name}" for name, number in sorted(counts.items()))
        return Response({"detail": detail, "articles": documents}, status=status.HTTP_202_ACCEPTED)

    @staticmethod
    def _article_url(request, article) -> str | None:
        """The article's API URL; None for a document refused before it was stored (over the size limit)."""
        if article is None:
            return None
        return request.build_absolute_uri(reverse("api:article-detail", args=[article.pk]))


# Multipart boundaries and the metadata fields around the file, allowed on top of the file's own limit.
_FORM_OVERHEAD_BYTES = 64 * 1024


API_ROUTES = [("articles", ArticleViewSet, "article")]
