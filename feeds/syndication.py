"""An Atom feed of new incidents matching the incident list's filters, for an analyst's own feed reader.

The URL is the list's query string on /incidents.atom (so a saved search is a bookmarked URL). A feed
reader has no session: it may add `token=<API token>` (`manage.py api_token issue USER`), read as the
token's user; the token never reaches the filters.
"""
from django.contrib.syndication.views import Feed as SyndicationFeed
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from incidents import selectors
from incidents.roles import can_view

MAX_ITEMS = 50
NOT_FILTERS = {"token", "page", "sort"}


class IncidentAtomFeed(SyndicationFeed):
    feed_type = Atom1Feed
    title = "New incidents · Conflict KB"
    subtitle = "Incidents added to the knowledge base that match these filters, newest first."

    def get_object(self, request, *args, **kwargs):
        self.query = request.GET.copy()
        for name in NOT_FILTERS:
            self.query.pop(name, None)
        return self.query

    def link(self, query):
        base = reverse("incidents:incident_list")
        return f"{base}?{query.urlencode()}" if query else base

    def items(self, query):
        incidents = selectors.incident_list(filters=query).prefetch_related(None).prefetch_related("locations")
        return incidents.order_by("-created_at", "-pk")[:MAX_ITEMS]

    def item_title(self, incident):
        return incident.title

    def item_description(self, incident):
        places = ", ".join(place.name for place in incident.locations.all())
        dates = f"{incident.date_start or '?'}" + (f" to {incident.date_end}" if incident.date_end
                                                   and incident.date_end != incident.date_start else "")
        figures = ""
        if incident.fatalities_low is not None or incident.fatalities_high is not None:
            figures = f"; fatalities {incident.fatalities_low or 0}–{incident.fatalities_high or '?'}"
        return (f"{incident.get_event_type_display()} · {dates} · {places or 'no place'} · "
                f"{incident.claim_count} claim(s){figures}")

    def item_link(self, incident):
        return reverse("incidents:incident_detail", args=[incident.pk])

    def item_pubdate(self, incident):
        return incident.created_at

    def item_updateddate(self, incident):
        return incident.updated_at


_feed = IncidentAtomFeed()


def incident_atom(request):
    """The Atom feed; 401 for a reader that is neither signed in nor holding a valid token."""
    user = request.user
    key = request.GET.get("token", "").strip()
    if key:
        try:  # the API's own token check: knox stores digests only, and refuses expired or inactive users' tokens
            user, _ = TokenAuthentication().authenticate_credentials(key.encode())
        except AuthenticationFailed:
            user = None
    if not can_view(user):
        response = HttpResponse("Sign in, or add ?token=<your API token> to the feed's address.",
                                status=401, content_type="text/plain")
        response["WWW-Authenticate"] = "Token"
        return response
    try:
        return _feed(request)
    except ValidationError as error:
        return HttpResponseBadRequest(f"Some filters could not be read: {error.messages}", content_type="text/plain")
