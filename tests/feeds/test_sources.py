"""Other kinds of source (JSON Feed, sitemap, watched folder), the admin, and `manage.py watch`."""
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from feeds.choices import EntryState, FeedKind, PollOutcome
from feeds.models import Feed, FeedEntry
from feeds.parsing import FeedParseError, parse_feed
from feeds.services import feed_poll
from incidents.models import Article, Incident
from tests.factories import PublisherFactory
from tests.feeds.factories import FeedFactory
from tests.feeds.pages import ARMENIAN, news_page, rss, sample_text
from tests.feeds.server import Page

pytestmark = pytest.mark.django_db


def test_json_feed_items_are_read_with_their_dates():
    content = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Outlet", "items": [
        {"id": "1", "url": "https://example.org/a", "title": "A", "date_published": "2022-09-13T06:00:00Z"},
    ]}).encode()

    [item] = parse_feed(content, "json_feed").items

    assert (item.entry_id, item.url, item.published_at.isoformat()) == (
        "1", "https://example.org/a", "2022-09-13T06:00:00+00:00")


def test_news_sitemap_urls_are_read_with_their_titles_and_dates():
    content = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://example.org/a</loc>
      <news:news><news:publication_date>2022-09-13</news:publication_date><news:title>Shelling</news:title>
      </news:news></url></urlset>"""

    [item] = parse_feed(content, "sitemap").items

    assert (item.url, item.title, item.published_at.date().isoformat()) == ("https://example.org/a", "Shelling",
                                                                             "2022-09-13")


def test_a_sitemap_index_is_read_as_the_sitemaps_it_lists():
    content = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://example.org/news.xml</loc></sitemap><sitemap><loc>/2022-09.xml</loc></sitemap>
      </sitemapindex>"""

    parsed = parse_feed(content, "sitemap", base_url="https://example.org/sitemap.xml")

    assert (parsed.items, parsed.sitemaps) == ([], ("https://example.org/news.xml", "https://example.org/2022-09.xml"))


def test_an_empty_sitemap_index_is_refused():
    content = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>'
    with pytest.raises(FeedParseError, match="lists no sitemaps"):
        parse_feed(content, "sitemap")


def test_files_dropped_in_a_watched_folder_become_articles_once(quick_limits):
    inbox = quick_limits.KB_FEED_FOLDER_ROOT / "mod"
    inbox.mkdir(parents=True)
    (inbox / "goris.txt").write_text(ARMENIAN.read_text())
    feed = FeedFactory(kind=FeedKind.FOLDER, url="", path="mod")

    feed_poll(feed=feed)
    feed_poll(feed=feed)

    assert Article.objects.get().original_filename == "goris.txt"
    assert FeedEntry.objects.get().state == EntryState.STORED


def test_a_watched_folder_outside_the_folder_root_is_refused(quick_limits):
    feed = FeedFactory(kind=FeedKind.FOLDER, url="", path="../../etc")

    poll = feed_poll(feed=feed)

    assert poll.outcome == PollOutcome.FAILED and "must be inside" in poll.error


def test_staff_add_a_feed_in_the_admin_and_the_watcher_turns_it_into_incidents(server, staff_client, analyst_client):
    title, body = sample_text(ARMENIAN)
    server.routes["/news/goris"] = Page(news_page(body, title=title, published="2022-09-13T08:00:00Z"))
    server.routes["/feed.xml"] = Page(rss([{"title": title, "link": server.url("/news/goris")}]),
                                      "application/rss+xml")
    publisher = PublisherFactory(name="Armenian MoD")
    response = staff_client.post(reverse("admin:feeds_feed_add"), {
        "name": "Armenian MoD news", "publisher": publisher.pk, "kind": "rss", "url": server.url("/feed.xml"),
        "path": "", "language": "en", "poll_interval": 300, "enabled": "on",
        "polls-TOTAL_FORMS": 0, "polls-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302, response.content.decode()[:2000]

    call_command("watch", "--once")

    feed = Feed.objects.get()
    incident = Incident.objects.filter(claims__article__feed_entries__feed=feed).distinct().first()
    assert incident is not None
    assert incident.title in analyst_client.get(reverse("incidents:incident_list")).content.decode()
    sources = analyst_client.get(reverse("feeds:source_list")).content.decode()
    assert "Armenian MoD news" in sources and "1 new" in sources


def test_the_admin_says_a_feed_needs_its_url():
    feed = Feed(name="No address", kind=FeedKind.RSS, url="")
    with pytest.raises(Exception, match="needs its URL"):
        feed.full_clean()


def test_a_feed_is_polled_again_only_after_its_interval(server):
    server.routes["/feed.xml"] = Page(rss([]), "application/rss+xml")
    FeedFactory(url=server.url("/feed.xml"), poll_interval=600)

    call_command("watch", "--once")
    call_command("watch", "--once")

    assert len([path for path, _ in server.requests if path == "/feed.xml"]) == 1


def test_the_admin_refuses_a_poll_interval_under_thirty_seconds(staff_client):
    response = staff_client.post(reverse("admin:feeds_feed_add"), {
        "name": "Too eager", "kind": "rss", "url": "https://example.org/feed.xml", "path": "", "language": "",
        "poll_interval": 5, "enabled": "on", "polls-TOTAL_FORMS": 0, "polls-INITIAL_FORMS": 0,
    })

    assert response.status_code == 200 and "greater than or equal to 30" in response.content.decode()
    assert not Feed.objects.exists()


def test_a_disabled_feed_is_not_polled(server):
    server.routes["/feed.xml"] = Page(rss([]), "application/rss+xml")
    FeedFactory(url=server.url("/feed.xml"), enabled=False)

    call_command("watch", "--once")

    assert server.requests == []


def test_the_article_page_names_the_feed_and_entry_it_came_from(server, analyst_client):
    title, body = sample_text(ARMENIAN)
    server.routes["/news/goris"] = Page(news_page(body, title=title))
    item = {"title": title, "link": server.url("/news/goris"), "guid": "urn:mod:goris-1"}
    server.routes["/feed.xml"] = Page(rss([item]), "application/rss+xml")
    feed = FeedFactory(name="Armenian MoD news", url=server.url("/feed.xml"))
    feed_poll(feed=feed)

    page = analyst_client.get(reverse("incidents:article_detail", args=[Article.objects.get().pk])).content.decode()

    assert "from <a" in page and "Armenian MoD news" in page and "entry urn:mod:goris-1" in page
