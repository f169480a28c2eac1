"""Review decisions from the incident page and the list's selection, and saved searches on the list."""
import pytest
from django.urls import reverse

from incidents.models import Incident, SavedSearch
from tests.factories import ClaimFactory, IncidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_incident_page_sets_the_review_status_with_a_history_row(analyst_client, analyst):
    incident = IncidentFactory()
    page = analyst_client.get(reverse("incidents:incident_detail", args=[incident.pk])).content.decode()
    assert 'id="review-controls"' in page
    response = analyst_client.post(reverse("incidents:incident_review_set", args=[incident.pk]),
                                   {"review_status": "verified", "version": incident.version}, follow=True)
    assert "Review status: Verified." in response.content.decode()
    incident.refresh_from_db()
    assert incident.review_status == "verified"
    assert incident.history.first().history_user == analyst


def test_a_stale_review_status_is_refused(analyst_client):
    incident = IncidentFactory(version=3)
    response = analyst_client.post(reverse("incidents:incident_review_set", args=[incident.pk]),
                                   {"review_status": "verified", "version": 2}, follow=True)
    assert "Someone else changed it meanwhile" in response.content.decode()
    incident.refresh_from_db()
    assert incident.review_status == "unreviewed"


def test_a_claims_credibility_is_set_from_its_card(analyst_client):
    claim = ClaimFactory()
    back = reverse("incidents:incident_detail", args=[claim.incident_id])
    response = analyst_client.post(reverse("incidents:claim_review_set", args=[claim.pk]), {
        "credibility": 2, "review_status": "reviewed", "version": claim.version, "next": back}, follow=True)
    assert "credibility 2, reviewed." in response.content.decode()
    claim.refresh_from_db()
    assert (claim.credibility, claim.review_status, claim.analyst_edited) == (2, "reviewed", True)


def test_viewers_get_no_review_controls(viewer_client):
    incident = IncidentFactory()
    page = viewer_client.get(reverse("incidents:incident_detail", args=[incident.pk])).content.decode()
    assert 'id="review-controls"' not in page
    response = viewer_client.post(reverse("incidents:incident_review_set", args=[incident.pk]),
                                  {"review_status": "verified", "version": 1})
    assert response.status_code == 403


def test_ticked_incidents_are_marked_reviewed_in_one_action(analyst_client, analyst):
    ticked, other = [IncidentFactory(), IncidentFactory()], IncidentFactory()
    page = analyst_client.get(reverse("incidents:incident_list")).content.decode()
    assert 'form="bulk-review-form"' in page
    response = analyst_client.post(reverse("incidents:incidents_review_set"), {
        "incidents": [incident.pk for incident in ticked], "review_status": "reviewed", "next": "/?search=Goris"})
    assert response["Location"] == "/?search=Goris"
    assert set(Incident.objects.filter(review_status="reviewed").values_list("pk", flat=True)) == {
        incident.pk for incident in ticked}
    row = ticked[0].history.first()
    assert row.history_user == analyst and row.history_change_reason == "Review status set to Reviewed from the list"
    other.refresh_from_db()
    assert other.review_status == "unreviewed"


def test_bulk_review_without_ticking_anything_says_so(analyst_client):
    response = analyst_client.post(reverse("incidents:incidents_review_set"), {"review_status": "reviewed"},
                                   follow=True)
    assert "Tick at least one incident in the list first." in response.content.decode()


def test_an_analyst_saves_the_current_filters_and_finds_them_on_the_list(analyst_client):
    response = analyst_client.post(reverse("incidents:saved_search_save"), {
        "name": "Goris shelling", "query": "search=shelling&country=AM&page=3"}, follow=True)
    html = response.content.decode()
    assert "Saved the search “Goris shelling”." in html
    assert 'href="/?search=shelling&amp;country=AM">Goris shelling</a>' in html


def test_saved_searches_are_per_user(analyst_client):
    SavedSearch.objects.create(user=UserFactory(), name="Someone else's", query="search=drone")
    html = analyst_client.get(reverse("incidents:incident_list")).content.decode()
    assert "Someone else&#x27;s" not in html


def test_a_saved_search_is_deleted(analyst_client, analyst):
    search = SavedSearch.objects.create(user=analyst, name="Drones", query="search=drone")
    response = analyst_client.post(reverse("incidents:saved_search_delete", args=[search.pk]), follow=True)
    assert "Deleted the saved search “Drones”." in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_saving_a_search_without_filters_is_refused(analyst_client):
    response = analyst_client.post(reverse("incidents:saved_search_save"), {"name": "All", "query": "page=2"},
                                   follow=True)
    assert "Set at least one filter before saving the search." in response.content.decode()
    assert not SavedSearch.objects.exists()
