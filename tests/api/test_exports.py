"""Exports: ACLED-style CSV and GeoJSON, filtered like the list, streamed, and parseable."""
import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.choices import ActorKind, EventType
from incidents.exports import ACLED_COLUMNS
from tests.factories import ActorFactory, ClaimFactory, IncidentFactory, LocationFactory, PublisherFactory

pytestmark = pytest.mark.django_db


def _goris_shelling(suffix: str = ""):
    incident = IncidentFactory(title="Shelling near Goris", date_start=date(2022, 9, 13), date_end=date(2022, 9, 13),
                               date_precision="day", fatalities_low=2, fatalities_best=3, fatalities_high=5)
    incident.locations.add(LocationFactory(name="Goris", country_code="AM", admin1="Syunik", latitude=39.51,
                                           longitude=46.34))
    army = ActorFactory(name=f"Azerbaijani Armed Forces{suffix}", kind=ActorKind.MILITARY, country_code="AZ")
    civilians = ActorFactory(name=f"Civilians (Armenia){suffix}", kind=ActorKind.CIVILIANS)
    claim = ClaimFactory(incident=incident, article__publisher=PublisherFactory(name="Press TV"))
    claim.perpetrators.add(army)
    claim.targets.add(civilians)
    return incident


def _csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == ACLED_COLUMNS
    return list(reader)


def test_csv_export_uses_acled_columns_and_fills_what_is_known(viewer_api):
    incident = _goris_shelling()
    [row] = _csv_rows(viewer_api.get("/api/incidents/export.csv"))
    assert row["event_id_cnty"] == f"ARMKB{incident.pk}"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2022-09-13", "2022", "1")
    assert (row["disorder_type"], row["event_type"]) == ("Political violence", "Explosions/Remote violence")
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == (
        "Azerbaijani Armed Forces", "1", "Civilians (Armenia)", "7", "17",
    )
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["admin1"], row["location"]) == ("51", "Armenia", "Syunik", "Goris")
    assert (float(row["latitude"]), float(row["longitude"]), row["geo_precision"]) == (39.51, 46.34, "1")
    assert (row["source"], row["fatalities"]) == ("Press TV", "2")  # ACLED's one conservative figure: the low
    assert "Fatalities 2–5" in row["notes"]


def test_csv_export_applies_the_list_filters(viewer_api):
    _goris_shelling()
    IncidentFactory(event_type=EventType.BATTLES, sub_event_type="Armed clash")
    rows = _csv_rows(viewer_api.get("/api/incidents/export.csv", {"event_type": "battles"}))
    assert [row["event_type"] for row in rows] == ["Battles"]


def test_csv_export_with_a_bad_filter_is_a_json_400(viewer_api):
    response = viewer_api.get("/api/incidents/export.csv", {"bbox": "x"})
    assert response.status_code == 400
    assert "minlon" in response.json()["detail"]


def test_csv_export_needs_a_role(anonymous_api):
    assert anonymous_api.get("/api/incidents/export.csv").status_code == 401


def test_geojson_export_is_a_feature_collection_of_points(viewer_api):
    incident = _goris_shelling()
    unplaced = IncidentFactory()
    response = viewer_api.get("/api/incidents/export.geojson")
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(b"".join(response.streaming_content))
    assert collection["type"] == "FeatureCollection"
    features = {feature["id"]: feature for feature in collection["features"]}
    assert features[incident.pk]["geometry"] == {"type": "Point", "coordinates": [46.34, 39.51]}
    assert features[incident.pk]["properties"]["title"] == "Shelling near Goris"
    assert features[unplaced.pk]["geometry"] is None


def _export_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        b"".join(client.get(url).streaming_content)
    return len(captured)


@pytest.mark.parametrize("url", ["/api/incidents/export.csv", "/api/incidents/export.geojson"])
def test_export_queries_do_not_grow_with_incidents(viewer_api, url):
    _goris_shelling(" 0")
    few = _export_queries(viewer_api, url)
    for index in range(1, 20):
        _goris_shelling(f" {index}")
    assert _export_queries(viewer_api, url) == few


def test_export_rows_are_complete_when_read_in_several_batches(viewer_api, monkeypatch):
    monkeypatch.setattr("incidents.export_rows.EXPORT_BATCH_SIZE", 2)
    for index in range(5):
        _goris_shelling(f" {index}")
    rows = _csv_rows(viewer_api.get("/api/incidents/export.csv"))
    assert len(rows) == 5
    assert {row["actor1"] for row in rows} == {f"Azerbaijani Armed Forces {index}" for index in range(5)}


def test_csv_notes_end_the_summary_with_a_full_stop_before_the_fatality_range(viewer_api):
    IncidentFactory(summary="Azerbaijan launched intensive shelling against positions near Goris",
                    fatalities_low=1, fatalities_high=None, fatalities_best=None)
    [row] = _csv_rows(viewer_api.get("/api/incidents/export.csv"))
    assert row["notes"] == ("Azerbaijan launched intensive shelling against positions near Goris. "
                            "Fatalities 1–? (best unknown).")


def test_csv_rows_read_as_the_incident_itself_reads_them(viewer_api):
    # The export reads plain records in batches; a row must say what acled_row says of the model instance,
    # here with sides through parent actors, a claimant, a contradiction and an article without publisher.
    from incidents import selectors
    from incidents.choices import LinkRelation
    from incidents.csv_safety import csv_safe_row
    from incidents.exports import acled_row
    from tests.factories import ClaimLinkFactory

    incident = _goris_shelling()
    [report] = incident.claims.all()
    state = ActorFactory(name="Armenia", kind=ActorKind.STATE, country_code="AM")
    ministry = ActorFactory(name="Armenian Ministry of Defence", kind=ActorKind.GOVERNMENT_BODY, parent=state)
    army = ActorFactory(name="Armenian Armed Forces", kind=ActorKind.MILITARY, parent=ministry)
    incident.actors.add(army, state)
    reply = ClaimFactory(incident=incident, claimant=ministry, article__publisher=None)
    reply.perpetrators.add(army)
    ClaimLinkFactory(claim_a=report, claim_b=reply, relation=LinkRelation.CONTRADICTS)
    [row] = _csv_rows(viewer_api.get("/api/incidents/export.csv"))
    expected = csv_safe_row(acled_row(selectors.incidents_for_export().get(pk=incident.pk)))
    assert row == {column: str(value) for column, value in expected.items()}
    assert "contradicting claims" in row["tags"]
