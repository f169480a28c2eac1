"""The claim edit page's casualty figures in Chromium: a second figure row added by the button and saved."""
import pytest
from playwright.sync_api import expect

from incidents.choices import CasualtyGroup
from tests.factories import ActorFactory, CasualtyFigureFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_second_figure_row_is_added_and_saved_with_whose_dead_it_counts(analyst_page, screenshot):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, actor=ActorFactory(name="India"), min=2, max=2)
    analyst_page.goto(f"/claims/{claim.pk}/edit/")
    rows = analyst_page.locator("[data-figure-row]")
    expect(rows).to_have_count(2)  # the stored figure and a blank one
    analyst_page.get_by_role("button", name="Add a figure").click()
    expect(rows).to_have_count(3)
    added = rows.nth(2)
    expect(added.locator("legend")).to_have_text("Figure 3")
    added.get_by_label("Group").select_option("civilians")
    added.get_by_label("Least").fill("1")
    added.get_by_label("Most").fill("1")
    screenshot(analyst_page, "edit-claim-figures")
    analyst_page.get_by_role("button", name="Save claim").click()
    expect(analyst_page.locator(".message--success")).to_contain_text("Claim saved.")
    card = analyst_page.locator(f"#incident-claim-{claim.pk}")
    expect(card.locator(".figure-chip")).to_have_text(["Killed: 2 (India forces)", "Killed: 1 (Civilians)"])
    claim.refresh_from_db()
    assert (claim.fatalities_min, claim.fatalities_max) == (3, 3)
