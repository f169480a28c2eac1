"""The API's articles endpoint: list and read articles, and submit new ones for ingestion (staff).

Routed by config/urls.py into the same /api/ namespace as the incidents app's endpoints
(`API_ROUTES`), so the incidents app never imports ingest.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.response import Response

from incidents.api import serializers as api
from incidents.choices import IngestStatus
from incidents.filtersets import ArticleFilterSet
from incidents.models import Article, Claim
from incidents.roles import can_upload
from incidents.selectors import claims_with_details
from ingest.services import DUPLICATE, FAILED, article_submit


@extend_schema_view(
    list=extend_schema(summary="List articles"),
    retrieve=extend_schema(
        summary="One article: its ingest status and, once done, its incidents and claims",
        responses=api.ArticleDetailSerializer,
    ),
    create=extend_schema(
        summary="Submit an article for ingestion (staff)",
        description="A file (multipart field `file`: txt, html, pdf or zip) or JSON with `text`. Answers 202 "
                    "with the article's URL (Location header and `url`), where its status can be followed; "
                    "the same content again answers 200 with the stored article, or 409 when that stored "
                    "article failed (`detail` and `error` say why; retry it rather than uploading again).",
        request={"multipart/form-data": api.ArticleSubmitSerializer, "application/json": api.ArticleSubmitSerializer},
        responses={
            202: api.ArticleSubmittedSerializer,
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
        submitted = api.ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        fields = dict(submitted.validated_data)
        upload = fields.pop("file", None)
        if upload is not None and upload.size > settings.KB_MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"{upload.name} is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                f"{settings.KB_MAX_UPLOAD_BYTES / 1024 / 1024:.1f} MB per article."
            )
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


API_ROUTES = [("articles", ArticleViewSet, "article")]
