"""Small things every page gets right: readable filter errors, styled refusals, an icon."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_bad_filter_is_named_as_the_form_names_it_and_keeps_the_typed_value(viewer_client):
    response = viewer_client.get(reverse("incidents:incident_list"), {"country": "Atlantis"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<li>Country “Atlantis”: “Atlantis” is not a country we know" in html
    assert 'value="Atlantis"' in html


def test_a_refused_page_is_the_sites_styled_403_page(viewer_client):
    incident_edit = reverse("incidents:duplicate_queue")
    response = viewer_client.get(incident_edit)
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in html and "kb.css" in html


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("kb/favicon.svg")


def test_the_export_buttons_carry_the_lists_filters_and_export_just_those(viewer_client):
    from tests.factories import IncidentFactory, LocationFactory

    armenia, azerbaijan = IncidentFactory(title="In Armenia"), IncidentFactory(title="In Azerbaijan")
    armenia.locations.add(LocationFactory(country_code="AM"))
    azerbaijan.locations.add(LocationFactory(country_code="AZ"))
    html = viewer_client.get(reverse("incidents:incident_list"), {"country": "Armenia", "page": "1"}).content.decode()
    assert 'href="/api/incidents/export.csv?country=Armenia" download' in html
    exported = b"".join(viewer_client.get("/api/incidents/export.csv?country=Armenia").streaming_content).decode()
    assert "In Armenia" in exported and "In Azerbaijan" not in exported
