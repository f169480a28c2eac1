"""Routes of the REST API under /api/: kebab-case plural resources, exports, the schema and its docs.

`api_urls()` builds them; the project's urls.py passes in routes of other apps (the ingest
app's articles endpoint), so this app never imports them.
"""
from csp.decorators import csp_exempt
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from incidents.api import views

ROUTES = [
    ("incidents", views.IncidentViewSet, "incident"),
    ("claims", views.ClaimViewSet, "claim"),
    ("claim-links", views.ClaimLinkViewSet, "claim-link"),
    ("actors", views.ActorViewSet, "actor"),
    ("locations", views.LocationViewSet, "location"),
    ("publishers", views.PublisherViewSet, "publisher"),
    ("deletions", views.DeletionViewSet, "deletion"),
]


def api_urls(*, extra_routes=()) -> tuple[list, str]:
    """The API's URL patterns and namespace ("api"), for `include()`."""
    router = DefaultRouter()
    for prefix, viewset, basename in sorted([*ROUTES, *extra_routes]):
        router.register(prefix, viewset, basename=basename)
    # Before the router: its format-suffix routes would read "export.csv" as incident "export" in format csv.
    exports = [
        path("incidents/export.csv", views.IncidentViewSet.as_view(
            {"get": "export_csv"}, renderer_classes=[views.CSVRenderer]), name="incident-export-csv"),
        path("incidents/export.geojson", views.IncidentViewSet.as_view(
            {"get": "export_geojson"}, renderer_classes=[views.GeoJSONRenderer]), name="incident-export-geojson"),
    ]
    docs = [
        path("schema/", SpectacularAPIView.as_view(), name="schema"),
        # Swagger UI and ReDoc start from an inline script of drf-spectacular's templates: no CSP there.
        path("docs/", csp_exempt()(SpectacularSwaggerView.as_view(url_name="api:schema")), name="docs"),
        path("redoc/", csp_exempt()(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    ]
    # DOTALL: a path with an encoded line break must still get the JSON 404, not the HTML page.
    unknown = [re_path(r"^[\s\S]*$", views.api_not_found, name="not-found")]
    return [*exports, *docs, path("", include(router.urls)), *unknown], "api"
