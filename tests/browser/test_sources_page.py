"""An analyst in Chromium: the sources page shows a failing feed, and the incident list narrows to one feed."""
import pytest
from playwright.sync_api import expect

from feeds.choices import PollOutcome
from incidents.roles import ANALYST
from tests.factories import ArticleFactory, ClaimFactory, IncidentFactory, UserFactory
from tests.feeds.factories import FeedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_failing_source_is_shown_and_its_incidents_are_one_click_away(page, sign_in, screenshot):
    analyst = UserFactory(username="analyst", groups=[ANALYST])
    FeedFactory(name="Broken outlet", last_outcome=PollOutcome.FAILED,
                last_error="no complete answer within 20 s (timed out)")
    feed = FeedFactory(name="Armenian MoD news", last_outcome=PollOutcome.OK)
    fed = IncidentFactory(title="Shelling near Goris")
    IncidentFactory(title="Protest in Yerevan", event_type="protests", sub_event_type="Peaceful protest")
    article = ArticleFactory()
    feed.entries.create(entry_id="goris-1", state="stored", article=article)
    ClaimFactory(incident=fed, article=article)
    sign_in(page, analyst.username)

    page.get_by_role("link", name="Sources").first.click()
    expect(page.get_by_role("alert")).to_contain_text("Broken outlet: no complete answer within 20 s (timed out)")
    screenshot(page, "sources")
    page.locator(f"tr[data-feed='{feed.pk}'] a[title='Incidents from this source']").click()

    expect(page.get_by_role("link", name="Shelling near Goris")).to_be_visible()
    expect(page.get_by_role("link", name="Protest in Yerevan")).to_have_count(0)
    expect(page.get_by_label("From feed")).to_have_value(str(feed.pk))
