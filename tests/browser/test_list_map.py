"""The incident list's map in Chromium, offline: country outlines drawn from the shipped basemap, and a box
drawn on the map narrowing the list to the incidents inside it."""
import pytest
from playwright.sync_api import expect

from tests.factories import IncidentFactory, LocationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_the_map_draws_country_outlines_with_no_network(viewer_page, screenshot):
    IncidentFactory().locations.add(LocationFactory(name="Goris", latitude=39.51, longitude=46.34))
    viewer_page.goto("/")
    outlines = viewer_page.locator("#incident-map .leaflet-overlay-pane path")
    # the first path drawn may be the incident's marker: wait for the outlines, drawn one by one after it
    viewer_page.wait_for_function(
        "document.querySelectorAll('#incident-map .leaflet-overlay-pane path').length > 20", timeout=15000)
    assert outlines.count() > 20
    screenshot(viewer_page, "incident-list-offline-basemap")


def test_a_box_drawn_with_shift_narrows_the_list_to_the_places_inside(viewer_page):
    west = IncidentFactory(title="West incident")
    west.locations.add(LocationFactory(name="Westtown", latitude=40.0, longitude=40.0))
    east = IncidentFactory(title="East incident")
    east.locations.add(LocationFactory(name="Easttown", latitude=40.0, longitude=50.0))
    viewer_page.goto("/")
    map_box = viewer_page.locator("#incident-map").bounding_box()
    expect(viewer_page.locator("#incident-map")).to_have_attribute("data-ready", "true")
    # The two places sit at the map's left and right edges (it fits their bounds); box the left third.
    top, left = map_box["y"] + 5, map_box["x"] + 5
    viewer_page.keyboard.down("Shift")
    viewer_page.mouse.move(left, top)
    viewer_page.mouse.down()
    viewer_page.mouse.move(left + map_box["width"] / 3, top + map_box["height"] - 10, steps=8)
    viewer_page.mouse.up()
    viewer_page.keyboard.up("Shift")
    viewer_page.wait_for_url("**bbox=**")
    expect(viewer_page.locator("#incident-table")).to_contain_text("West incident")
    expect(viewer_page.locator("#incident-table")).not_to_contain_text("East incident")
