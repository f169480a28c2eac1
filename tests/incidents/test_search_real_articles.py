"""Issue 11's search measure on the real pipeline: the seed article and real articles ingested through spaCy, then
searched as an analyst does, on the incident list page and over the REST API.

The articles are ingested once for the module inside a transaction that is rolled back at the end (every test
then runs in a savepoint of it), since extracting them takes seconds each.
"""
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client, TestCase, override_settings
from rest_framework.test import APIClient

from incidents.models import Incident
from incidents.roles import VIEWER
from ingest.services import article_submit
from tests.factories import UserFactory

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "presstv-armenia-azerbaijan-border-clashes.txt"
# Real articles: a missile-and-drone barrage on Ukraine, a shelling in Myanmar (competes for "shelling"), a
# clash in Pakistan and a U.S. air strike in Syria (competes for "drone": both come out as "Air/drone strike").
DRONE_ARTICLE = DATA / "real" / "dev" / "ukgov-ukraine-oreshnik-osce-statement.txt"
OTHERS = [
    (DRONE_ARTICLE, "UK Government", "2026-01-15"),
    (DATA / "real" / "dev" / "voa-myanmar-laiza-kia-academy-shelling.txt", "Voice of America", None),
    (DATA / "real" / "dev" / "voa-pakistan-south-waziristan-clashes.txt", "Voice of America", None),
    (DATA / "real" / "dev" / "centcom-syria-usamah-al-muhajir-strike.txt", "U.S. Central Command", "2023-07-09"),
]
# From the seed's gold: the Azerbaijani ministry claims the clash; Goris is one of its places.
SEED_CLAIMANT = "Azerbaijan Defense Ministry"
SEED_PLACE = "Goris"
INCIDENT_LINK = re.compile(r'<a class="incident-title" href="/incidents/(\d+)/"')


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    """Ingest the articles with the real pipeline; returns the seed incident (the 12–13 September clash) and the
    incidents of the drone article."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(KB_EXTRACT_IN_BACKGROUND=False, MEDIA_ROOT=media):
        with transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                article_submit(content=SEED.read_bytes(), filename=SEED.name, publisher="Press TV",
                               published_at="2022-09-13")
                for path, publisher, published_at in OTHERS:
                    dated = {"published_at": published_at} if published_at else {}
                    article_submit(content=path.read_bytes(), filename=path.name, publisher=publisher, **dated)
            seed_incident = Incident.objects.filter(
                claims__article__original_filename=SEED.name, claims__claimant__name=SEED_CLAIMANT,
                locations__name=SEED_PLACE).distinct().get()
            drone_incidents = set(Incident.objects.filter(
                claims__article__original_filename=DRONE_ARTICLE.name).values_list("pk", flat=True))
            yield {"seed": seed_incident.pk, "drone": drone_incidents}
            transaction.set_rollback(True)


@pytest.fixture
def list_page(corpus, db):
    """The ids of the incidents the list page shows, in order, for these query parameters."""
    client = Client()
    client.force_login(UserFactory(groups=[VIEWER]))

    def _shown(params: dict) -> list[int]:
        response = client.get("/", params)
        assert response.status_code == 200
        return [int(pk) for pk in INCIDENT_LINK.findall(response.content.decode())]
    return _shown


@pytest.fixture
def api_list(corpus, db):
    """The ids of the incidents the API lists, in order, for these query parameters."""
    client = APIClient()
    client.force_authenticate(UserFactory(groups=[VIEWER]))

    def _listed(params: dict) -> list[int]:
        response = client.get("/api/incidents/", params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]
    return _listed


@pytest.fixture(params=["list_page", "api_list"])
def results(request):
    """The same search through the list page and through the API: both must answer alike."""
    return request.getfixturevalue(request.param)


def test_the_seed_claimants_full_name_finds_the_seed_incident_first(corpus, results):
    assert results({"search": SEED_CLAIMANT})[0] == corpus["seed"]


def test_shelling_finds_the_seed_incident_first(corpus, results):
    assert results({"search": "shelling"})[0] == corpus["seed"]


def test_a_place_of_the_seed_incident_finds_it_first(corpus, results):
    assert results({"search": SEED_PLACE})[0] == corpus["seed"]


def test_the_country_by_name_lists_the_seed_incident_first(corpus, results):
    assert results({"country": "Armenia"})[0] == corpus["seed"]


def test_drone_finds_the_drone_strike_articles_incident(corpus, results):
    assert corpus["drone"] & set(results({"search": "drone"}))
