"""Odd query strings on the incident list and the picker pages get an answer, never a server error."""
import pytest
from django.urls import reverse

from tests.factories import ActorFactory, ClaimFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("parameter", ["actor", "claimant", "location"])
def test_unicode_digit_in_an_actor_or_place_filter_is_read_as_a_name(viewer_client, parameter):
    IncidentFactory(title="Shelling near the border")

    response = viewer_client.get(reverse("incidents:incident_list"), {parameter: "²"})

    assert response.status_code == 200
    assert "Shelling near the border" not in response.content.decode()


def test_api_claimant_filter_with_a_unicode_digit_finds_nothing(viewer_client):
    ClaimFactory()

    response = viewer_client.get("/api/claims/", {"claimant": "²"})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("page", ["incident_merge", "claim_link_create", "claim_move", "actor_merge",
                                  "location_merge"])
def test_picker_search_with_a_nul_character_still_shows_the_page(analyst_client, page):
    claim = ClaimFactory()
    pk = {"incident_merge": claim.incident_id, "claim_link_create": claim.pk, "claim_move": claim.pk,
          "actor_merge": ActorFactory().pk, "location_merge": LocationFactory().pk}[page]

    response = analyst_client.get(reverse(f"incidents:{page}", args=[pk]), {"q": "Ba\x00ku"})

    assert response.status_code == 200
