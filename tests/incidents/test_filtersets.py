"""The shared FilterSets narrow each list the way pages and API clients ask."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from incidents import services
from incidents.choices import EventType, LinkRelation, ReviewStatus
from incidents.filtersets import ActorFilterSet, ClaimFilterSet, IncidentFilterSet, LocationFilterSet
from incidents.models import Actor, Claim, Incident, Location
from incidents.selectors import as_filter_data
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IncidentFactory,
    LocationFactory,
)

pytestmark = pytest.mark.django_db


def incidents(**params) -> list[Incident]:
    filterset = IncidentFilterSet(data=as_filter_data(params), queryset=Incident.objects.all())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def test_date_range_keeps_incidents_whose_window_overlaps():
    overlapping = IncidentFactory(date_start=date(2022, 9, 10), date_end=date(2022, 9, 14))
    IncidentFactory(date_start=date(2022, 9, 1), date_end=date(2022, 9, 2))
    IncidentFactory(date_start=date(2022, 9, 20), date_end=date(2022, 9, 21))
    assert incidents(date_from="2022-09-13", date_to="2022-09-15") == [overlapping]


def test_event_type_accepts_several_values():
    battle = IncidentFactory(event_type=EventType.BATTLES, sub_event_type="Armed clash")
    protest = IncidentFactory(event_type=EventType.PROTESTS, sub_event_type="Peaceful protest")
    IncidentFactory()
    assert set(incidents(event_type=["battles", "protests"])) == {battle, protest}


def test_country_place_and_bbox_match_the_incidents_places():
    goris = LocationFactory(name="Goris", country_code="AM", latitude=39.5, longitude=46.3)
    incident = IncidentFactory()
    incident.locations.add(goris)
    IncidentFactory().locations.add(LocationFactory(name="Mosul", country_code="IQ", latitude=36.3, longitude=43.1))
    assert incidents(country="am") == [incident]
    assert incidents(location="gor") == [incident]
    assert incidents(location=str(goris.pk)) == [incident]
    assert incidents(bbox="44,38,47,41") == [incident]


def test_place_matches_alternate_names():
    incident = IncidentFactory()
    incident.locations.add(LocationFactory(name="Gorris", alternate_names=["Goris", "Горис"]))
    assert incidents(location="Горис") == [incident]


def test_bad_bbox_is_a_form_error_not_a_crash():
    filterset = IncidentFilterSet(data={"bbox": "1,2,3"}, queryset=Incident.objects.all())
    assert not filterset.is_valid()
    assert "minlon,minlat,maxlon,maxlat" in str(filterset.errors["bbox"])


def test_actor_and_claimant_filters():
    army = ActorFactory(name="Azerbaijani Armed Forces", aliases=["Azeri army"])
    ministry = ActorFactory(name="Armenian Defense Ministry")
    incident = IncidentFactory()
    incident.actors.add(army)
    ClaimFactory(incident=incident, claimant=ministry)
    IncidentFactory()
    assert incidents(actor="azeri") == [incident]
    assert incidents(claimant=str(ministry.pk)) == [incident]


def test_review_status_and_background():
    reviewed = IncidentFactory(review_status=ReviewStatus.REVIEWED, background=True)
    IncidentFactory()
    assert incidents(review_status="reviewed") == [reviewed]
    assert incidents(background="true") == [reviewed]


def test_has_contradictions_splits_incidents():
    disputed = IncidentFactory()
    ClaimLinkFactory(
        claim_a=ClaimFactory(incident=disputed), claim_b=ClaimFactory(incident=disputed),
        relation=LinkRelation.CONTRADICTS,
    )
    calm = IncidentFactory()
    assert incidents(has_contradictions="true") == [disputed]
    assert calm in incidents(has_contradictions="false")
    assert disputed not in incidents(has_contradictions="false")


def test_search_ranks_title_matches_above_quote_matches():
    in_quote = IncidentFactory(title="Border incident")
    ClaimFactory(incident=in_quote)
    in_title = IncidentFactory(title="Soldiers killed near Goris")
    IncidentFactory(title="Protest in Yerevan")
    services.incident_search_refresh(incident_ids=Incident.objects.values_list("pk", flat=True))
    assert incidents(search="soldiers") == [in_title, in_quote]


def test_search_understands_web_search_syntax():
    shelling = IncidentFactory(title="Shelling near Goris")
    IncidentFactory(title="Shelling near Jermuk")
    services.incident_search_refresh(incident_ids=Incident.objects.values_list("pk", flat=True))
    assert incidents(search="shelling -jermuk") == [shelling]


def test_updated_since_keeps_recent_changes():
    old = IncidentFactory()
    Incident.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=2))
    recent = IncidentFactory()
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert incidents(updated_since=since) == [recent]


def test_claim_filters_by_claimant_name_and_figures():
    with_figures = ClaimFactory(claimant=ActorFactory(name="Ministry of Defence"), fatalities_min=1)
    ClaimFactory()
    filterset = ClaimFilterSet(data={"claimant": "defence", "has_fatalities": "true"}, queryset=Claim.objects.all())
    assert list(filterset.qs) == [with_figures]


def test_actor_filter_by_alias_and_location_filter_by_box():
    army = ActorFactory(name="Azerbaijani Armed Forces", aliases=["Azeri army"])
    ActorFactory()
    goris = LocationFactory(latitude=39.5, longitude=46.3)
    LocationFactory(latitude=36.3, longitude=43.1)
    assert list(ActorFilterSet(data={"name": "azeri"}, queryset=Actor.objects.all()).qs) == [army]
    assert list(LocationFilterSet(data={"bbox": "46,39,47,40"}, queryset=Location.objects.all()).qs) == [goris]
