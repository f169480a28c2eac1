"""Sitemap indexes: the sitemaps an index lists are read in turn, within bounds; a loop is refused, visibly."""
import pytest
from django.urls import reverse

from feeds import sitemaps
from feeds.choices import FeedKind, PollOutcome
from feeds.services import feed_poll
from tests.feeds.factories import FeedFactory
from tests.feeds.pages import ARMENIAN, AZERBAIJANI, news_page, sample_text
from tests.feeds.server import Huge, Page

pytestmark = pytest.mark.django_db
XML = "application/xml"


def index(*locations: str) -> str:
    rows = "".join(f"<sitemap><loc>{location}</loc></sitemap>" for location in locations)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'


def urlset(*pages: tuple[str, str]) -> str:
    rows = "".join(f"<url><loc>{location}</loc><news:news><news:publication_date>2022-09-13</news:publication_date>"
                   f"<news:title>{title}</news:title></news:news></url>" for location, title in pages)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>')


def sitemap_feed(server, **feed):
    return FeedFactory(name="Outlet sitemap", kind=FeedKind.SITEMAP, url=server.url("/sitemap.xml"), **feed)


def test_an_index_leads_to_the_pages_of_both_its_sitemaps(server, analyst_client):
    for path, sample in (("/news/goris", ARMENIAN), ("/news/lachin", AZERBAIJANI)):
        title, body = sample_text(sample)
        server.routes[path] = Page(news_page(body, title=title))
    server.routes["/sitemap.xml"] = Page(index(server.url("/sitemap-news.xml"), "/sitemap-2022-09.xml"), XML)
    server.routes["/sitemap-news.xml"] = Page(urlset((server.url("/news/goris"), "Goris shelled")), XML)
    server.routes["/sitemap-2022-09.xml"] = Page(urlset((server.url("/news/lachin"), "Lachin shelled")), XML)
    feed = sitemap_feed(server)

    poll = feed_poll(feed=feed)

    assert (poll.outcome, poll.entries_seen, poll.entries_new) == (PollOutcome.OK, 2, 2)
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "Goris shelled" in page and "Lachin shelled" in page
    assert page.count("Stored as an article") == 2


def test_an_index_that_leads_back_to_itself_is_refused_and_the_feed_shows_why(server, analyst_client):
    server.routes["/sitemap.xml"] = Page(index(server.url("/sitemap-a.xml")), XML)
    server.routes["/sitemap-a.xml"] = Page(index(server.url("/sitemap.xml")), XML)
    feed = sitemap_feed(server)

    poll = feed_poll(feed=feed)

    assert poll.outcome == PollOutcome.FAILED
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "Failing" in page and "the sitemap index loops" in page and "sitemap-a.xml" in page


def test_indexes_nested_deeper_than_the_limit_are_refused(server):
    server.routes["/sitemap.xml"] = Page(index(server.url("/level-2.xml")), XML)
    server.routes["/level-2.xml"] = Page(index(server.url("/level-3.xml")), XML)
    server.routes["/level-3.xml"] = Page(index(server.url("/level-4.xml")), XML)

    poll = feed_poll(feed=sitemap_feed(server))

    assert poll.outcome == PollOutcome.FAILED and "nested more than 2 deep" in poll.error
    assert "/level-4.xml" not in [path for path, _ in server.requests]


def test_only_so_many_sitemaps_are_read_per_poll_and_the_rest_are_counted(server, monkeypatch):
    monkeypatch.setattr(sitemaps, "MAX_SITEMAPS", 1)
    server.routes["/sitemap.xml"] = Page(index(server.url("/one.xml"), server.url("/two.xml")), XML)
    server.routes["/one.xml"] = Page(urlset(), XML)
    server.routes["/two.xml"] = Page(urlset(), XML)

    poll = feed_poll(feed=sitemap_feed(server))

    assert poll.outcome == PollOutcome.OK and "1 more sitemaps not read" in poll.error
    assert "/two.xml" not in [path for path, _ in server.requests]


def test_a_listed_sitemap_over_the_size_cap_is_named_and_the_others_still_read(server, quick_limits):
    quick_limits.KB_FEED_MAX_BYTES = 2 * 1024 * 1024
    server.routes["/sitemap.xml"] = Page(index(server.url("/huge.xml"), server.url("/news.xml")), XML)
    server.routes["/huge.xml"] = Huge(megabytes=10)
    server.routes["/news.xml"] = Page(urlset((server.url("/missing"), "A page")), XML)

    poll = feed_poll(feed=sitemap_feed(server))

    assert poll.outcome == PollOutcome.OK and poll.entries_seen == 1
    assert "huge.xml could not be read (the response is more than the 2.0 MB limit)" in poll.error


def test_an_index_is_fetched_in_full_each_poll_so_a_changed_sitemap_is_seen(server):
    server.routes["/sitemap.xml"] = Page(index(server.url("/news.xml")), XML, headers={"ETag": '"index-v1"'})
    server.routes["/news.xml"] = Page(urlset(), XML)
    feed = sitemap_feed(server)
    feed_poll(feed=feed)
    server.routes["/news.xml"] = Page(urlset((server.url("/missing"), "A new page")), XML)

    poll = feed_poll(feed=feed)

    assert poll.entries_seen == 1
    assert all("If-None-Match" not in headers for path, headers in server.requests if path == "/sitemap.xml")
