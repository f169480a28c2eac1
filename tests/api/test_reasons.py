"""Merge, split and unlink over the API need a reason, as in the UI: a clear 400 without one, history with one."""
import pytest

from incidents.models import Claim, ClaimLink, Incident
from tests.factories import ClaimFactory, ClaimLinkFactory, IncidentFactory

pytestmark = pytest.mark.django_db

NO_REASON = "Say why: the reason is kept in the history."


def _merge(client, **body):
    target, source = IncidentFactory(), IncidentFactory()
    response = client.post(f"/api/incidents/{target.pk}/merge/", {"sources": [source.pk], **body}, format="json")
    return response, target, source


def _split(client, **body):
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident)
    response = client.post(f"/api/incidents/{incident.pk}/split/", {"claims": [leaving.pk], **body}, format="json")
    return response, incident, leaving


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}], ids=["missing", "empty", "spaces"])
def test_merge_without_a_reason_is_400_naming_the_field_and_merges_nothing(analyst_api, body):
    response, _, source = _merge(analyst_api, **body)

    assert response.status_code == 400
    assert response.json() == {"detail": f"reason: {NO_REASON}", "errors": {"reason": [NO_REASON]}}
    assert Incident.objects.filter(pk=source.pk).exists()


def test_merge_reason_is_kept_in_the_target_incidents_history(analyst_api):
    response, target, source = _merge(analyst_api, reason="Both sides describe the Goris shelling")

    assert response.status_code == 200
    reasons = target.history.values_list("history_change_reason", flat=True)
    assert f"Merged incidents {source.pk}: Both sides describe the Goris shelling" in reasons


@pytest.mark.parametrize("body", [{}, {"reason": ""}], ids=["missing", "empty"])
def test_split_without_a_reason_is_400_naming_the_field_and_splits_nothing(analyst_api, body):
    response, incident, leaving = _split(analyst_api, **body)

    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": [NO_REASON]}
    assert Claim.objects.get(pk=leaving.pk).incident_id == incident.pk


def test_split_reason_is_kept_in_the_new_incidents_history(analyst_api):
    response, _, _ = _split(analyst_api, reason="A different night")

    assert response.status_code == 201
    new = Incident.objects.get(pk=response.json()["id"])
    assert new.history.earliest().history_change_reason.endswith(": A different night")


@pytest.mark.parametrize("body", [None, {"reason": ""}], ids=["missing", "empty"])
def test_unlink_without_a_reason_is_400_naming_the_field_and_keeps_the_link(analyst_api, body):
    link = ClaimLinkFactory()

    response = analyst_api.delete(f"/api/claim-links/{link.pk}/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": f"reason: {NO_REASON}", "errors": {"reason": [NO_REASON]}}
    assert ClaimLink.objects.filter(pk=link.pk).exists()


def test_unlink_reason_is_kept_in_the_links_history(analyst_api):
    link = ClaimLinkFactory()

    response = analyst_api.delete(f"/api/claim-links/{link.pk}/", {"reason": "They speak of different days"},
                                  format="json")

    assert response.status_code == 204
    assert ClaimLink.history.filter(id=link.pk).latest().history_change_reason == (
        "Unlinked: They speak of different days")


def test_unlink_takes_the_reason_from_the_query_for_clients_that_send_no_delete_body(analyst_api):
    link = ClaimLinkFactory()

    response = analyst_api.delete(f"/api/claim-links/{link.pk}/?reason=Different+days")

    assert response.status_code == 204
    assert ClaimLink.history.filter(id=link.pk).latest().history_change_reason == "Unlinked: Different days"


def test_the_schema_says_merge_and_split_require_a_reason(viewer_api):
    bodies = viewer_api.get("/api/schema/?format=json").json()["components"]["schemas"]

    for name in ("IncidentMergeRequest", "IncidentSplitRequest"):
        assert "reason" in bodies[name]["required"], name
        assert "required; kept in the history" in bodies[name]["properties"]["reason"]["description"], name


def test_the_schema_says_unlinking_requires_a_reason(viewer_api):
    unlink = viewer_api.get("/api/schema/?format=json").json()["paths"]["/api/claim-links/{id}/"]["delete"]

    assert "A reason is required" in unlink["description"]
    assert "reason" in [parameter["name"] for parameter in unlink["parameters"]]
