"""The incident list: filters in the URL, search, sort, pagination, count, map markers and timeline."""
import json
import re
from datetime import date

import pytest
from django.urls import reverse

from incidents.choices import EventType, ReviewStatus
from incidents.services import incident_search_refresh
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db
LIST = reverse("incidents:incident_list")


def titles(response) -> list[str]:
    return re.findall(r'class="incident-title" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_list_shows_incidents_newest_first_with_their_count(viewer_client):
    IncidentFactory(title="Older", date_start=date(2022, 9, 1), date_end=date(2022, 9, 1))
    IncidentFactory(title="Newer", date_start=date(2022, 9, 20), date_end=date(2022, 9, 20))
    response = viewer_client.get(LIST)
    assert titles(response) == ["Newer", "Older"]
    assert "2 incidents" in response.content.decode()


def test_event_type_filter_keeps_only_that_type(viewer_client):
    IncidentFactory(title="A clash", event_type=EventType.BATTLES)
    IncidentFactory(title="A march", event_type=EventType.PROTESTS)
    response = viewer_client.get(LIST, {"event_type": "protests"})
    assert titles(response) == ["A march"]
    assert "1 incident matches the filters" in response.content.decode()


def test_date_range_filter_keeps_incidents_overlapping_it(viewer_client):
    IncidentFactory(title="In range", date_start=date(2022, 9, 12), date_end=date(2022, 9, 13))
    IncidentFactory(title="Too early", date_start=date(2022, 8, 1), date_end=date(2022, 8, 2))
    response = viewer_client.get(LIST, {"date_from": "2022-09-13", "date_to": "2022-09-30"})
    assert titles(response) == ["In range"]


def test_country_place_and_actor_filters_narrow_the_list(viewer_client):
    goris, baku = LocationFactory(name="Goris", country_code="AM"), LocationFactory(name="Baku", country_code="AZ")
    ministry = ActorFactory(name="Armenian Defense Ministry")
    near_goris = IncidentFactory(title="Near Goris")
    near_goris.locations.add(goris)
    near_goris.actors.add(ministry)
    IncidentFactory(title="In Baku").locations.add(baku)
    assert titles(viewer_client.get(LIST, {"country": "AM"})) == ["Near Goris"]
    assert titles(viewer_client.get(LIST, {"location": "gori"})) == ["Near Goris"]
    assert titles(viewer_client.get(LIST, {"actor": "defense ministry"})) == ["Near Goris"]


def test_review_status_and_background_filters(viewer_client):
    IncidentFactory(title="Verified news", review_status=ReviewStatus.VERIFIED)
    IncidentFactory(title="Old war", background=True)
    assert titles(viewer_client.get(LIST, {"review_status": "verified"})) == ["Verified news"]
    assert titles(viewer_client.get(LIST, {"background": "true"})) == ["Old war"]


def test_contradiction_filter_keeps_incidents_with_contradicting_claims(viewer_client):
    disputed = IncidentFactory(title="Disputed")
    ClaimLinkFactory(claim_a=ClaimFactory(incident=disputed), claim_b=ClaimFactory(incident=disputed))
    IncidentFactory(title="Undisputed")
    assert titles(viewer_client.get(LIST, {"has_contradictions": "true"})) == ["Disputed"]
    assert titles(viewer_client.get(LIST, {"has_contradictions": "false"})) == ["Undisputed"]


def test_search_finds_incidents_by_claim_words_best_match_first(viewer_client):
    shelling = IncidentFactory(title="Shelling of Goris")
    quiet = IncidentFactory(title="Talks in Brussels")
    ClaimFactory(incident=shelling)
    incident_search_refresh(incident_ids=[shelling.pk, quiet.pk])
    response = viewer_client.get(LIST, {"search": "shelled Goris"})
    assert titles(response) == ["Shelling of Goris"]
    assert 'value="relevance" selected' in response.content.decode()


def test_filters_stay_in_the_form_after_applying_them(viewer_client):
    page = viewer_client.get(LIST, {"search": "Goris", "event_type": "battles", "has_contradictions": "true"})
    html = page.content.decode()
    assert 'name="search" value="Goris"' in html
    assert 'value="battles" id="f-type-1" checked' in html
    assert '<option value="true" selected>Only with contradictions' in html


def test_sort_by_title(viewer_client):
    IncidentFactory(title="Bravo")
    IncidentFactory(title="Alpha")
    assert titles(viewer_client.get(LIST, {"sort": "title"})) == ["Alpha", "Bravo"]


def test_pagination_keeps_the_filters_in_its_links(viewer_client):
    for number in range(27):
        IncidentFactory(title=f"Clash {number}", event_type=EventType.BATTLES)
    response = viewer_client.get(LIST, {"event_type": "battles"})
    html = response.content.decode()
    assert len(titles(response)) == 25
    assert "Page 1 of 2" in html
    assert "?event_type=battles&amp;page=2" in html
    assert len(titles(viewer_client.get(LIST, {"event_type": "battles", "page": 2}))) == 2


def test_an_unreadable_date_filter_is_explained_not_ignored(viewer_client):
    response = viewer_client.get(LIST, {"date_from": "13/09/2022"})
    assert response.status_code == 400
    assert "Some filters could not be read" in response.content.decode()
    assert "Enter a valid date" in response.content.decode()


def test_map_markers_are_the_places_of_the_filtered_incidents(viewer_client):
    shown = IncidentFactory(event_type=EventType.BATTLES)
    shown.locations.add(LocationFactory(name="Goris", latitude=39.5, longitude=46.3))
    IncidentFactory(event_type=EventType.PROTESTS).locations.add(LocationFactory(name="Baku"))
    html = viewer_client.get(LIST, {"event_type": "battles"}).content.decode()
    markers = json.loads(re.search(r'id="incident-markers" type="application/json">(.*?)</script>', html).group(1))
    assert [(marker["name"], marker["lat"], marker["count"]) for marker in markers] == [("Goris (AM)", 39.5, 1)]


def test_timeline_has_one_bar_per_day_for_the_filtered_incidents(viewer_client):
    IncidentFactory(date_start=date(2022, 9, 12), date_end=date(2022, 9, 12))
    IncidentFactory(date_start=date(2022, 9, 14), date_end=date(2022, 9, 14))
    IncidentFactory(date_start=date(2022, 9, 14), date_end=date(2022, 9, 14))
    html = viewer_client.get(LIST).content.decode()
    labels = re.findall(r"<title>(\d[^<]+)</title>", html)
    assert labels == ["2022-09-12: 1 incident", "2022-09-13: 0 incidents", "2022-09-14: 2 incidents"]


def test_timeline_max_label_sits_above_the_tallest_bar(viewer_client):
    IncidentFactory(date_start=date(2022, 9, 12), date_end=date(2022, 9, 12))
    IncidentFactory(date_start=date(2022, 9, 14), date_end=date(2022, 9, 14))
    html = viewer_client.get(LIST).content.decode()
    label_baseline = float(re.search(r'<text class="peak" x="[^"]+" y="([^"]+)"[^>]*>max 1</text>', html).group(1))
    bar_tops = [float(y) for y in re.findall(r'<rect class="bar" x="[^"]+" y="([^"]+)"', html)]
    assert min(bar_tops) > label_baseline


def test_timeline_counts_per_week_over_long_spans(viewer_client):
    IncidentFactory(date_start=date(2022, 1, 3), date_end=date(2022, 1, 3))
    IncidentFactory(date_start=date(2022, 6, 1), date_end=date(2022, 6, 1))
    html = viewer_client.get(LIST).content.decode()
    assert "incidents per week" in html
    assert "<title>week of 2022-01-03: 1 incident</title>" in html


def test_timeline_counts_per_month_over_spans_of_years_with_every_bar_drawable(viewer_client):
    IncidentFactory(date_start=date(2016, 12, 6), date_end=date(2016, 12, 6))
    IncidentFactory(date_start=date(2024, 5, 10), date_end=date(2024, 5, 10))
    IncidentFactory(date_start=date(2024, 5, 20), date_end=date(2024, 5, 20))
    html = viewer_client.get(LIST).content.decode()
    assert "incidents per month" in html
    assert "<title>2024-05: 2 incidents</title>" in html
    widths = [float(width) for width in re.findall(r'<rect class="bar" x="[^"]+" y="[^"]+" width="([^"]+)"', html)]
    assert widths and min(widths) > 0


def test_timeline_counts_per_year_over_a_decade_or_more(viewer_client):
    IncidentFactory(date_start=date(2011, 12, 26), date_end=date(2011, 12, 26))
    IncidentFactory(date_start=date(2024, 5, 10), date_end=date(2024, 5, 10))
    html = viewer_client.get(LIST).content.decode()
    assert "incidents per year" in html
    assert re.findall(r"<title>(\d[^<]+)</title>", html)[0] == "2011: 1 incident"
    assert 'date_from=2024-01-01&amp;date_to=2024-12-31' in html
