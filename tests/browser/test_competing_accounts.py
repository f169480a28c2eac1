"""The seed incident in Chromium before and after both ministries' statements join it: the dispute is on the first
screen of a 1440×900 window, one contradiction row per pair of accounts, the total 99 with each side's figure;
screenshots at 1440 px and 390 px go to test-artifacts/."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from incidents.models import Incident
from incidents.roles import VIEWER
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "presstv-armenia-azerbaijan-border-clashes.txt"
STATEMENTS = [(DATA / "cross" / "armenian-mod-goris-shelling.txt", "Armenian Defense Ministry"),
              (DATA / "cross" / "azerbaijani-mod-lachin-shelling.txt", "Azerbaijani Defense Ministry")]


def ingest(path: Path, publisher: str) -> None:
    call_command("ingest", str(path), "--publisher", publisher, "--published-at", "2022-09-13",
                 stdout=io.StringIO())


def seed_incident() -> Incident:
    """The seed's lead story (its lede's "a number of its forces have been killed")."""
    return Incident.objects.get(claims__quote__contains="a number of its forces have been killed")


@pytest.fixture
def reader_page(page, transactional_db, sign_in):
    UserFactory(username="reader", groups=[VIEWER])
    sign_in(page, "reader")
    return page


def _open(page, incident: Incident, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/incidents/{incident.pk}/")
    expect(page.locator("#accounts-panel")).to_be_visible()


def _contradiction_pairs(page) -> list[str]:
    return page.locator("#account-links .account-link--contradicts").evaluate_all(
        "rows => rows.map(row => row.dataset.pair)")


def test_seed_incident_before_and_after_both_statements_join_shows_the_dispute_first(reader_page, screenshot):
    ingest(SEED, "Press TV")
    for width in (1440, 390):
        _open(reader_page, seed_incident(), width)
        screenshot(reader_page, f"accounts-seed-before-{width}")

    for path, publisher in STATEMENTS:
        ingest(path, publisher)
    incident = seed_incident()
    _open(reader_page, incident, 1440)

    top = reader_page.locator("#accounts-panel").bounding_box()["y"]
    assert top < 900
    assert reader_page.locator("#fatalities-total").bounding_box()["y"] < 900  # the table by side too
    pairs = _contradiction_pairs(reader_page)
    assert pairs and len(pairs) == len(set(pairs))
    expect(reader_page.locator("#fatalities-total")).to_contain_text("99")
    expect(reader_page.locator('tr[data-group="Armenia forces"]')).to_contain_text("49")
    expect(reader_page.locator('tr[data-group="Azerbaijan forces"]')).to_contain_text("50")
    expect(reader_page.locator("h1")).to_contain_text("Goris")
    screenshot(reader_page, "accounts-seed-after-1440")
    _open(reader_page, incident, 390)
    screenshot(reader_page, "accounts-seed-after-390")


def test_a_claim_anchor_in_the_fatalities_table_leads_to_its_card(reader_page):
    ingest(SEED, "Press TV")
    for path, publisher in STATEMENTS:
        ingest(path, publisher)
    _open(reader_page, seed_incident(), 1440)

    anchor = reader_page.locator('tr[data-group="Armenia forces"] a').first
    target = anchor.get_attribute("href")
    anchor.click()
    expect(reader_page.locator(target)).to_be_in_viewport()
