"""Top-level URL routes: admin, the analyst pages and the REST API."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from incidents.api.urls import api_urls
from ingest.api import API_ROUTES as INGEST_API_ROUTES

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/auth/", include("rest_framework.urls")),
    path("api/", include(api_urls(extra_routes=INGEST_API_ROUTES))),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Browsers ask for /favicon.ico whatever the page says; send them to the icon the pages name.
    path("favicon.ico", RedirectView.as_view(url=static("kb/favicon.svg"), permanent=True)),
    path("", include("feeds.urls")),
    path("", include("incidents.urls")),
]
