"""Routes of the feeds app: the sources pages and the Atom feed of new incidents."""
from django.urls import path

from feeds import syndication, views

app_name = "feeds"

urlpatterns = [
    path("sources/", views.source_list, name="source_list"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("incidents.atom", syndication.incident_atom, name="incident_atom"),
]
