"""Query parameters the schema types (a boolean, an id, a page size) are refused with 400 when they are not of
that type, rather than silently ignored; left empty, they are as if not given (the schema says so)."""
import pytest

from tests.factories import ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def test_a_boolean_filter_that_is_neither_true_nor_false_is_refused(viewer_api):
    response = viewer_api.get("/api/incidents/", {"has_contradictions": "yes"})

    assert response.status_code == 400
    assert response.json()["errors"]["has_contradictions"] == ["Give true or false (or 1 or 0)."]


def test_an_empty_boolean_filter_lists_everything(viewer_api):
    IncidentFactory()

    response = viewer_api.get("/api/incidents/", {"has_contradictions": ""})

    assert response.status_code == 200 and len(response.json()["results"]) == 1


def test_an_id_filter_that_is_not_a_whole_number_is_refused(viewer_api):
    response = viewer_api.get("/api/claims/", {"incident": "1.5"})

    assert response.status_code == 400
    assert "incident" in response.json()["errors"]


def test_an_id_filter_picks_that_incidents_claims(viewer_api):
    claim = ClaimFactory()
    ClaimFactory()

    response = viewer_api.get("/api/claims/", {"incident": claim.incident_id})

    assert [row["id"] for row in response.json()["results"]] == [claim.pk]


def test_a_page_size_that_is_not_a_positive_whole_number_is_refused(viewer_api):
    response = viewer_api.get("/api/incidents/", {"page_size": "null"})

    assert response.status_code == 400
    assert response.json()["errors"]["page_size"][0].startswith("Give a whole number from 1")


def test_the_schema_says_empty_query_values_are_accepted_and_ids_are_integers(client):
    parameters = {parameter["name"]: parameter
                  for parameter in client.get("/api/schema/?format=json").json()["paths"]["/api/claims/"]["get"][
                      "parameters"]}

    assert parameters["updated_since"]["allowEmptyValue"] is True
    assert parameters["incident"]["schema"]["type"] == "integer"
    assert "allowEmptyValue" not in parameters["kind"]  # a list of choices refuses ''
