"""Merging and splitting incidents, the duplicate queue, and merging duplicate actors and places."""
from datetime import date

import pytest
from django.urls import reverse

from incidents.models import Actor, Incident, IncidentPairRejection, Location
from tests.factories import ActorFactory, ClaimFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def test_analyst_merges_an_incident_into_another(analyst_client):
    target, source = IncidentFactory(title="Keep"), IncidentFactory(title="Fold in")
    moved = ClaimFactory(incident=source)
    page = analyst_client.get(reverse("incidents:incident_merge", args=[target.pk])).content.decode()
    assert f'name="sources" value="{source.pk}"' in page
    response = analyst_client.post(reverse("incidents:incident_merge", args=[target.pk]),
                                   {"sources": [source.pk], "reason": "Same shelling", "confirmed": "1"}, follow=True)
    assert "Merged 1 incident into this one." in response.content.decode()
    assert not Incident.objects.filter(pk=source.pk).exists()
    moved.refresh_from_db()
    assert moved.incident == target


def test_merging_without_choosing_an_incident_says_so(analyst_client):
    target = IncidentFactory()
    response = analyst_client.post(reverse("incidents:incident_merge", args=[target.pk]), {})
    assert response.status_code == 400
    assert "Choose at least one incident to merge into this one." in response.content.decode()


def test_analyst_splits_claims_into_a_new_incident(analyst_client):
    incident = IncidentFactory()
    staying, leaving = ClaimFactory(incident=incident), ClaimFactory(incident=incident)
    response = analyst_client.post(reverse("incidents:incident_split", args=[incident.pk]),
                                   {"claims": [leaving.pk], "title": "Separate clash", "reason": "Another day",
                                    "confirmed": "1"}, follow=True)
    assert "Split 1 claim(s) into this new incident." in response.content.decode()
    leaving.refresh_from_db()
    staying.refresh_from_db()
    assert leaving.incident.title == "Separate clash" and staying.incident == incident


def test_split_page_gives_the_new_incident_the_chosen_event_type_and_its_claims_dates(analyst_client):
    incident = IncidentFactory(date_start=date(2022, 9, 13), date_end=date(2022, 9, 13))
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident, claimed_date_start=date(2022, 9, 1), claimed_date_precision="day")
    response = analyst_client.post(reverse("incidents:incident_split", args=[incident.pk]), {
        "claims": [leaving.pk], "event_type": "battles", "sub_event_type": "Armed clash", "reason": "A clash",
        "confirmed": "1",
    }, follow=True)
    html = response.content.decode()
    assert "Split 1 claim(s) into this new incident." in html
    assert "Battles" in html and "Armed clash" in html
    leaving.refresh_from_db()
    assert (leaving.incident.event_type, leaving.incident.date_start) == ("battles", date(2022, 9, 1))


def test_splitting_off_every_claim_is_refused_with_a_reason(analyst_client):
    incident = IncidentFactory()
    only = ClaimFactory(incident=incident)
    response = analyst_client.post(reverse("incidents:incident_split", args=[incident.pk]), {"claims": [only.pk]})
    assert response.status_code == 400
    assert "Leave at least one claim in the incident" in response.content.decode()


@pytest.fixture
def look_alikes():
    goris = LocationFactory(name="Goris")
    pair = [IncidentFactory(title=f"Shelling near Goris {side}", date_start=date(2022, 9, 13),
                            date_end=date(2022, 9, 13)) for side in ("A", "B")]
    for incident in pair:
        incident.locations.add(goris)
    return pair


def test_duplicate_queue_lists_look_alike_incidents(analyst_client, look_alikes):
    html = analyst_client.get(reverse("incidents:duplicate_queue")).content.decode()
    assert f'data-pair="{look_alikes[0].pk}-{look_alikes[1].pk}"' in html
    assert "same place: Goris" in html


def test_merging_a_duplicate_from_the_queue_asks_for_confirmation_first(analyst_client, look_alikes):
    first, second = look_alikes
    queue = analyst_client.get(reverse("incidents:duplicate_queue")).content.decode()
    assert f'action="{reverse("incidents:incident_merge", args=[first.pk])}"' in queue
    response = analyst_client.post(reverse("incidents:incident_merge", args=[first.pk]),
                                   {"sources": [second.pk], "next": reverse("incidents:duplicate_queue")})
    assert "Confirm merge" in response.content.decode()
    assert Incident.objects.count() == 2


def test_confirming_a_duplicate_merge_returns_to_the_queue(analyst_client, look_alikes):
    first, second = look_alikes
    response = analyst_client.post(reverse("incidents:incident_merge", args=[first.pk]), {
        "sources": [second.pk], "next": reverse("incidents:duplicate_queue"), "confirmed": "1", "reason": "Same"})
    assert response["Location"] == reverse("incidents:duplicate_queue")
    assert list(Incident.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_rejected_pair_is_remembered_and_not_suggested_again(analyst_client, look_alikes):
    first, second = look_alikes
    response = analyst_client.post(reverse("incidents:duplicate_reject"),
                                   {"incident_a": first.pk, "incident_b": second.pk}, follow=True)
    html = response.content.decode()
    assert "will not be suggested again" in html
    assert f'data-pair="{first.pk}-{second.pk}"' not in html
    assert IncidentPairRejection.objects.filter(incident_a=first, incident_b=second).exists()


def test_actor_page_shows_aliases_incidents_and_claims(viewer_client):
    claim = ClaimFactory(claimant=ActorFactory(name="Armenian Defense Ministry", aliases=["Armenia's MoD"]))
    claim.incident.actors.add(claim.claimant)
    html = viewer_client.get(reverse("incidents:actor_detail", args=[claim.claimant_id])).content.decode()
    assert "Armenia&#x27;s MoD" in html and claim.incident.title in html and claim.quote[:40] in html


def test_analyst_merges_a_duplicate_actor(analyst_client):
    keep, duplicate = ActorFactory(name="Armenian Defense Ministry"), ActorFactory(name="Armenian MoD")
    claim = ClaimFactory(claimant=duplicate)
    page = analyst_client.get(reverse("incidents:actor_merge", args=[duplicate.pk]), {"q": "Armenian"})
    assert f'name="target" value="{keep.pk}"' in page.content.decode()
    response = analyst_client.post(reverse("incidents:actor_merge", args=[duplicate.pk]), {"target": keep.pk},
                                   follow=True)
    assert "“Armenian MoD” was merged into “Armenian Defense Ministry”." in response.content.decode()
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    claim.refresh_from_db()
    assert claim.claimant == keep


def test_analyst_merges_a_duplicate_place(analyst_client):
    keep, duplicate = LocationFactory(name="Kelbajar"), LocationFactory(name="Kalbajar")
    incident = IncidentFactory()
    incident.locations.add(duplicate)
    response = analyst_client.post(reverse("incidents:location_merge", args=[duplicate.pk]), {"target": keep.pk},
                                   follow=True)
    assert "“Kalbajar” was merged into “Kelbajar”." in response.content.decode()
    assert not Location.objects.filter(pk=duplicate.pk).exists()
    assert list(incident.locations.all()) == [keep]
