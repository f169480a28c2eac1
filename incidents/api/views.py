"""The REST API's endpoints for the domain: thin viewsets over the selectors, FilterSets and services.

Reads are filtered by the shared FilterSets and paged by cursor; writes go through
`incidents.services` (same rules and history as the pages). Edits are conditional: the
ETag of an incident or claim is its version, and a PATCH must say which version it edits
(If-Match header, or `version` in the body); a stale one gets 412 and changes nothing.
"""
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response

from incidents import selectors, services
from incidents.api import serializers as api
from incidents.api.errors import etag_for
from incidents.export_rows import incidents_exported
from incidents.exports import ACLED_COLUMNS, acled_csv_lines, geojson_chunks, geojson_feature
from incidents.filtersets import (
    ActorFilterSet,
    ClaimFilterSet,
    ClaimLinkFilterSet,
    DeletionFilterSet,
    IncidentFilterSet,
    LocationFilterSet,
    PublisherFilterSet,
)
from incidents.models import Actor, ClaimLink, Deletion, Location, Publisher

# An export is sent in pieces of about this many characters: one piece per row would cost a write each.
EXPORT_PIECE_CHARACTERS = 64 * 1024


def _pieces(texts: Iterable[str]) -> Iterator[str]:
    """The texts joined into pieces of about EXPORT_PIECE_CHARACTERS, the last one whatever is left."""
    piece, size = [], 0
    for text in texts:
        piece.append(text)
        size += len(text)
        if size >= EXPORT_PIECE_CHARACTERS:
            yield "".join(piece)
            piece, size = [], 0
    if piece:
        yield "".join(piece)


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = (
        "Say which version you are editing: send the ETag you read in an If-Match header, "
        "or the `version` field in the body."
    )
    default_code = "precondition_required"


def _edited_version(request, body_version: int | None, current_version: int) -> int:
    """The version the client says it edits: If-Match (an ETag, or * for any) wins over the body's `version`."""
    header = request.headers.get("If-Match", "").strip()
    if header == "*":
        return current_version
    if header:
        tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
        # isascii: str.isdigit() also accepts digits int() refuses, such as "²".
        return int(tag) if tag.isascii() and tag.isdigit() else -1
    if body_version is None:
        raise PreconditionRequired()
    return body_version


class _ExportRenderer(renderers.BaseRenderer):
    """Passes the export's already-written text through; subclasses name its media type and format."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CSVRenderer(_ExportRenderer):
    media_type = "text/csv"
    format = "csv"


class GeoJSONRenderer(_ExportRenderer):
    media_type = "application/geo+json"
    format = "geojson"


def conditional_edit_schema(*, plural: str, one: str, update_serializer, detail_serializer, edit_description: str,
                            retrieve_summary: str | None = None, list_description: str | None = None):
    """The documentation of a `ConditionalEditViewSet`: list, read one, edit one."""
    return extend_schema_view(
        list=extend_schema(summary=f"List {plural}", description=list_description),
        retrieve=extend_schema(summary=retrieve_summary or f"One {one}", responses=detail_serializer),
        partial_update=extend_schema(summary=f"Edit {'an' if one[0] in 'aeiou' else 'a'} {one}",
                                     request=update_serializer, responses=detail_serializer,
                                     description=edit_description),
    )


class ConditionalEditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                             viewsets.GenericViewSet):
    """PATCH through a service with optimistic concurrency; answers with the fresh detail and its ETag."""

    update_serializer_class = None
    detail_serializer_class = None

    def _detail_response(self, instance, status_code=status.HTTP_200_OK, headers=None) -> Response:
        serializer = self.detail_serializer_class(instance, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code, headers={"ETag": etag_for(instance), **(headers or {})})

    def retrieve(self, request, *args, **kwargs):
        return self._detail_response(self.get_object())

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.update_serializer_class(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = _edited_version(request, data.pop("version", None), instance.version)
        self.perform_edit(instance=instance, version=version, data=data)
        return self._detail_response(self.fresh(instance.pk))


@conditional_edit_schema(
    plural="incidents", one="incident", update_serializer=api.IncidentUpdateSerializer,
    detail_serializer=api.IncidentDetailSerializer, retrieve_summary="One incident with its claims",
    list_description="Lean rows; filter with the parameters below.",
    edit_description="Conditional: send If-Match with the ETag you read (or `version`); a stale one gets 412.",
)
class IncidentViewSet(ConditionalEditViewSet):
    filterset_class = IncidentFilterSet
    serializer_class = api.IncidentListSerializer
    update_serializer_class = api.IncidentUpdateSerializer
    detail_serializer_class = api.IncidentDetailSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.incident_list(user=self.request.user)
        if self.action in ("export_csv", "export_geojson"):
            return selectors.incidents_for_export()
        return selectors.incidents_with_claims()

    def fresh(self, pk):
        return selectors.incident_get(pk=pk)

    def perform_edit(self, *, instance, version, data):
        services.incident_update(incident=instance, version=version, data=data, user=self.request.user)

    @extend_schema(summary="Merge incidents into this one", request=api.IncidentMergeSerializer,
                   responses=api.IncidentDetailSerializer,
                   description="A non-blank `reason` is required, as the UI asks for one; it is kept in the history "
                               "of both incidents and the merge can be undone from it. Without one the answer is "
                               "400 with the message under `errors.reason`.")
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        target = self.get_object()
        serializer = api.IncidentMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        merged = services.incident_merge(
            target=target, sources=serializer.validated_data["sources"], user=request.user,
            reason=serializer.validated_data["reason"],
        )
        return self._detail_response(self.fresh(merged.pk))

    @extend_schema(summary="Split claims off into a new incident", request=api.IncidentSplitSerializer,
                   responses={201: api.IncidentDetailSerializer},
                   description="Both incidents are dated by their own dated claims (one with no dated claim keeps "
                               "its dates) and their figures rolled up again. A non-blank `reason` is required, as "
                               "the UI asks for one, and kept in both incidents' history; without one the answer "
                               "is 400 with the message under `errors.reason`.")
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        incident = self.get_object()
        serializer = api.IncidentSplitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        new = services.incident_split(
            incident=incident, claims=serializer.validated_data["claims"], user=request.user,
            title=serializer.validated_data.get("title") or None,
            event_type=serializer.validated_data.get("event_type"),
            sub_event_type=serializer.validated_data.get("sub_event_type") or None,
            reason=serializer.validated_data["reason"],
        )
        location = request.build_absolute_uri(reverse("api:incident-detail", args=[new.pk]))
        return self._detail_response(self.fresh(new.pk), status.HTTP_201_CREATED, {"Location": location})

    def finalize_response(self, request, response, *args, **kwargs):
        # An export's errors are JSON like every other error, whatever format the export itself has.
        if self.action in ("export_csv", "export_geojson") and isinstance(response, Response):
            request.accepted_renderer, request.accepted_media_type = renderers.JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def _exported(self, *, with_claims: bool = True):
        return incidents_exported(self.filter_queryset(self.get_queryset()), with_claims=with_claims)

    @extend_schema(
        summary="Incidents as ACLED-style CSV", filters=True,
        description="Same filters as the list. Columns: " + ", ".join(ACLED_COLUMNS) + ".",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, header row first")},
    )
    def export_csv(self, request):
        response = StreamingHttpResponse(_pieces(acled_csv_lines(self._exported())),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="incidents.csv"'
        return response

    @extend_schema(
        summary="Incidents as a GeoJSON FeatureCollection of points", filters=True,
        responses={(200, "application/geo+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="GeoJSON")},
    )
    def export_geojson(self, request):
        # The detail URLs share the list's prefix (the router's `incidents/<pk>/`): one reverse() per export.
        prefix = request.build_absolute_uri(reverse("api:incident-list"))
        features = (geojson_feature(incident, url=f"{prefix}{incident.pk}/")
                    for incident in self._exported(with_claims=True))  # the sides come from the claims
        response = StreamingHttpResponse(_pieces(geojson_chunks(features)), content_type="application/geo+json")
        response["Content-Disposition"] = 'attachment; filename="incidents.geojson"'
        return response


@conditional_edit_schema(
    plural="claims", one="claim", update_serializer=api.ClaimUpdateSerializer,
    detail_serializer=api.ClaimSerializer,
    edit_description="Conditional like incidents. `incident` moves the claim; figures re-roll both incidents.",
)
class ClaimViewSet(ConditionalEditViewSet):
    filterset_class = ClaimFilterSet
    serializer_class = api.ClaimSerializer
    update_serializer_class = api.ClaimUpdateSerializer
    detail_serializer_class = api.ClaimSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.claim_rows() if self.action == "list" else selectors.claims_with_details()

    def fresh(self, pk):
        return selectors.claims_with_details().get(pk=pk)

    @transaction.atomic
    def perform_edit(self, *, instance, version, data):
        incident = data.pop("incident", None)
        claim = services.claim_update(claim=instance, version=version, data=data, user=self.request.user)
        if incident is not None:
            services.claim_move(claim=claim, incident=incident, user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List claim links"),
    retrieve=extend_schema(summary="One claim link"),
    create=extend_schema(summary="Link two claims", request=api.ClaimLinkCreateSerializer,
                         responses={201: api.ClaimLinkSerializer}),
    destroy=extend_schema(
        summary="Remove a claim link", request=api.ClaimLinkDeleteSerializer,
        parameters=[OpenApiParameter(
            "reason", str, OpenApiParameter.QUERY, required=False,
            description="Why the two claims are not linked after all, for clients that send no DELETE body; "
                        "one of the two is required and it is kept in the history",
        )],
        description="A reason is required, in the body or the `reason` query parameter, as the UI asks for "
                    "one: without it the answer is 400 with the message under `errors.reason`. The link can be "
                    "restored from the incident's history.",
        responses={204: None},
    ),
)
class ClaimLinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       mixins.DestroyModelMixin, viewsets.GenericViewSet):
    queryset = ClaimLink.objects.select_related("created_by")
    filterset_class = ClaimLinkFilterSet
    serializer_class = api.ClaimLinkSerializer

    def create(self, request, *args, **kwargs):
        serializer = api.ClaimLinkCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = services.claim_link_create(**serializer.validated_data, user=request.user)
        data = api.ClaimLinkSerializer(link, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": str(data["url"])})

    def destroy(self, request, *args, **kwargs):
        link = self.get_object()
        body = request.data if hasattr(request.data, "get") else {}
        reason = body.get("reason", request.query_params.get("reason"))
        serializer = api.ClaimLinkDeleteSerializer(data={} if reason is None else {"reason": reason})
        serializer.is_valid(raise_exception=True)
        services.claim_link_delete(link=link, user=request.user, reason=serializer.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(summary="List actors"), retrieve=extend_schema(summary="One actor"))
class ActorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Actor.objects.all()
    filterset_class = ActorFilterSet
    serializer_class = api.ActorSerializer


@extend_schema_view(list=extend_schema(summary="List places"), retrieve=extend_schema(summary="One place"))
class LocationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Location.objects.all()
    filterset_class = LocationFilterSet
    serializer_class = api.LocationSerializer


@extend_schema_view(list=extend_schema(summary="List publishers"), retrieve=extend_schema(summary="One publisher"))
class PublisherViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Publisher.objects.all()
    filterset_class = PublisherFilterSet
    serializer_class = api.PublisherSerializer


@extend_schema_view(list=extend_schema(
    summary="Deleted and merged-away rows",
    description="Tombstones, so a client mirroring the knowledge base can drop what disappeared (`since=`).",
))
class DeletionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Deletion.objects.all()
    filterset_class = DeletionFilterSet
    serializer_class = api.DeletionSerializer


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
def api_not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer in JSON like the rest of the API, not with an HTML page."""
    raise NotFound(f"No API endpoint at {request.path}. The endpoints are listed at /api/.")


# The browsable API's title and breadcrumb read a view's `name`; without one this view is called "Api Not Found".
api_not_found.cls.name = "No such endpoint"
