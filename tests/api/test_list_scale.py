"""API lists at scale: queries per request constant as rows grow, whatever the filter."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.choices import LinkRelation
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def _incidents(count: int, *, actor, place) -> None:
    for index in range(count):
        incident = IncidentFactory(title=f"Shelling {index}")
        incident.locations.add(place)
        incident.actors.add(actor)
        first, second = ClaimFactory.create_batch(2, incident=incident, claimant=actor)
        first.perpetrators.add(actor)
        ClaimLinkFactory(claim_a=first, claim_b=second, relation=LinkRelation.CONTRADICTS)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [
    "/api/incidents/", "/api/incidents/?has_contradictions=true", "/api/incidents/?has_contradictions=false",
    "/api/incidents/?country=am", "/api/incidents/?event_type=battles&event_type=riots",
    "/api/incidents/?actor=Brigade", "/api/claims/", "/api/claims/?quote=shell", "/api/claims/?kind=attack",
])
def test_list_queries_do_not_grow_with_rows(viewer_api, url):
    actor, place = ActorFactory(name="Northern Brigade"), LocationFactory(country_code="AM")
    _incidents(3, actor=actor, place=place)
    few = _queries(viewer_api, url)
    _incidents(60, actor=actor, place=place)
    assert _queries(viewer_api, url) == few


def test_claim_quote_filter_finds_a_rare_word_ignoring_case(viewer_api):
    wanted = ClaimFactory(quote="Shelling near Aachen overnight")
    ClaimFactory(quote="Nothing here")
    rows = viewer_api.get("/api/claims/", {"quote": "aachen"}).json()["results"]
    assert [row["id"] for row in rows] == [wanted.pk]
