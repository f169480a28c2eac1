"""A script's view of the API over real HTTP: a token, then list, filter, search, export and upload."""
import csv
import io
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from knox.models import AuthToken

from incidents import services
from incidents.choices import EventType
from incidents.models import Incident
from tests.factories import ClaimFactory, IncidentFactory, LocationFactory, UserFactory

ARTICLE = Path(__file__).parents[1] / "data" / "presstv-armenia-azerbaijan-border-clashes.txt"


@pytest.fixture
def script(live_server, transactional_db):
    """A requests session authenticated by a staff user's token, and the API's base URL."""
    user = UserFactory(username="script", groups=["staff"], is_staff=True)
    session = requests.Session()
    session.headers["Authorization"] = f"Token {AuthToken.objects.create(user=user, expiry=None)[1]}"
    yield session, f"{live_server.url}/api"
    # Closing the kept-alive socket ends the server's handler thread, which closes its database connection.
    session.close()


def _seed():
    goris = LocationFactory(name="Goris", country_code="AM", latitude=39.5, longitude=46.3)
    shelling = IncidentFactory(title="Azerbaijani shelling near Goris", date_start=date(2022, 9, 13))
    shelling.locations.add(goris)
    ClaimFactory(incident=shelling)
    IncidentFactory(title="Clash near Mosul", event_type=EventType.BATTLES, sub_event_type="Armed clash",
                    date_start=date(2017, 3, 1))
    services.incident_search_refresh(incident_ids=Incident.objects.values_list("pk", flat=True))
    return shelling


def test_token_script_lists_filters_searches_and_exports(script):
    session, api = script
    shelling = _seed()
    listed = session.get(f"{api}/incidents/", timeout=30)
    assert listed.status_code == 200
    assert len(listed.json()["results"]) == 2
    filtered = session.get(f"{api}/incidents/", params={"country": "AM", "date_from": "2022-09-01"}, timeout=30)
    assert [row["id"] for row in filtered.json()["results"]] == [shelling.pk]
    searched = session.get(f"{api}/incidents/", params={"search": "goris shelling"}, timeout=30)
    assert [row["title"] for row in searched.json()["results"]] == ["Azerbaijani shelling near Goris"]
    exported = session.get(f"{api}/incidents/export.csv", params={"event_type": "battles"}, timeout=30)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [row["event_type"] for row in rows] == ["Battles"]
    detail = session.get(f"{api}/incidents/{shelling.pk}/", timeout=30)
    assert detail.headers["ETag"] == '"1"'


def test_token_script_edits_with_if_match_and_meets_412_when_stale(script):
    session, api = script
    shelling = _seed()
    url = f"{api}/incidents/{shelling.pk}/"
    etag = session.get(url, timeout=30).headers["ETag"]
    edited = session.patch(url, json={"review_status": "reviewed"}, headers={"If-Match": etag}, timeout=30)
    assert edited.status_code == 200
    stale = session.patch(url, json={"review_status": "verified"}, headers={"If-Match": etag}, timeout=30)
    assert stale.status_code == 412
    assert session.get(url, timeout=30).json()["review_status"] == "reviewed"


def test_token_script_uploads_an_article_and_follows_it_until_extracted(script):
    session, api = script
    with ARTICLE.open("rb") as article:
        submitted = session.post(f"{api}/articles/", files={"file": (ARTICLE.name, article, "text/plain")},
                                 data={"publisher": "Press TV", "published_at": "2022-09-13"}, timeout=300)
    assert submitted.status_code == 202, submitted.text
    assert submitted.headers["Location"] == submitted.json()["url"]
    deadline, body = time.monotonic() + 240, submitted.json()
    while body["status"] in ("queued", "processing") and time.monotonic() < deadline:
        time.sleep(1)
        body = session.get(submitted.headers["Location"], timeout=30).json()
    assert body["status"] == "done", body["error"]
    assert body["incidents"] and body["claims"]
    assert all(body["text"][claim["start"]:claim["end"]] == claim["quote"] for claim in body["claims"])
