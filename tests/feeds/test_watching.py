"""Watching the news: "new since my last visit" on the incident list and the Atom feed of its filters."""
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from incidents.choices import EventType
from incidents.models import Incident, ListVisit
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def atom_titles(response) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in ElementTree.fromstring(response.content).iter(f"{ATOM}entry")]


def test_the_list_shows_how_many_incidents_are_new_since_the_last_visit(analyst, analyst_client):
    IncidentFactory(title="Old clash")
    Incident.objects.update(created_at=timezone.now() - timedelta(days=1))
    analyst_client.get(reverse("incidents:incident_list"))
    ListVisit.objects.filter(user=analyst).update(last_seen_at=timezone.now() - timedelta(hours=5))
    IncidentFactory(title="Fresh clash")

    page = analyst_client.get(reverse("incidents:incident_list")).content.decode()

    assert "1 new since your last visit" in page


def test_following_the_new_since_link_lists_only_the_new_incidents(analyst, analyst_client):
    IncidentFactory(title="Old clash")
    Incident.objects.update(created_at=timezone.now() - timedelta(days=2))
    analyst_client.get(reverse("incidents:incident_list"))
    ListVisit.objects.filter(user=analyst).update(last_seen_at=timezone.now() - timedelta(days=1))
    IncidentFactory(title="Fresh clash")
    analyst_client.get(reverse("incidents:incident_list"))
    since = ListVisit.objects.get(user=analyst).previous_visit_at

    page = analyst_client.get(reverse("incidents:incident_list"), {"created_since": since.isoformat()}).content.decode()

    assert "Fresh clash" in page and "Old clash" not in page


def test_paging_through_the_list_does_not_start_a_new_visit(analyst, analyst_client):
    analyst_client.get(reverse("incidents:incident_list"))
    analyst_client.get(reverse("incidents:incident_list"), {"page": 2})

    assert ListVisit.objects.get(user=analyst).previous_visit_at is None


def test_the_atom_feed_lists_new_incidents_matching_the_lists_filters(analyst_client):
    IncidentFactory(title="Shelling near Goris", event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE)
    IncidentFactory(title="Protest in Yerevan", event_type=EventType.PROTESTS, sub_event_type="Peaceful protest")

    response = analyst_client.get(reverse("feeds:incident_atom"), {"event_type": "protests"})

    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(response) == ["Protest in Yerevan"]


def test_the_list_links_to_the_atom_feed_of_its_current_filters(analyst_client):
    page = analyst_client.get(reverse("incidents:incident_list"), {"event_type": "protests"}).content.decode()

    assert f'{reverse("feeds:incident_atom")}?event_type=protests' in page


def test_a_feed_reader_reads_the_atom_feed_with_an_api_token(analyst, client):
    IncidentFactory(title="Shelling near Goris")
    _, token = AuthToken.objects.create(user=analyst, expiry=None)

    response = client.get(reverse("feeds:incident_atom"), {"token": token})

    assert atom_titles(response) == ["Shelling near Goris"]


def test_the_atom_feed_refuses_a_reader_without_a_session_or_token(client):
    response = client.get(reverse("feeds:incident_atom"))

    assert response.status_code == 401 and b"token" in response.content


def test_the_atom_feed_answers_bad_filters_with_400(analyst_client):
    response = analyst_client.get(reverse("feeds:incident_atom"), {"date_from": "not-a-date"})

    assert response.status_code == 400 and b"could not be read" in response.content
