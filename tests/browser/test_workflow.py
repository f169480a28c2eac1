"""The analysts' workflow in Chromium: a merge previewed, confirmed with a reason and undone from the history;
the list's bulk review, bulk credibility and saved searches; the list on a 390 px phone screen."""
import re

import pytest
from playwright.sync_api import expect

from incidents.models import Claim, Incident
from incidents.roles import ANALYST
from tests.factories import ClaimFactory, IncidentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}



def test_a_merge_is_previewed_confirmed_with_a_reason_and_undone_from_the_history(analyst_page, screenshot):
    page = analyst_page
    target = IncidentFactory(title="Shelling of Goris")
    source = IncidentFactory(title="Goris shelled overnight")
    claim = ClaimFactory(incident=source)
    page.goto(f"/incidents/{target.pk}/merge/")
    page.get_by_label(re.compile("Goris shelled overnight")).check()
    page.get_by_role("button", name="Merge into this incident…").click()
    expect(page.get_by_role("heading", name="1 claim moves here")).to_be_visible()
    expect(page.locator("#merge-preview")).to_contain_text(claim.quote[:40])
    screenshot(page, "workflow-merge-preview")
    expect(page.get_by_label(re.compile("^Reason"))).to_have_attribute("required", "")
    page.get_by_label(re.compile("^Reason")).fill("Both report the same night's shelling")
    page.get_by_role("button", name="Confirm merge").click()
    expect(page.locator(".messages")).to_contain_text("Merged 1 incident into this one")
    expect(page.locator("#history")).to_contain_text("Both report the same night's shelling")
    page.get_by_role("button", name="Undo this merge").click()
    expect(page.locator(".messages")).to_contain_text("Undone: the merged incidents are back")
    screenshot(page, "workflow-merge-undone")
    assert Incident.objects.get(pk=source.pk).claims.get().pk == claim.pk


def test_ticked_incidents_are_set_reviewed_from_the_list(analyst_page, screenshot):
    page = analyst_page
    first, second, _ = IncidentFactory(title="Clash A"), IncidentFactory(title="Clash B"), IncidentFactory()
    page.goto("/")
    page.get_by_label("Select “Clash A”").check()
    page.get_by_label("Select “Clash B”").check()
    page.get_by_label("Set the ticked incidents to").select_option("reviewed")
    page.get_by_role("button", name="Apply to ticked").click()
    expect(page.locator(".messages")).to_contain_text("2 incidents set to “Reviewed”")
    screenshot(page, "workflow-bulk-reviewed")
    assert set(Incident.objects.filter(review_status="reviewed").values_list("pk", flat=True)) == {first.pk, second.pk}


def test_the_claims_of_ticked_incidents_get_one_credibility_from_the_list(analyst_page, screenshot):
    page = analyst_page
    ticked = IncidentFactory(title="Shelling of Goris")
    ClaimFactory.create_batch(2, incident=ticked, credibility=6)
    other = ClaimFactory(incident=IncidentFactory(title="Clash near Sotk"), credibility=6)
    page.goto("/")
    page.get_by_label("Select “Shelling of Goris”").check()
    page.get_by_label("Credibility of all their claims").select_option(label="2 – probably true")
    page.get_by_role("button", name="Set credibility").click()
    expect(page.locator(".messages")).to_contain_text(
        "Credibility “2 – probably true” set on 2 claims of the 1 ticked incident.")
    screenshot(page, "workflow-bulk-credibility")
    assert set(ticked.claims.values_list("credibility", flat=True)) == {2}
    assert Claim.objects.get(pk=other.pk).credibility == 6


def test_the_current_filters_are_saved_and_opened_again(analyst_page):
    page = analyst_page
    IncidentFactory(title="Drone strike on Stepanakert", event_type="explosions_remote_violence")
    page.goto("/?search=drone")
    page.get_by_label("Name of this search").fill("Drone strikes")
    page.get_by_role("button", name="Save search").click()
    expect(page.locator(".messages")).to_contain_text("Saved the search “Drone strikes”")
    page.goto("/")
    page.locator("#saved-searches").get_by_role("link", name="Drone strikes").click()
    expect(page).to_have_url(re.compile(r"\?search=drone$"))
    expect(page.locator("#f-search")).to_have_value("drone")


def test_on_a_phone_the_list_does_not_scroll_sideways_and_the_first_result_is_on_the_first_screen(
        chromium, live_server, transactional_db, sign_in, screenshot):
    UserFactory(username="analyst", groups=[ANALYST])
    for number in range(30):
        IncidentFactory(title=f"Shelling near Goris, report {number}")
    context = chromium.new_context(viewport=PHONE, base_url=live_server.url, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    try:
        sign_in(page, "analyst")
        page.goto("/")
        expect(page.locator("#incident-table")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        expect(page.locator("#filter-form")).to_be_hidden()
        first_row = page.locator("#incident-table tbody tr").first
        assert first_row.bounding_box()["y"] + 40 < PHONE["height"]
        page.screenshot(path=_artifact("workflow-phone-list"))  # the first screen only, as a phone shows it
        page.get_by_text("Filters", exact=True).click()
        expect(page.locator("#filter-form")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "workflow-phone-filters-open")
    finally:
        context.close()


def test_on_a_phone_each_stacked_cell_of_the_list_names_its_column(chromium, live_server, transactional_db, sign_in,
                                                                    screenshot):
    UserFactory(username="analyst", groups=[ANALYST])
    incident = IncidentFactory(title="Shelling near Goris")
    ClaimFactory(incident=incident)
    context = chromium.new_context(viewport=PHONE, base_url=live_server.url, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    try:
        sign_in(page, "analyst")
        page.goto("/")
        expect(page.locator("#incident-table thead")).to_be_hidden()
        labels = page.locator("#incident-table tbody tr").first.locator("td").evaluate_all(
            "cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
        assert labels == ["none", '"Incident: "', '"Date: "', '"Places: "', '"Fatalities: "', '"Claims: "',
                          '"Status: "']
        page.screenshot(path=_artifact("workflow-phone-list-labels"))
    finally:
        context.close()


def _artifact(name: str) -> str:
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return str(ARTIFACTS / f"{name}.png")
