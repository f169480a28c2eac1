"""Analysts' writes over the API: conditional PATCHes (ETag / If-Match), links, merges and splits."""
from datetime import date

import pytest

from incidents.models import Claim, ClaimLink, Deletion, Incident
from tests.factories import ClaimFactory, ClaimLinkFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def test_incident_detail_carries_its_version_as_etag(viewer_api):
    incident = IncidentFactory(version=4)
    assert viewer_api.get(f"/api/incidents/{incident.pk}/")["ETag"] == '"4"'


def test_patch_with_current_if_match_edits_and_returns_new_etag(analyst_api):
    incident = IncidentFactory(title="Old")
    response = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"title": "New"}, format="json",
                                 HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert (response.json()["title"], response["ETag"]) == ("New", '"2"')


def test_patch_with_a_non_ascii_digit_if_match_is_412_not_a_crash(analyst_api):
    incident = IncidentFactory(title="Old")
    response = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"title": "New"}, format="json",
                                 HTTP_IF_MATCH='"²"')
    assert response.status_code == 412
    assert Incident.objects.get(pk=incident.pk).title == "Old"


def test_patch_with_stale_if_match_is_412_and_changes_nothing(analyst_api):
    incident = IncidentFactory(title="Old", version=2)
    response = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"title": "New"}, format="json",
                                 HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert "changed by someone else" in response.json()["detail"]
    assert response.json()["current_version"] == 2
    assert Incident.objects.get(pk=incident.pk).title == "Old"


def test_patch_with_version_in_body_is_conditional_too(analyst_api):
    incident = IncidentFactory(version=3)
    stale = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"title": "X", "version": 2}, format="json")
    fresh = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"title": "X", "version": 3}, format="json")
    assert (stale.status_code, fresh.status_code) == (412, 200)


def test_patch_without_any_version_is_428(analyst_api):
    incident = IncidentFactory()
    response = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"title": "X"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_patch_with_invalid_figures_is_400_with_a_message(analyst_api):
    incident = IncidentFactory()
    response = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"fatalities_low": 9, "fatalities_high": 1},
                                 format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 400
    assert "fatalities" in response.json()["detail"]


def test_patch_of_incident_figures_marks_them_overridden(analyst_api):
    incident = IncidentFactory()
    body = analyst_api.patch(f"/api/incidents/{incident.pk}/", {"fatalities_best": 4}, format="json",
                             HTTP_IF_MATCH='"1"').json()
    assert (body["fatalities_best"], body["fatalities_overridden"]) == (4, True)


def test_patch_records_history_with_the_analyst(analyst_api, analyst):
    incident = IncidentFactory()
    analyst_api.patch(f"/api/incidents/{incident.pk}/", {"summary": "Shelling."}, format="json",
                      HTTP_IF_MATCH='"1"')
    assert Incident.objects.get(pk=incident.pk).history.first().history_user == analyst


def test_claim_patch_marks_it_analyst_edited(analyst_api):
    claim = ClaimFactory()
    response = analyst_api.patch(f"/api/claims/{claim.pk}/", {"credibility": 2}, format="json",
                                 HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert (response.json()["credibility"], response.json()["analyst_edited"], response["ETag"]) == (2, True, '"2"')


def test_claim_patch_with_stale_etag_is_412(analyst_api):
    claim = ClaimFactory(version=5)
    response = analyst_api.patch(f"/api/claims/{claim.pk}/", {"credibility": 2}, format="json",
                                 HTTP_IF_MATCH='W/"4"')
    assert response.status_code == 412
    assert Claim.objects.get(pk=claim.pk).credibility == 6


def test_claim_patch_with_incident_moves_it(analyst_api):
    claim, elsewhere = ClaimFactory(), IncidentFactory()
    response = analyst_api.patch(f"/api/claims/{claim.pk}/", {"incident": elsewhere.pk}, format="json",
                                 HTTP_IF_MATCH='"1"')
    assert response.json()["incident"] == elsewhere.pk


def test_claim_link_create_and_delete(analyst_api):
    first, second = ClaimFactory(), ClaimFactory()
    created = analyst_api.post("/api/claim-links/", {"claim_a": second.pk, "claim_b": first.pk,
                                                      "relation": "contradicts", "reason": "denial"}, format="json")
    assert created.status_code == 201
    assert (created.json()["claim_a"], created.json()["origin"], created.json()["created_by"]) == (
        first.pk, "analyst", "analyst",
    )
    assert created["Location"].endswith(f"/api/claim-links/{created.json()['id']}/")
    assert analyst_api.delete(f"/api/claim-links/{created.json()['id']}/", {"reason": "different days"},
                              format="json").status_code == 204
    assert Deletion.objects.filter(kind="claim-link", object_id=created.json()["id"]).exists()


def test_duplicate_claim_link_is_400_with_a_message(analyst_api):
    link = ClaimLinkFactory()
    response = analyst_api.post("/api/claim-links/", {"claim_a": link.claim_a_id, "claim_b": link.claim_b_id,
                                                       "relation": "corroborates"}, format="json")
    assert response.status_code == 400
    assert "already linked" in response.json()["detail"]
    assert ClaimLink.objects.count() == 1


def test_self_link_is_400(analyst_api):
    claim = ClaimFactory()
    response = analyst_api.post("/api/claim-links/", {"claim_a": claim.pk, "claim_b": claim.pk,
                                                       "relation": "contradicts"}, format="json")
    assert response.status_code == 400
    assert "itself" in response.json()["detail"]


def test_merge_over_the_api(analyst_api):
    target, source = IncidentFactory(), IncidentFactory()
    claim = ClaimFactory(incident=source)
    response = analyst_api.post(f"/api/incidents/{target.pk}/merge/", {"sources": [source.pk], "reason": "same"},
                                format="json")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["claims"]] == [claim.pk]
    assert not Incident.objects.filter(pk=source.pk).exists()


def test_merge_into_itself_is_400(analyst_api):
    incident = IncidentFactory()
    response = analyst_api.post(f"/api/incidents/{incident.pk}/merge/", {"sources": [incident.pk], "reason": "same"},
                                format="json")
    assert response.status_code == 400
    assert "itself" in response.json()["detail"]


def test_split_over_the_api_takes_the_event_type_given_and_dates_from_the_claims(analyst_api):
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident, claimed_date_start=date(2022, 9, 1), claimed_date_precision="day")
    response = analyst_api.post(f"/api/incidents/{incident.pk}/split/",
                                {"claims": [leaving.pk], "event_type": "battles", "sub_event_type": "Armed clash",
                                 "reason": "another day"},
                                format="json")
    body = response.json()
    assert response.status_code == 201
    assert (body["event_type"], body["sub_event_type"]) == ("battles", "Armed clash")
    assert (body["date_start"], body["date_end"], body["date_precision"]) == ("2022-09-01", "2022-09-01", "day")


def test_split_over_the_api_creates_a_new_incident(analyst_api):
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident)
    response = analyst_api.post(f"/api/incidents/{incident.pk}/split/",
                                {"claims": [leaving.pk], "title": "Other", "reason": "another day"}, format="json")
    assert response.status_code == 201
    assert response.json()["title"] == "Other"
    assert [row["id"] for row in response.json()["claims"]] == [leaving.pk]
    assert response["Location"].endswith(f"/api/incidents/{response.json()['id']}/")


def test_malformed_json_is_400(analyst_api):
    incident = IncidentFactory()
    response = analyst_api.patch(f"/api/incidents/{incident.pk}/", "{not json", content_type="application/json",
                                 HTTP_IF_MATCH='"1"')
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
