"""Routes of the analyst web pages (server-rendered); the REST API lives under incidents/api/."""
from django.urls import path

from incidents.views import (
    actors_locations,
    articles,
    autocomplete,
    claims,
    duplicates,
    incident_detail,
    incident_edit,
    incident_list,
    review,
    saved_searches,
    undo,
)

app_name = "incidents"

urlpatterns = [
    path("", incident_list.incident_list, name="incident_list"),
    path("incidents/<int:pk>/", incident_detail.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/edit/", incident_edit.incident_edit, name="incident_edit"),
    path("incidents/<int:pk>/merge/", incident_edit.incident_merge, name="incident_merge"),
    path("incidents/<int:pk>/split/", incident_edit.incident_split, name="incident_split"),
    path("claims/<int:pk>/edit/", claims.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/link/", claims.claim_link_create, name="claim_link_create"),
    path("claims/<int:pk>/move/", claims.claim_move, name="claim_move"),
    path("claim-links/<int:pk>/delete/", claims.claim_link_delete, name="claim_link_delete"),
    path("changes/<int:pk>/undo/", undo.change_undo, name="change_undo"),
    path("incidents/review/", review.incidents_review_set, name="incidents_review_set"),
    path("incidents/credibility/", review.incidents_credibility_set, name="incidents_credibility_set"),
    path("incidents/<int:pk>/review/", review.incident_review_set, name="incident_review_set"),
    path("claims/<int:pk>/review/", review.claim_review_set, name="claim_review_set"),
    path("saved-searches/", saved_searches.saved_search_save, name="saved_search_save"),
    path("saved-searches/<int:pk>/delete/", saved_searches.saved_search_delete, name="saved_search_delete"),
    path("articles/<int:pk>/", articles.article_detail, name="article_detail"),
    path("actors/<int:pk>/", actors_locations.actor_detail, name="actor_detail"),
    path("actors/<int:pk>/merge/", actors_locations.actor_merge, name="actor_merge"),
    path("locations/<int:pk>/", actors_locations.location_detail, name="location_detail"),
    path("locations/<int:pk>/merge/", actors_locations.location_merge, name="location_merge"),
    path("autocomplete/actors/", autocomplete.ActorAutocomplete.as_view(), name="actor_autocomplete"),
    path("autocomplete/locations/", autocomplete.LocationAutocomplete.as_view(), name="location_autocomplete"),
    path("duplicates/", duplicates.duplicate_queue, name="duplicate_queue"),
    path("duplicates/reject/", duplicates.duplicate_reject, name="duplicate_reject"),
]
