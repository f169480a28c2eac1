"""An analyst's walk through the pages in Chromium: sign in, filter, read the seed incident and its article,
link claims, meet a stale-edit refusal, and see the map's markers with no tiles (this machine is offline)."""
import re

import pytest
from playwright.sync_api import expect

from incidents.roles import ANALYST
from incidents.services import incident_update
from tests.factories import IncidentFactory, UserFactory
from tests.scenarios import CONTRADICTION_REASON, presstv_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analyst(transactional_db):
    return UserFactory(username="analyst", groups=[ANALYST])


@pytest.fixture
def seed(transactional_db):
    return presstv_seed()


@pytest.fixture
def analyst_page(page, analyst, sign_in):
    sign_in(page, analyst.username)
    return page


def test_sign_in_then_filter_the_list_by_contradictions(page, analyst, seed, sign_in, screenshot):
    IncidentFactory(title="Protest in Yerevan", event_type="protests")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/"))
    sign_in(page, analyst.username)
    expect(page.get_by_role("heading", name="2 incidents")).to_be_visible()

    page.get_by_label("Contradicting claims").select_option("true")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"has_contradictions=true"))
    expect(page.get_by_role("heading", name="1 incident matches the filters")).to_be_visible()
    expect(page.locator("#incident-table")).to_contain_text(seed.incident.title)
    expect(page.locator("#incident-table")).not_to_contain_text("Protest in Yerevan")
    screenshot(page, "incident-list")


def _settle_side_by_side(page, left, right, *, attempts: int = 20) -> bool:
    """Whether `left` and `right` stand in one row, left first, once the layout has settled (maps and fonts
    load after the first paint and can shift the columns for a moment)."""
    for _ in range(attempts):
        left_box, right_box = left.bounding_box(), right.bounding_box()
        if abs(left_box["y"] - right_box["y"]) < 5 and left_box["x"] < right_box["x"]:
            return True
        page.wait_for_timeout(250)
    return False


def test_seed_incident_shows_the_ministries_contradicting_claims_side_by_side(analyst_page, seed, screenshot):
    analyst_page.goto("/")
    analyst_page.get_by_role("link", name=seed.incident.title).click()

    # claims are grouped by account: each side's claimants together (issue 10)
    armenian = analyst_page.get_by_role("region", name="Claims of the account of Armenia", exact=True)
    azerbaijani = analyst_page.get_by_role("region", name="Claims of the account of Azerbaijan", exact=True)
    expect(armenian.locator("mark")).to_have_text("Azerbaijan launched intensive shelling")
    expect(azerbaijani.locator("mark").first).to_be_visible()
    expect(azerbaijani).to_contain_text("large-scale subversive acts")
    assert _settle_side_by_side(analyst_page, armenian, azerbaijani), "the two claimants' columns are not side by side"
    expect(armenian.locator(f'.claim-link-ref[title="Why: {CONTRADICTION_REASON}"]').first).to_be_attached()
    expect(analyst_page.locator("#account-links")).to_contain_text("contradicts")
    screenshot(analyst_page, "incident-detail")


def test_clicking_a_claim_reaches_its_highlighted_span_in_the_article(analyst_page, seed, screenshot):
    analyst_page.goto(f"/incidents/{seed.incident.pk}/")
    claim = analyst_page.locator(f"#incident-claim-{seed.am_shelling.pk}")
    claim.get_by_role("link", name="See it in the article").click()

    expect(analyst_page).to_have_url(re.compile(rf"/articles/{seed.article.pk}/#claim-{seed.am_shelling.pk}$"))
    target = analyst_page.locator(".hl-claim.is-target")
    expect(target.first).to_be_visible()
    assert "".join(target.all_inner_texts()) == "Azerbaijan launched intensive shelling"
    expect(analyst_page.locator("#article-text .chrome").first).to_contain_text("News")
    target.filter(has_not=analyst_page.locator("a")).first.click()
    expect(analyst_page.locator("#popover")).to_contain_text(seed.incident.title)
    screenshot(analyst_page, "article")


def test_analyst_links_two_claims_as_corroborating(analyst_page, seed):
    analyst_page.goto(f"/incidents/{seed.incident.pk}/")
    analyst_page.locator(f"#incident-claim-{seed.az_losses.pk}").get_by_role("link", name="Link…").click()
    analyst_page.get_by_label("Find a claim").fill("forces have been killed")
    analyst_page.get_by_role("button", name="Search").click()
    analyst_page.get_by_label(re.compile("a number of its forces have been killed")).check()
    analyst_page.get_by_label("Corroborates").check()
    analyst_page.get_by_label("Reason").fill("Both report losses without figures.")
    analyst_page.get_by_role("button", name="Link claims").click()

    expect(analyst_page.locator(".message--success")).to_contain_text("corroborates")
    links = analyst_page.locator(f"#incident-claim-{seed.az_losses.pk} .claim__links")
    expect(links).to_contain_text("Corroborated by")
    expect(links.locator('.claim-link-ref[title="Why: Both report losses without figures."]')).to_be_attached()


def test_a_stale_incident_edit_is_refused_keeping_what_the_analyst_typed(analyst_page, seed, analyst, screenshot):
    analyst_page.goto(f"/incidents/{seed.incident.pk}/edit/")
    incident_update(incident=seed.incident, version=seed.incident.version,
                    data={"title": "Border clashes (renamed meanwhile)"}, user=analyst)

    analyst_page.get_by_label("Title").fill("My new title")
    analyst_page.get_by_role("button", name="Save incident").click()

    refusal = analyst_page.locator("#stale-edit")
    expect(refusal).to_contain_text("Not saved")
    expect(refusal).to_contain_text("Border clashes (renamed meanwhile)")
    expect(refusal).to_contain_text("My new title")
    expect(refusal).to_contain_text("analyst")
    expect(analyst_page.get_by_label("Title")).to_have_value("My new title")
    screenshot(analyst_page, "stale-edit")


def test_the_maps_show_markers_when_tiles_cannot_load(analyst_page, seed, settings):
    settings.KB_MAP_TILES = "http://tiles.invalid/{z}/{x}/{y}.png"  # a tile server set but out of reach
    analyst_page.goto("/")
    result_map = analyst_page.locator("#incident-map")
    expect(result_map).to_have_attribute("data-ready", "true")
    expect(result_map.locator(".marker-cluster, path.leaflet-interactive").first).to_be_visible()
    expect(analyst_page.locator("[data-map-note]")).to_contain_text("tiles could not be loaded")

    analyst_page.goto(f"/incidents/{seed.incident.pk}/")
    expect(analyst_page.locator("#incident-map path.leaflet-interactive")).to_have_count(6)
