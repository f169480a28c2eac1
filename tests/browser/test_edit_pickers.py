"""The edit forms' actor and place pickers in Chromium: type to search, pick several, nothing dropped."""
import pytest
from playwright.sync_api import expect

from incidents.models import Claim, Incident
from tests.factories import ActorFactory, ClaimFactory, IncidentFactory, LocationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def pick(page, field_id: str, typed: str, option: str) -> None:
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).click()


def test_three_places_picked_by_typing_are_all_saved(analyst_page, screenshot):
    incident = IncidentFactory()
    for name in ("Goris", "Jermuk", "Vardenis", "Sotk"):
        LocationFactory(name=name)
    analyst_page.goto(f"/incidents/{incident.pk}/edit/")
    for typed, name in (("gor", "Goris"), ("jer", "Jermuk"), ("varden", "Vardenis")):
        pick(analyst_page, "id_locations", typed, name)
    screenshot(analyst_page, "edit-incident-place-picker")
    analyst_page.get_by_role("button", name="Save incident").click()
    expect(analyst_page.locator(".message--success")).to_contain_text("Incident saved.")
    assert sorted(Incident.objects.get(pk=incident.pk).locations.values_list("name", flat=True)) == [
        "Goris", "Jermuk", "Vardenis"]


def test_the_claimant_is_found_by_an_alias_not_from_a_list_of_every_actor(analyst_page):
    claim = ClaimFactory()
    ministry = ActorFactory(name="Ministry of Defence of Azerbaijan", aliases=["Azerbaijani MoD"])
    for number in range(30):
        ActorFactory(name=f"Unrelated actor {number}")
    analyst_page.goto(f"/claims/{claim.pk}/edit/")
    # Only the empty choice and the current claimant are in the page, not the 32 actors stored.
    assert analyst_page.locator("#id_claimant option").count() <= 2
    pick(analyst_page, "id_claimant", "Azerbaijani MoD", "Ministry of Defence of Azerbaijan")
    analyst_page.get_by_role("button", name="Save claim").click()
    analyst_page.wait_for_load_state()
    assert Claim.objects.get(pk=claim.pk).claimant == ministry
