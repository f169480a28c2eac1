"""Pages of merged-away or missing records: a merged record's old address leads to the record it was merged into;
a missing one answers a readable 404 page in the site's layout."""
import pytest
from django.urls import reverse

from incidents.services import actor_merge, incident_merge, location_merge
from tests.factories import ActorFactory, IncidentFactory, LocationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_old_address_of_a_merged_incident_leads_to_the_incident_it_was_merged_into(viewer_client):
    target, source = IncidentFactory(title="Border clashes"), IncidentFactory(title="Shootout")
    incident_merge(target=target, sources=[source], user=UserFactory(), reason="same event")
    response = viewer_client.get(reverse("incidents:incident_detail", args=[source.pk]), follow=True)
    assert response.redirect_chain == [(reverse("incidents:incident_detail", args=[target.pk]), 302)]
    html = response.content.decode()
    assert f"Incident {source.pk} was merged into this one." in html
    assert "Border clashes" in html


def test_merges_of_merges_are_followed_to_the_surviving_incident(viewer_client):
    first, second, third = IncidentFactory(), IncidentFactory(), IncidentFactory()
    incident_merge(target=second, sources=[first], user=None)
    incident_merge(target=third, sources=[second], user=None)
    response = viewer_client.get(reverse("incidents:incident_detail", args=[first.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:incident_detail", args=[third.pk])


def test_old_address_of_a_merged_actor_leads_to_the_actor_it_was_merged_into(viewer_client):
    target, source = ActorFactory(name="Azerbaijan Defense Ministry"), ActorFactory(name="Azeri MoD")
    actor_merge(target=target, source=source, user=None)
    response = viewer_client.get(reverse("incidents:actor_detail", args=[source.pk]))
    assert response["Location"] == reverse("incidents:actor_detail", args=[target.pk])


def test_old_address_of_a_merged_place_leads_to_the_place_it_was_merged_into(viewer_client):
    target, source = LocationFactory(name="Goris"), LocationFactory(name="Goris town")
    location_merge(target=target, source=source, user=None)
    response = viewer_client.get(reverse("incidents:location_detail", args=[source.pk]))
    assert response["Location"] == reverse("incidents:location_detail", args=[target.pk])


def test_missing_incident_answers_a_404_page_that_says_what_is_missing(viewer_client):
    response = viewer_client.get(reverse("incidents:incident_detail", args=[987654]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no incident 987654" in html
    assert 'href="/"' in html and "Back to the incidents" in html
