"""Polling real feeds over HTTP from a local server: what reaches the knowledge base, and what the analyst sees."""
import pytest
from django.urls import reverse

from feeds.choices import EntryState, FeedKind, PollOutcome
from feeds.models import FeedEntry
from feeds.services import feed_poll
from incidents.choices import IngestStatus
from incidents.models import Article, Incident
from tests.feeds.factories import FeedFactory
from tests.feeds.pages import ARMENIAN, AZERBAIJANI, atom, news_page, rss, sample_text
from tests.feeds.server import Huge, Page, Redirect, Slow

pytestmark = pytest.mark.django_db


def serve_article(server, path: str, sample, **page) -> str:
    title, body = sample_text(sample)
    server.routes[path] = Page(news_page(body, title=title, **page))
    return server.url(path)


def rss_feed(server, items, *, path="/feed.xml", **feed):
    server.routes[path] = Page(rss(items), "application/rss+xml", headers={"ETag": '"v1"'})
    return FeedFactory(url=server.url(path), kind=FeedKind.RSS, **feed)


def test_rss_entries_become_articles_and_incidents_the_analyst_can_filter_by_feed(server, analyst_client):
    link = serve_article(server, "/news/goris", ARMENIAN, published="2022-09-13T08:00:00Z")
    feed = rss_feed(server, [{"title": "Goris shelled", "link": link, "date": "Tue, 13 Sep 2022 08:00:00 GMT"}],
                    publisher__name="Armenian MoD")

    poll = feed_poll(feed=feed)

    article = Article.objects.get()
    assert (poll.outcome, poll.entries_new) == (PollOutcome.OK, 1)
    assert article.status == IngestStatus.DONE and article.publisher.name == "Armenian MoD"
    assert article.url == link and article.feed_entries.get().feed == feed
    incidents = Incident.objects.filter(claims__article=article).distinct()
    assert incidents.exists()
    listed = analyst_client.get(reverse("incidents:incident_list"), {"feed": feed.pk}).content.decode()
    assert incidents.first().title in listed
    other = FeedFactory(name="Quiet feed")
    assert incidents.first().title not in analyst_client.get(
        reverse("incidents:incident_list"), {"feed": other.pk}).content.decode()


def test_atom_feed_entries_are_stored_with_the_entry_date_when_the_page_has_none(server):
    title, body = sample_text(AZERBAIJANI)
    server.routes["/press/1"] = Page(news_page(body, title=title))
    server.routes["/atom.xml"] = Page(atom([{"id": "urn:press:1", "title": title, "link": server.url("/press/1"),
                                             "published": "2022-09-13T06:30:00Z"}]), "application/atom+xml")
    feed = FeedFactory(url=server.url("/atom.xml"), kind=FeedKind.ATOM)

    feed_poll(feed=feed)

    article = Article.objects.get()
    assert article.published_at.isoformat() == "2022-09-13T06:30:00+00:00"
    assert FeedEntry.objects.get().entry_id == "urn:press:1"


def test_repolling_an_unchanged_feed_sends_its_etag_and_adds_nothing(server, analyst_client):
    link = serve_article(server, "/news/goris", ARMENIAN)
    feed = rss_feed(server, [{"title": "Goris", "link": link}])
    feed_poll(feed=feed)
    changed = Page(rss([]), "application/rss+xml")
    server.routes["/feed.xml"] = lambda handler: (
        Page("", status=304) if handler.headers.get("If-None-Match") == '"v1"' else changed)

    poll = feed_poll(feed=feed)

    assert poll.outcome == PollOutcome.NOT_MODIFIED
    assert (Article.objects.count(), FeedEntry.objects.count()) == (1, 1)
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "Not modified (304)" in page


def test_a_feed_that_is_not_a_feed_shows_as_failing_with_the_reason(server, analyst_client):
    server.routes["/broken.xml"] = Page("<html><body><h1>Service unavailable</h1></body></html>", "text/html")
    feed = FeedFactory(name="Broken outlet", url=server.url("/broken.xml"))

    feed_poll(feed=feed)

    feed.refresh_from_db()
    assert feed.last_outcome == PollOutcome.FAILED and feed.consecutive_failures == 1
    page = analyst_client.get(reverse("feeds:source_list")).content.decode()
    assert "1 source failing" in page and "Broken outlet" in page and "not a readable RSS or Atom feed" in page


def test_an_ill_formed_feed_is_read_as_far_as_it_goes_and_the_flaw_shown(server, analyst_client):
    link = serve_article(server, "/news/goris", ARMENIAN)
    server.routes["/sloppy.xml"] = Page(rss([{"title": "Goris", "link": link}]).replace("</channel></rss>", "<item>"),
                                        "application/rss+xml")
    feed = FeedFactory(url=server.url("/sloppy.xml"))

    poll = feed_poll(feed=feed)

    assert poll.outcome == PollOutcome.OK and Article.objects.count() == 1
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "the feed is ill-formed" in page


def test_feed_that_times_out_is_failing_and_polled_again_later(server, analyst_client):
    server.routes["/slow.xml"] = Slow(3, Page(rss([]), "application/rss+xml"))
    feed = FeedFactory(name="Slow outlet", url=server.url("/slow.xml"))

    feed_poll(feed=feed)

    feed.refresh_from_db()
    assert feed.is_failing and "timed out" in feed.last_error
    assert feed.next_poll_at is not None and feed.enabled
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "Failing" in page and "timed out" in page


def test_a_50_mb_page_is_refused_and_its_entry_kept_with_the_reason(server, analyst_client):
    server.routes["/huge"] = Huge(50)
    feed = rss_feed(server, [{"title": "Enormous page", "link": server.url("/huge")}])

    poll = feed_poll(feed=feed)

    entry = FeedEntry.objects.get()
    assert poll.outcome == PollOutcome.OK and poll.entries_failed == 1
    assert entry.state == EntryState.FAILED and "more than the 5.0 MB limit" in entry.error
    assert Article.objects.count() == 0
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "Enormous page" in page and "more than the 5.0 MB limit" in page and "next try" in page


def test_a_redirect_loop_fails_the_entry_and_says_so(server, analyst_client):
    server.routes["/loop/a"] = Redirect("/loop/b")
    server.routes["/loop/b"] = Redirect("/loop/a")
    feed = rss_feed(server, [{"title": "Going round", "link": server.url("/loop/a")}])

    feed_poll(feed=feed)

    entry = FeedEntry.objects.get()
    assert entry.state == EntryState.FAILED and "redirect loop" in entry.error
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "redirect loop" in page


def test_a_failed_entry_is_retried_and_stored_once_the_page_is_back(server):
    feed = rss_feed(server, [{"title": "Goris", "link": server.url("/news/goris")}])
    server.routes["/news/goris"] = Page("busy", "text/plain", status=503)
    feed_poll(feed=feed)
    assert FeedEntry.objects.get().state == EntryState.FAILED
    serve_article(server, "/news/goris", ARMENIAN)
    FeedEntry.objects.update(next_attempt_at=None)  # the backoff has passed

    feed_poll(feed=feed)

    entry = FeedEntry.objects.get()
    assert entry.state == EntryState.STORED and entry.attempts == 2 and entry.error == ""
    assert entry.article.status == IngestStatus.DONE


def test_an_entry_given_up_after_the_attempt_limit_stays_visible(server, settings):
    settings.KB_FEED_ENTRY_MAX_ATTEMPTS = 2
    feed = rss_feed(server, [{"title": "Gone", "link": server.url("/gone")}])
    for _ in range(2):
        feed_poll(feed=feed)
        FeedEntry.objects.update(next_attempt_at=None)

    entry = FeedEntry.objects.get()
    assert entry.state == EntryState.GAVE_UP and "gave up after 2 attempts" in entry.error
    assert "404" in entry.error


def test_an_entry_updated_at_the_same_url_updates_its_one_article(server, analyst_client):
    title, body = sample_text(ARMENIAN)
    server.routes["/news/goris"] = Page(news_page(body, title=title))
    entry = {"id": "urn:goris", "title": title, "link": server.url("/news/goris"), "published": "2022-09-13T06:00:00Z"}
    server.routes["/atom.xml"] = Page(atom([entry]), "application/atom+xml")
    feed = FeedFactory(url=server.url("/atom.xml"), kind=FeedKind.ATOM)
    feed_poll(feed=feed)
    update = "Update: the ministry later said two Armenian servicemen were killed in the shelling near Goris."
    server.routes["/news/goris"] = Page(news_page(f"{body}\n\n{update}", title=title))
    server.routes["/atom.xml"] = Page(atom([{**entry, "updated": "2022-09-13T12:00:00Z"}]), "application/atom+xml")

    feed_poll(feed=feed)

    article = Article.objects.get()
    assert update in article.text and article.status == IngestStatus.DONE
    assert len(FeedEntry.objects.get().revisions) == 2
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "2 revisions stored" in page


def test_the_same_article_under_two_urls_is_stored_once(server, analyst_client):
    canonical = server.url("/news/goris")
    serve_article(server, "/news/goris", ARMENIAN, canonical=canonical)
    serve_article(server, "/amp/goris", ARMENIAN, canonical=canonical, chrome="<div>AMP edition</div>")
    feed = rss_feed(server, [{"title": "Goris", "link": canonical},
                             {"title": "Goris (AMP)", "link": server.url("/amp/goris?utm_source=rss")}])

    feed_poll(feed=feed)

    article = Article.objects.get()
    states = dict(FeedEntry.objects.values_list("title", "state"))
    assert states == {"Goris": EntryState.STORED, "Goris (AMP)": EntryState.DUPLICATE}
    assert set(FeedEntry.objects.values_list("article", flat=True)) == {article.pk}
    page = analyst_client.get(reverse("feeds:source_detail", args=[feed.pk])).content.decode()
    assert "Already known" in page


def test_the_same_text_at_two_urls_without_a_canonical_link_is_stored_once(server):
    serve_article(server, "/a/goris", ARMENIAN)
    serve_article(server, "/b/goris", ARMENIAN, chrome="<div class='banner'>Other edition</div>")
    feed = rss_feed(server, [{"title": "A", "link": server.url("/a/goris")},
                             {"title": "B", "link": server.url("/b/goris")}])

    feed_poll(feed=feed)

    assert Article.objects.count() == 1
    assert sorted(FeedEntry.objects.values_list("state", flat=True)) == [EntryState.DUPLICATE, EntryState.STORED]
