"""Pages at scale: queries per page constant as rows grow, paged record pages, capped map, pages read in order."""
import json
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import selectors
from incidents.choices import LinkRelation
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db
LIST = reverse("incidents:incident_list")


def _incidents(count: int, *, actor, place) -> None:
    """`count` incidents at `place` involving `actor`, each with two contradicting claims naming it."""
    for index in range(count):
        incident = IncidentFactory(title=f"Incident {index:03d}", date_start=date(2022, 1, 1) + timedelta(days=index))
        incident.locations.add(place, LocationFactory(name=f"Village {index}", latitude=39.0, longitude=46.0))
        incident.actors.add(actor)
        first, second = ClaimFactory.create_batch(2, incident=incident, claimant=actor)
        first.perpetrators.add(actor)
        first.locations.add(place)
        ClaimLinkFactory(claim_a=first, claim_b=second, relation=LinkRelation.CONTRADICTS)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", [
    "", "?sort=-claims", "?sort=-fatalities", "?has_contradictions=true", "?country=am", "?page=2",
])
def test_list_page_queries_do_not_grow_with_incidents(viewer_client, query):
    actor, place = ActorFactory(), LocationFactory(latitude=39.5, longitude=46.3)
    _incidents(3, actor=actor, place=place)
    few = _queries(viewer_client, LIST + query)
    _incidents(40, actor=actor, place=place)
    assert _queries(viewer_client, LIST + query) == few


@pytest.mark.parametrize("route", ["incidents:actor_detail", "incidents:location_detail"])
def test_actor_and_place_page_queries_do_not_grow_with_their_incidents(viewer_client, route):
    actor, place = ActorFactory(), LocationFactory(latitude=39.5, longitude=46.3)
    url = reverse(route, args=[actor.pk if route == "incidents:actor_detail" else place.pk])
    _incidents(3, actor=actor, place=place)
    few = _queries(viewer_client, url)
    _incidents(40, actor=actor, place=place)
    assert _queries(viewer_client, url) == few


def test_busy_actor_page_shows_one_page_of_incidents_and_links_to_the_next(viewer_client):
    actor, place = ActorFactory(), LocationFactory()
    _incidents(30, actor=actor, place=place)
    html = viewer_client.get(reverse("incidents:actor_detail", args=[actor.pk])).content.decode()
    assert "Page 1 of 2 (30 in all)" in html
    assert "Page 1 of 3 (60 in all)" in html  # the actor made both claims of each incident
    next_page = viewer_client.get(reverse("incidents:actor_detail", args=[actor.pk]), {"incidents_page": 2})
    shown = re.findall(r'<tr><td><a href="[^"]+">Incident (\d{3})</a>', next_page.content.decode())
    assert shown == ["004", "003", "002", "001", "000"]


def test_actor_claims_are_those_it_made_or_is_named_in_once_each():
    actor = ActorFactory()
    made, perpetrated, targeted, both = ClaimFactory(claimant=actor), ClaimFactory(), ClaimFactory(), ClaimFactory()
    ClaimFactory()
    perpetrated.perpetrators.add(actor)
    targeted.targets.add(actor)
    both.perpetrators.add(actor)
    both.targets.add(actor)
    assert sorted(claim.pk for claim in selectors.actor_claims(actor=actor)) == sorted(
        claim.pk for claim in (made, perpetrated, targeted, both))


def test_a_deep_list_page_shows_the_rows_of_that_page_in_order(viewer_client):
    for index in range(60):
        IncidentFactory(title=f"Title {index:02d}")
    html = viewer_client.get(LIST, {"sort": "title", "page": 3}).content.decode()
    assert re.findall(r'class="incident-title" href="[^"]+">Title (\d\d)</a>', html) == [
        f"{index:02d}" for index in range(50, 60)]


def test_map_keeps_the_busiest_places_when_there_are_more_than_it_shows():
    busy, quiet, quieter = (LocationFactory(name=name, latitude=39.0, longitude=46.0)
                            for name in ("Busy", "Quiet", "Quieter"))
    for place, incidents in ((busy, 3), (quiet, 2), (quieter, 1)):
        for _ in range(incidents):
            IncidentFactory().locations.add(place)
    places = selectors.incident_map_places(incidents=selectors.incident_list(), limit=2)
    assert [(place.name, place.incident_count) for place in places] == [("Busy", 3), ("Quiet", 2)]


def test_map_markers_link_to_the_list_narrowed_to_their_place(viewer_client):
    place = LocationFactory(name="Goris", latitude=39.5, longitude=46.3)
    IncidentFactory(event_type="battles").locations.add(place)
    html = viewer_client.get(LIST, {"event_type": "battles", "location": "Gor"}).content.decode()
    markers = json.loads(re.search(r'<script id="incident-markers" type="application/json">(.*?)</script>',
                                   html, re.S).group(1))
    assert [marker["url"] for marker in markers] == [f"{LIST}?event_type=battles&location={place.pk}"]
