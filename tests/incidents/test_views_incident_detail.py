"""The incident page: the dispute between accounts, links per pair of accounts, fatalities by side, claim cards by
account, sources, history."""
import re

import pytest
from django.urls import reverse

from incidents.services import claim_link_create, incident_update
from tests.scenarios import CONTRADICTION_REASON, presstv_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    return presstv_seed()


def page_of(client, seed) -> str:
    response = client.get(reverse("incidents:incident_detail", args=[seed.incident.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_claims_are_grouped_in_one_column_per_account(viewer_client, seed):
    """A ministry's claims belong to its state's account; the outlet's own voice to the independent sources."""
    html = page_of(viewer_client, seed)
    columns = re.findall(r'data-claimant="([^"]+)"', html)
    assert columns == ["Armenia", "Azerbaijan", "Independent sources"]


def test_each_claim_shows_its_quote_marked_inside_its_sentence(viewer_client, seed):
    html = page_of(viewer_client, seed)
    assert ("saying, &quot;At 00:05 a.m. (2005 GMT) on Tuesday, <mark>Azerbaijan launched intensive shelling</mark>"
            ", with artillery") in html


def test_each_claim_links_to_its_span_in_the_article(viewer_client, seed):
    html = page_of(viewer_client, seed)
    assert f'href="/articles/{seed.article.pk}/#claim-{seed.am_shelling.pk}"' in html


def test_a_contradiction_between_accounts_is_one_row_with_its_reason(viewer_client, seed):
    html = page_of(viewer_client, seed)
    assert "1 contradiction between accounts" in html
    rows = re.findall(r'<li class="account-link account-link--contradicts" data-pair="([^"]+)">', html)
    assert len(rows) == 1
    assert f"Why: {CONTRADICTION_REASON}</div>" in html
    assert f'class="claim claim--contradicted" id="incident-claim-{seed.am_shelling.pk}"' in html


def test_corroborations_are_shown_too(viewer_client, seed, analyst):
    claim_link_create(claim_a=seed.az_losses, claim_b=seed.az_losses_lede, relation="corroborates",
                      reason="Same losses, twice.", user=analyst)
    html = page_of(viewer_client, seed)
    assert "Within Azerbaijan: corroborates" in html and "Same losses, twice." in html


def test_sources_show_publisher_and_reliability_grade(viewer_client, seed):
    html = page_of(viewer_client, seed)
    assert "Press TV" in html and "Iranian state media" in html
    assert "D – not usually reliable" in html


def test_sources_show_the_reliability_grade_once_with_its_meaning(viewer_client, seed):
    html = page_of(viewer_client, seed)
    cell = re.search(r'<span class="badge badge--grade"[^>]*>D</span>\s*<span class="small muted">([^<]*)</span>', html)
    assert cell is not None and cell.group(1) == "not usually reliable"


def test_maps_use_the_configured_tile_url(viewer_client, seed, settings):
    settings.KB_MAP_TILES = "http://tiles.internal/{z}/{x}/{y}.png"
    html = page_of(viewer_client, seed)
    assert '<meta name="kb-map-tiles" content="http://tiles.internal/{z}/{x}/{y}.png">' in html


def test_fatalities_by_side_cite_each_claim_by_an_anchor_its_card_carries(viewer_client, seed):
    """domain.md "Counting casualties": the derivation is shown per group and per claimant."""
    html = page_of(viewer_client, seed)
    assert '<tr data-group="Azerbaijan forces">' in html
    assert f'<a href="#incident-claim-{seed.az_losses.pk}" title="Azerbaijani Defense Ministry">' in html
    assert f'id="incident-claim-{seed.az_losses.pk}"' in html


def test_places_are_on_the_small_map(viewer_client, seed):
    html = page_of(viewer_client, seed)
    assert html.count('"lat":') == 6 and "Goris (AM)" in html


def test_history_shows_who_changed_what_from_old_to_new(viewer_client, seed, analyst):
    incident_update(incident=seed.incident, version=seed.incident.version, data={"title": "Renamed"}, user=analyst)
    html = page_of(viewer_client, seed)
    assert re.search(r"analyst</td>\s*<td class=\"small\">Incident \d+ <span class=\"muted\">changed", html)
    assert "<del>Armenia–Azerbaijan border clashes</del> → <ins>Renamed</ins>" in html


def test_history_lists_links_of_the_incidents_claims(viewer_client, seed):
    html = page_of(viewer_client, seed)
    assert (f"Link between claims {seed.am_shelling.pk} and {seed.az_subversion.pk} (contradicts)"
            ' <span class="muted">created') in html


def test_a_missing_incident_is_a_404(viewer_client):
    assert viewer_client.get(reverse("incidents:incident_detail", args=[999999])).status_code == 404
