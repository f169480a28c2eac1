"""`search=` on the actor and place lists narrows them by name, as it does on incidents, instead of being ignored."""
import pytest

from tests.factories import ActorFactory, LocationFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_actor_search_keeps_actors_whose_name_or_alias_matches(viewer_api):
    ActorFactory(name="Azerbaijan Defense Ministry", aliases=["Azerbaijan's Defense Ministry"])
    ActorFactory(name="Sudan")
    assert names(viewer_api.get("/api/actors/", {"search": "ministry"})) == ["Azerbaijan Defense Ministry"]


def test_location_search_keeps_places_whose_name_matches(viewer_api):
    LocationFactory(name="Goris")
    LocationFactory(name="Sudan")
    assert names(viewer_api.get("/api/locations/", {"search": "gor"})) == ["Goris"]
