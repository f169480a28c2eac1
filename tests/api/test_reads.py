"""Reading over the API: every list and detail, their filters, embedded claims, tombstones and query counts."""
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from incidents import services
from incidents.choices import EventType, LinkRelation
from incidents.models import Incident
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IncidentFactory,
    LocationFactory,
    PublisherFactory,
)

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("route", [
    "incidents", "claims", "claim-links", "actors", "locations", "articles", "publishers", "deletions",
])
def test_every_list_answers_a_viewer_with_a_cursor_page(viewer_api, route):
    ClaimLinkFactory()
    response = viewer_api.get(f"/api/{route}/")
    assert response.status_code == 200
    assert set(response.json()) == {"next", "previous", "results"}


@pytest.mark.parametrize(("route", "factory"), [
    ("claims", ClaimFactory), ("claim-links", ClaimLinkFactory), ("actors", ActorFactory),
    ("locations", LocationFactory), ("articles", ArticleFactory), ("publishers", PublisherFactory),
])
def test_every_detail_shows_its_row(viewer_api, route, factory):
    row = factory()
    response = viewer_api.get(f"/api/{route}/{row.pk}/")
    assert response.status_code == 200
    assert response.json()["id"] == row.pk


def test_incident_detail_embeds_claims_with_span_claimant_figures_and_links(viewer_api):
    incident = IncidentFactory(fatalities_low=3, fatalities_best=3, fatalities_high=5)
    accusation = ClaimFactory(incident=incident, fatalities_min=3, fatalities_max=3,
                              claimant=ActorFactory(name="Armenian Defense Ministry"))
    denial = ClaimFactory(incident=incident)
    link = ClaimLinkFactory(claim_a=accusation, claim_b=denial, relation=LinkRelation.CONTRADICTS)
    body = viewer_api.get(f"/api/incidents/{incident.pk}/").json()
    assert (body["fatalities_low"], body["fatalities_best"], body["fatalities_high"]) == (3, 3, 5)
    claim = next(claim for claim in body["claims"] if claim["id"] == accusation.pk)
    assert claim["claimant"]["name"] == "Armenian Defense Ministry"
    assert (claim["start"], claim["end"], claim["quote"]) == (accusation.start, accusation.end, accusation.quote)
    assert (claim["fatalities_min"], claim["fatalities_max"]) == (3, 3)
    assert claim["links"] == [{"id": link.pk, "relation": "contradicts", "other_claim": denial.pk,
                               "reason": link.reason, "origin": "extracted"}]


def test_incident_list_rows_are_lean(viewer_api):
    ClaimFactory()
    row = viewer_api.get("/api/incidents/").json()["results"][0]
    assert "claims" not in row
    assert row["claim_count"] == 1


def test_detail_of_a_missing_incident_is_404_with_a_message(viewer_api):
    response = viewer_api.get("/api/incidents/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_unknown_path_with_an_encoded_line_break_is_a_json_404(viewer_api):
    response = viewer_api.get("/api/no-such%0Aresource/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_incident_filters_over_the_api(viewer_api):
    goris = LocationFactory(name="Goris", country_code="AM", latitude=39.5, longitude=46.3)
    army = ActorFactory(name="Azerbaijani Armed Forces")
    wanted = IncidentFactory(event_type=EventType.BATTLES, sub_event_type="Armed clash",
                             date_start=date(2022, 9, 13), date_end=date(2022, 9, 14), title="Clash near Goris")
    wanted.locations.add(goris)
    wanted.actors.add(army)
    ClaimLinkFactory(claim_a=ClaimFactory(incident=wanted, claimant=army), claim_b=ClaimFactory(incident=wanted))
    other = IncidentFactory(date_start=date(2020, 1, 1), date_end=date(2020, 1, 1), background=True)
    other.locations.add(LocationFactory(name="Mosul", country_code="IQ", latitude=36.3, longitude=43.1))
    services.incident_search_refresh(incident_ids=[wanted.pk, other.pk])
    for params in [
        {"date_from": "2022-09-14", "date_to": "2022-09-30"}, {"event_type": "battles"}, {"country": "AM"},
        {"location": "Goris"}, {"bbox": "44,38,47,41"}, {"actor": "Azerbaijani"}, {"claimant": str(army.pk)},
        {"review_status": "unreviewed", "background": "false"}, {"has_contradictions": "true"},
        {"search": "goris clash"},
    ]:
        assert _ids(viewer_api.get("/api/incidents/", params)) == [wanted.pk], params


def test_bad_filter_value_is_400_with_the_reason(viewer_api):
    response = viewer_api.get("/api/incidents/", {"bbox": "a,b"})
    assert response.status_code == 400
    assert "minlon,minlat,maxlon,maxlat" in response.json()["detail"]


def test_unknown_choice_in_a_filter_is_400(viewer_api):
    response = viewer_api.get("/api/incidents/", {"event_type": "picnic"})
    assert response.status_code == 400
    assert "event_type" in response.json()["errors"]


@pytest.mark.parametrize(("route", "factory"), [
    ("incidents", IncidentFactory), ("claims", ClaimFactory), ("claim-links", ClaimLinkFactory),
    ("actors", ActorFactory), ("locations", LocationFactory), ("articles", ArticleFactory),
    ("publishers", PublisherFactory),
])
def test_updated_since_on_every_list(viewer_api, route, factory):
    old, recent = factory(), factory()
    model = type(old)
    model.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    ids = _ids(viewer_api.get(f"/api/{route}/", {"updated_since": since}))
    assert recent.pk in ids and old.pk not in ids


def test_claim_link_filters_by_claim_on_either_side(viewer_api):
    link = ClaimLinkFactory()
    ClaimLinkFactory()
    assert _ids(viewer_api.get("/api/claim-links/", {"claim": link.claim_b_id})) == [link.pk]


def test_claim_actor_location_and_publisher_filters(viewer_api):
    claim = ClaimFactory(claimant=ActorFactory(name="Ministry of Defence"), fatalities_min=2, fatalities_max=2)
    ClaimFactory()
    assert _ids(viewer_api.get("/api/claims/", {"claimant": "defence", "has_fatalities": "true"})) == [claim.pk]
    assert _ids(viewer_api.get("/api/actors/", {"name": "ministry of"})) == [claim.claimant_id]
    place = LocationFactory(name="Jermuk", country_code="AM")
    assert _ids(viewer_api.get("/api/locations/", {"name": "jerm"})) == [place.pk]
    publisher = PublisherFactory(name="Press TV", country_code="IR")
    assert _ids(viewer_api.get("/api/publishers/", {"country": "ir"})) == [publisher.pk]
    assert _ids(viewer_api.get("/api/articles/", {"publisher": claim.article.publisher_id})) == [claim.article_id]


def test_deletions_list_merged_away_incidents_since_a_moment(viewer_api, analyst):
    target, source = IncidentFactory(), IncidentFactory()
    source_id = source.pk
    before = timezone.now() - timedelta(seconds=1)
    services.incident_merge(target=target, sources=[source], user=analyst)
    rows = viewer_api.get("/api/deletions/", {"since": before.isoformat()}).json()["results"]
    assert [(row["kind"], row["object_id"], row["merged_into"]) for row in rows] == [
        ("incident", source_id, target.pk),
    ]
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert viewer_api.get("/api/deletions/", {"since": later}).json()["results"] == []


def test_cursor_pages_walk_the_whole_list_once(viewer_api):
    created = {incident.pk for incident in IncidentFactory.create_batch(7)}
    seen, url = [], "/api/incidents/?page_size=3"
    while url:
        body = viewer_api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(created)


def test_page_size_is_capped(viewer_api, settings):
    settings.KB_API_MAX_PAGE_SIZE = 2
    IncidentFactory.create_batch(3)
    assert len(viewer_api.get("/api/incidents/", {"page_size": 100}).json()["results"]) == 2


def test_search_results_page_by_rank(viewer_api):
    for index in range(5):
        IncidentFactory(title=f"Shelling of Goris {'shelling ' * index}")
    services.incident_search_refresh(incident_ids=Incident.objects.values_list("pk", flat=True))
    first = viewer_api.get("/api/incidents/", {"search": "shelling", "page_size": 2}).json()
    second = viewer_api.get(first["next"]).json()
    assert len({row["id"] for row in first["results"] + second["results"]}) == 4


def _incident_with_everything():
    incident = IncidentFactory()
    incident.locations.add(LocationFactory())
    incident.actors.add(ActorFactory())
    claims = ClaimFactory.create_batch(2, incident=incident)
    for claim in claims:
        claim.perpetrators.add(ActorFactory())
        claim.locations.add(LocationFactory())
    ClaimLinkFactory(claim_a=claims[0], claim_b=claims[1])
    return incident


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("route", [
    "incidents", "claims", "claim-links", "actors", "locations", "articles", "publishers", "deletions",
])
def test_list_queries_do_not_grow_with_page_size(viewer_api, route):
    for _ in range(12):
        _incident_with_everything()
    small = _queries(viewer_api, f"/api/{route}/?page_size=2")
    large = _queries(viewer_api, f"/api/{route}/?page_size=12")
    assert small == large


def test_incident_detail_queries_do_not_grow_with_claims(viewer_api):
    few, many = _incident_with_everything(), _incident_with_everything()
    for _ in range(5):
        ClaimFactory(incident=many).perpetrators.add(ActorFactory())
    assert _queries(viewer_api, f"/api/incidents/{few.pk}/") == _queries(viewer_api, f"/api/incidents/{many.pk}/")


def test_incident_list_page_costs_at_most_eight_queries(viewer_api, django_assert_max_num_queries):
    for _ in range(30):
        _incident_with_everything()
    with django_assert_max_num_queries(8):
        viewer_api.get("/api/incidents/?page_size=30")


def test_an_unknown_country_with_a_percent_sign_is_a_400_not_a_500(viewer_api):
    response = viewer_api.get("/api/incidents/", {"country": "100%s"})
    assert response.status_code == 400
    assert "“100%s” is not a country we know" in str(response.json())
